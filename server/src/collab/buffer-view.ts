/**
 * The same bytes as a Node Buffer, without copying. pg sends Buffers as binary parameters, and
 * the msgpack parser writes only Buffers correctly (any other view as its whole underlying
 * ArrayBuffer, see socket-parser.ts).
 */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
