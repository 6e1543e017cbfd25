import { describe, expect, it } from '@jest/globals';
import { Server } from 'socket.io';
import * as ws from 'ws';
import { preEncodeBinaryBroadcasts, websocketBinaryFrame } from './broadcast-frames.js';
import { serverParser } from './socket-parser.js';

/** ws's frame parser: a named export of its ES module, but not declared by @types/ws. */
interface FrameReceiver {
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  write(chunk: Buffer): void;
}
const { Receiver } = ws as unknown as { Receiver: new (options: { isServer: boolean; maxPayload: number }) => FrameReceiver };

/** What a client's WebSocket (ws, as used by socket.io-client in Node) reads from the frame. */
function receive(frame: Buffer[]): Promise<{ data: Buffer; isBinary: boolean }> {
  return new Promise((resolve, reject) => {
    const receiver = new Receiver({ isServer: false, maxPayload: 0 });
    receiver.on('message', (data: Buffer, isBinary: boolean) => resolve({ data, isBinary }));
    receiver.on('error', reject);
    receiver.write(Buffer.concat(frame));
  });
}

describe('pre-built binary broadcast frames', () => {
  // Each length sits at a boundary of the frame's length encoding (7 bit, 16 bit, 64 bit) or of the single-buffer limit.
  it.each([0, 1, 125, 126, 16_384, 16_385, 65_535, 65_536, 200_000])('a client reads %i payload bytes back exactly', async (length) => {
    const payload = Buffer.alloc(length);
    for (let i = 0; i < length; i++) payload[i] = (i * 31 + 7) & 0xff;
    const frame = websocketBinaryFrame(payload);
    expect(frame.length).toBe(length <= 16_384 ? 1 : 2);
    const { data, isBinary } = await receive(frame);
    expect(isBinary).toBe(true);
    expect(data.equals(payload)).toBe(true);
  });

  it('frames a view into a larger buffer by its own bytes only', async () => {
    const backing = Buffer.from('xxxxPAYLOADyyyy');
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 4, 7);
    const { data } = await receive(websocketBinaryFrame(view));
    expect(data.toString()).toBe('PAYLOAD');
  });

  // The hook sits on an internal method of socket.io-adapter; an upgrade that renames it would
  // quietly fall back to per-recipient framing. This fails instead.
  it('hooks the installed Socket.IO adapter, so a binary broadcast carries its frame', async () => {
    // Not attached to an HTTP server: no engine, nothing to close.
    const nsp = new Server({ parser: serverParser }).of('/collab');
    const adapter = nsp.adapter as unknown as { _encode?: (packet: unknown, options: Record<string, unknown>) => unknown[] };
    expect(typeof adapter._encode).toBe('function');
    preEncodeBinaryBroadcasts(nsp);
    const options: { wsPreEncodedFrame?: Buffer[] } = {};
    const packet = { type: 2, nsp: '/collab', data: ['doc:update', { docId: 'd', update: Buffer.from([1, 2, 3]) }] };
    const [encoded] = adapter._encode!(packet, options) as Uint8Array[];
    expect(options.wsPreEncodedFrame).toBeDefined();
    const { data } = await receive(options.wsPreEncodedFrame!);
    expect(data.equals(Buffer.from(encoded!))).toBe(true);
  });
});
