import { z } from '../schemas/zod.js';
import { DocIdSchema } from './docs.js';

/** Named versions of a Yjs document (HTTP API, /api/collab/versions). */
export const DocVersionsQuerySchema = z.strictObject({ docId: DocIdSchema });
export type DocVersionsQuery = z.infer<typeof DocVersionsQuerySchema>;

export const CreateDocVersionRequestSchema = z.strictObject({
  docId: DocIdSchema,
  name: z.string().trim().min(1, { error: 'darf nicht leer sein' }).max(120),
});
export type CreateDocVersionRequest = z.infer<typeof CreateDocVersionRequestSchema>;

export const DocVersionIdSchema = z.uuid({ error: 'muss eine UUID sein' });

export interface DocVersionSummary {
  id: string;
  docId: string;
  name: string;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  sizeBytes: number;
}

export interface RestoreDocVersionResponse {
  /** False when the document already had the version's content: nothing was appended. */
  restored: boolean;
}
