import { io, type Socket } from 'socket.io-client';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { COLLAB_NAMESPACE } from '../protocol/docs.js';
import type { WireBytes } from '../protocol/bytes.js';

export type CollabSocket = Socket;

/** The UI's language, or a function that reads it each time (so it follows a language switch). */
export type UiLanguageOption = 'de' | 'en' | (() => 'de' | 'en');

export function currentLanguage(option: UiLanguageOption | undefined): 'de' | 'en' | undefined {
  return typeof option === 'function' ? option() : option;
}

export interface CollabSocketOptions {
  /** Origin of the Lagebild server, e.g. `http://127.0.0.1:3000`; the browser passes `location.origin`. */
  url: string;
  /** The `accessToken` from `POST /api/auth/login`. Browsers on the same origin may omit it: the session cookie is sent. */
  token?: string;
  /**
   * The language of the server's refusals (error acks, `doc:revoked`, `collab:error`): the UI's.
   * Read again at every (re)connect, so a function follows a language switch. Without it the
   * server goes by the handshake's Accept-Language, then German.
   */
  language?: UiLanguageOption;
  /** Extra handshake headers (Node only), e.g. a `cookie` header. */
  headers?: Record<string, string>;
  /** Connect at once (default) or wait for `socket.connect()`. */
  autoConnect?: boolean;
  /** Upper bound of the reconnect back-off. */
  reconnectionDelayMaxMs?: number;
}

/**
 * A socket of the /collab namespace with the settings the server expects: websocket transport
 * only (no sticky sessions needed behind a load balancer) and the msgpack parser, which sends
 * each binary message as one frame.
 */
export function createCollabSocket(options: CollabSocketOptions): CollabSocket {
  return io(`${options.url.replace(/\/$/, '')}${COLLAB_NAMESPACE}`, {
    transports: ['websocket'],
    parser: msgpackParser,
    auth: (send: (data: object) => void) => {
      const language = currentLanguage(options.language);
      send({ ...(options.token ? { token: options.token } : {}), ...(language ? { language } : {}) });
    },
    extraHeaders: options.headers,
    withCredentials: true,
    forceNew: true,
    autoConnect: options.autoConnect ?? true,
    reconnectionDelay: 300,
    reconnectionDelayMax: options.reconnectionDelayMaxMs ?? 5000,
    randomizationFactor: 0.5,
  });
}

interface NodeBufferClass {
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): Uint8Array;
}
const runtime = globalThis as { process?: { versions?: { node?: string } }; Buffer?: NodeBufferClass };
const NodeBuffer = runtime.process?.versions?.node ? runtime.Buffer : undefined;

/**
 * The form the msgpack parser sends as one `bin` value: a Buffer over the same memory in Node,
 * an exactly-sized ArrayBuffer in the browser (copied only when the view is a slice).
 */
export function toWireBytes(bytes: Uint8Array): WireBytes {
  if (NodeBuffer) return NodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes.buffer as ArrayBuffer;
  return bytes.slice().buffer as ArrayBuffer;
}
