/**
 * Sync answers of large documents, encoded for the wire in the document worker.
 *
 * The msgpack parser would copy a multi-megabyte `update` into a freshly allocated frame on
 * the event loop, and first-touching that memory blocks it for tens of milliseconds. Instead
 * the worker writes the ack's `data` part (`[{ok, update, stateVector}]`) behind some spare
 * bytes, and the socket parser only writes the packet header (type, nsp, id) into those spare
 * bytes and sends a view: the large bytes are never copied on the main thread. The frame is
 * ordinary msgpack, so clients decode it like any other ack.
 */

/** Answers with at least this many update bytes are pre-encoded. */
export const PRE_ENCODE_MIN_BYTES = 256 * 1024;
/** Room in front of the body for the packet header: fixmap, type, nsp (≤ 31 bytes), id, data key. */
const HEADER_ROOM = 64;

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
const fixstr = (text: string): number[] => [0xa0 | text.length, ...ascii(text)];

/** A sync ack whose msgpack body was written by the worker; `frame` starts with HEADER_ROOM spare bytes. */
export class PreEncodedAck {
  constructor(readonly frame: Uint8Array) {}
}

/** `[{ok: true, update, stateVector}]` as msgpack, behind HEADER_ROOM spare bytes. */
export function encodeSyncAckFrame(update: Uint8Array, stateVector: Uint8Array): Uint8Array {
  const head = [0x91, 0x83, ...fixstr('ok'), 0xc3, ...fixstr('update')];
  const middle = fixstr('stateVector');
  const size = HEADER_ROOM + head.length + 5 + update.length + middle.length + 5 + stateVector.length;
  const frame = new Uint8Array(size);
  const view = new DataView(frame.buffer);
  let at = HEADER_ROOM;
  frame.set(head, at);
  at += head.length;
  frame[at] = 0xc6; // bin 32
  view.setUint32(at + 1, update.length);
  frame.set(update, at + 5);
  at += 5 + update.length;
  frame.set(middle, at);
  at += middle.length;
  frame[at] = 0xc6;
  view.setUint32(at + 1, stateVector.length);
  frame.set(stateVector, at + 5);
  return frame;
}

/** The whole ACK packet `{type: 3, nsp, id, data}`: the header written into the spare bytes, returned as a view. */
export function encodeAckPacket(packet: { type: number; nsp: string; id: number }, ack: PreEncodedAck): Buffer {
  const { nsp, id } = packet;
  if (nsp.length > 31 || /[^\x20-\x7e]/.test(nsp) || !Number.isInteger(id) || id < 0 || id > 0xffffffff) {
    throw new Error('pre-encoded acks need a short ASCII namespace and a 32-bit ack id');
  }
  const idBytes = id < 0x80 ? [id] : id <= 0xffff ? [0xcd, id >> 8, id & 0xff] : [0xce, id >>> 24, (id >>> 16) & 0xff, (id >>> 8) & 0xff, id & 0xff];
  const header = [0x84, ...fixstr('type'), packet.type, ...fixstr('nsp'), ...fixstr(nsp), ...fixstr('id'), ...idBytes, ...fixstr('data')];
  const start = HEADER_ROOM - header.length;
  ack.frame.set(header, start);
  return Buffer.from(ack.frame.buffer, ack.frame.byteOffset + start, ack.frame.byteLength - start);
}
