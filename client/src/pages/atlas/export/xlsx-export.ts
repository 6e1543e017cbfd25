import type { ExportTable } from './table-export';

export interface WorkbookMeta {
  sheetName: string;
  title: string;
  /** Label/value pairs for the "about" sheet: indicator, definition, source, period, link … */
  about: [string, string][];
  aboutSheetName: string;
}

/**
 * An Excel workbook of the table, with numbers as numbers (formatted with the indicator's
 * decimals) and a second sheet naming source, definition and period, so the file can go
 * into a report on its own. exceljs is loaded only when someone clicks the export.
 */
export async function toXlsx(table: ExportTable, meta: WorkbookMeta): Promise<Blob> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lagebild';
  workbook.created = new Date();

  const sheet = workbook.addWorksheet(meta.sheetName.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column, i) => ({
    header: column.header,
    key: `c${i}`,
    width: Math.min(48, Math.max(10, column.header.length + 2, ...table.rows.map((r) => String(r[i] ?? '').length + 2))),
    style: column.decimals !== null ? { numFmt: column.decimals > 0 ? `0.${'0'.repeat(column.decimals)}` : '0' } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);

  const about = workbook.addWorksheet(meta.aboutSheetName.slice(0, 31));
  about.columns = [
    { key: 'label', width: 24 },
    { key: 'value', width: 100 },
  ];
  about.addRow([meta.title]).font = { bold: true, size: 13 };
  for (const [label, value] of meta.about) {
    const row = about.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  }

  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
