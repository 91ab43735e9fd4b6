import { describe, expect, it } from 'vitest';
import { unitOptionLabel, unitOptionsFromUnits } from './unit-options';

describe('unitOptionsFromUnits', () => {
  it('lists the root first, then each subtree with children by code', () => {
    const options = unitOptionsFromUnits([
      { id: 3, code: 'TT-ATM', name: 'Trung tâm An toàn Mỏ', parentId: 1 },
      { id: 2, code: 'P-KTLT', name: 'Phòng Công nghệ Khai thác Lộ thiên', parentId: 1 },
      { id: 1, code: 'VIMSAT', name: 'Viện', parentId: null },
      { id: 4, code: 'A', name: 'Tổ A', parentId: 2 },
    ]);
    expect(options.map((o) => [o.code, o.depth])).toEqual([
      ['VIMSAT', 0],
      ['P-KTLT', 1],
      ['A', 2],
      ['TT-ATM', 1],
    ]);
  });

  it('keeps a unit whose parent is missing, as a root', () => {
    const options = unitOptionsFromUnits([{ id: 5, code: 'X', name: 'X', parentId: 99 }]);
    expect(options).toEqual([{ id: 5, code: 'X', name: 'X', depth: 0 }]);
  });
});

describe('unitOptionLabel', () => {
  it('indents by depth and shows the code', () => {
    expect(unitOptionLabel({ id: 1, code: 'P-TK', name: 'Phòng Tuyển khoáng', depth: 1 })).toBe(
      '\u00A0\u00A0\u00A0Phòng Tuyển khoáng (P-TK)',
    );
  });
});
