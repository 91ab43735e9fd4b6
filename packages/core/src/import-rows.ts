import { importMessages } from './import-messages';
import { isAmount } from './money';
import { parseAmount } from './parse-amount';
import { isQuarter, isYear } from './period';
import type { Locale, Quarter } from './types';

export type ImportKind = 'plan' | 'target' | 'actual';

/** A cell as a reader hands it over: text, a number, empty, or a formula it refused to evaluate. */
export type ImportCell = string | number | null | { formula: string };

export type ImportIssue = {
  /** 1-based, as the spreadsheet shows it; the header is row 1. */
  row: number;
  column: string;
  reason: string;
};

export type ImportRow = {
  row: number;
  unitCode: string;
  year: number;
  /** null for an annual plan. */
  quarter: Quarter | null;
  kind: ImportKind;
  amount: number;
};

/**
 * The most rows below the header one import takes (both readers refuse a longer sheet before
 * checking any row): a hundred times the largest organisation's year, and what one
 * transaction and one dry-run answer are sized for.
 */
export const MAX_IMPORT_ROWS = 100_000;

/** The template's columns; `unit_name` is for people and ignored. Vietnamese headers are accepted too. */
export const IMPORT_COLUMNS = ['unit_code', 'year', 'quarter', 'type', 'amount'] as const;
type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const IGNORED_COLUMNS = ['unit_name'];
const ALIASES: Record<string, ImportColumn | 'unit_name'> = {
  'mã đơn vị': 'unit_code',
  năm: 'year',
  quý: 'quarter',
  loại: 'type',
  'số tiền': 'amount',
  'tên đơn vị': 'unit_name',
};
const KINDS: Record<string, ImportKind> = {
  plan: 'plan',
  'kế hoạch': 'plan',
  target: 'target',
  'chỉ tiêu': 'target',
  actual: 'actual',
  'thực hiện': 'actual',
};
const AMOUNT_ERRORS = {
  empty: 'amountEmpty',
  invalid: 'amountInvalid',
  negative: 'amountNegative',
  fraction: 'amountFraction',
  too_large: 'amountTooLarge',
} as const;

const text = (cell: ImportCell | undefined): string =>
  cell === null || cell === undefined
    ? ''
    : typeof cell === 'object'
      ? ''
      : String(cell).normalize('NFC').trim();

const columnKey = (header: ImportCell | undefined) => {
  const name = text(header).toLowerCase().replace(/\s+/g, ' ');
  return ALIASES[name] ?? name;
};

/**
 * Checks a whole sheet of the import template before anything is written: the header must
 * name exactly the template's columns (unit_name optional); every row must have a unit code,
 * a year 2000–2100, a type (plan, target, actual), a quarter 1–4 for targets and actuals and
 * none for plans, and an amount in whole đồng — a number or text as people type it ("25 tỷ",
 * read in `locale`). Formulas, duplicate rows (same unit, year, quarter and type) and a sheet
 * without rows are refused. Every problem is reported with its row and column.
 */
export function validateImportSheet({
  header,
  rows,
  locale,
}: {
  header: ImportCell[];
  rows: ImportCell[][];
  locale: Locale;
}): { rows: ImportRow[]; issues: ImportIssue[] } {
  const m = importMessages(locale);
  const issues: ImportIssue[] = [];
  const positions = new Map<string, number>();
  header.forEach((cell, i) => {
    const key = columnKey(cell);
    if (key === '') return;
    if (![...IMPORT_COLUMNS, ...IGNORED_COLUMNS].includes(key)) {
      issues.push({
        row: 1,
        column: text(cell),
        reason: m.unknownColumn(IMPORT_COLUMNS.join(', ')),
      });
    } else if (positions.has(key)) {
      issues.push({ row: 1, column: key, reason: m.duplicateColumn() });
    } else {
      positions.set(key, i);
    }
  });
  for (const column of IMPORT_COLUMNS) {
    if (!positions.has(column)) issues.push({ row: 1, column, reason: m.missingColumn() });
  }
  if (issues.length > 0) return { rows: [], issues };

  const at = (cells: ImportCell[], column: ImportColumn) =>
    cells[positions.get(column) ?? -1] ?? null;
  const parsed: ImportRow[] = [];
  const seen = new Map<string, number>();
  rows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => text(c) === '' && (c === null || typeof c !== 'object'))) return;
    const problems: ImportIssue[] = [];
    for (const column of IMPORT_COLUMNS) {
      const cell = at(cells, column);
      if (cell !== null && typeof cell === 'object') {
        problems.push({ row, column, reason: m.formula() });
      }
    }
    if (problems.length > 0) {
      issues.push(...problems);
      return;
    }
    const unitCode = text(at(cells, 'unit_code'));
    if (unitCode === '') problems.push({ row, column: 'unit_code', reason: m.unitCodeRequired() });

    const yearCell = at(cells, 'year');
    const year = typeof yearCell === 'number' ? yearCell : Number(text(yearCell));
    if (!isYear(year)) problems.push({ row, column: 'year', reason: m.yearRequired() });

    const kind = KINDS[text(at(cells, 'type')).toLowerCase()];
    if (!kind) problems.push({ row, column: 'type', reason: m.typeRequired() });

    const quarterText = text(at(cells, 'quarter'));
    let quarter: Quarter | null = null;
    if (kind === 'plan') {
      if (quarterText !== '')
        problems.push({ row, column: 'quarter', reason: m.planHasNoQuarter() });
    } else {
      const q = Number(quarterText.replace(/^(q|quý)\s*/i, ''));
      if (quarterText === '' || !isQuarter(q)) {
        problems.push({ row, column: 'quarter', reason: m.quarterRequired() });
      } else {
        quarter = q;
      }
    }

    const amountCell = at(cells, 'amount');
    let amount: number | null = null;
    if (typeof amountCell === 'number') {
      if (isAmount(amountCell)) amount = amountCell;
      else problems.push({ row, column: 'amount', reason: m.amountRange() });
    } else {
      const result = parseAmount(text(amountCell), locale);
      if (result.ok) amount = result.amount;
      else problems.push({ row, column: 'amount', reason: m[AMOUNT_ERRORS[result.error]]() });
    }

    if (problems.length > 0 || !kind || amount === null) {
      issues.push(...problems);
      return;
    }
    const key = `${unitCode}|${year}|${quarter ?? ''}|${kind}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({ row, column: 'unit_code', reason: m.sameFigure(first) });
      return;
    }
    seen.set(key, row);
    parsed.push({ row, unitCode, year, quarter, kind, amount });
  });
  if (parsed.length === 0 && issues.length === 0) {
    issues.push({ row: 2, column: 'unit_code', reason: m.noRows() });
  }
  return { rows: issues.length > 0 ? [] : parsed, issues };
}
