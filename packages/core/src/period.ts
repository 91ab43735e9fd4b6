import type { Locale, Quarter } from './types';

export const QUARTERS = [1, 2, 3, 4] as const satisfies readonly Quarter[];
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** True only for the numbers 1, 2, 3 and 4; false for '1', 1.5, 0, NaN. */
export function isQuarter(value: unknown): value is Quarter {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** A whole year from MIN_YEAR to MAX_YEAR inclusive; false for fractions, strings and NaN. */
export function isYear(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= MIN_YEAR && (value as number) <= MAX_YEAR;
}

// The organisation writes quarters in Roman numerals: "Quý I/2023", "Quý IV".
const ROMAN: Record<Quarter, string> = { 1: 'I', 2: 'II', 3: 'III', 4: 'IV' };

/**
 * A quarter's label as the organisation writes it: vi "Quý I/2023", en "Q1 2023".
 * Without a year (undefined) only the quarter: "Quý II", "Q2".
 */
export function formatQuarter(quarter: Quarter, year: number | undefined, locale: Locale): string {
  if (locale === 'vi') {
    const label = `Quý ${ROMAN[quarter]}`;
    return year === undefined ? label : `${label}/${year}`;
  }
  const label = `Q${quarter}`;
  return year === undefined ? label : `${label} ${year}`;
}
