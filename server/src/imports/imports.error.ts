import { DomainError } from '../common/errors/domain-error.js';
import { bilingual, type Bilingual } from '../common/http/request-language.js';

const ImportErrorStatus = {
  FILE_MISSING: 400,
  UPLOAD_INVALID: 400,
  FILE_TOO_LARGE: 413,
  FILE_TOO_LARGE_FOR_SERVER: 413,
  IMPORTS_BUSY: 503,
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

  static tooLargeForServer(needBytes: number, budgetBytes: number): ImportError {
    const need = formatMegabytes(needBytes);
    const budget = formatMegabytes(budgetBytes);
    return new ImportError(
      'FILE_TOO_LARGE_FOR_SERVER',
      bilingual(
        `Zum Einlesen dieser Datei bräuchte der Server etwa ${need.de} Arbeitsspeicher; für Importe hat er ${budget.de}. Bitte die Datei aufteilen, z. B. nach Jahren oder Indikatoren, oder die Administration bitten, dem Server mehr Speicher zu geben.`,
        `Reading this file would take the server about ${need.en} of memory; it has ${budget.en} for imports. Please split the file, e.g. by year or by indicator, or ask the administrators to give the server more memory.`,
      ),
    );
  }

  static busy(): ImportError {
    return new ImportError(
      'IMPORTS_BUSY',
      bilingual(
        'Gerade läuft ein anderer großer Import. Bitte in einer Minute erneut versuchen; es wurde nichts gespeichert.',
        'Another large import is running. Please try again in a minute; nothing was saved.',
      ),
    );
  }

  static notFound(): ImportError {
    return new ImportError('IMPORT_NOT_FOUND', bilingual('Diesen Import gibt es nicht.', 'There is no such import.'));
  }
}

function formatMegabytes(bytes: number): Bilingual {
  const mb = Math.max(1, Math.round(bytes / 1024 / 1024));
  return { de: `${mb.toLocaleString('de-DE')} MB`, en: `${mb.toLocaleString('en-GB')} MB` };
}
