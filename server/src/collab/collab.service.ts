import { Inject, Injectable } from '@nestjs/common';
import {
  AwarenessUpdateRequestSchema,
  canWrite,
  DocRequestSchema,
  SyncRequestSchema,
  UpdateRequestSchema,
  WORKSPACE_ROLES,
  WorkspaceRequestSchema,
  type WorkspaceRole,
} from '@lagebild/shared';
import type { z } from 'zod';
import type { Actor } from '../common/auth/actor.js';
import { RequestError } from '../common/errors/domain-error.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { AccessService } from '../workspaces/access.service.js';
import { WorkspaceError } from '../workspaces/workspace.error.js';
import { AwarenessRelay } from './awareness-relay.js';
import type { CollabConnection, JoinedDoc } from './collab-connection.js';
import { CollabError } from './collab.error.js';
import { DocResolver, type ResolvedDoc } from './doc-resolver.js';
import { DocCompactor } from './doc-compactor.js';
import type { SyncAnswer } from './doc-ops.js';
import { DocStore } from './doc-store.js';
import { DocUpdatePipeline } from './doc-update-pipeline.js';
import { DocWorker } from './doc-worker.js';
import { checkStateVector, checkUpdate } from './yjs-ops.js';
import { asBuffer } from './buffer-view.js';

/** Parses a socket payload; unknown fields are ignored so newer clients keep working. */
function parse<S extends z.ZodObject>(
  schema: S,
  payload: unknown,
  invalid: (fields: string[]) => CollabError = CollabError.invalidMessage,
): z.output<S> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  // A payload that is no object at all lacks every field.
  const fields = result.error.issues.flatMap((issue) => (issue.path.length ? [issue.path.map(String).join('.')] : Object.keys(schema.shape)));
  throw invalid([...new Set(fields)]);
}

const KNOWN_DOCS_LIMIT = 50_000;

/**
 * What a member may do with documents over /collab. Every method checks access first: the
 * actor's membership and role in the workspace that owns the document, confirmed at the join and
 * re-confirmed on writes once it is older than `roleRecheckMs` (membership events update it at once).
 */
@Injectable()
export class CollabService {
  /** Documents known to have a `collab_doc` row, so joins skip the INSERT. */
  private readonly knownDocs = new Set<string>();
  /** How many sockets of this instance have each document open. */
  private readonly localClients = new Map<string, number>();

