import msgpackParser from 'socket.io-msgpack-parser';
import { encodeAckPacket, PreEncodedAck } from './ack-frame.js';

type Packet = { data?: unknown } & Record<string, unknown>;

const tag = (value: unknown): string => Object.prototype.toString.call(value);

/**
 * Binary values as Buffers, so the msgpack parser writes each one as a plain `bin`. It would
 * write any other view as its whole underlying ArrayBuffer (wrong bytes), and the Redis adapter
 * hands over broadcasts from other instances as Uint8Array views into a larger message.
 */
export function toBuffers(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Buffer.isBuffer(value)) return value;
  if (ArrayBuffer.isView(value)) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (tag(value) === '[object ArrayBuffer]') return Buffer.from(value as ArrayBuffer);
  if (Array.isArray(value)) return value.map(toBuffers);
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) out[key] = toBuffers(entry);
    return out;
  }
  return value;
}

const ACK = 3;

class BufferEncoder extends msgpackParser.Encoder {
  override encode(packet: Packet) {
    const [only, ...rest] = Array.isArray(packet.data) ? packet.data : [];
    if (packet.type === ACK && only instanceof PreEncodedAck && !rest.length) {
      // The parser's typings say ArrayBuffer, but encoders return a list of frames (one here).
      return [encodeAckPacket(packet as { type: number; nsp: string; id: number }, only)] as unknown as ArrayBuffer;
    }
    return super.encode(packet.data === undefined ? packet : { ...packet, data: toBuffers(packet.data) });
  }
}

/** `socket.io-msgpack-parser` for the server: one frame per binary message, views fixed up, large sync acks pre-encoded. */
export const serverParser = { Encoder: BufferEncoder, Decoder: msgpackParser.Decoder, protocol: msgpackParser.protocol };
