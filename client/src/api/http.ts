import { CSRF_COOKIE, CSRF_HEADER, validationLanguage, type ErrorBody, type FieldError } from '@lagebild/shared';
import { waitWithNotice } from './server-availability';

/** An error answer of the API, in the server's `{statusCode, code, message}` shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
    /** The server's `Retry-After` header, when it sent one. */
    readonly retryAfter: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryValue = string | number | boolean | undefined | null;

export interface HttpClient {
  get<T>(path: string, query?: Record<string, QueryValue>): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  delete<T = void>(path: string): Promise<T>;
  /** multipart/form-data, e.g. file imports */
  upload<T>(path: string, form: FormData): Promise<T>;
}

/** A read that failed because the server or its database is briefly away, and will be tried again. */
export interface RetryNotice {
  /** 1 for the first repetition. */
  attempt: number;
  /** How long the client waits before trying again. */
  waitMs: number;
  error: ApiError;
}

export interface RetryPolicy {
  /** Repetitions after the first try; then the error reaches the page as before. */
  maxRetries: number;
  /** Resolves when the next try may start; the app's version shows a notice and can be cut short. */
  wait: (notice: RetryNotice) => Promise<void>;
}

export interface HttpClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Reads the CSRF cookie; injectable so stores can be tested without a document. */
  csrfToken?: () => string | null;
  /** The server answered 401 UNAUTHENTICATED: the session expired or was ended elsewhere. */
  onSessionEnded?: () => void;
  /** Reads (GET) that meet a 502/503/504 or no answer at all are tried again under this policy. */
  retry?: RetryPolicy;
}

/** Statuses that say "not now" rather than "not so": a restarting database, proxy or app. */
const TRANSIENT_STATUSES = new Set([0, 502, 503, 504]);
const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 15_000;

/**
 * When to try a read again: as the server's `Retry-After` asks (seconds), else doubling from 1 s,
 * never longer than 15 s, so a page on the shared screen picks up soon after the database is back.
 */
export function retryDelayMs(attempt: number, retryAfter: string | null): number {
  const asked = retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) * 1000 : null;
  return Math.min(LONGEST_RETRY_MS, asked ?? FIRST_RETRY_MS * 2 ** (attempt - 1));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** About two minutes of an outage at the default delays: longer ones end in the page's own error message. */
const MAX_RETRIES = 10;
const DEFAULT_RETRY: RetryPolicy = { maxRetries: MAX_RETRIES, wait: (notice) => sleep(notice.waitMs) };

function readCookie(name: string): string | null {
  if (typeof document === 'undefined') return null;
  const match = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return match ? decodeURIComponent(match.slice(name.length + 1)) : null;
}

/** Whether the browser holds the CSRF cookie that login sets next to the session cookie. */
export function hasCsrfCookie(): boolean {
  return readCookie(CSRF_COOKIE) !== null;
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const baseUrl = options.baseUrl ?? '/api';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const csrfToken = options.csrfToken ?? (() => readCookie(CSRF_COOKIE));
  const retry = options.retry ?? DEFAULT_RETRY;

  /** Only reads are repeated: the server never changes anything on GET, so a repeat cannot write twice. */
  async function read<T>(path: string, query?: Record<string, QueryValue>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request<T>('GET', path, { query });
      } catch (error) {
        if (!(error instanceof ApiError) || !TRANSIENT_STATUSES.has(error.status) || attempt > retry.maxRetries) throw error;
        await retry.wait({ attempt, waitMs: retryDelayMs(attempt, error.retryAfter), error });
      }
    }
  }

  async function request<T>(
    method: string,
    path: string,
    init: { query?: Record<string, QueryValue>; body?: BodyInit; json?: unknown } = {},
  ): Promise<T> {
    const url = new URL(`${baseUrl}${path}`, typeof location === 'undefined' ? 'http://localhost' : location.origin);
    for (const [key, value] of Object.entries(init.query ?? {})) {
      if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
    }
    // The UI's language, not the browser's: import reports are written in it.
    const headers: Record<string, string> = { accept: 'application/json', 'accept-language': validationLanguage() };
    if (method !== 'GET') {
      const token = csrfToken();
      if (token) headers[CSRF_HEADER] = token;
    }
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    let response: Response;
    try {
      response = await doFetch(url.pathname + url.search, { method, headers, body, credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'NETWORK_ERROR', 'Der Server ist nicht erreichbar.');
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    const data: unknown = text ? safeJson(text) : undefined;
    if (!response.ok) {
      const error = (data ?? {}) as Partial<ErrorBody>;
      if (response.status === 401 && error.code === 'UNAUTHENTICATED') options.onSessionEnded?.();
      throw new ApiError(
        response.status,
        error.code ?? 'HTTP_ERROR',
        error.message ?? response.statusText,
        error.errors ?? [],
        response.headers.get('retry-after'),
      );
    }
    return data as T;
  }

  return {
    get: read,
    post: (path, body) => request('POST', path, { json: body ?? {} }),
    put: (path, body) => request('PUT', path, { json: body ?? {} }),
    patch: (path, body) => request('PATCH', path, { json: body ?? {} }),
    delete: (path) => request('DELETE', path),
    upload: (path, form) => request('POST', path, { body: form }),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const sessionEndedListeners = new Set<() => void>();

/**
 * Called whenever the API says the caller is not logged in (any request, any page), so the
 * app stops showing a user whose session expired, was revoked or ended in another tab.
 */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

/** The app's client; stores receive it through `useApi()` so tests can swap it. */
let client: HttpClient = createHttpClient({
  onSessionEnded: () => sessionEndedListeners.forEach((listener) => listener()),
  retry: { maxRetries: MAX_RETRIES, wait: waitWithNotice },
});
export const useApi = (): HttpClient => client;
export function provideApi(next: HttpClient): void {
  client = next;
}
