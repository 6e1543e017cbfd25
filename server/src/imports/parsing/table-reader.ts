import { Injectable } from '@nestjs/common';
import type { ValuePreviewFields } from '@lagebild/shared';
import { readCsv } from './csv-reader.js';
import { sniffFileKind } from './file-kind.js';
import { FileReadError } from './file-read.error.js';
import type { Table } from './table.js';
import { readXlsx } from './xlsx-reader.js';

/** Reads an uploaded CSV or Excel file into a table; injectable so services test with plain tables. */
@Injectable()
export class TableReader {
  async read(bytes: Buffer, options: ValuePreviewFields = {}): Promise<Table> {
    if (bytes.length === 0) throw new FileReadError('Die Datei ist leer.');
    const kind = sniffFileKind(bytes);
    if (kind === 'ole')
      throw new FileReadError('Alte Excel-Dateien (.xls) werden nicht unterstützt. Bitte in Excel als .xlsx oder als CSV speichern.');
    if (kind === 'pdf') throw new FileReadError('PDF-Dateien können nicht importiert werden. Bitte die Tabelle als Excel- oder CSV-Datei anfordern.');
    const table = kind === 'zip' ? await readXlsx(bytes, options.sheet) : readCsv(bytes, options);
    if (table.headers.length === 0) throw new FileReadError('Die Datei enthält keine Tabelle.');
    if (options.decimalSeparator) table.format.decimalSeparator = options.decimalSeparator;
    return table;
  }
}
