import type { ImportCell, Locale } from '@targetline/core';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

type FileMessages = ReturnType<typeof fileMessages>;

export type Sheet = { header: ImportCell[]; rows: ImportCell[][] };

/** A file that cannot be read as the template; the message is for the person who sent it. */
export class SheetError extends Error {
  readonly statusCode = 400;
  readonly field = 'file';
}

/** File-level problems, in the importer's language. */
const FILE_MESSAGES = {
  en: {
    notCsvText: 'The file is not a CSV text file',
    notUtf8: 'The CSV file is not UTF-8 text; save it as "CSV UTF-8" and try again',
    csvUnreadable: (detail: string) => `The CSV file cannot be read: ${detail}`,
    notWorkbook: 'The file is not a readable Excel workbook (.xlsx)',
    noSheet: 'The workbook has no sheet',
    merged: (ranges: string) => `The sheet has merged cells (${ranges}); unmerge them`,
    empty: 'The file is empty',
    xlsxNotWorkbook: 'The file is named .xlsx but is not an Excel workbook',
    csvIsWorkbook: 'The file is named .csv but is a workbook; name it .xlsx',
    onlyXlsxCsv: 'Only .xlsx and .csv files can be imported',
    noFile: 'No file was sent',
  },
  vi: {
    notCsvText: 'Tệp không phải tệp văn bản CSV',
    notUtf8: 'Tệp CSV không phải văn bản UTF-8; hãy lưu dạng "CSV UTF-8" rồi thử lại',
    csvUnreadable: (detail: string) => `Không đọc được tệp CSV: ${detail}`,
    notWorkbook: 'Tệp không phải bảng tính Excel (.xlsx) đọc được',
    noSheet: 'Bảng tính không có trang nào',
    merged: (ranges: string) => `Trang tính có ô gộp (${ranges}); hãy bỏ gộp ô`,
    empty: 'Tệp trống',
    xlsxNotWorkbook: 'Tệp có đuôi .xlsx nhưng không phải bảng tính Excel',
    csvIsWorkbook: 'Tệp có đuôi .csv nhưng là bảng tính; hãy đặt đuôi .xlsx',
    onlyXlsxCsv: 'Chỉ nhập được tệp .xlsx và .csv',
    noFile: 'Chưa gửi tệp nào',
  },
} as const;

export const fileMessages = (locale: Locale) => FILE_MESSAGES[locale];

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Only the extension of an uploaded name matters; the name is never used as a path. */
export const extensionOf = (filename: string) =>
  /\.([A-Za-z0-9]{1,8})$/.exec(filename.split(/[\\/]/).pop() ?? '')?.[1]?.toLowerCase() ?? '';

function readCsv(data: Buffer, m: FileMessages): Sheet {
  if (data.includes(0)) throw new SheetError(m.notCsvText);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new SheetError(m.notUtf8);
  }
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      // Excel in Vietnamese and other locales saves CSV with semicolons.
      delimiter: text.split(/\r?\n/, 1)[0]?.includes(';') ? ';' : ',',
    }) as string[][];
  } catch (err) {
    throw new SheetError(m.csvUnreadable(err instanceof Error ? err.message : 'bad format'));
  }
  const [header = [], ...rows] = records;
  const cell = (value: string): ImportCell =>
    value.trim() === '' ? null : value.startsWith("'") ? value.slice(1) : value;
  return { header: header.map(cell), rows: rows.map((r) => r.map(cell)) };
}

function fromExcel(value: ExcelJS.CellValue): ImportCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('formula' in value || 'sharedFormula' in value) {
    return { formula: 'formula' in value ? String(value.formula) : String(value.sharedFormula) };
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return null;
}

async function readXlsx(data: Buffer, m: FileMessages): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new SheetError(m.notWorkbook);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SheetError(m.noSheet);
  const merges = (sheet.model as { merges?: string[] }).merges ?? [];
  if (merges.length > 0) {
    throw new SheetError(m.merged(merges.slice(0, 3).join(', ')));
  }
  const table: ImportCell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, number) => {
    const cells: ImportCell[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = fromExcel(cell.value);
    });
    table[number - 1] = Array.from(cells, (c) => c ?? null);
  });
  const [header = [], ...rows] = Array.from(table, (r) => r ?? []);
  return { header, rows };
}

/** Reads the first sheet of an .xlsx or a .csv upload; anything else is refused. */
export async function readSheet(
  filename: string,
  data: Buffer,
  locale: Locale = 'en',
): Promise<Sheet> {
  const m = fileMessages(locale);
  if (data.length === 0) throw new SheetError(m.empty);
  const extension = extensionOf(filename);
  const isZip = data.subarray(0, 4).equals(ZIP_MAGIC);
  if (extension === 'xlsx') {
    if (!isZip) throw new SheetError(m.xlsxNotWorkbook);
    return readXlsx(data, m);
  }
  if (extension === 'csv') {
    if (isZip) throw new SheetError(m.csvIsWorkbook);
    return readCsv(data, m);
  }
  throw new SheetError(m.onlyXlsxCsv);
}
