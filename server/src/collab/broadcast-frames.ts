import type { Namespace } from 'socket.io';
import { asBuffer } from './buffer-view.js';

type PacketOptions = { wsPreEncodedFrame?: Buffer[] } & Record<string, unknown>;
type BroadcastEncoder = (packet: unknown, options: PacketOptions) => unknown[];

/** Up to this size, header and payload go out as one buffer: one `write` instead of a corked `writev` per recipient. */
const SINGLE_BUFFER_MAX = 16 * 1024;

/**
 * Builds the WebSocket frame of a broadcast once, for every recipient.
 *
 * Socket.IO's adapter already does this for text packets (`wsPreEncodedFrame`, which engine.io
 * writes straight to the socket), but not for binary ones, and every msgpack packet is binary.
 * Without it each recipient of each edit runs ws's frame encoder and a two-buffer `writev`; in
 * the sync benchmark's profile that per-recipient work was the largest share of server CPU.
 *
 * The adapter's `_encode` (socket.io-adapter 2.5) is the one place that sees a broadcast's
 * encoded packet together with the options engine.io receives, for local and Redis-relayed
 * broadcasts alike. It is internal, so a missing `_encode` leaves the adapter as it is.
 */
export function preEncodeBinaryBroadcasts(nsp: Namespace): void {
  const adapter = nsp.adapter as unknown as { _encode?: BroadcastEncoder };
  const encode = adapter._encode?.bind(adapter);
  if (!encode) return;
  adapter._encode = (packet, options) => {
    const encoded = encode(packet, options);
    const [only] = encoded;
    if (encoded.length === 1 && only instanceof Uint8Array && !options.wsPreEncodedFrame) options.wsPreEncodedFrame = websocketBinaryFrame(only);
    return encoded;
  };
}

/** An unmasked, final, binary WebSocket frame (RFC 6455 §5.2) as the buffers to write. */
export function websocketBinaryFrame(payload: Uint8Array): Buffer[] {
  const length = payload.byteLength;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const single = length <= SINGLE_BUFFER_MAX;
  const frame = Buffer.allocUnsafe(single ? headerLength + length : headerLength);
  frame[0] = 0x82; // FIN, opcode 2 (binary)
  if (length < 126) frame[1] = length;
  else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  if (!single) return [frame, asBuffer(payload)];
  frame.set(payload, headerLength);
  return [frame];
}