  constructor(
    private readonly access: AccessService,
    private readonly resolver: DocResolver,
    private readonly store: DocStore,
    private readonly worker: DocWorker,
    private readonly compactor: DocCompactor,
    private readonly pipeline: DocUpdatePipeline,
    private readonly awareness: AwarenessRelay,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async join(connection: CollabConnection, payload: unknown): Promise<JoinedDoc> {
    this.access.requireUser(connection.actor);
    const { docId } = parse(DocRequestSchema, payload);
    if (!connection.docs.has(docId) && connection.docs.size >= this.config.collab.maxDocsPerSocket) {
      throw CollabError.tooManyDocs(this.config.collab.maxDocsPerSocket);
    }
    const doc = await this.resolver.resolve(docId);
    const role = await this.roleIn(connection.actor, doc.workspaceId);
    await this.ensureDoc(doc);
    const joined: JoinedDoc = { ...doc, role, readOnly: !canWrite(role), checkedAt: Date.now() };
    if (!connection.docs.has(docId)) this.localClients.set(docId, (this.localClients.get(docId) ?? 0) + 1);
    connection.docs.set(docId, joined);
    return joined;
  }

  leave(connection: CollabConnection, payload: unknown): JoinedDoc | null {
    this.access.requireUser(connection.actor);
    const { docId } = parse(DocRequestSchema, payload);
    const joined = connection.docs.get(docId) ?? null;
    if (joined) this.detach(connection, docId);
    return joined;
  }

  /**
   * Ends a socket's join of a document, however it ends (leave, disconnect, lost role): its
   * presence goes, and the last local client leaving lets the compactor fold the log.
   */
  private detach(connection: CollabConnection, docId: string): void {
    connection.docs.delete(docId);
    this.awareness.dropSocket(connection.socketId, docId);
    const left = (this.localClients.get(docId) ?? 1) - 1;
    if (left > 0) this.localClients.set(docId, left);
    else {
      this.localClients.delete(docId);
      this.compactor.noteIdle(docId);
    }
  }

  async sync(connection: CollabConnection, payload: unknown): Promise<Pick<SyncAnswer, 'update' | 'stateVector' | 'ackFrame'>> {
    this.access.requireUser(connection.actor);
    const { docId, stateVector } = parse(SyncRequestSchema, payload);
    this.requireJoined(connection, docId);
    if (!checkStateVector(stateVector)) throw CollabError.invalidMessage(['stateVector']);
    const answer = await this.worker.run({ op: 'sync', docId, stateVector });
    this.compactor.noteLoaded(docId, answer.logRows, answer.logBytes);
    return answer;
  }

  /** Validates and stores an update; resolves once it is durably stored (the broadcast runs at once). */
  async update(connection: CollabConnection, payload: unknown): Promise<void> {
    this.access.requireUser(connection.actor);
    const { docId, update } = parse(UpdateRequestSchema, payload, (fields) =>
      fields.includes('docId') ? CollabError.invalidMessage(fields) : CollabError.invalidUpdate(),
    );
    const joined = this.requireJoined(connection, docId);
    if (Date.now() - joined.checkedAt >= this.config.collab.roleRecheckMs) await this.confirmRole(connection, joined);
    if (joined.readOnly) throw CollabError.readOnly();
    if (update.length > this.config.collab.maxUpdateBytes) throw CollabError.tooLarge(update.length, this.config.collab.maxUpdateBytes);
    const check = update.length >= this.config.collab.workerThresholdBytes ? await this.worker.run({ op: 'check', update }) : checkUpdate(update);
    if (check === 'invalid' || check === 'empty') throw CollabError.invalidUpdate(check === 'empty');
    // Deletions always pass: they are how a full document is emptied (compaction drops what they delete).
    if (check === 'content') {
      const stored = this.worker.knownSize(docId) ?? (await this.worker.storedSize(docId));
      if (stored + update.length > this.config.collab.maxDocBytes) throw CollabError.documentFull(this.config.collab.maxDocBytes);
    }
    try {
      await this.pipeline.submit({
        docId,
        update: asBuffer(update),
        socketId: connection.socketId,
        userId: connection.user.id,
      });
    } catch {
      throw CollabError.unavailable();
    }
  }

  awarenessUpdate(connection: CollabConnection, payload: unknown): void {
    this.access.requireUser(connection.actor);
    const { docId, update } = parse(AwarenessUpdateRequestSchema, payload);
    this.requireJoined(connection, docId);
    const author = { socketId: connection.socketId, userId: connection.user.id, displayName: connection.user.displayName };
    if (!this.awareness.receive(author, docId, update)) throw CollabError.invalidMessage(['update']);
  }

  awarenessSync(connection: CollabConnection, payload: unknown): Uint8Array {
    this.access.requireUser(connection.actor);
    const { docId } = parse(DocRequestSchema, payload);
    this.requireJoined(connection, docId);
    return this.awareness.snapshot(docId, connection.socketId);
  }

  async joinWorkspace(connection: CollabConnection, payload: unknown): Promise<{ workspaceId: string; role: WorkspaceRole }> {
    this.access.requireUser(connection.actor);
    const { workspaceId } = parse(WorkspaceRequestSchema, payload);
    const role = await this.roleIn(connection.actor, workspaceId);
    connection.workspaces.set(workspaceId, role);
    return { workspaceId, role };
  }

  leaveWorkspace(connection: CollabConnection, payload: unknown): string {
    this.access.requireUser(connection.actor);
    const { workspaceId } = parse(WorkspaceRequestSchema, payload);
    connection.workspaces.delete(workspaceId);
    return workspaceId;
  }

  /** The actor's role in the workspace; any refusal becomes FORBIDDEN (no hint whether it exists). */
  async roleIn(actor: Actor, workspaceId: string): Promise<WorkspaceRole> {
    try {
      const role = await this.access.requireWorkspaceRole(actor, workspaceId, WORKSPACE_ROLES);
      if (!role) throw CollabError.forbidden();
      return role;
    } catch (error) {
      if (error instanceof WorkspaceError || (error instanceof RequestError && error.code === 'FORBIDDEN')) throw CollabError.forbidden();
      throw error;
    }
  }

  private requireJoined(connection: CollabConnection, docId: string): JoinedDoc {
    const joined = connection.docs.get(docId);
    if (!joined) throw CollabError.notJoined();
    return joined;
  }

  /** Re-reads the role (its last confirmation is older than `roleRecheckMs`); a lost membership ends the join. */
  private async confirmRole(connection: CollabConnection, joined: JoinedDoc): Promise<void> {
    try {
      joined.role = await this.roleIn(connection.actor, joined.workspaceId);
      joined.readOnly = !canWrite(joined.role);
      joined.checkedAt = Date.now();
    } catch (error) {
      if (error instanceof CollabError && error.code === 'FORBIDDEN') this.detach(connection, joined.docId);
      throw error;
    }
  }

  private async ensureDoc(doc: ResolvedDoc): Promise<void> {
    if (this.knownDocs.has(doc.docId)) return;
    await this.store.ensureDoc(doc.docId, doc.workspaceId, doc.kind);
    if (this.knownDocs.size >= KNOWN_DOCS_LIMIT) this.knownDocs.clear();
    this.knownDocs.add(doc.docId);
  }
}
