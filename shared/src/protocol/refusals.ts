/** Megabytes as people read them: at most two decimals, in the message's own number format. */
export const megabytes = (bytes: number, locale: string) => (bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 2 });

/**
 * Why a change was not saved because it alone exceeds the update limit. One text for the
 * server's TOO_LARGE ack and for the provider, which keeps such a change local instead of sending it.
 */
export function updateTooLargeText(bytes: number, maxBytes: number): { de: string; en: string } {
  return {
    de: `Die Änderung ist mit ${megabytes(bytes, 'de-DE')} MB zu groß (höchstens ${megabytes(maxBytes, 'de-DE')} MB) und wurde nicht gespeichert.`,
    en: `At ${megabytes(bytes, 'en-GB')} MB the change is too large (at most ${megabytes(maxBytes, 'en-GB')} MB) and was not saved.`,
  };
}
