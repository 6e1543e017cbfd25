/**
 * Binary payloads on the wire. With `socket.io-msgpack-parser`, Node sends a `Buffer` and a
 * browser sends an `ArrayBuffer`; both arrive as msgpack `bin`. A plain `Uint8Array` view is
 * encoded by that parser as its whole underlying buffer (Node) or rejected (browser), so
 * senders convert with `toWireBytes` in the collab client.
 */
export type WireBytes = Uint8Array | ArrayBuffer;

// Tags instead of instanceof: buffers may come from another realm (worker, vm context, jest).
const tag = (value: unknown): string => Object.prototype.toString.call(value);

export function isWireBytes(value: unknown): value is WireBytes {
  const t = tag(value);
  return t === '[object Uint8Array]' || t === '[object ArrayBuffer]';
}

/** A Uint8Array over the same memory, or null when the value is no byte payload. */
export function asUint8Array(value: unknown): Uint8Array | null {
  const t = tag(value);
  if (t === '[object Uint8Array]') return value as Uint8Array;
  if (t === '[object ArrayBuffer]') return new Uint8Array(value as ArrayBuffer);
  return null;
}
