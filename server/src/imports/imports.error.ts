import { DomainError } from '../common/errors/domain-error.js';
import { bilingual, type Bilingual } from '../common/http/request-language.js';

const ImportErrorStatus = {
  FILE_MISSING: 400,
  UPLOAD_INVALID: 400,
  FILE_TOO_LARGE: 413,
  FILE_UNREADABLE: 422,
  IMPORT_INVALID: 422,
  IMPORT_NOT_FOUND: 404,
  ALREADY_ROLLED_BACK: 409,
  IMPORT_SUPERSEDED: 409,
  NOT_ROLLBACKABLE: 409,
  AREA_IN_USE: 409,
  MAPPING_NOT_FOUND: 404,
  MAPPING_NAME_TAKEN: 409,
} as const;
export type ImportErrorCode = keyof typeof ImportErrorStatus;

/** Errors of value and boundary imports; messages are written for data stewards, in German and English. */
export class ImportError extends DomainError {
  constructor(code: ImportErrorCode, message: Bilingual) {
    super(code, ImportErrorStatus[code], message);
  }

  static fileMissing(): ImportError {
    return new ImportError('FILE_MISSING', bilingual('Bitte eine Datei auswählen (Feld „file“).', 'Please choose a file (field “file”).'));
  }

  static tooLarge(maxBytes: number): ImportError {
    const mb = Math.round(maxBytes / 1024 / 1024);
    return new ImportError(
      'FILE_TOO_LARGE',
      bilingual(
        `Die Datei ist größer als ${mb} MB. Bitte die Datei aufteilen, z. B. nach Jahren oder Indikatoren.`,
        `The file is larger than ${mb} MB. Please split it, e.g. by year or by indicator.`,
      ),
    );
  }

  static notFound(): ImportError {
    return new ImportError('IMPORT_NOT_FOUND', bilingual('Diesen Import gibt es nicht.', 'There is no such import.'));
  }
}
