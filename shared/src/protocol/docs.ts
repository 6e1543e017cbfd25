import { z } from '../schemas/zod.js';

/** Socket.IO namespace of the live sync engine. */
export const COLLAB_NAMESPACE = '/collab';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/**
 * Yjs documents are named by what they belong to:
 * - `workspace/<workspaceId>/canvas`: the shared map canvas of a workspace;
 * - `session/<sessionId>/minutes`: the minutes of one session (meeting).
 */
export const DOC_KINDS = ['canvas', 'minutes'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export type ParsedDocId = { kind: 'canvas'; workspaceId: string } | { kind: 'minutes'; sessionId: string };

const CANVAS_DOC = new RegExp(`^workspace/(${UUID})/canvas$`);
const MINUTES_DOC = new RegExp(`^session/(${UUID})/minutes$`);

/** The longest docId any client may send; longer strings are rejected before parsing. */
export const MAX_DOC_ID_LENGTH = 120;

export const canvasDocId = (workspaceId: string): string => `workspace/${workspaceId.toLowerCase()}/canvas`;
export const minutesDocId = (sessionId: string): string => `session/${sessionId.toLowerCase()}/minutes`;

/** What a docId names, or null when it is no docId Lagebild knows (ids are lower-case UUIDs). */
export function parseDocId(docId: string): ParsedDocId | null {
  if (docId.length > MAX_DOC_ID_LENGTH) return null;
  const canvas = CANVAS_DOC.exec(docId);
  if (canvas) return { kind: 'canvas', workspaceId: canvas[1]! };
  const minutes = MINUTES_DOC.exec(docId);
  if (minutes) return { kind: 'minutes', sessionId: minutes[1]! };
  return null;
}

export const DocIdSchema = z
  .string()
  .max(MAX_DOC_ID_LENGTH)
  .refine((v) => parseDocId(v) !== null, { error: 'muss workspace/<id>/canvas oder session/<id>/minutes sein' });

/** Room of a workspace: receives `entity:changed` for relational changes (measures, comments, …). */
export const workspaceRoom = (workspaceId: string): string => `workspace/${workspaceId}`;

/** Room of one Yjs document: its members receive `doc:update` and `awareness:update`. The docId itself. */
export const docRoom = (docId: string): string => docId;

/** Room holding every socket of one account, so a revoked membership reaches all of them. */
export const userRoom = (userId: string): string => `user/${userId}`;
