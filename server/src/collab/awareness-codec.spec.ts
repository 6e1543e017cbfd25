import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Awareness, encodeAwarenessUpdate as encodeWithYProtocols } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { decodeAwarenessUpdate, encodeAwarenessUpdate, MAX_AWARENESS_ENTRIES } from './awareness-codec.js';

describe('awareness codec', () => {
  it('reads what y-protocols writes and writes what it reads', () => {
    const doc = new Y.Doc();
    const awareness = new Awareness(doc);
    awareness.setLocalState({ user: { name: 'Paul', color: '#0072B2' }, cursor: { lon: 7, lat: 51.5 } });
    const bytes = encodeWithYProtocols(awareness, [doc.clientID]);
    const entries = decodeAwarenessUpdate(bytes)!;
    expect(entries).toEqual([
      { clientId: doc.clientID, clock: expect.any(Number), state: { user: { name: 'Paul', color: '#0072B2' }, cursor: { lon: 7, lat: 51.5 } } },
    ]);
    const again = encodeAwarenessUpdate(entries.map((e) => ({ clientId: e.clientId, clock: e.clock, json: JSON.stringify(e.state) })));
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    awareness.destroy();
  });

  it('returns null for anything malformed, never throws', () => {
    expect(decodeAwarenessUpdate(new Uint8Array([1, 5, 1, 3, 0x7b, 0x7b, 0x7b]))).toBeNull(); // "{{{" is no JSON
    expect(decodeAwarenessUpdate(encodeAwarenessUpdate([{ clientId: 1, clock: 1, json: '[1,2]' }]))).toBeNull();
    expect(decodeAwarenessUpdate(new Uint8Array([MAX_AWARENESS_ENTRIES + 1]))).toBeNull();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => decodeAwarenessUpdate(bytes) === null || Array.isArray(decodeAwarenessUpdate(bytes))),
    );
  });
});
