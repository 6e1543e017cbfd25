import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  asUint8Array,
  canWrite,
  CollabErrorCode,
  CollabEvent,
  docRoom,
  SESSION_COOKIE,
  userRoom,
  workspaceRoom,
  type CollabFailure,
  type JoinAck,
} from '@lagebild/shared';
import type { Logger } from 'pino';
import type { Subscription } from 'rxjs';
import { AuthService } from '../auth/auth.service.js';
import { ROOT_LOGGER } from '../common/logging/logging.module.js';
import { bilingual, languageOf, type ApiLanguage, type Bilingual } from '../common/http/request-language.js';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { MembershipEvents, type MembershipChange } from '../workspaces/membership-events.js';
import { PreEncodedAck } from './ack-frame.js';
import { CollabConnection } from './collab-connection.js';
import { CollabSocketServer, type CollabSocket } from './collab-socket.server.js';
import { CollabError } from './collab.error.js';
import { CollabService } from './collab.service.js';
import { asBuffer } from './buffer-view.js';

type Ack = (response: unknown) => void;
type Handler = (socket: CollabSocket, connection: CollabConnection, payload: unknown) => unknown;

const CLIENT_EVENTS = new Set<string>([
  CollabEvent.DocJoin,
  CollabEvent.DocLeave,
  CollabEvent.DocSync,
  CollabEvent.DocUpdate,
  CollabEvent.AwarenessUpdate,
  CollabEvent.AwarenessSync,
  CollabEvent.WorkspaceJoin,
  CollabEvent.WorkspaceLeave,
]);

const connectionOf = (socket: CollabSocket): CollabConnection | undefined => (socket.data as { connection?: CollabConnection }).connection;

/**
 * The /collab edge: authenticates the handshake, binds socket events to CollabService, turns
 * errors into acks, applies per-socket limits and keeps rooms in step with joins and memberships.
 * Every handler is wrapped, so no input reaches the process as an unhandled error.
 */
@Injectable()
export class CollabGateway implements OnApplicationBootstrap, OnModuleDestroy {
  private membershipSubscription: Subscription | null = null;

  constructor(
    private readonly server: CollabSocketServer,
    private readonly collab: CollabService,
    private readonly auth: AuthService,
    private readonly membership: MembershipEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.server.onServerMessage('membership', (change) => this.applyMembershipChange(change as MembershipChange));
    this.server.start(
      (socket) => this.authenticate(socket),
      (socket) => this.onConnection(socket),
    );
    this.membershipSubscription = this.membership.changes.subscribe((change) => {
      this.applyMembershipChange(change);
      this.server.broadcastToServers('membership', change);
    });
  }

  onModuleDestroy(): void {
    this.membershipSubscription?.unsubscribe();
  }

  /** Handshake: `auth.token` (bearer) or the session cookie; cookies only from our own origin. */
  private async authenticate(socket: CollabSocket): Promise<void> {
    const handshake = socket.handshake;
    const language = handshakeLanguage(handshake);
    const bearer = typeof handshake.auth?.token === 'string' ? handshake.auth.token : null;
    const cookie = bearer ? null : readCookie(handshake.headers.cookie, SESSION_COOKIE);
    if (cookie && !this.isAllowedOrigin(handshake.headers.origin, handshake.headers.host)) throw connectError(CollabError.forbidden(), language);
    const token = bearer ?? cookie;
    const session = token ? await this.auth.resolveToken(token) : null;
    if (!session) throw connectError(CollabError.unauthenticated(), language);
    const connection = new CollabConnection(
      socket.id,
      { kind: 'user', user: session.user, sessionId: session.sessionId, via: bearer ? 'bearer' : 'cookie' },
      this.config.collab,
      language,
    );
    socket.data = { connection };
  }

