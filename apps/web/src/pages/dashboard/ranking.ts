import type { SummaryUnit } from '@targetline/contract';

/** Units other than the root, fastest pace first; units without a pace are counted apart. */
export function rankByPace(units: readonly SummaryUnit[]): {
  ranked: SummaryUnit[];
  withoutPace: number;
} {
  const others = units.filter((unit) => unit.parentId !== null);
  const ranked = others
    .filter((unit) => unit.analysis.pace !== null)
    .sort((a, b) => (b.analysis.pace ?? 0) - (a.analysis.pace ?? 0));
  return { ranked, withoutPace: others.length - ranked.length };
}

/** The `count` largest rises and falls of the API's pace change since the last quarter. */
export function biggestMovers(
  units: readonly SummaryUnit[],
  count = 3,
): { up: SummaryUnit[]; down: SummaryUnit[] } {
  const changed = units.filter((unit) => unit.parentId !== null && unit.paceChange !== null);
  const up = changed
    .filter((unit) => (unit.paceChange ?? 0) > 0)
    .sort((a, b) => (b.paceChange ?? 0) - (a.paceChange ?? 0))
    .slice(0, count);
  const down = changed
    .filter((unit) => (unit.paceChange ?? 0) < 0)
    .sort((a, b) => (a.paceChange ?? 0) - (b.paceChange ?? 0))
    .slice(0, count);
  return { up, down };
}
