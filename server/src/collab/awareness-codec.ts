import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The y-protocols awareness encoding, read and written without a Y.Doc:
 * varUint(count), then per client varUint(clientID), varUint(clock), varString(JSON state or "null").
 */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** Parsed JSON state; null removes the client. */
  state: Record<string, unknown> | null;
}

export const MAX_AWARENESS_ENTRIES = 64;
const MAX_STATE_CHARS = 8 * 1024;

/** The entries of an awareness update, or null when it is malformed (never throws). */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] | null {
  try {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_AWARENESS_ENTRIES) return null;
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = decoding.readVarString(decoder);
      if (json.length > MAX_STATE_CHARS) return null;
      const state: unknown = JSON.parse(json);
      if (state !== null && (typeof state !== 'object' || Array.isArray(state))) return null;
      entries.push({ clientId, clock, state: state as Record<string, unknown> | null });
    }
    return decoding.hasContent(decoder) ? null : entries;
  } catch {
    return null;
  }
}

export function encodeAwarenessUpdate(entries: readonly { clientId: number; clock: number; json: string }[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.json);
  }
  return encoding.toUint8Array(encoder);
}
