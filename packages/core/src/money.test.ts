import { describe, expect, it } from 'vitest';
import { isAmount, MAX_AMOUNT, sumAmounts } from './money';

describe('isAmount', () => {
  it('accepts whole đồng from 0 to 1e15', () => {
    expect([0, 1, 13_000_000_000, MAX_AMOUNT].every(isAmount)).toBe(true);
  });
  it('refuses fractions, negatives, NaN, Infinity, text and amounts above 1e15', () => {
    expect(
      [0.5, -1, Number.NaN, Number.POSITIVE_INFINITY, '13', null, MAX_AMOUNT + 1].some(isAmount),
    ).toBe(false);
  });
});

describe('sumAmounts', () => {
  it('is null when nothing is entered, so "not entered" differs from 0', () => {
    expect(sumAmounts([])).toBeNull();
    expect(sumAmounts([null, null])).toBeNull();
    expect(sumAmounts([null, 0])).toBe(0);
  });
  it('adds the entered amounts', () => {
    expect(sumAmounts([1, null, 2])).toBe(3);
  });
});
