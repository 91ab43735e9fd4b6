import type { SummaryUnit } from '@targetline/contract';
import { formatQuarter, type Locale, type Quarter } from '@targetline/core';

/**
 * One quarter of the forecast chart, in the plan-versus-actual notation: `lastYear` the same
 * quarter a year earlier (grey), `target` the plan (outlined), `actual` up to the as-of quarter
 * (solid), `runRate` after it (hatched: the API's run-rate forecast spread evenly), and
 * `needed` what each remaining quarter must bring to meet the plan, as a line starting from
 * the as-of actual. Absent, not 0, where there is nothing to draw.
 */
export type ForecastChartRow = {
  quarter: Quarter;
  label: string;
  lastYear?: number;
  target?: number;
  actual?: number;
  runRate?: number;
  needed?: number;
};

export type ForecastChartData = {
  rows: ForecastChartRow[];
  /** The API's year-end forecasts and per-quarter need, for the legend. */
  runRateForecast: number | null;
  neededPerQuarter: number | null;
  asOfQuarter: Quarter;
  /** False when the unit has neither a target nor an actual in any quarter. */
  hasValues: boolean;
};

/**
 * Chart data for one unit's quarters: last year's, the targets, the actuals to the as-of
 * quarter, the run-rate forecast of each quarter after it, and the API's needed-per-quarter
 * as a line from the as-of actual.
 */
export function buildForecastChartData({
  unit,
  year,
  locale,
}: {
  unit: SummaryUnit;
  year: number;
  locale: Locale;
}): ForecastChartData {
  const { asOfQuarter, runRateForecast, neededPerQuarter } = unit.analysis;
  const perQuarterRunRate = runRateForecast === null ? null : Math.round(runRateForecast / 4);
  let hasValues = false;
  const rows = unit.quarters.map(({ quarter, target, actual }) => {
    const row: ForecastChartRow = { quarter, label: formatQuarter(quarter, year, locale) };
    const before = unit.lastYear.quarterActuals[quarter - 1] ?? null;
    if (before !== null) row.lastYear = before;
    if (target !== null) {
      row.target = target;
      hasValues = true;
    }
    if (quarter <= asOfQuarter && actual !== null) {
      row.actual = actual;
      hasValues = true;
    }
    if (quarter > asOfQuarter && perQuarterRunRate !== null) row.runRate = perQuarterRunRate;
    if (asOfQuarter < 4 && neededPerQuarter !== null) {
      // The line starts from the last actual (nothing entered counts as 0 here).
      if (quarter === asOfQuarter) row.needed = actual ?? 0;
      else if (quarter > asOfQuarter) row.needed = neededPerQuarter;
    }
    return row;
  });
  return { rows, runRateForecast, neededPerQuarter, asOfQuarter, hasValues };
}
