import * as Y from 'yjs';

/**
 * The CPU-heavy Yjs work of the server, as pure functions over bytes. doc-ops.ts uses them, in
 * the document worker for large documents (see DocWorker), so they take and return only
 * Uint8Arrays and plain values.
 */

/**
 * What an update does: adds content (and may delete some), only deletes, does nothing, or does
 * not decode. A full document still takes deletions: they are how its members make room.
 */
export type UpdateCheck = 'content' | 'deletions' | 'empty' | 'invalid';

/** Decodes the whole update; anything that does not decode is refused before it is stored. */
export function checkUpdate(update: Uint8Array): UpdateCheck {
  if (update.length === 0) return 'empty';
  try {
    const { structs, ds } = Y.decodeUpdate(update);
    if (structs.length > 0) return 'content';
    return ds.clients.size > 0 ? 'deletions' : 'empty';
  } catch {
    return 'invalid';
  }
}

export function checkStateVector(stateVector: Uint8Array): boolean {
  try {
    Y.decodeStateVector(stateVector);
    return true;
  } catch {
    return false;
  }
}

export interface MergedState {
  /** `Y.encodeStateAsUpdate` of a gc'd doc: deleted content is dropped, pending structs kept. */
  state: Uint8Array;
  stateVector: Uint8Array;
  /** Parts that failed to apply and were skipped (logged by the caller, never fatal). */
  skipped: number;
}

/**
 * Applies a snapshot and log rows to a fresh gc'd Y.Doc. One transaction for all parts is many
 * times faster than Y.mergeUpdates over thousands of small updates (which grows quadratically).
 */
export function mergeParts(parts: Uint8Array[]): MergedState {
  const doc = new Y.Doc({ gc: true });
  try {
    doc.transact(() => {
      for (const part of parts) Y.applyUpdate(doc, part);
    });
  } catch {
    // A part that throws may leave the shared transaction half done: redo one by one, skipping the bad ones.
    doc.destroy();
    return mergePartsOneByOne(parts);
  }
  return encodeAndDestroy(doc, 0);
}

function mergePartsOneByOne(parts: Uint8Array[]): MergedState {
  const doc = new Y.Doc({ gc: true });
  let skipped = 0;
  for (const part of parts) {
    try {
      Y.applyUpdate(doc, part);
    } catch {
      skipped++;
    }
  }
  return encodeAndDestroy(doc, skipped);
}

function encodeAndDestroy(doc: Y.Doc, skipped: number): MergedState {
  const merged = { state: Y.encodeStateAsUpdate(doc), stateVector: Y.encodeStateVector(doc), skipped };
  doc.destroy();
  return merged;
}

/** True for the state vector of an empty document: then the diff is the whole state. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.length === 1 && stateVector[0] === 0;
}

/** What a client with `clientStateVector` lacks of `state`. */
export function diffState(state: Uint8Array, clientStateVector: Uint8Array): Uint8Array {
  if (isEmptyStateVector(clientStateVector)) return state;
  return Y.diffUpdate(state, clientStateVector);
}

/**
 * The update that brings a document whose state is `current` back to the content of `version`
 * (an earlier state of the same document), as new operations on top of `current`: history is
 * never rewritten. Built by replaying current's changes since the version onto a copy of the
 * version under an UndoManager and undoing them. Null when nothing differs.
 */
export function restoreUpdate(current: Uint8Array, version: Uint8Array): Uint8Array | null {
  const currentDoc = new Y.Doc();
  Y.applyUpdate(currentDoc, current);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, version);
  // Decoded roots are untyped placeholders, and only typed roots emit the events UndoManager
  // needs: give every root its type, judged from its content in either document.
  const names = new Set([...doc.share.keys(), ...currentDoc.share.keys()]);
  if (!names.size) return null; // both documents are empty
  const scope = [...names].map((name) => {
    const type = rootTypeOf(doc.share.get(name)) ?? rootTypeOf(currentDoc.share.get(name)) ?? Y.Map;
    currentDoc.get(name, type as never);
    return doc.get(name, type as never);
  });
  if ([...names].every((name) => sameJson(doc.share.get(name)!.toJSON(), currentDoc.share.get(name)!.toJSON()))) {
    currentDoc.destroy();
    doc.destroy();
    return null; // already the version's content: nothing to append
  }

  const replay = Symbol('replay');
  const undoManager = new Y.UndoManager(scope, { trackedOrigins: new Set([replay]), captureTimeout: 0 });
  const forward = Y.encodeStateAsUpdate(currentDoc, Y.encodeStateVector(doc));
  Y.applyUpdate(doc, forward, replay);
  currentDoc.destroy();

  const restore: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => restore.push(update));
  while (undoManager.canUndo()) undoManager.undo();
  undoManager.destroy();
  doc.destroy();
  if (!restore.length) return null;
  return restore.length === 1 ? restore[0]! : Y.mergeUpdates(restore);
}

/** Deep equality of JSON values, ignoring the key order of objects (Y.Map keys come in arrival order). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every(
    (key) => Object.prototype.hasOwnProperty.call(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

type DecodedRoot = { _start: Y.Item | null; _map: Map<string, Y.Item> };

/** Y.Map, Y.Text, Y.XmlFragment or Y.Array, from what a decoded root holds; null when it holds nothing. */
function rootTypeOf(type: DecodedRoot | undefined): typeof Y.Map | typeof Y.Text | typeof Y.XmlFragment | typeof Y.Array | null {
  if (!type) return null;
  const constructor: unknown = type.constructor;
  if (constructor !== Y.AbstractType) return constructor as typeof Y.Map;
  for (let item = type._start; item; item = item.right) {
    const content = item.content;
    if (content instanceof Y.ContentString || content instanceof Y.ContentFormat || content instanceof Y.ContentEmbed) return Y.Text;
    if (content instanceof Y.ContentType && (content.type instanceof Y.XmlElement || content.type instanceof Y.XmlText)) return Y.XmlFragment;
    if (!(content instanceof Y.ContentDeleted)) return Y.Array;
  }
  return type._map.size > 0 ? Y.Map : null;
}
