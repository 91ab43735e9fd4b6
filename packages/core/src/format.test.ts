import { describe, expect, it } from 'vitest';
import {
  EMPTY,
  formatAmountBillions,
  formatAmountCompact,
  formatAmountFull,
  formatAmountShort,
  formatPercent,
} from './format';

describe('formatAmountFull', () => {
  it('groups every digit as each language reads it', () => {
    expect(formatAmountFull(13_000_000_000, 'vi')).toBe('13.000.000.000');
    expect(formatAmountFull(13_000_000_000, 'en')).toBe('13,000,000,000');
    expect(formatAmountFull(0, 'vi')).toBe('0');
  });
  it('shows a dash where nothing is entered', () => {
    expect(formatAmountFull(null, 'vi')).toBe(EMPTY);
  });
});

describe('formatAmountShort', () => {
  it.each([
    [13_000_000_000, '13 tỷ đồng', 'VND 13 bn'],
    [180_000_000_000, '180 tỷ đồng', 'VND 180 bn'],
    [13_500_000_000, '13,5 tỷ đồng', 'VND 13.5 bn'],
    [13_040_000_000, '13 tỷ đồng', 'VND 13 bn'],
    [1_250_000_000_000, '1.250 tỷ đồng', 'VND 1,250 bn'],
    [500_000_000, '500 triệu đồng', 'VND 500 m'],
    [999_960_000, '1 tỷ đồng', 'VND 1 bn'],
    [950_000, '950.000 đồng', 'VND 950,000'],
    [999_999, '999.999 đồng', 'VND 999,999'],
    [1_000_000, '1 triệu đồng', 'VND 1 m'],
    [2_540_000, '2,5 triệu đồng', 'VND 2.5 m'],
    [950_000_000, '950 triệu đồng', 'VND 950 m'],
    [999_949_999, '999,9 triệu đồng', 'VND 999.9 m'],
    [13_050_000_000, '13,1 tỷ đồng', 'VND 13.1 bn'],
    [1_000_000_000_000_000, '1.000.000 tỷ đồng', 'VND 1,000,000 bn'],
    [0, '0 đồng', 'VND 0'],
  ])('reads %i as "%s" / "%s"', (amount, vi, en) => {
    expect(formatAmountShort(amount, 'vi')).toBe(vi);
    expect(formatAmountShort(amount, 'en')).toBe(en);
  });
  it('shows a dash where nothing is entered', () => {
    expect(formatAmountShort(null, 'en')).toBe(EMPTY);
  });
});

describe('formatAmountCompact', () => {
  it('drops the currency for axes', () => {
    expect(formatAmountCompact(13_000_000_000, 'vi')).toBe('13 tỷ');
    expect(formatAmountCompact(500_000_000, 'vi')).toBe('500 tr');
    expect(formatAmountCompact(13_500_000_000, 'en')).toBe('13.5 bn');
    expect(formatAmountCompact(0, 'en')).toBe('0');
    expect(formatAmountCompact(950_000, 'vi')).toBe('950.000');
    expect(formatAmountCompact(500_000_000, 'en')).toBe('500 m');
  });
});

describe('formatAmountBillions', () => {
  it('shows billions with exactly one decimal, in each language', () => {
    expect(formatAmountBillions(13_000_000_000, 'vi')).toBe('13,0');
    expect(formatAmountBillions(13_000_000_000, 'en')).toBe('13.0');
    expect(formatAmountBillions(180_000_000_000, 'vi')).toBe('180,0');
    expect(formatAmountBillions(2_413_000_000, 'vi')).toBe('2,4');
    expect(formatAmountBillions(1_234_567_000_000, 'vi')).toBe('1.234,6');
    expect(formatAmountBillions(1_234_567_000_000, 'en')).toBe('1,234.6');
  });
  it('rounds to the nearest hundred million, halves away from zero', () => {
    expect(formatAmountBillions(688_000_000, 'vi')).toBe('0,7');
    expect(formatAmountBillions(1_050_000_000, 'vi')).toBe('1,1');
    expect(formatAmountBillions(1_049_999_999, 'vi')).toBe('1,0');
    expect(formatAmountBillions(-1_050_000_000, 'vi')).toBe('-1,1');
  });
  it('never shows a negative zero', () => {
    expect(formatAmountBillions(0, 'vi')).toBe('0,0');
    expect(formatAmountBillions(-40_000_000, 'en')).toBe('0.0');
  });
  it('shows a dash where nothing is entered', () => {
    expect(formatAmountBillions(null, 'vi')).toBe('—');
  });
});

describe('formatPercent', () => {
  it('uses the decimal mark of each language, with no space before %', () => {
    expect(formatPercent(13 / 180, 'vi')).toBe('7,2%');
    expect(formatPercent(13 / 180, 'en')).toBe('7.2%');
    expect(formatPercent(1.5, 'vi', 0)).toBe('150%');
  });
  it('shows a dash for an undefined ratio', () => {
    expect(formatPercent(null, 'vi')).toBe(EMPTY);
    expect(formatPercent(Number.NaN, 'vi')).toBe(EMPTY);
  });
});
