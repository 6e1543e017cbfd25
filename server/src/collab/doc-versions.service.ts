import { Injectable } from '@nestjs/common';
import type { DocVersionSummary, RestoreDocVersionResponse } from '@lagebild/shared';
import type { Actor } from '../common/auth/actor.js';
import { AccessService } from '../workspaces/access.service.js';
import { CollabError } from './collab.error.js';
import { CollabService } from './collab.service.js';
import { DocResolver } from './doc-resolver.js';
import { DocStore, type StoredVersion } from './doc-store.js';
import { DocUpdatePipeline } from './doc-update-pipeline.js';
import { DocWorker } from './doc-worker.js';
import { asBuffer } from './buffer-view.js';

const WRITERS = ['coordinator', 'editor'] as const;

const summary = (version: StoredVersion): DocVersionSummary => ({
  id: version.id,
  docId: version.docId,
  name: version.name,
  createdAt: version.createdAt.toISOString(),
  createdBy: version.createdBy ? { id: version.createdBy, name: version.createdByName ?? '' } : null,
  sizeBytes: version.sizeBytes,
});

/**
 * Named versions of a document: full state copies. Restoring appends one new update that brings
 * the content back (broadcast live like any edit); the log and the other versions stay untouched,
 * so a restore can itself be undone by restoring a later version.
 */
@Injectable()
export class DocVersionsService {
  constructor(
    private readonly access: AccessService,
    private readonly collab: CollabService,
    private readonly resolver: DocResolver,
    private readonly store: DocStore,
    private readonly worker: DocWorker,
    private readonly pipeline: DocUpdatePipeline,
  ) {}

  async list(actor: Actor, docId: string): Promise<DocVersionSummary[]> {
    this.access.requireUser(actor);
    const doc = await this.resolver.resolve(docId);
    await this.collab.roleIn(actor, doc.workspaceId);
    return (await this.store.listVersions(docId)).map(summary);
  }

  async create(actor: Actor, docId: string, name: string): Promise<DocVersionSummary> {
    const user = this.access.requireUser(actor);
    const doc = await this.resolver.resolve(docId);
    await this.requireWriter(actor, doc.workspaceId);
    await this.store.ensureDoc(doc.docId, doc.workspaceId, doc.kind);
    const { id } = await this.worker.run({ op: 'createVersion', docId, name, userId: user.id });
    return summary((await this.store.listVersions(docId)).find((v) => v.id === id)!);
  }

  async restore(actor: Actor, versionId: string): Promise<RestoreDocVersionResponse> {
    const user = this.access.requireUser(actor);
    const docId = await this.store.versionDoc(versionId);
    if (!docId) throw CollabError.versionNotFound();
    const doc = await this.resolver.resolve(docId);
    // Non-members learn nothing about versions of other workspaces.
    const role = await this.collab.roleIn(actor, doc.workspaceId).catch(() => null);
    if (!role) throw CollabError.versionNotFound();
    await this.requireWriter(actor, doc.workspaceId);
    const { update } = await this.worker.run({ op: 'restore', docId: doc.docId, versionId, userId: user.id });
    if (!update) return { restored: false };
    // Stored by the worker already; members receive it like any edit.
    this.pipeline.broadcast(doc.docId, asBuffer(update));
    return { restored: true };
  }

  private async requireWriter(actor: Actor, workspaceId: string): Promise<void> {
    await this.collab.roleIn(actor, workspaceId);
    await this.access.requireWorkspaceRole(actor, workspaceId, WRITERS);
  }
}
