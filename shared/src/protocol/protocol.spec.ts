import { describe, expect, it } from '@jest/globals';
import { asUint8Array } from './bytes.js';
import { AnnotationSchema, projectAnnotations } from './canvas.js';
import { canvasDocId, minutesDocId, parseDocId } from './docs.js';
import { BytesSchema, EntityChangedSchema, UpdateRequestSchema } from './events.js';

const ID = '6b1c3a52-1f0e-4d2a-9c51-0d6f5e7a1001';

describe('doc ids', () => {
  it('names and parses canvas and minutes documents', () => {
    expect(parseDocId(canvasDocId(ID))).toEqual({ kind: 'canvas', workspaceId: ID });
    expect(parseDocId(minutesDocId(ID))).toEqual({ kind: 'minutes', sessionId: ID });
    expect(canvasDocId(ID.toUpperCase())).toBe(`workspace/${ID}/canvas`);
  });

  it('rejects everything else', () => {
    for (const id of [
      '',
      'workspace//canvas',
      `workspace/${ID}/canvas/x`,
      `workspace/${ID.toUpperCase()}/canvas`,
      `session/${ID}/canvas`,
      `x${canvasDocId(ID)}`,
    ]) {
      expect(parseDocId(id)).toBeNull();
    }
  });
});

describe('bytes', () => {
  it('accepts Buffer, Uint8Array and ArrayBuffer, nothing else', () => {
    const ab = new Uint8Array([1, 2]).buffer;
    expect(asUint8Array(ab)).toEqual(new Uint8Array([1, 2]));
    expect(asUint8Array(Buffer.from([3]))).toEqual(Buffer.from([3]));
    for (const value of ['AAE=', [1, 2], { 0: 1 }, null, 5, new Uint16Array(2)]) expect(asUint8Array(value)).toBeNull();
    expect(BytesSchema.safeParse('abc').success).toBe(false);
    expect(UpdateRequestSchema.parse({ docId: 'd', update: ab }).update).toBeInstanceOf(Uint8Array);
  });
});

describe('canvas schema', () => {
  const pin = {
    type: 'pin',
    geometry: { type: 'Point', coordinates: [6.98, 51.57] },
    text: 'Kita',
    color: '#E69F00',
    author: ID,
    createdAt: '2025-01-01T10:00:00.000Z',
  };

  it('validates annotations, including that the geometry fits the type', () => {
    expect(AnnotationSchema.safeParse(pin).success).toBe(true);
    expect(AnnotationSchema.safeParse({ ...pin, type: 'polygon' }).success).toBe(false);
    expect(AnnotationSchema.safeParse({ ...pin, geometry: { type: 'Point', coordinates: [200, 51] } }).success).toBe(false);
    expect(AnnotationSchema.safeParse({ ...pin, color: 'red' }).success).toBe(false);
  });

  it('projects valid entries in creation order and lists the invalid ones', () => {
    const later = { ...pin, createdAt: '2025-02-01T10:00:00.000Z' };
    expect(projectAnnotations({ b: later, a: pin, broken: { type: 'pin' } })).toEqual({
      annotations: [
        { id: 'a', annotation: pin },
        { id: 'b', annotation: later },
      ],
      invalid: ['broken'],
    });
  });
});

describe('entity events', () => {
  it('accepts {workspaceId, type, id, action} only', () => {
    expect(EntityChangedSchema.safeParse({ workspaceId: ID, type: 'measure', id: '17', action: 'created' }).success).toBe(true);
    expect(EntityChangedSchema.safeParse({ workspaceId: ID, type: 'Measure!', id: '17', action: 'created' }).success).toBe(false);
    expect(EntityChangedSchema.safeParse({ workspaceId: ID, type: 'measure', id: '17', action: 'created', extra: 1 }).success).toBe(false);
  });
});
