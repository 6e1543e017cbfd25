import { ObservableV2 } from 'lib0/observable';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { asUint8Array } from '../protocol/bytes.js';
import {
  CollabErrorCode,
  CollabEvent,
  type AwarenessSyncAck,
  type AwarenessUpdateMessage,
  type CollabErrorCodeValue,
  type CollabErrorMessage,
  type CollabFailure,
  type DocRevokedMessage,
  type DocRoleMessage,
  type DocUpdateMessage,
  type JoinAck,
  type SyncAck,
  type UpdateAck,
} from '../protocol/events.js';
import { updateTooLargeText } from '../protocol/refusals.js';
import type { WorkspaceRole } from '../schemas/workspaces.js';
import { currentLanguage, toWireBytes, type CollabSocket, type UiLanguageOption } from './socket.js';

/**
 * - `connecting`: waiting for the connection or the join;
 * - `syncing`: joined, exchanging state vectors;
 * - `synced`: in step with the server; local edits are sent at once;
 * - `offline`: no connection; edits stay in the local document and merge on reconnect;
 * - `denied`: the server refused this document (no membership, revoked, unknown doc, not logged in).
 */
export type CollabStatus = 'connecting' | 'syncing' | 'synced' | 'offline' | 'denied';

export interface CollabProviderError {
  code: CollabErrorCodeValue | 'TIMEOUT';
  message: string;
}

/** No ack within the timeout: the request may or may not have reached the server. */
type TimedOut = { ok: false; code: 'TIMEOUT'; message: string };

export interface CollabProviderEvents {
  status: (status: CollabStatus) => void;
  synced: (synced: boolean) => void;
  role: (role: { role: WorkspaceRole | null; readOnly: boolean }) => void;
  error: (error: CollabProviderError) => void;
  /** Every local change the server has stored so far is acknowledged (`unsynced` dropped to false). */
  saved: () => void;
}

export interface CollabProviderOptions {
  socket: CollabSocket;
  docId: string;
  doc: Y.Doc;
  /** Awareness to relay; created for the doc when omitted. */
  awareness?: Awareness;
  /** Overrides the resync interval the server announces in the join ack. */
  resyncIntervalMs?: number;
  /** How long to wait for an ack before treating a request as lost. */
  ackTimeoutMs?: number;
  /** Minimum time between two awareness messages (leading and trailing edge). */
  awarenessThrottleMs?: number;
  /**
   * The language of the provider's own refusals (a change too large to send), as the socket's
   * `language` gives the server's: the UI's. German when omitted.
   */
  language?: UiLanguageOption;
}

const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 10_000;

/**
 * Keeps one Y.Doc in step with the server over a /collab socket, in Node and in browsers.
 *
 * Durability comes from the two-way state-vector sync, not from a queue: a local update is sent
 * once; if its ack fails or never comes, the provider marks itself `unsynced` and the next sync
 * pushes everything the server's state vector lacks (`Y.encodeStateAsUpdate(doc, serverSv)`),
 * again until acked. Offline edits are merged the same way on reconnect.
 */
export class CollabProvider extends ObservableV2<CollabProviderEvents> {
  readonly socket: CollabSocket;
  readonly docId: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;

  status: CollabStatus = 'connecting';
  synced = false;
  role: WorkspaceRole | null = null;
  readOnly = true;
  lastError: CollabProviderError | null = null;

  private readonly ownsAwareness: boolean;
  private readonly ackTimeoutMs: number;
  private readonly awarenessThrottleMs: number;
  private resyncIntervalMs: number | undefined;
  /** From the join ack; until then nothing is known to be too large. */
  private maxUpdateBytes = Infinity;
  private readonly language: UiLanguageOption | undefined;
  private joined = false;
  /** Local changes the server may lack: pushed as a diff at the next sync. */
  private dirty: boolean;
  private inflight = 0;
  private retries = 0;
  private resyncTimer: ReturnType<typeof setTimeout> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null;
  private awarenessPending = false;
  private syncRunning: Promise<void> | null = null;
  private destroyed = false;
  /** Bumped on every (re)connect, so answers from an older connection are ignored. */
  private epoch = 0;

