import { uuidv4 } from 'lib0/random';
import * as Y from 'yjs';
import { AnnotationSchema, CANVAS_ANNOTATIONS, projectAnnotations, type Annotation, type AnnotationEntry } from '../protocol/canvas.js';

/** `Y.Map('annotations')` of a canvas document. */
export function annotationsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(CANVAS_ANNOTATIONS);
}

/** Adds a validated annotation as a nested Y.Map (one transaction) and returns its id. */
export function addAnnotation(doc: Y.Doc, annotation: Annotation, id: string = uuidv4()): string {
  const valid = AnnotationSchema.parse(annotation);
  doc.transact(() => {
    const entry = new Y.Map<unknown>();
    for (const [key, value] of Object.entries(valid)) if (value !== undefined) entry.set(key, value);
    annotationsOf(doc).set(id, entry);
  });
  return id;
}

export function removeAnnotation(doc: Y.Doc, id: string): void {
  annotationsOf(doc).delete(id);
}

/** The valid annotations of the canvas; invalid entries are skipped and listed by id. */
export function readAnnotations(doc: Y.Doc): { annotations: AnnotationEntry[]; invalid: string[] } {
  return projectAnnotations(annotationsOf(doc).toJSON());
}
