/**
 * Name of the httpOnly session cookie and of the readable CSRF cookie (double-submit), and
 * the header that carries the CSRF token. Free of zod: every request of the client needs them.
 */
export const SESSION_COOKIE = 'lagebild_session';
export const CSRF_COOKIE = 'lagebild_csrf';
export const CSRF_HEADER = 'x-csrf-token';
