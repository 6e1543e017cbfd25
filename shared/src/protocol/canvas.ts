import { z } from '../schemas/zod.js';

/**
 * The canvas document of a workspace (`workspace/<id>/canvas`): `Y.Map('annotations')` maps an
 * annotation id to a `Y.Map` with the fields below. The document is free-form for Yjs, so every
 * reader validates entries with these schemas and skips the invalid ones instead of failing.
 */
export const CANVAS_ANNOTATIONS = 'annotations';

export const ANNOTATION_TYPES = ['pin', 'line', 'polygon', 'text', 'note'] as const;
export const AnnotationTypeSchema = z.enum(ANNOTATION_TYPES);
export type AnnotationType = z.infer<typeof AnnotationTypeSchema>;

/** WGS84 [longitude, latitude]. */
const PositionSchema = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const MAX_POSITIONS = 5000;

export const PointGeometrySchema = z.strictObject({ type: z.literal('Point'), coordinates: PositionSchema });
export const LineStringGeometrySchema = z.strictObject({
  type: z.literal('LineString'),
  coordinates: z.array(PositionSchema).min(2).max(MAX_POSITIONS),
});
const RingSchema = z
  .array(PositionSchema)
  .min(4)
  .max(MAX_POSITIONS)
  .refine((ring) => ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1], { error: 'Ring muss geschlossen sein' });
export const PolygonGeometrySchema = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(RingSchema).min(1).max(50) });

export const AnnotationGeometrySchema = z.discriminatedUnion('type', [PointGeometrySchema, LineStringGeometrySchema, PolygonGeometrySchema]);
export type AnnotationGeometry = z.infer<typeof AnnotationGeometrySchema>;

/** Which geometry each annotation type carries. */
export const GEOMETRY_OF_TYPE: Record<AnnotationType, AnnotationGeometry['type']> = {
  pin: 'Point',
  text: 'Point',
  note: 'Point',
  line: 'LineString',
  polygon: 'Polygon',
};

export const HexColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'muss eine Farbe wie #0072B2 sein' });

export const AnnotationSchema = z
  .object({
    type: AnnotationTypeSchema,
    geometry: AnnotationGeometrySchema,
    text: z.string().max(5000),
    color: HexColorSchema,
    /** User id of the author. */
    author: z.uuid(),
    /** ISO 8601 timestamp. */
    createdAt: z.iso.datetime({ offset: true }),
    areaKey: z.string().min(1).max(64).optional(),
    indicatorKey: z.string().min(1).max(64).optional(),
  })
  .refine((a) => a.geometry.type === GEOMETRY_OF_TYPE[a.type], { error: 'Geometrie passt nicht zum Anmerkungstyp', path: ['geometry'] });
export type Annotation = z.infer<typeof AnnotationSchema>;

export interface AnnotationEntry {
  id: string;
  annotation: Annotation;
}

/**
 * The valid annotations of a canvas, from `doc.getMap('annotations').toJSON()`, sorted by
 * creation time; invalid entries are reported by id and otherwise ignored.
 */
export function projectAnnotations(json: Record<string, unknown>): { annotations: AnnotationEntry[]; invalid: string[] } {
  const annotations: AnnotationEntry[] = [];
  const invalid: string[] = [];
  for (const [id, value] of Object.entries(json)) {
    const parsed = AnnotationSchema.safeParse(value);
    if (parsed.success && id.length <= 100) annotations.push({ id, annotation: parsed.data });
    else invalid.push(id);
  }
  annotations.sort((a, b) => a.annotation.createdAt.localeCompare(b.annotation.createdAt) || a.id.localeCompare(b.id));
  return { annotations, invalid };
}
