import { z } from '../schemas/zod.js';
import type { WorkspaceRole } from '../schemas/workspaces.js';
import { asUint8Array, type WireBytes } from './bytes.js';
import { MAX_DOC_ID_LENGTH } from './docs.js';

/** Every event of the /collab namespace. See docs/protocol.md for the full contract. */
export const CollabEvent = {
  /** client → server, ack: JoinAck */
  DocJoin: 'doc:join',
  /** client → server, no ack */
  DocLeave: 'doc:leave',
  /** client → server, ack: SyncAck */
  DocSync: 'doc:sync',
  /** client → server, ack: UpdateAck; server → the other members of the doc */
  DocUpdate: 'doc:update',
  /** client → server, no ack; server → the other members of the doc */
  AwarenessUpdate: 'awareness:update',
  /** client → server, ack: AwarenessSyncAck */
  AwarenessSync: 'awareness:sync',
  /** client → server, ack: WorkspaceJoinAck: receive entity events without opening a document */
  WorkspaceJoin: 'workspace:join',
  /** client → server, no ack */
  WorkspaceLeave: 'workspace:leave',
  /** server → room `workspace/<id>` */
  EntityChanged: 'entity:changed',
  /** server → a member whose role changed while joined */
  DocRole: 'doc:role',
  /** server → a member whose membership was revoked while joined; the socket has left the doc */
  DocRevoked: 'doc:revoked',
  /** server → a socket just before the server disconnects it */
  CollabError: 'collab:error',
} as const;
export type CollabEventName = (typeof CollabEvent)[keyof typeof CollabEvent];

/** Error codes of error acks (`{ok: false, code, message}`) and of connect errors. */
export const CollabErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  ReadOnly: 'READ_ONLY',
  InvalidUpdate: 'INVALID_UPDATE',
  InvalidMessage: 'INVALID_MESSAGE',
  TooLarge: 'TOO_LARGE',
  RateLimited: 'RATE_LIMITED',
  NotJoined: 'NOT_JOINED',
  TooManyDocs: 'TOO_MANY_DOCS',
  TooManyErrors: 'TOO_MANY_ERRORS',
  Unavailable: 'UNAVAILABLE',
} as const;
export type CollabErrorCodeValue = (typeof CollabErrorCode)[keyof typeof CollabErrorCode];

export interface CollabFailure {
  ok: false;
  code: CollabErrorCodeValue;
  message: string;
}

export type JoinAck =
  | {
      ok: true;
      role: WorkspaceRole;
      readOnly: boolean;
      /** How often the client should re-sync with its state vector (server setting). */
      resyncIntervalMs: number;
      /**
       * The largest `doc:update` the server stores (server setting). A client keeps a bigger change
       * local instead of sending it: the server would refuse it as a bad message.
       */
      maxUpdateBytes: number;
    }
  | CollabFailure;
export type SyncAck = { ok: true; update: WireBytes; stateVector: WireBytes } | CollabFailure;
export type UpdateAck = { ok: true } | CollabFailure;
export type AwarenessSyncAck = { ok: true; update: WireBytes } | CollabFailure;
export type WorkspaceJoinAck = { ok: true; role: WorkspaceRole } | CollabFailure;

/** Bytes: Buffer (Node), ArrayBuffer (browser) or Uint8Array; normalised to a Uint8Array. */
export const BytesSchema = z
  .custom<WireBytes>((v) => asUint8Array(v) !== null, { error: 'muss Binärdaten enthalten' })
  .transform((v) => asUint8Array(v)!);

const DocIdField = z.string().min(1).max(MAX_DOC_ID_LENGTH);

export const DocRequestSchema = z.object({ docId: DocIdField });
export type DocRequest = z.infer<typeof DocRequestSchema>;

export const SyncRequestSchema = z.object({ docId: DocIdField, stateVector: BytesSchema });
export type SyncRequest = z.input<typeof SyncRequestSchema>;

export const UpdateRequestSchema = z.object({ docId: DocIdField, update: BytesSchema });
export type UpdateRequest = z.input<typeof UpdateRequestSchema>;

export const AwarenessUpdateRequestSchema = z.object({ docId: DocIdField, update: BytesSchema });
export type AwarenessUpdateRequest = z.input<typeof AwarenessUpdateRequestSchema>;

export const WorkspaceRequestSchema = z.object({ workspaceId: z.uuid() });
export type WorkspaceRequest = z.infer<typeof WorkspaceRequestSchema>;

/** Server → client payloads. */
export interface DocUpdateMessage {
  docId: string;
  update: WireBytes;
}
export interface AwarenessUpdateMessage {
  docId: string;
  update: WireBytes;
}
export interface DocRoleMessage {
  docId: string;
  role: WorkspaceRole;
  readOnly: boolean;
}
export interface DocRevokedMessage {
  docId: string;
  code: CollabErrorCodeValue;
  message: string;
}
export interface CollabErrorMessage {
  code: CollabErrorCodeValue;
  message: string;
}

export const ENTITY_ACTIONS = ['created', 'updated', 'deleted'] as const;

/**
 * A relational change in a workspace (measure, comment, …), pushed to room `workspace/<id>`.
 * Carries no content: clients reload what they show, through the API and its permissions.
 */
export const EntityChangedSchema = z.strictObject({
  workspaceId: z.uuid(),
  type: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[a-z][a-z0-9_-]*$/),
  id: z.string().min(1).max(100),
  action: z.enum(ENTITY_ACTIONS),
});
export type EntityChanged = z.infer<typeof EntityChangedSchema>;
