import type { Summary } from '@targetline/contract';
import { type Quarter, ratio } from '@targetline/core';

/**
 * One unit's variances in the selected quarter, with their signs: against the quarter's
 * target (actual − target, and that over the target) and against the same quarter a year
 * earlier (the difference, and the API's growth). Absent where either side is missing or the
 * quarter is not all in (a missing figure is not a shortfall), with the reason.
 */
export type VarianceRow = {
  unitId: number;
  code: string;
  name: string;
  depth: number;
  /** Integer đồng, signed. */
  vsTarget?: number;
  /** (actual − target) ÷ target. */
  vsTargetShare?: number;
  vsLastYear?: number;
  vsLastYearShare?: number;
  /** Why there is no bar: the quarter is partly reported, or a side is missing. */
  missing: { target: 'partial' | 'none' | null; lastYear: 'partial' | 'none' | null };
};

export type VarianceChartData = {
  quarter: Quarter;
  rows: VarianceRow[];
  hasTarget: boolean;
  hasLastYear: boolean;
};

/**
 * The variance bars of the selected quarter for the organisation and the units directly below
 * it, in the summary's order. Differences of integer đồng; ratios the API's (`achieved`,
 * `sameQuarterGrowth`) or core's.
 */
export function buildVarianceChartData(summary: Summary): VarianceChartData {
  const quarter = summary.selectedQuarter;
  let hasTarget = false;
  let hasLastYear = false;
  const rows = summary.units
    .filter((unit) => unit.depth <= 1)
    .map((unit): VarianceRow => {
      const q = unit.quarters[quarter - 1];
      const isPartial = (q?.missingUnitIds.length ?? 0) > 0;
      const actual = q?.actual ?? null;
      const target = q?.target ?? null;
      const before = unit.lastYear.sameQuarterActual;
      const row: VarianceRow = {
        unitId: unit.unitId,
        code: unit.code,
        name: unit.name,
        depth: unit.depth,
        missing: { target: null, lastYear: null },
      };
      if (isPartial) row.missing = { target: 'partial', lastYear: 'partial' };
      if (!isPartial && actual !== null && target !== null) {
        row.vsTarget = actual - target;
        // The difference over the target, not achieved − 1: subtracting from the ratio loses
        // the last digit (0,2065 would print 20,6% beside an achievement of 120,7%).
        const share = ratio(row.vsTarget, target);
        if (share !== null) row.vsTargetShare = share;
        hasTarget = true;
      } else if (!isPartial) row.missing.target = 'none';
      const growth = unit.lastYear.sameQuarterGrowth;
      if (!isPartial && actual !== null && before !== null && growth !== null) {
        row.vsLastYear = actual - before;
        row.vsLastYearShare = growth;
        hasLastYear = true;
      } else if (!isPartial) {
        // Both figures there but no growth: last year's quarter was not all in (or was 0).
        const isLastYearPartial = actual !== null && before !== null && before !== 0;
        row.missing.lastYear = isLastYearPartial ? 'partial' : 'none';
      }
      return row;
    });
  return { quarter, rows, hasTarget, hasLastYear };
}
