import { describe, expect, it } from 'vitest';
import { parseAmount } from './parse-amount';

const ok = (amount: number) => ({ ok: true, amount });
const err = (error: string) => ({ ok: false, error });

describe('parseAmount', () => {
  it.each([
    ['25 tỷ', 25_000_000_000],
    ['25tỷ', 25_000_000_000],
    ['25 tỷ đồng', 25_000_000_000],
    ['25 TỶ', 25_000_000_000],
    ['25 ty', 25_000_000_000],
    ['13,5 tỷ', 13_500_000_000],
    ['1.5 tỷ', 1_500_000_000],
    ['13.000.000.000', 13_000_000_000],
    ['13.000.000.000 đ', 13_000_000_000],
    ['13 000 000 000', 13_000_000_000],
    ['13\u00a0000\u00a0000\u00a0000 ₫', 13_000_000_000],
    ['500 triệu', 500_000_000],
    ['500tr', 500_000_000],
    ['1.500', 1_500],
    ['0', 0],
    ['1.000.000,000 tỷ', 1_000_000_000_000_000],
    ['VND 2 tỷ', 2_000_000_000],
  ])('reads "%s" in Vietnamese as %i', (input, amount) => {
    expect(parseAmount(input, 'vi')).toEqual(ok(amount));
  });

  it.each([
    ['13.5 bn', 13_500_000_000],
    ['13,000,000,000', 13_000_000_000],
    ['VND 13,000,000,000', 13_000_000_000],
    ['2.25 billion', 2_250_000_000],
    ['750 m', 750_000_000],
    ['1,500 bn', 1_500_000_000_000],
    ['12k', 12_000],
  ])('reads "%s" in English as %i', (input, amount) => {
    expect(parseAmount(input, 'en')).toEqual(ok(amount));
  });

  it('reads "1,500 tỷ" as 1.5 tỷ in Vietnamese, where "," is the decimal mark', () => {
    expect(parseAmount('1,500 tỷ', 'vi')).toEqual(ok(1_500_000_000));
  });

  it('reads "13.000.000.000" in English too, since its groups are all three digits', () => {
    expect(parseAmount('13.000.000.000', 'en')).toEqual(ok(13_000_000_000));
    expect(parseAmount('13,000,000,000', 'vi')).toEqual(ok(13_000_000_000));
  });

  it('lets the locale decide a single separator before three digits with a scale word', () => {
    expect(parseAmount('1.500 tỷ', 'vi')).toEqual(ok(1_500_000_000_000));
    expect(parseAmount('1.500 bn', 'en')).toEqual(ok(1_500_000_000));
  });

  it('takes the last of "." and "," as the decimal mark when both appear', () => {
    expect(parseAmount('1.000,5 tỷ', 'vi')).toEqual(ok(1_000_500_000_000));
    expect(parseAmount('1,000.5 bn', 'vi')).toEqual(ok(1_000_500_000_000));
  });

  it('computes exactly, with no floating-point error', () => {
    expect(parseAmount('1,1 tỷ', 'vi')).toEqual(ok(1_100_000_000));
    expect(parseAmount('0,000000001 tỷ', 'vi')).toEqual(ok(1));
    expect(parseAmount('1.000.000 tỷ', 'vi')).toEqual(ok(1_000_000_000_000_000));
  });

  it('accepts text typed in decomposed (NFD) Unicode', () => {
    expect(parseAmount('25 tỷ'.normalize('NFD'), 'vi')).toEqual(ok(25_000_000_000));
  });

  it('refuses a fraction of a đồng', () => {
    expect(parseAmount('1,5', 'vi')).toEqual(err('fraction'));
    expect(parseAmount('10.25', 'en')).toEqual(err('fraction'));
    expect(parseAmount('1,0000000005 tỷ', 'vi')).toEqual(err('fraction'));
  });

  it('accepts zeros after the last đồng', () => {
    expect(parseAmount('1,50000000000 tỷ', 'vi')).toEqual(ok(1_500_000_000));
  });

  it.each([['abc'], ['12 apples'], ['1e9'], ['13.00.000'], ['1.000,000.5'], ['1,,5']])(
    'refuses "%s" as invalid',
    (input) => {
      expect(parseAmount(input, 'vi')).toEqual(err('invalid'));
    },
  );

  it('names empty input', () => {
    expect(parseAmount('', 'vi')).toEqual(err('empty'));
    expect(parseAmount('   ', 'en')).toEqual(err('empty'));
    expect(parseAmount('đồng', 'vi')).toEqual(err('empty'));
  });

  it('refuses negatives', () => {
    expect(parseAmount('-5', 'vi')).toEqual(err('negative'));
    expect(parseAmount('−5 tỷ', 'vi')).toEqual(err('negative'));
    expect(parseAmount('VND -5', 'en')).toEqual(err('negative'));
  });

  it('refuses more than 1e15 đồng', () => {
    expect(parseAmount('1.000.001 tỷ', 'vi')).toEqual(err('too_large'));
    expect(parseAmount('99999999999999999999999', 'en')).toEqual(err('too_large'));
  });
});
