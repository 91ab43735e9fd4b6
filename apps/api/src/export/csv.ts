import type { Cell } from './summary-table';

/**
 * A text cell that Excel or LibreOffice would run as a formula (it begins with =, +, -, @, a
 * tab or a carriage return) gets a leading apostrophe, so "=HYPERLINK(…)" stays text (OWASP).
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

const quote = (cell: Cell): string => {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = neutraliseFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** RFC 4180 CSV in UTF-8 with a byte-order mark, so Excel shows Vietnamese correctly. */
export function toCsv(header: string[], rows: Cell[][]): Buffer {
  const lines = [header, ...rows].map((row) => row.map(quote).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
