import { DomainError } from '../common/errors/domain-error.js';

const AtlasErrorStatus = {
  INDICATOR_NOT_FOUND: 404,
  AREA_NOT_FOUND: 404,
  PERIOD_NOT_FOUND: 404,
} as const;
export type AtlasErrorCode = keyof typeof AtlasErrorStatus;

export class AtlasError extends DomainError {
  constructor(code: AtlasErrorCode, message: string) {
    super(code, AtlasErrorStatus[code], message);
  }

  static indicatorNotFound(key: string): AtlasError {
    return new AtlasError('INDICATOR_NOT_FOUND', `Indikator „${key}“ gibt es nicht.`);
  }

  static areaNotFound(key: string): AtlasError {
    return new AtlasError('AREA_NOT_FOUND', `Gebiet „${key}“ gibt es nicht.`);
  }
}
