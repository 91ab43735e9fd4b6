import { fill, type ImportCell, type Locale, MAX_IMPORT_ROWS, wordsFor } from '@targetline/core';
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { type Entry, fromBufferPromise } from 'yauzl';

/**
 * An .xlsx is a zip: what it may unpack to, in all, before exceljs (which inflates every part
 * into memory) is given it. A workbook of 100,000 rows in the template's layout is about 25 MB.
 */
export const MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
/** Parts of an .xlsx; Excel writes about a dozen for a one-sheet workbook. */
export const MAX_ARCHIVE_ENTRIES = 1_000;
/**
 * Cells of one worksheet, empty ones included: 100,000 rows of the template's six columns
 * with room to spare. exceljs keeps an object per cell, so this, not the bytes, bounds its
 * memory (50 MB of empty cells would be three million of them and more than a gigabyte).
 */
export const MAX_SHEET_CELLS = 1_000_000;

type FileMessages = ReturnType<typeof fileMessages>;

const count = (n: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-US').format(n);
const MB = MAX_UNPACKED_BYTES / 1024 / 1024;

export type Sheet = { header: ImportCell[]; rows: ImportCell[][] };

/** A file that cannot be read as the template; the message is for the person who sent it. */
export class SheetError extends Error {
  readonly statusCode = 400;
  readonly field = 'file';
}

/** File-level problems, in the importer's language, from the one catalogue of words. */
function fileMessagesOf(locale: Locale) {
  const w = wordsFor(locale).importFile;
  return {
    notCsvText: w.notCsvText,
    notUtf8: w.notUtf8,
    csvUnreadable: (detail: string) => fill(w.csvUnreadable, { detail }),
    notWorkbook: w.notWorkbook,
    noSheet: w.noSheet,
    merged: (ranges: string) => fill(w.merged, { ranges }),
    empty: w.empty,
    xlsxNotWorkbook: w.xlsxNotWorkbook,
    csvIsWorkbook: w.csvIsWorkbook,
    onlyXlsxCsv: w.onlyXlsxCsv,
    noFile: w.noFile,
    tooManyRows: fill(w.tooManyRows, { maxRows: count(MAX_IMPORT_ROWS, locale) }),
    tooManyCells: fill(w.tooManyCells, { maxCells: count(MAX_SHEET_CELLS, locale) }),
    unpackedTooLarge: fill(w.unpackedTooLarge, { mb: MB }),
    tooManyEntries: fill(w.tooManyEntries, { maxParts: count(MAX_ARCHIVE_ENTRIES, locale) }),
    damaged: w.damaged,
  };
}

const FILE_MESSAGES = { vi: fileMessagesOf('vi'), en: fileMessagesOf('en') } as const;

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
      // One record past the limit is enough to refuse: 10 MB of line breaks are not parsed
      // into millions of rows first.
      to: MAX_IMPORT_ROWS + 2,
    }) as string[][];
  } catch (err) {
    throw new SheetError(m.csvUnreadable(err instanceof Error ? err.message : 'bad format'));
  }
  if (records.length > MAX_IMPORT_ROWS + 1) throw new SheetError(m.tooManyRows);
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

const isWorksheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);

/**
 * Counts the start tags of rows and cells in a worksheet's XML as it streams by, so that a
 * sheet too big for exceljs is refused before exceljs builds it. Text never holds a raw "<",
 * so a tag can only be miscounted inside a comment or CDATA — towards refusing.
 */
class SheetTally {
  rows = 0;
  cells = 0;
  private tail = '';

  add(chunk: Buffer) {
    const text = this.tail + chunk.toString('latin1');
    for (const match of text.matchAll(/<(row|c)[\s/>]/g)) {
      // A tag wholly inside the kept tail was counted with the previous chunk.
      if (match.index + match[0].length <= this.tail.length) continue;
      if (match[1] === 'row') this.rows++;
      else this.cells++;
    }
    this.tail = text.slice(-4);
  }
}

/**
 * Reads the archive's central directory and refuses a zip bomb before anything is unpacked
 * into memory: too many parts, or declared sizes adding up to more than MAX_UNPACKED_BYTES.
 * The declared sizes are then held to: every part is inflated as a stream and thrown away,
 * and yauzl stops a part with an error as soon as it yields more than it declared (or fewer).
 * Worksheets are tallied on the way, rows and cells, against the import's limits.
 */
async function checkArchive(data: Buffer, m: FileMessages): Promise<void> {
  let zip: Awaited<ReturnType<typeof fromBufferPromise>>;
  try {
    zip = await fromBufferPromise(data, { validateEntrySizes: true });
  } catch {
    throw new SheetError(m.notWorkbook);
  }
  if (zip.entryCount > MAX_ARCHIVE_ENTRIES) throw new SheetError(m.tooManyEntries);
  const entries: Entry[] = [];
  let declared = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      declared += entry.uncompressedSize;
      if (declared > MAX_UNPACKED_BYTES) throw new SheetError(m.unpackedTooLarge);
      entries.push(entry);
    }
  } catch (err) {
    if (err instanceof SheetError) throw err;
    throw new SheetError(m.notWorkbook);
  }
  for (const entry of entries) {
    const tally = isWorksheet(entry.fileName) ? new SheetTally() : null;
    try {
      const stream = await zip.openReadStreamPromise(entry);
      for await (const chunk of stream) {
        if (!tally) continue;
        tally.add(chunk as Buffer);
        if (tally.rows > MAX_IMPORT_ROWS + 1) throw new SheetError(m.tooManyRows);
        if (tally.cells > MAX_SHEET_CELLS) throw new SheetError(m.tooManyCells);
      }
    } catch (err) {
      if (err instanceof SheetError) throw err;
      throw new SheetError(m.damaged);
    }
  }
}

async function readXlsx(data: Buffer, m: FileMessages): Promise<Sheet> {
  await checkArchive(data, m);
  // Loaded on the first .xlsx, not at start: exceljs and its zip libraries take a quarter of a
  // second to load, which every start of the server would pay for a rare import.
  const { Workbook } = (await import('exceljs')).default;
  const workbook = new Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new SheetError(m.notWorkbook);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SheetError(m.noSheet);
  // Rows are numbered: one cell in row 1,000,000 would make a million rows below.
  if (sheet.rowCount > MAX_IMPORT_ROWS + 1) throw new SheetError(m.tooManyRows);
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
