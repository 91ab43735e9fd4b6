import { describe, expect, it } from 'vitest';
import { type ImportCell, validateImportSheet } from './import-rows';
import type { Locale } from './types';

const header: ImportCell[] = ['unit_code', 'year', 'quarter', 'type', 'amount', 'unit_name'];
const check = (rows: ImportCell[][], head: ImportCell[] = header, locale: Locale = 'en') =>
  validateImportSheet({ header: head, rows, locale });

describe('validateImportSheet', () => {
  it('reads plans, targets and actuals, with amounts as numbers or as people type them', () => {
    const result = check(
      [
        ['TT-ATM', 2023, null, 'plan', 30_000_000_000, 'Trung tâm An toàn Mỏ'],
        ['TT-ATM', '2023', '2', 'target', '5 tỷ', null],
        ['TT-ATM', 2023, 'Q1', 'actual', '2.413.000.000', null],
        [null, null, null, null, null, null],
        ['TT-ATM', 2023, 3, 'thực hiện', '13,5 tỷ', null],
      ],
      header,
      'vi',
    );
    expect(result.issues).toEqual([]);
    expect(result.rows).toEqual([
      {
        row: 2,
        unitCode: 'TT-ATM',
        year: 2023,
        quarter: null,
        kind: 'plan',
        amount: 30_000_000_000,
      },
      { row: 3, unitCode: 'TT-ATM', year: 2023, quarter: 2, kind: 'target', amount: 5_000_000_000 },
      { row: 4, unitCode: 'TT-ATM', year: 2023, quarter: 1, kind: 'actual', amount: 2_413_000_000 },
      {
        row: 6,
        unitCode: 'TT-ATM',
        year: 2023,
        quarter: 3,
        kind: 'actual',
        amount: 13_500_000_000,
      },
    ]);
  });

  it('accepts the Vietnamese headers', () => {
    const result = check(
      [['A', 2023, 1, 'actual', 5]],
      ['Mã đơn vị', 'Năm', 'Quý', 'Loại', 'Số tiền'],
    );
    expect(result.issues).toEqual([]);
  });

  it('names missing and unknown columns on row 1', () => {
    const result = check([['A', 2023, 1, 5]], ['unit_code', 'year', 'quarter', 'amount', 'colour']);
    expect(result.issues).toEqual([
      { row: 1, column: 'colour', reason: expect.stringContaining('unknown column') },
      { row: 1, column: 'type', reason: 'missing column' },
    ]);
  });

  it('reports every bad cell with its row and column, and keeps no rows', () => {
    const result = check([
      ['A', 1999, 1, 'actual', 5],
      ['A', 2023, 5, 'actual', 5],
      ['A', 2023, 1, 'actual', 'năm tỷ'],
      ['A', 2023, 1, 'target', 1.5],
      ['A', 2023, 1, 'budget', 5],
      ['A', 2023, 1, 'plan', 5],
      ['', 2023, 1, 'actual', 5],
      ['A', 2023, 2, 'actual', { formula: 'SUM(B1:B3)' }],
      ['A', 2023, 3, 'actual', -5],
    ]);
    expect(result.rows).toEqual([]);
    expect(result.issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'year'],
      [3, 'quarter'],
      [4, 'amount'],
      [5, 'amount'],
      [6, 'type'],
      [7, 'quarter'],
      [8, 'unit_code'],
      [9, 'amount'],
      [10, 'amount'],
    ]);
    expect(result.issues.find((i) => i.row === 9)?.reason).toContain('formula');
  });

  it('refuses the same figure twice', () => {
    const result = check([
      ['A', 2023, 1, 'actual', 5],
      ['A', 2023, 1, 'actual', 6],
    ]);
    expect(result.issues).toEqual([
      { row: 3, column: 'unit_code', reason: 'the same figure as row 2' },
    ]);
  });

  it('refuses a sheet without figures', () => {
    expect(check([]).issues).toEqual([
      { row: 2, column: 'unit_code', reason: 'the file has no rows of figures' },
    ]);
    expect(check([[null, null, null, null, null]]).issues).toHaveLength(1);
  });

  it('speaks the language of the person importing', () => {
    const result = check([['A', 2023, 5, 'actual', 5]], header, 'vi');
    expect(result.issues).toEqual([{ row: 2, column: 'quarter', reason: 'cần quý từ 1 đến 4' }]);
  });
});