  private onConnection(socket: CollabSocket): void {
    const connection = connectionOf(socket)!;
    void socket.join(userRoom(connection.user.id));

    this.handle(socket, CollabEvent.DocJoin, async (s, c, payload): Promise<JoinAck> => {
      const joined = await this.collab.join(c, payload);
      await s.join([docRoom(joined.docId), workspaceRoom(joined.workspaceId)]);
      return {
        ok: true,
        role: joined.role,
        readOnly: joined.readOnly,
        resyncIntervalMs: this.config.collab.resyncIntervalMs,
        maxUpdateBytes: this.config.collab.maxUpdateBytes,
      };
    });
    this.handle(socket, CollabEvent.DocLeave, (s, c, payload) => {
      const left = this.collab.leave(c, payload);
      if (left) this.leaveRooms(s, c, left.docId, left.workspaceId);
      return { ok: true };
    });
    this.handle(socket, CollabEvent.DocSync, async (_s, c, payload) => {
      const { update, stateVector, ackFrame } = await this.collab.sync(c, payload);
      return ackFrame ? new PreEncodedAck(ackFrame) : { ok: true, update: asBuffer(update), stateVector: asBuffer(stateVector) };
    });
    this.handle(socket, CollabEvent.DocUpdate, async (_s, c, payload) => {
      await this.collab.update(c, payload);
      return { ok: true };
    });
    this.handle(socket, CollabEvent.AwarenessUpdate, (_s, c, payload) => {
      this.collab.awarenessUpdate(c, payload);
      return { ok: true };
    });
    this.handle(socket, CollabEvent.AwarenessSync, (_s, c, payload) => ({ ok: true, update: asBuffer(this.collab.awarenessSync(c, payload)) }));
    this.handle(socket, CollabEvent.WorkspaceJoin, async (s, c, payload) => {
      const { workspaceId, role } = await this.collab.joinWorkspace(c, payload);
      await s.join(workspaceRoom(workspaceId));
      return { ok: true, role };
    });
    this.handle(socket, CollabEvent.WorkspaceLeave, (s, c, payload) => {
      const workspaceId = this.collab.leaveWorkspace(c, payload);
      if (!c.followsWorkspace(workspaceId)) void s.leave(workspaceRoom(workspaceId));
      return { ok: true };
    });
    socket.onAny((event: unknown) => {
      if (typeof event !== 'string' || !CLIENT_EVENTS.has(event)) this.strike(socket, connection);
    });
    socket.on('disconnect', () => {
      for (const docId of connection.docs.keys()) this.collab.leave(connection, { docId });
      connection.docs.clear();
    });
    socket.on('error', (error) => this.logger.debug({ err: error.message, socket: socket.id }, 'collab: socket error'));
  }

  private handle(socket: CollabSocket, event: string, handler: Handler): void {
    socket.on(event, (payload: unknown, ack?: unknown) => {
      const reply: Ack | null = typeof ack === 'function' ? (ack as Ack) : null;
      const connection = connectionOf(socket);
      if (!connection) return;
      const verdict = event === CollabEvent.DocUpdate ? connection.limits.takeUpdate(payloadBytes(payload)) : connection.limits.takeMessage();
      if (verdict !== 'ok') {
        reply?.(CollabError.rateLimited().toAck(connection.language));
        if (verdict === 'flood') this.kick(socket, connection, KICKED_FOR.flood);
        return;
      }
      let result: unknown;
      try {
        result = handler(socket, connection, payload);
      } catch (error) {
        // Computed before replying: a message without ack callback still counts as bad.
        const failure = this.failure(socket, connection, event, payload, error);
        reply?.(failure);
        return;
      }
      if (result instanceof Promise) {
        result.then(
          (value) => reply?.(value),
          (error: unknown) => {
            const failure = this.failure(socket, connection, event, payload, error);
            reply?.(failure);
          },
        );
      } else {
        reply?.(result);
      }
    });
  }

  /** An error as an ack; bad messages count towards the disconnect limit; unknown errors are logged, never shown. */
  private failure(socket: CollabSocket, connection: CollabConnection, event: string, payload: unknown, error: unknown): CollabFailure {
    if (!(error instanceof CollabError)) {
      this.logger.error({ err: error, event, socket: socket.id }, 'collab: handler failed');
      return CollabError.unavailable().toAck(connection.language);
    }
    if (error.code === 'FORBIDDEN') {
      // A membership lost since the join: leave the rooms of that document as well.
      const docId = (payload as { docId?: unknown } | null)?.docId;
      if (typeof docId === 'string' && !connection.docs.has(docId)) void socket.leave(docRoom(docId));
    }
    if (error.isBadMessage) this.strike(socket, connection);
    return error.toAck(connection.language);
  }

