import type { Locale } from './types';

/** Shown wherever a figure is missing or a ratio is undefined. */
export const EMPTY = '—';

const INTL_LOCALE: Record<Locale, string> = { vi: 'vi-VN', en: 'en-US' };

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(INTL_LOCALE[locale], options);
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Every digit, grouped as the locale reads it: "13.000.000.000" (vi), "13,000,000,000" (en). Null → "—". */
export function formatAmountFull(amount: number | null, locale: Locale): string {
  if (amount === null) return EMPTY;
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(amount);
}

type Scaled = { value: number; scale: 'bn' | 'm' | 'unit' };

/**
 * Rounds to tenths of a million, or of a billion once that reaches a thousand million, so
 * 950,000,000 reads "950 triệu" and 999,960,000 reads "1 tỷ" rather than "1.000 triệu".
 * Below a million every digit is shown ("950.000", never "1 triệu"). Amounts are safe
 * integers, so the divisions round exactly.
 */
function scale(amount: number): Scaled {
  if (amount < 1_000_000) return { value: amount, scale: 'unit' };
  const tenthsOfMillion = Math.round(amount / 100_000);
  if (tenthsOfMillion < 10_000) return { value: tenthsOfMillion / 10, scale: 'm' };
  return { value: Math.round(amount / 100_000_000) / 10, scale: 'bn' };
}

const SCALE_WORDS: Record<Locale, Record<'bn' | 'm', { short: string; compact: string }>> = {
  vi: { bn: { short: 'tỷ', compact: 'tỷ' }, m: { short: 'triệu', compact: 'tr' } },
  en: { bn: { short: 'bn', compact: 'bn' }, m: { short: 'm', compact: 'm' } },
};

/**
 * For cards: "13 tỷ đồng", "13,5 tỷ đồng", "500 triệu đồng" (vi); "VND 13 bn", "VND 13.5 bn",
 * "VND 500 m" (en). Below a million, every digit. At most one decimal. Null → "—".
 */
export function formatAmountShort(amount: number | null, locale: Locale): string {
  if (amount === null) return EMPTY;
  const { value, scale: s } = scale(amount);
  const number = numberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  const word = s === 'unit' ? '' : ` ${SCALE_WORDS[locale][s].short}`;
  return locale === 'vi' ? `${number}${word} đồng` : `VND ${number}${word}`;
}

/** For chart axes and tight spaces: "13 tỷ", "500 tr" (vi); "13 bn", "500 m" (en). Null → "—". */
export function formatAmountCompact(amount: number | null, locale: Locale): string {
  if (amount === null) return EMPTY;
  const { value, scale: s } = scale(amount);
  const number = numberFormat(locale, { maximumFractionDigits: 1 }).format(value);
  return s === 'unit' ? number : `${number} ${SCALE_WORDS[locale][s].compact}`;
}

/**
 * In billions with exactly one decimal and no unit, for a column whose unit the table states once
 * ("Đơn vị tính: tỷ đồng"): 13,000,000,000 → "13,0" (vi) / "13.0" (en); 688,000,000 → "0,7".
 * Rounded to the nearest hundred million, halves away from zero, so a negative amount reads as
 * its positive counterpart with a minus; an amount that rounds to zero reads "0,0", never "-0,0".
 * Null → "—".
 */
export function formatAmountBillions(amount: number | null, locale: Locale): string {
  if (amount === null) return EMPTY;
  const tenths = Math.round(Math.abs(amount) / 100_000_000);
  const sign = amount < 0 && tenths > 0 ? '-' : '';
  const number = numberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${sign}${number.format(tenths / 10)}`;
}

/** 0.0722 → "7,2%" (vi) / "7.2%" (en), with a fixed number of decimals. Null → "—". */
export function formatPercent(ratio: number | null, locale: Locale, fractionDigits = 1): string {
  if (ratio === null || !Number.isFinite(ratio)) return EMPTY;
  return numberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  })
    .format(ratio)
    .replace(/[\u00a0\u202f ]%/, '%');
}
