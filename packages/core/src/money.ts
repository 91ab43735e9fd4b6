/** The largest amount Targetline accepts: 1,000,000,000,000,000 đồng (a million billion). */
export const MAX_AMOUNT = 1_000_000_000_000_000;

/** True for a whole number of đồng from 0 to MAX_AMOUNT; false for fractions, NaN, negatives, strings. */
export function isAmount(value: unknown): value is number {
  return (
    typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT
  );
}

/** Sum of the amounts that are entered; null when none is (so "nothing entered" differs from 0). */
export function sumAmounts(values: ReadonlyArray<number | null>): number | null {
  let total: number | null = null;
  for (const value of values) {
    if (value !== null) total = (total ?? 0) + value;
  }
  return total;
}
