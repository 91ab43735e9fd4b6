import type { Cell } from './summary-table';

/** What starts a formula in Excel or LibreOffice (OWASP), after any quotes a reader drops. */
const FORMULA_START = /^"*[=+\-@\t\r]/;

/**
 * Where a spreadsheet may start a new cell inside a text: at either list separator (Excel
 * splits on the one of its locale, `;` on Vietnamese Windows, whatever this file uses), at a
 * tab, and at a line break (where a quote is not honoured, a quoted line break ends the row).
 */
const CELL_BREAK = /(?<=[,;\t\r\n])/;

/**
 * Text that a spreadsheet would run as a formula gets a leading apostrophe, so "=HYPERLINK(…)"
 * stays text (OWASP) — at its start and at the start of every part a spreadsheet could split
 * it into: "Phòng B;=cmd|…" becomes "Phòng B;'=cmd|…", which Excel splitting on `;` shows as
 * the text "'=cmd|…", not a command.
 */
export function neutraliseFormula(text: string): string {
  return text
    .split(CELL_BREAK)
    .map((part) => (FORMULA_START.test(part) ? `'${part}` : part))
    .join('');
}

/** Quoted whenever a reader could split it: a separator of either kind, a quote, a tab, a break. */
const NEEDS_QUOTES = /[",;\t\r\n]/;

const quote = (cell: Cell): string => {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = neutraliseFormula(cell);
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark, so Excel shows Vietnamese correctly. Numbers
 * are written as plain numbers; text is safe to open whichever separator the spreadsheet uses.
 */
export function toCsv(header: string[], rows: Cell[][]): Buffer {
  const lines = [header, ...rows].map((row) => row.map(quote).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
