import type { DocKind, WorkspaceRole } from '@lagebild/shared';
import type { Actor, AuthenticatedUser } from '../common/auth/actor.js';
import type { ApiLanguage } from '../common/http/request-language.js';
import type { CollabConfig } from '../config/app-config.js';
import { TokenBucket } from './token-bucket.js';

export interface JoinedDoc {
  docId: string;
  kind: DocKind;
  workspaceId: string;
  role: WorkspaceRole;
  readOnly: boolean;
  /** When the role was last confirmed against the database (ms since epoch). */
  checkedAt: number;
}

/** Why a message was refused before any handler ran. */
export type LimitVerdict = 'ok' | 'rate_limited' | 'flood';

/**
 * Per-socket limits: token buckets for updates (count and bytes) and for all other messages,
 * a count of bad messages, and a window of refused ones. Crossing `maxBadMessages` or
 * `maxRejectedPer10s` gets the socket disconnected.
 */
export class SocketLimits {
  private readonly updates: TokenBucket;
  private readonly updateBytes: TokenBucket;
  private readonly messages: TokenBucket;
  private badMessages = 0;
  private rejectedInWindow = 0;
  private windowStartedAt = performance.now();

  constructor(private readonly config: CollabConfig) {
    this.updates = new TokenBucket(config.updatesPerSecond, config.updateBurst);
    this.updateBytes = new TokenBucket(config.updateBytesPerSecond, Math.max(config.updateBytesPerSecond, config.maxUpdateBytes * 2));
    this.messages = new TokenBucket(config.messagesPerSecond, config.messageBurst);
  }

  takeUpdate(bytes: number): LimitVerdict {
    // An oversized update is refused by size later; it only costs what the limit allows.
    if (this.updates.take(1) && this.updateBytes.take(Math.min(bytes, this.config.maxUpdateBytes))) return 'ok';
    return this.reject();
  }

  takeMessage(): LimitVerdict {
    return this.messages.take(1) ? 'ok' : this.reject();
  }

  /** Counts a malformed, oversized or unknown message; true when the socket must go. */
  strike(): boolean {
    return ++this.badMessages >= this.config.maxBadMessages;
  }

  private reject(): LimitVerdict {
    const now = performance.now();
    if (now - this.windowStartedAt > 10_000) {
      this.windowStartedAt = now;
      this.rejectedInWindow = 0;
    }
    return ++this.rejectedInWindow > this.config.maxRejectedPer10s ? 'flood' : 'rate_limited';
  }
}

/** Everything the server knows about one authenticated socket. */
export class CollabConnection {
  readonly docs = new Map<string, JoinedDoc>();
  /** Workspaces subscribed to with `workspace:join` (entity events without a document). */
  readonly workspaces = new Map<string, WorkspaceRole>();
  readonly limits: SocketLimits;

  constructor(
    readonly socketId: string,
    readonly actor: Extract<Actor, { kind: 'user' }>,
    config: CollabConfig,
    /** The language of the refusals this socket is sent, chosen at the handshake. */
    readonly language: ApiLanguage = 'de',
  ) {
    this.limits = new SocketLimits(config);
  }

  get user(): AuthenticatedUser {
    return this.actor.user;
  }

  /** Whether the socket still needs the room of this workspace (open docs or a subscription). */
  followsWorkspace(workspaceId: string): boolean {
    if (this.workspaces.has(workspaceId)) return true;
    for (const doc of this.docs.values()) if (doc.workspaceId === workspaceId) return true;
    return false;
  }
}
