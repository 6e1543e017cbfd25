import { Injectable } from '@nestjs/common';
import { parseDocId, type DocKind } from '@lagebild/shared';
import { CollabError } from './collab.error.js';

export interface ResolvedDoc {
  docId: string;
  kind: DocKind;
  /** The workspace whose memberships decide who may read and write the document. */
  workspaceId: string;
}

/** Finds the workspace owning the document named by the id in the docId, or null if unknown. */
export type DocOwnerLookup = (id: string) => Promise<string | null>;

/**
 * docId → owning workspace, pluggable per document kind. A canvas names its workspace in its id.
 * Session minutes belong to the session's workspace; sessions arrive with a later feature, which
 * registers its lookup here (`register('minutes', …)`). Until then every minutes doc is NOT_FOUND.
 */
@Injectable()
export class DocResolver {
  private readonly owners = new Map<DocKind, DocOwnerLookup>([
    ['canvas', async (workspaceId) => workspaceId],
    ['minutes', async () => null],
  ]);

  register(kind: DocKind, lookup: DocOwnerLookup): void {
    this.owners.set(kind, lookup);
  }

  async resolve(docId: string): Promise<ResolvedDoc> {
    const parsed = parseDocId(docId);
    if (!parsed) throw CollabError.notFound();
    const id = parsed.kind === 'canvas' ? parsed.workspaceId : parsed.sessionId;
    const workspaceId = await this.owners.get(parsed.kind)!(id);
    if (!workspaceId) throw CollabError.notFound();
    return { docId, kind: parsed.kind, workspaceId };
  }
}