  constructor(options: CollabProviderOptions) {
    super();
    this.socket = options.socket;
    this.docId = options.docId;
    this.doc = options.doc;
    this.ownsAwareness = !options.awareness;
    this.awareness = options.awareness ?? new Awareness(options.doc);
    this.resyncIntervalMs = options.resyncIntervalMs;
    this.language = options.language;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 15_000;
    this.awarenessThrottleMs = options.awarenessThrottleMs ?? 50;
    // A document that already holds state (e.g. restored from IndexedDB) may have offline edits.
    this.dirty = Y.encodeStateVector(this.doc).length > 1;

    this.doc.on('update', this.onLocalUpdate);
    this.awareness.on('update', this.onAwarenessChange);
    this.socket.on('connect', this.onConnect);
    this.socket.on('disconnect', this.onDisconnect);
    this.socket.on('connect_error', this.onConnectError);
    this.socket.on(CollabEvent.DocUpdate, this.onRemoteUpdate);
    this.socket.on(CollabEvent.AwarenessUpdate, this.onRemoteAwareness);
    this.socket.on(CollabEvent.DocRole, this.onRole);
    this.socket.on(CollabEvent.DocRevoked, this.onRevoked);
    this.socket.on(CollabEvent.CollabError, this.onServerError);
    if (this.socket.connected) this.onConnect();
    else if (!this.socket.active) this.socket.connect();
  }

  /** True while local changes are not yet acknowledged as stored by the server. */
  get unsynced(): boolean {
    return this.dirty || this.inflight > 0;
  }

