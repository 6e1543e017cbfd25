import { DomainError } from '../common/errors/domain-error.js';
import { bilingual, type Bilingual } from '../common/http/request-language.js';

const AtlasErrorStatus = {
  INDICATOR_NOT_FOUND: 404,
  AREA_NOT_FOUND: 404,
  PERIOD_NOT_FOUND: 404,
} as const;
export type AtlasErrorCode = keyof typeof AtlasErrorStatus;

export class AtlasError extends DomainError {
  constructor(code: AtlasErrorCode, message: Bilingual) {
    super(code, AtlasErrorStatus[code], message);
  }

  static indicatorNotFound(key: string): AtlasError {
    return new AtlasError('INDICATOR_NOT_FOUND', bilingual(`Indikator „${key}“ gibt es nicht.`, `There is no indicator “${key}”.`));
  }

  static areaNotFound(key: string): AtlasError {
    return new AtlasError('AREA_NOT_FOUND', bilingual(`Gebiet „${key}“ gibt es nicht.`, `There is no area “${key}”.`));
  }
}
