import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { asUint8Array, CollabEvent, docRoom, MAX_AWARENESS_UPDATE_BYTES } from '@lagebild/shared';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { decodeAwarenessUpdate, encodeAwarenessUpdate, type AwarenessEntry } from './awareness-codec.js';
import { CollabSocketServer } from './collab-socket.server.js';

interface AwarenessRecord {
  clock: number;
  /** The stamped state as JSON, or 'null' for a removed client (kept for a while to keep clocks rising). */
  json: string;
  /** Local socket that owns the client, null for a client of another server instance. */
  socketId: string | null;
  userId: string;
  updatedAt: number;
}

interface Throttle {
  lastSentAt: number;
  pending: Map<number, { clientId: number; clock: number; json: string }>;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface AwarenessAuthor {
  socketId: string;
  userId: string;
  displayName: string;
}

/** y-protocols drops a remote state after 30 s without renewal; clients renew every 15 s. */
const STALE_AFTER_MS = 35_000;
const FORGET_REMOVED_AFTER_MS = 10 * 60_000;
const DEFAULT_COLOR = '#0072B2';
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * Presence, cursors and the presenter's view: relayed to the other members of a document and
 * never stored. The latest state of every client is kept in memory only to answer
 * `awareness:sync`. The relay is the place that makes awareness trustworthy:
 * - `user.id` and `user.name` are overwritten with the authenticated account;
 * - a client id held by another account cannot be taken over;
 * - clocks only rise, so a client that reconnects after the server removed it is accepted again;
 * - each socket is throttled (leading and trailing edge), so a fast pointer costs at most one
 *   message per interval and the last position always arrives.
 */
@Injectable()
export class AwarenessRelay implements OnModuleDestroy {
  private readonly docs = new Map<string, Map<number, AwarenessRecord>>();
  private readonly throttles = new Map<string, Throttle>();
  private readonly pruneTimer: ReturnType<typeof setInterval>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly server: CollabSocketServer,
  ) {
    this.pruneTimer = setInterval(() => this.prune(), 10_000);
    this.pruneTimer.unref();
    this.server.onServerMessage('awareness', (message) => {
      const { docId, update } = (message ?? {}) as { docId?: unknown; update?: unknown };
      const bytes = asUint8Array(update);
      if (typeof docId === 'string' && bytes) this.applyReplicated(docId, bytes);
    });
  }

  /** Stores and relays the states in `update`; false when the update is malformed or too large. */
  receive(author: AwarenessAuthor, docId: string, update: Uint8Array): boolean {
    if (update.length > MAX_AWARENESS_UPDATE_BYTES) return false;
    const entries = decodeAwarenessUpdate(update);
    if (!entries) return false;
    const records = this.recordsOf(docId);
    const now = Date.now();
    const accepted: { clientId: number; clock: number; json: string }[] = [];
    for (const entry of entries) {
      const known = records.get(entry.clientId);
      if (known && known.json !== 'null' && known.userId !== author.userId) continue;
      const clock = known && entry.clock <= known.clock ? known.clock + 1 : entry.clock;
      const json = this.stamp(entry, author);
      records.set(entry.clientId, { clock, json, socketId: entry.state === null ? null : author.socketId, userId: author.userId, updatedAt: now });
      accepted.push({ clientId: entry.clientId, clock, json });
    }
    if (accepted.length) this.relay(author.socketId, docId, accepted, now);
    return true;
  }

  /** The current states of everyone but `socketId`, as one awareness update. */
  snapshot(docId: string, exceptSocketId: string): Uint8Array {
    const entries: { clientId: number; clock: number; json: string }[] = [];
    for (const [clientId, record] of this.docs.get(docId) ?? []) {
      if (record.json !== 'null' && record.socketId !== exceptSocketId) entries.push({ clientId, clock: record.clock, json: record.json });
    }
    return encodeAwarenessUpdate(entries);
  }