  private strike(socket: CollabSocket, connection: CollabConnection): void {
    if (connection.limits.strike()) this.kick(socket, connection, KICKED_FOR.badMessages);
  }

  private kick(socket: CollabSocket, connection: CollabConnection, message: Bilingual): void {
    if (!socket.connected) return;
    this.logger.warn({ socket: socket.id, user: connection.user.id }, 'collab: disconnecting a misbehaving socket');
    socket.emit(CollabEvent.CollabError, { code: CollabErrorCode.TooManyErrors, message: message[connection.language] });
    socket.disconnect(true);
  }

  private leaveRooms(socket: CollabSocket, connection: CollabConnection, docId: string, workspaceId: string): void {
    void socket.leave(docRoom(docId));
    if (!connection.followsWorkspace(workspaceId)) void socket.leave(workspaceRoom(workspaceId));
  }

  /** A coordinator changed or revoked a membership: follow it at once on this instance's sockets. */
  private applyMembershipChange(change: MembershipChange): void {
    if (!change || typeof change.userId !== 'string' || typeof change.workspaceId !== 'string') return;
    for (const socket of this.server.localSockets()) {
      const connection = connectionOf(socket);
      if (!connection || connection.user.id !== change.userId) continue;
      for (const joined of [...connection.docs.values()]) {
        if (joined.workspaceId !== change.workspaceId) continue;
        if (change.role === null) {
          this.collab.leave(connection, { docId: joined.docId });
          this.leaveRooms(socket, connection, joined.docId, joined.workspaceId);
          const { code, message } = CollabError.membershipEnded().toAck(connection.language);
          socket.emit(CollabEvent.DocRevoked, { docId: joined.docId, code, message });
        } else {
          joined.role = change.role;
          joined.readOnly = !canWrite(change.role);
          joined.checkedAt = Date.now();
          socket.emit(CollabEvent.DocRole, { docId: joined.docId, role: joined.role, readOnly: joined.readOnly });
        }
      }
      if (connection.workspaces.has(change.workspaceId)) {
        if (change.role === null) connection.workspaces.delete(change.workspaceId);
        else connection.workspaces.set(change.workspaceId, change.role);
      }
      if (change.role === null && !connection.followsWorkspace(change.workspaceId)) void socket.leave(workspaceRoom(change.workspaceId));
    }
  }

  private isAllowedOrigin(origin: string | undefined, host: string | undefined): boolean {
    if (!origin) return true; // not a browser: no ambient cookie risk
    if (this.config.corsOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }
}

/**
 * The language of a socket's refusals: what the client asks for in `auth.language` (the web
 * client sends its UI language), else the handshake's Accept-Language, else German.
 */
function handshakeLanguage(handshake: { auth?: Record<string, unknown>; headers: Record<string, string | string[] | undefined> }): ApiLanguage {
  const asked = handshake.auth?.language;
  return asked === 'de' || asked === 'en' ? asked : languageOf(handshake);
}

const KICKED_FOR = {
  flood: bilingual(
    'Zu viele Nachrichten in kurzer Zeit; die Verbindung wird getrennt.',
    'Too many messages in a short time; the connection is closed.',
  ),
  badMessages: bilingual('Zu viele fehlerhafte Nachrichten; die Verbindung wird getrennt.', 'Too many faulty messages; the connection is closed.'),
} as const;

function connectError(error: CollabError, language: ApiLanguage): Error & { data: { code: string; message: string } } {
  return Object.assign(new Error(error.code), { data: { code: error.code, message: error.messageIn(language) } });
}

function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}

function payloadBytes(payload: unknown): number {
  const update = asUint8Array((payload as { update?: unknown } | null)?.update);
  return update?.length ?? 0;
}
