import { describe, expect, it } from '@jest/globals';
import msgpackParser from 'socket.io-msgpack-parser';
import { encodeSyncAckFrame, PreEncodedAck } from './ack-frame.js';
import { serverParser } from './socket-parser.js';

/** What a client's msgpack decoder makes of the frames the server's encoder writes. */
function decode(frames: unknown): Record<string, unknown> {
  const decoder = new msgpackParser.Decoder();
  let packet: Record<string, unknown> | undefined;
  decoder.on('decoded', (p: Record<string, unknown>) => (packet = p));
  for (const frame of frames as Buffer[]) decoder.add(frame);
  return packet!;
}

describe('pre-encoded sync acks', () => {
  const update = Buffer.from(Array.from({ length: 20_000 }, (_, i) => i % 251));
  const stateVector = Buffer.from([2, 7, 1, 9, 3]);

  it.each([5, 200, 70_000, 4_000_000_000])('decode like the ordinary ack (ack id %i)', (id) => {
    const encoder = new serverParser.Encoder();
    const packet = { type: 3, nsp: '/collab', id };
    const pre = decode(encoder.encode({ ...packet, data: [new PreEncodedAck(encodeSyncAckFrame(update, stateVector))] }));
    const plain = decode(encoder.encode({ ...packet, data: [{ ok: true, update, stateVector }] }));
    expect(pre).toEqual(plain);
    expect(pre).toEqual({ ...packet, data: [{ ok: true, update, stateVector }] });
  });

  it('sends the worker-written bytes as they are: no copy of the update on the main thread', () => {
    const frame = encodeSyncAckFrame(update, stateVector);
    const [sent] = new serverParser.Encoder().encode({ type: 3, nsp: '/collab', id: 1, data: [new PreEncodedAck(frame)] }) as unknown as Buffer[];
    expect(sent!.buffer).toBe(frame.buffer);
  });

  it('refuses what the header room cannot hold, instead of writing a broken frame', () => {
    const ack = new PreEncodedAck(encodeSyncAckFrame(update, stateVector));
    expect(() => new serverParser.Encoder().encode({ type: 3, nsp: '/'.padEnd(40, 'x'), id: 1, data: [ack] })).toThrow('short ASCII namespace');
  });
});
