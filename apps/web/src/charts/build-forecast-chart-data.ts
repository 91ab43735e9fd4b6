import type { SummaryUnit } from '@targetline/contract';
import { formatQuarter, type Locale, type Quarter } from '@targetline/core';

/**
 * One quarter of the forecast chart. `actual` up to the as-of quarter; `runRate` and
 * `needed` from the as-of quarter on (starting at its actual, so the dashed lines continue
 * the bars). Absent, not 0, where there is nothing to draw.
 */
export type ForecastChartRow = {
  quarter: Quarter;
  label: string;
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
 * Chart data for one unit's quarters: targets, actuals to the as-of quarter, and two dashed
 * continuations for the quarters left: the run-rate (the API's year-end run-rate forecast
 * spread evenly over the four quarters) and the API's needed-per-quarter.
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
    if (target !== null) {
      row.target = target;
      hasValues = true;
    }
    if (quarter <= asOfQuarter && actual !== null) {
      row.actual = actual;
      hasValues = true;
    }
    if (asOfQuarter < 4) {
      if (quarter === asOfQuarter) {
        // Both dashed lines start from the last actual (nothing entered counts as 0 here).
        if (perQuarterRunRate !== null) row.runRate = actual ?? 0;
        if (neededPerQuarter !== null) row.needed = actual ?? 0;
      } else if (quarter > asOfQuarter) {
        if (perQuarterRunRate !== null) row.runRate = perQuarterRunRate;
        if (neededPerQuarter !== null) row.needed = neededPerQuarter;
      }
    }
    return row;
  });
  return { rows, runRateForecast, neededPerQuarter, asOfQuarter, hasValues };
}
