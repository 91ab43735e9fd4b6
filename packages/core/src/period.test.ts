import { describe, expect, it } from 'vitest';
import { formatQuarter, isQuarter, isYear } from './period';

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

describe('formatQuarter', () => {
  it('writes Vietnamese quarters in Roman numerals with the year after a slash', () => {
    expect(formatQuarter(1, 2023, 'vi')).toBe('Quý I/2023');
    expect(formatQuarter(4, 2023, 'vi')).toBe('Quý IV/2023');
  });
  it('omits the year in Vietnamese when none is given', () => {
    expect(formatQuarter(2, undefined, 'vi')).toBe('Quý II');
    expect(formatQuarter(3, undefined, 'vi')).toBe('Quý III');
  });
  it('writes English quarters as Q1 2023, or Q1 without a year', () => {
    expect(formatQuarter(1, 2023, 'en')).toBe('Q1 2023');
    expect(formatQuarter(1, undefined, 'en')).toBe('Q1');
  });
});
