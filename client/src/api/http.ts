import { CSRF_COOKIE, CSRF_HEADER, validationLanguage, type ErrorBody, type FieldError } from '@lagebild/shared';

/** An error answer of the API, in the server's `{statusCode, code, message}` shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: FieldError[] = [],
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

export interface HttpClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Reads the CSRF cookie; injectable so stores can be tested without a document. */
  csrfToken?: () => string | null;
  /** The server answered 401 UNAUTHENTICATED: the session expired or was ended elsewhere. */
  onSessionEnded?: () => void;
}

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
      throw new ApiError(response.status, error.code ?? 'HTTP_ERROR', error.message ?? response.statusText, error.errors ?? []);
    }
    return data as T;
  }

  return {
    get: (path, query) => request('GET', path, { query }),
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
let client: HttpClient = createHttpClient({ onSessionEnded: () => sessionEndedListeners.forEach((listener) => listener()) });
export const useApi = (): HttpClient => client;
export function provideApi(next: HttpClient): void {
  client = next;
}