  /** Resolves once the document is in step with the server (or rejects when access is denied). */
  whenSynced(): Promise<void> {
    if (this.synced) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onSynced = (synced: boolean) => {
        if (!synced) return;
        cleanup();
        resolve();
      };
      const onStatus = (status: CollabStatus) => {
        if (status !== 'denied') return;
        cleanup();
        reject(Object.assign(new Error(this.lastError?.message ?? 'Zugriff verweigert'), { code: this.lastError?.code }));
      };
      const cleanup = () => {
        this.off('synced', onSynced);
        this.off('status', onStatus);
      };
      this.on('synced', onSynced);
      this.on('status', onStatus);
    });
  }

  /** Runs a state-vector sync now: pulls what the doc lacks and pushes what the server lacks. */
  async resync(): Promise<void> {
    if (!this.joined) return;
    this.syncRunning ??= this.runSync().finally(() => (this.syncRunning = null));
    return this.syncRunning;
  }

  override destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.clearTimers();
    if (this.joined && this.socket.connected) {
      removeAwarenessStates(this.awareness, [this.doc.clientID], 'destroy');
      this.sendAwareness([this.doc.clientID]);
      this.socket.emit(CollabEvent.DocLeave, { docId: this.docId });
    }
    this.joined = false;
    this.doc.off('update', this.onLocalUpdate);
    this.awareness.off('update', this.onAwarenessChange);
    this.socket.off('connect', this.onConnect);
    this.socket.off('disconnect', this.onDisconnect);
    this.socket.off('connect_error', this.onConnectError);
    this.socket.off(CollabEvent.DocUpdate, this.onRemoteUpdate);
    this.socket.off(CollabEvent.AwarenessUpdate, this.onRemoteAwareness);
    this.socket.off(CollabEvent.DocRole, this.onRole);
    this.socket.off(CollabEvent.DocRevoked, this.onRevoked);
    this.socket.off(CollabEvent.CollabError, this.onServerError);
    if (this.ownsAwareness) this.awareness.destroy();
    super.destroy();
  }

  // ---- connection lifecycle ----

  private readonly onConnect = (): void => {
    if (this.destroyed) return;
    const epoch = ++this.epoch;
    this.retries = 0;
    this.setStatus('connecting');
    void this.join(epoch);
  };

  private async join(epoch: number): Promise<void> {
    const ack = await this.request<JoinAck>(CollabEvent.DocJoin, { docId: this.docId });
    if (epoch !== this.epoch || this.destroyed) return;
    if (!ack.ok) {
      if (ack.code === 'TIMEOUT' || ack.code === CollabErrorCode.RateLimited || ack.code === CollabErrorCode.Unavailable) {
        this.scheduleRejoin();
        return;
      }
      this.deny(ack);
      return;
    }
    this.joined = true;
    this.resyncIntervalMs ??= ack.resyncIntervalMs;
    // An older server does not announce it; its TOO_LARGE acks still reach the user.
    this.maxUpdateBytes = ack.maxUpdateBytes ?? Infinity;
    this.setRole(ack.role, ack.readOnly);
    this.setStatus('syncing');
    await this.resync();
    if (epoch !== this.epoch || !this.joined) return;
    // Our own awareness state first (with a fresh clock, so others accept it after a reconnect), then the others'.
    if (this.awareness.getLocalState() !== null) this.awareness.setLocalState(this.awareness.getLocalState());
    const others = await this.request<AwarenessSyncAck>(CollabEvent.AwarenessSync, { docId: this.docId });
    if (others.ok && epoch === this.epoch) {
      const update = asUint8Array(others.update);
      if (update && update.length > 1) applyAwarenessUpdate(this.awareness, update, this);
    }
  }

  private readonly onDisconnect = (reason: string): void => {
    this.epoch++;
    const wasJoined = this.joined;
    this.joined = false;
    if (this.inflight > 0) this.dirty = true;
    this.inflight = 0;
    this.clearTimers();
    this.setSynced(false);
    const remote = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    if (remote.length) removeAwarenessStates(this.awareness, remote, this);
    if (this.status !== 'denied') this.setStatus('offline');
    // The server closed the connection on purpose (e.g. too many bad messages): socket.io does
    // not reconnect by itself then, so try again after a pause unless access was denied.
    if (reason === 'io server disconnect' && wasJoined && !this.destroyed && this.status !== 'denied') {
      this.reconnectTimer = setTimeout(() => this.socket.connect(), 5_000);
    }
  };

  private readonly onConnectError = (error: Error & { data?: { code?: string; message?: string } }): void => {
    if (this.destroyed) return;
    if (error.data?.code === CollabErrorCode.Unauthenticated) {
      this.deny({ ok: false, code: CollabErrorCode.Unauthenticated, message: error.data.message ?? 'Anmeldung erforderlich.' });
    } else if (this.status !== 'denied') {
      this.setStatus('offline');
    }
  };

  private scheduleRejoin(): void {
    const delay = this.backoff();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.socket.connected && !this.joined && !this.destroyed) void this.join(this.epoch);
    }, delay);
  }

  private deny(failure: CollabFailure | TimedOut): void {
    this.joined = false;
    this.clearTimers();
    this.lastError = { code: failure.code, message: failure.message };
    this.setSynced(false);
    this.setStatus('denied');
    this.emit('error', [this.lastError]);
  }

  // ---- document sync ----

  private async runSync(): Promise<void> {
    const epoch = this.epoch;
    const ack = await this.request<SyncAck>(CollabEvent.DocSync, { docId: this.docId, stateVector: toWireBytes(Y.encodeStateVector(this.doc)) });
    if (epoch !== this.epoch || this.destroyed) return;
    if (!ack.ok) {
      if (ack.code === CollabErrorCode.NotJoined) {
        this.joined = false;
        void this.join(epoch);
      } else if (ack.code === CollabErrorCode.Forbidden || ack.code === CollabErrorCode.NotFound) {
        this.deny(ack);
      } else {
        this.scheduleRetry();
      }
      return;
    }
    const update = asUint8Array(ack.update);
    const serverStateVector = asUint8Array(ack.stateVector);
    if (!update || !serverStateVector) return this.scheduleRetry();
    Y.applyUpdate(this.doc, update, this);
    if (this.readOnly) {
      // A reader cannot push: its copy (e.g. restored from IndexedDB) is unsaved only if it
      // holds something the server lacks, and then it stays so until the role allows writing.
      this.dirty = this.isAhead(serverStateVector);
    } else if (this.dirty || this.isAhead(serverStateVector)) {
      this.dirty = false;
      this.send(Y.encodeStateAsUpdate(this.doc, serverStateVector));
    }
    this.setSynced(true);
    this.setStatus('synced');
    this.scheduleResync();
  }

  /** True when the doc holds structs the server's state vector does not cover. */
  private isAhead(serverStateVector: Uint8Array): boolean {
    const server = Y.decodeStateVector(serverStateVector);
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc))) {
      if (clock > (server.get(client) ?? 0)) return true;
    }
    return false;
  }

  private scheduleResync(): void {
    if (this.resyncTimer) clearTimeout(this.resyncTimer);
    const interval = this.resyncIntervalMs ?? 120_000;
    // ±10 % jitter, so clients that connected together do not resync together.
    this.resyncTimer = setTimeout(
      () => {
        this.resyncTimer = null;
        void this.resync();
      },
      interval * (0.9 + Math.random() * 0.2),
    );
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.destroyed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.resync();
    }, this.backoff());
  }

  private backoff(): number {
    const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** this.retries++);
    return delay * (0.75 + Math.random() * 0.5);
  }

  private readonly onLocalUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this || this.destroyed) return;
    if (this.readOnly && this.role !== null) return;
    if (!this.joined || !this.socket.connected) {
      this.dirty = true;
      return;
    }
    this.send(update);
  };

  private send(update: Uint8Array): void {
    if (isEmptyUpdate(update)) return;
    if (update.length > this.maxUpdateBytes) {
      // The server would refuse it and count it as a bad message, and the periodic sync would
      // offer it again until the server closed the connection. It stays local and unsaved,
      // and the user is told; once it is undone (or deleted) the next sync has room for the rest.
      this.dirty = true;
      this.reportError({
        ok: false,
        code: CollabErrorCode.TooLarge,
        message: updateTooLargeText(update.length, this.maxUpdateBytes)[currentLanguage(this.language) ?? 'de'],
      });
      return;
    }
    this.inflight++;
    const epoch = this.epoch;
    void this.request<UpdateAck>(CollabEvent.DocUpdate, { docId: this.docId, update: toWireBytes(update) }).then((ack) => {
      if (epoch !== this.epoch) return; // the disconnect already marked the doc dirty
      this.inflight--;
      if (ack.ok) {
        this.retries = 0;
        if (!this.unsynced) this.emit('saved', []);
        return;
      }
      switch (ack.code) {
        case CollabErrorCode.ReadOnly:
          this.setRole(this.role, true);
          this.reportError(ack);
          break;
        case CollabErrorCode.InvalidUpdate:
        case CollabErrorCode.TooLarge:
          // Resending at once cannot help: the change stays local (and counts as unsaved), the user
          // is told, and the periodic sync offers it again (a full document may have room by then).
          this.dirty = true;
          this.reportError(ack);
          break;
        case CollabErrorCode.NotJoined:
          this.dirty = true;
          this.joined = false;
          void this.join(epoch);
          break;
        case CollabErrorCode.Forbidden:
          this.deny(ack);
          break;
        default:
          // RATE_LIMITED, UNAVAILABLE, TIMEOUT: the next sync pushes what the server lacks.
          this.dirty = true;
          this.scheduleRetry();
      }
    });
  }

  private readonly onRemoteUpdate = (message: DocUpdateMessage): void => {
    if (message?.docId !== this.docId || this.destroyed) return;
    const update = asUint8Array(message.update);
    if (update) Y.applyUpdate(this.doc, update, this);
  };

  private readonly onRole = (message: DocRoleMessage): void => {
    if (message?.docId !== this.docId) return;
    const wasReadOnly = this.readOnly;
    this.setRole(message.role, message.readOnly);
    // Became a writer: push anything edited locally meanwhile.
    if (wasReadOnly && !message.readOnly) void this.resync();
  };

  private readonly onRevoked = (message: DocRevokedMessage): void => {
    if (message?.docId !== this.docId) return;
    const remote = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
    if (remote.length) removeAwarenessStates(this.awareness, remote, this);
    this.setRole(null, true);
    this.deny({ ok: false, code: message.code, message: message.message });
  };

  private readonly onServerError = (message: CollabErrorMessage): void => {
    if (message?.code) this.reportError({ ok: false, code: message.code, message: message.message });
  };

  // ---- awareness ----

  private readonly onAwarenessChange = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin === this) return;
    const changed = [...added, ...updated, ...removed].filter((id) => id === this.doc.clientID);
    if (!changed.length || !this.joined) return;
    if (this.awarenessTimer) {
      this.awarenessPending = true;
      return;
    }
    this.sendAwareness(changed);
    this.awarenessTimer = setTimeout(this.flushAwareness, this.awarenessThrottleMs);
  };

  private readonly flushAwareness = (): void => {
    this.awarenessTimer = null;
    if (!this.awarenessPending || !this.joined) return;
    this.awarenessPending = false;
    this.sendAwareness([this.doc.clientID]);
    this.awarenessTimer = setTimeout(this.flushAwareness, this.awarenessThrottleMs);
  };

  private sendAwareness(clients: number[]): void {
    const update = encodeAwarenessUpdate(this.awareness, clients);
    this.socket.emit(CollabEvent.AwarenessUpdate, { docId: this.docId, update: toWireBytes(update) });
  }

  private readonly onRemoteAwareness = (message: AwarenessUpdateMessage): void => {
    if (message?.docId !== this.docId || this.destroyed) return;
    const update = asUint8Array(message.update);
    if (update) applyAwarenessUpdate(this.awareness, update, this);
  };

  // ---- helpers ----

  private request<T extends { ok: boolean }>(event: string, payload: unknown): Promise<T | TimedOut> {
    return new Promise((resolve) => {
      this.socket.timeout(this.ackTimeoutMs).emit(event, payload, (error: Error | null, ack: T) => {
        if (error || !ack || typeof ack !== 'object') {
          resolve({ ok: false, code: 'TIMEOUT', message: 'Der Server hat nicht rechtzeitig geantwortet.' });
        } else {
          resolve(ack);
        }
      });
    });
  }

  private reportError(failure: CollabFailure | TimedOut): void {
    this.lastError = { code: failure.code, message: failure.message };
    this.emit('error', [this.lastError]);
  }

  private setStatus(status: CollabStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', [status]);
  }

  private setSynced(synced: boolean): void {
    if (this.synced === synced) return;
    this.synced = synced;
    this.emit('synced', [synced]);
  }

  private setRole(role: WorkspaceRole | null, readOnly: boolean): void {
    if (this.role === role && this.readOnly === readOnly) return;
    this.role = role;
    this.readOnly = readOnly;
    this.emit('role', [{ role, readOnly }]);
  }

  private clearTimers(): void {
    for (const timer of [this.resyncTimer, this.retryTimer, this.reconnectTimer, this.awarenessTimer]) if (timer) clearTimeout(timer);
    this.resyncTimer = this.retryTimer = this.reconnectTimer = this.awarenessTimer = null;
    this.awarenessPending = false;
  }
}

/** An update without structs and without deletions (`[0, 0]`): the server refuses it, so it is never sent. */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.length <= 2 && update.every((b) => b === 0);
}
