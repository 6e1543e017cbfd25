/** Megabytes as people read them: at most two decimals, in the message's own number format. */
export const megabytes = (bytes: number, locale: string) => (bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 2 });

/**
 * Why a change was not saved because it alone exceeds the update limit, and what to do about it.
 * One text for the server's TOO_LARGE ack and for the provider, which keeps such a change local
 * instead of sending it; once the large content is gone, the next sync stores the rest.
 */
export function updateTooLargeText(bytes: number, maxBytes: number): { de: string; en: string } {
  return {
    de: `Die Änderung ist mit ${megabytes(bytes, 'de-DE')} MB zu groß (höchstens ${megabytes(maxBytes, 'de-DE')} MB) und wurde nicht gespeichert. Bitte den großen Inhalt kürzen oder löschen, etwa eingefügten Text oder eine sehr detaillierte Zeichnung; danach wird wieder gespeichert.`,
    en: `At ${megabytes(bytes, 'en-GB')} MB the change is too large (at most ${megabytes(maxBytes, 'en-GB')} MB) and was not saved. Please shorten or delete the large content, such as pasted text or a very detailed drawing; saving resumes after that.`,
  };
}
