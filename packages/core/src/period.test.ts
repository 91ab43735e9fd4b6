import { describe, expect, it } from 'vitest';
import { isQuarter, isYear } from './period';

describe('isQuarter', () => {
  it('accepts 1 to 4 only', () => {
    expect([1, 2, 3, 4].every(isQuarter)).toBe(true);
    expect([0, 5, 1.5, '1'].some(isQuarter)).toBe(false);
  });
});

describe('isYear', () => {
  it('accepts whole years from 2000 to 2100', () => {
    expect([2000, 2023, 2100].every(isYear)).toBe(true);
    expect([1999, 2101, 2023.5, '2023'].some(isYear)).toBe(false);
  });
});
