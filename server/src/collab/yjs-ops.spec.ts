import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import * as Y from 'yjs';
import { checkUpdate, diffState, mergeParts, restoreUpdate } from './yjs-ops.js';

type Op =
  | { kind: 'set'; key: string; value: number }
  | { kind: 'del'; key: string }
  | { kind: 'ins'; at: number; text: string }
  | { kind: 'cut'; at: number; len: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom('a', 'b', 'c', 'd'), value: fc.integer() }),
  fc.record({ kind: fc.constant('del' as const), key: fc.constantFrom('a', 'b', 'c', 'd') }),
  fc.record({ kind: fc.constant('ins' as const), at: fc.nat(20), text: fc.string({ maxLength: 5 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(20), len: fc.nat(4) }),
);

function apply(doc: Y.Doc, op: Op): void {
  const map = doc.getMap<number>('annotations');
  const text = doc.getText('minutes');
  if (op.kind === 'set') map.set(op.key, op.value);
  else if (op.kind === 'del') map.delete(op.key);
  else if (op.kind === 'ins') text.insert(Math.min(op.at, text.length), op.text);
  else text.delete(Math.min(op.at, text.length), Math.max(0, Math.min(op.len, text.length - Math.min(op.at, text.length))));
}

const content = (doc: Y.Doc) => ({ map: doc.getMap('annotations').toJSON(), text: doc.getText('minutes').toString() });

describe('checkUpdate', () => {
  it('tells content from deletions and refuses empty or undecodable bytes', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('k', 1);
    expect(checkUpdate(Y.encodeStateAsUpdate(doc))).toBe('content');
    const deletions: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => deletions.push(update));
    doc.getMap('m').delete('k');
    expect(deletions.map(checkUpdate)).toEqual(['deletions']);
    expect(checkUpdate(new Uint8Array())).toBe('empty');
    expect(checkUpdate(new Uint8Array([0, 0]))).toBe('empty');
    expect(checkUpdate(new Uint8Array([1, 2, 3, 4, 5]))).toBe('invalid');
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (bytes) =>
        ['content', 'deletions', 'empty', 'invalid'].includes(checkUpdate(bytes)),
      ),
    );
  });
});

describe('mergeParts', () => {
  it('equals applying the parts one by one, drops deleted content (gc) and keeps pending structs', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    doc.getText('minutes').insert(0, 'x'.repeat(5000));
    doc.getText('minutes').delete(0, 5000);
    doc.getMap('annotations').set('kept', 1);
    const merged = mergeParts(updates);
    const check = new Y.Doc();
    Y.applyUpdate(check, merged.state);
    expect(content(check)).toEqual(content(doc));
    expect(merged.state.length).toBeLessThan(200);
    expect(merged.skipped).toBe(0);

    // Only the second of two dependent updates: it stays pending in the state, not lost.
    const a = new Y.Doc();
    const parts: Uint8Array[] = [];
    a.on('update', (u: Uint8Array) => parts.push(u));
    a.getText('minutes').insert(0, 'Hallo');
    a.getText('minutes').insert(5, ' Welt');
    const pending = mergeParts([parts[1]!]);
    const late = new Y.Doc();
    Y.applyUpdate(late, pending.state);
    expect(late.getText('minutes').toString()).toBe('');
    Y.applyUpdate(late, parts[0]!);
    expect(late.getText('minutes').toString()).toBe('Hallo Welt');
  });

  it('skips parts that do not decode instead of failing', () => {
    const doc = new Y.Doc();
    doc.getMap('annotations').set('ok', true);
    const merged = mergeParts([Y.encodeStateAsUpdate(doc), new Uint8Array([9, 9, 9])]);
    expect(merged.skipped).toBe(1);
    const check = new Y.Doc();
    Y.applyUpdate(check, merged.state);
    expect(check.getMap('annotations').get('ok')).toBe(true);
  });
});

describe('diffState', () => {
  it('answers exactly what a client with a given state vector lacks', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), fc.nat(30), (ops, split) => {
        const doc = new Y.Doc();
        ops.slice(0, split).forEach((op) => apply(doc, op));
        const client = new Y.Doc();
        Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
        ops.slice(split).forEach((op) => apply(doc, op));
        Y.applyUpdate(client, diffState(Y.encodeStateAsUpdate(doc), Y.encodeStateVector(client)));
        expect(content(client)).toEqual(content(doc));
      }),
    );
  });
});

describe('restoreUpdate', () => {
  it('brings any later state back to the version content as a new update on top (property)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), fc.array(opArb, { maxLength: 25 }), fc.boolean(), (before, after, compacted) => {
        const doc = new Y.Doc();
        before.forEach((op) => apply(doc, op));
        const version = compacted ? mergeParts([Y.encodeStateAsUpdate(doc)]).state : Y.encodeStateAsUpdate(doc);
        const expected = content(doc);
        after.forEach((op) => apply(doc, op));
        const current = compacted ? mergeParts([Y.encodeStateAsUpdate(doc)]).state : Y.encodeStateAsUpdate(doc);
        const update = restoreUpdate(current, version);
        const restored = new Y.Doc();
        Y.applyUpdate(restored, current);
        if (update) Y.applyUpdate(restored, update);
        expect(content(restored)).toEqual(expected);
        // The restore only adds: everything current had stays in the history (state vector grows).
        const history = Y.decodeStateVector(Y.encodeStateVector(doc));
        for (const [client, clock] of history) expect(Y.decodeStateVector(Y.encodeStateVector(restored)).get(client)).toBeGreaterThanOrEqual(clock);
      }),
      { numRuns: 150 },
    );
  });

  it('restores rich-text minutes (Y.XmlFragment) too', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('prosemirror');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Beschluss: Kita-Ausbau in Brauck')]);
    fragment.insert(0, [paragraph]);
    const version = mergeParts([Y.encodeStateAsUpdate(doc)]).state;
    const expected = fragment.toString();
    fragment.delete(0, 1);
    fragment.insert(0, [new Y.XmlElement('heading')]);
    const update = restoreUpdate(Y.encodeStateAsUpdate(doc), version)!;
    Y.applyUpdate(doc, update);
    expect(fragment.toString()).toBe(expected);
  });

  it('returns null when nothing differs', () => {
    const doc = new Y.Doc();
    doc.getMap('annotations').set('a', 1);
    const state = Y.encodeStateAsUpdate(doc);
    expect(restoreUpdate(state, state)).toBeNull();
  });
});
