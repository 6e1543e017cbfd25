import { Injectable } from '@nestjs/common';
import type { ValuePreviewFields } from '@lagebild/shared';
import { readCsv } from './csv-reader.js';
import { sniffFileKind } from './file-kind.js';
import { bilingual } from '../import-language.js';
import { FileReadError } from './file-read.error.js';
import type { Table } from './table.js';
import { readXlsx } from './xlsx-reader.js';

/** Reads an uploaded CSV or Excel file into a table; injectable so services test with plain tables. */
@Injectable()
export class TableReader {
  async read(bytes: Buffer, options: ValuePreviewFields = {}): Promise<Table> {
    if (bytes.length === 0) throw new FileReadError(bilingual('Die Datei ist leer.', 'The file is empty.'));
    const kind = sniffFileKind(bytes);
    if (kind === 'ole')
      throw new FileReadError(
        bilingual(
          'Alte Excel-Dateien (.xls) werden nicht unterstützt. Bitte in Excel als .xlsx oder als CSV speichern.',
          'Old Excel files (.xls) are not supported. Please save the file in Excel as .xlsx or as CSV.',
        ),
      );
    if (kind === 'pdf')
      throw new FileReadError(
        bilingual(
          'PDF-Dateien können nicht importiert werden. Bitte die Tabelle als Excel- oder CSV-Datei anfordern.',
          'PDF files cannot be imported. Please ask for the table as an Excel or CSV file.',
        ),
      );
    const table = kind === 'zip' ? await readXlsx(bytes, options.sheet) : readCsv(bytes, options);
    if (table.headers.length === 0) throw new FileReadError(bilingual('Die Datei enthält keine Tabelle.', 'The file holds no table.'));
    if (options.decimalSeparator) table.format.decimalSeparator = options.decimalSeparator;
    return table;
  }
}
