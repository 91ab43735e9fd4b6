import type { SummaryUnit } from '@targetline/contract';
import { describe, expect, it } from 'vitest';
import { visibleRows } from './summary-table-rows';

/** Only what the filter reads: the rest of a summary row plays no part in a search. */
function unit(unitId: number, name: string, code: string): SummaryUnit {
  return {
    unitId,
    parentId: null,
    depth: 0,
    name,
    code,
    analysis: { status: null },
  } as unknown as SummaryUnit;
}

const units = [
  unit(1, 'Trung tâm An toàn Mỏ', 'TT-ATM'),
  unit(2, 'Phòng Địa chất', 'P-DC'),
  unit(3, 'Phòng Kế toán', 'P-KT'),
  unit(4, 'Công ty CP Tư vấn Đầu tư', 'CT-TVDT'),
];

function search(text: string): string[] {
  return visibleRows({
    units,
    collapsed: new Set(),
    sort: null,
    status: 'all',
    search: text,
    locale: 'vi',
  }).rows.map((row) => row.name);
}

describe('visibleRows search', () => {
  it('finds an accented name from a query typed without accents', () => {
    expect(search('an toan')).toEqual(['Trung tâm An toàn Mỏ']);
  });

  it('matches đ with d, both ways', () => {
    expect(search('dia chat')).toEqual(['Phòng Địa chất']);
    expect(search('ĐẦU TƯ')).toEqual(['Công ty CP Tư vấn Đầu tư']);
    expect(search('dau tu')).toEqual(['Công ty CP Tư vấn Đầu tư']);
  });

  it('still finds by code, and by the accented spelling', () => {
    expect(search('p-dc')).toEqual(['Phòng Địa chất']);
    expect(search('Kế toán')).toEqual(['Phòng Kế toán']);
  });

  it('does not match what the letters do not spell', () => {
    expect(search('toan mo')).toEqual(['Trung tâm An toàn Mỏ']);
    expect(search('dia chet')).toEqual([]);
  });
});
