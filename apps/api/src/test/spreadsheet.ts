import { parse } from 'csv-parse/sync';

/** What a spreadsheet runs as a formula: a cell starting with one of these (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;
const isNumber = (cell: string) => /^-?\d+(\.\d+)?$/.test(cell);

/**
 * Text written to become formulas in a spreadsheet that splits a CSV on `;` (Excel with the
 * Vietnamese list separator) or on `,`.
 */
export const HOSTILE_NAMES = [
  "Phong B;=cmd|' /C calc'!A0",
  'Phong C,=1+1',
  'Phong D;+SUM(A1:A9)',
  'Phong E;-2+3',
  'Phong F;@SUM(A1)',
  'Phong G;"=1+1"',
  'Phong H\n=1+1',
  'Phong I\r\n@x',
  'Phong J\t=1',
  '=1+1',
  '-3',
];

/**
 * The cells a spreadsheet would see splitting the file on `delimiter`, quotes honoured only
 * where a cell starts with one (as Excel does when the file's separator is not its own).
 */
export function cellsSplitOn(csv: Buffer, delimiter: ',' | ';'): string[] {
  const records = parse(csv.toString('utf8'), {
    bom: true,
    delimiter,
    relax_quotes: true,
    relax_column_count: true,
  }) as string[][];
  return records.flat();
}

/** The same, splitting each line on `;` with no regard to quotes at all. */
export const partsSplitNaively = (csv: Buffer): string[] =>
  csv
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .flatMap((line) => line.split(';'));

/** Cells that would run as formulas: not numbers, and starting (after any quotes) with a formula character. */
export const formulaCells = (cells: string[]) =>
  cells.filter((cell) => FORMULA_START.test(cell.replace(/^"+/, '')) && !isNumber(cell));
