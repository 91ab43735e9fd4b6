import type { Quarter } from './types';

export const QUARTERS = [1, 2, 3, 4] as const satisfies readonly Quarter[];
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export function isQuarter(value: unknown): value is Quarter {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

/** A whole year from MIN_YEAR to MAX_YEAR. */
export function isYear(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= MIN_YEAR && (value as number) <= MAX_YEAR;
}