  /** Removes the states of a socket that left the doc or disconnected, and tells the others. */
  dropSocket(socketId: string, docId: string): void {
    const key = `${socketId} ${docId}`;
    const throttle = this.throttles.get(key);
    if (throttle?.timer) clearTimeout(throttle.timer);
    this.throttles.delete(key);
    const records = this.docs.get(docId);
    if (!records) return;
    const removed: { clientId: number; clock: number; json: string }[] = [];
    const now = Date.now();
    for (const [clientId, record] of records) {
      if (record.socketId !== socketId || record.json === 'null') continue;
      const clock = record.clock + 1;
      records.set(clientId, { ...record, clock, json: 'null', socketId: null, updatedAt: now });
      removed.push({ clientId, clock, json: 'null' });
    }
    if (!removed.length) return;
    const update = Buffer.from(encodeAwarenessUpdate(removed));
    this.server.emitToRoom(docRoom(docId), CollabEvent.AwarenessUpdate, { docId, update }, socketId);
    this.server.broadcastToServers('awareness', { docId, update });
  }

  onModuleDestroy(): void {
    clearInterval(this.pruneTimer);
    for (const throttle of this.throttles.values()) if (throttle.timer) clearTimeout(throttle.timer);
    this.throttles.clear();
  }

  private stamp(entry: AwarenessEntry, author: AwarenessAuthor): string {
    if (entry.state === null) return 'null';
    const user = typeof entry.state.user === 'object' && entry.state.user !== null ? (entry.state.user as Record<string, unknown>) : {};
    const color = typeof user.color === 'string' && HEX_COLOR.test(user.color) ? user.color : DEFAULT_COLOR;
    return JSON.stringify({ ...entry.state, user: { ...user, id: author.userId, name: author.displayName, color } });
  }

  private relay(socketId: string, docId: string, entries: { clientId: number; clock: number; json: string }[], now: number): void {
    const key = `${socketId} ${docId}`;
    let throttle = this.throttles.get(key);
    if (!throttle) {
      throttle = { lastSentAt: 0, pending: new Map(), timer: null };
      this.throttles.set(key, throttle);
    }
    for (const entry of entries) throttle.pending.set(entry.clientId, entry);
    const wait = throttle.lastSentAt + this.config.collab.awarenessIntervalMs - now;
    if (wait <= 0 && !throttle.timer) this.flush(key, socketId, docId);
    else throttle.timer ??= setTimeout(() => this.flush(key, socketId, docId), Math.max(0, wait));
  }

  private flush(key: string, socketId: string, docId: string): void {
    const throttle = this.throttles.get(key);
    if (!throttle) return;
    throttle.timer = null;
    if (!throttle.pending.size) return;
    const update = Buffer.from(encodeAwarenessUpdate([...throttle.pending.values()]));
    throttle.pending.clear();
    throttle.lastSentAt = Date.now();
    this.server.emitToRoom(docRoom(docId), CollabEvent.AwarenessUpdate, { docId, update }, socketId);
    this.server.broadcastToServers('awareness', { docId, update });
  }

  /** States relayed by another server instance: kept so `awareness:sync` here includes them. */
  private applyReplicated(docId: string, update: Uint8Array): void {
    const entries = decodeAwarenessUpdate(update);
    if (!entries) return;
    const records = this.recordsOf(docId);
    const now = Date.now();
    for (const entry of entries) {
      const known = records.get(entry.clientId);
      if (known && entry.clock <= known.clock) continue;
      const user = entry.state?.user as { id?: unknown } | undefined;
      records.set(entry.clientId, {
        clock: entry.clock,
        json: entry.state === null ? 'null' : JSON.stringify(entry.state),
        socketId: null,
        userId: typeof user?.id === 'string' ? user.id : (known?.userId ?? ''),
        updatedAt: now,
      });
    }
  }

  private recordsOf(docId: string): Map<number, AwarenessRecord> {
    let records = this.docs.get(docId);
    if (!records) {
      records = new Map();
      this.docs.set(docId, records);
    }
    return records;
  }

  private prune(): void {
    const now = Date.now();
    for (const [docId, records] of this.docs) {
      for (const [clientId, record] of records) {
        const removed = record.json === 'null';
        if ((removed && now - record.updatedAt > FORGET_REMOVED_AFTER_MS) || (!removed && now - record.updatedAt > STALE_AFTER_MS)) {
          records.delete(clientId);
        }
      }
      if (!records.size) this.docs.delete(docId);
    }
  }
}
