import type { Composer } from 'vue-i18n';
import { ApiError } from './http';

/** A message for people: the translated code when we know it, else the server's (German) text. */
export function errorMessage(error: unknown, t: Composer['t'], te: Composer['te']): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    if (te(key)) return t(key);
    return error.message;
  }
  return t('errors.INTERNAL_ERROR');
}
