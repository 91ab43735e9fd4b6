import { formatQuarter, type Locale, type Quarter, type YearSummary } from '@targetline/core';

export type QuarterKey = 'q1' | 'q2' | 'q3' | 'q4';

/**
 * One unit's bars. `q1`..`q4` hold the API's achievement ratio (0.65 = 65%)
 * and are absent, not 0, where the API has none, so no bar is drawn.
 */
export type AchievementChartRow = {
  unitId: number;
  code: string;
  name: string;
  depth: number;
} & Partial<Record<QuarterKey, number>>;

export type AchievementChartSeries = {
  key: QuarterKey;
  quarter: Quarter;
  /** Legend and tooltip name, e.g. "Quý I/2023" or "Q1 2023". */
  name: string;
};

export type AchievementChartData = {
  rows: AchievementChartRow[];
  series: AchievementChartSeries[];
  /** False when no unit has an achievement in any quarter yet. */
  hasValues: boolean;
  /**
   * Y-axis ticks, round percentages from 0 up past both 100% and the highest
   * bar (with room for the 100% line's label): 0, 0.25, … 1.5.
   */
  yTicks: number[];
};

const QUARTER_KEYS: Record<Quarter, QuarterKey> = { 1: 'q1', 2: 'q2', 3: 'q3', 4: 'q4' };

/**
 * Chart data for "% achieved per unit and quarter": one row per unit in the
 * summary's order (root first, depth-first), one series per quarter. Takes the
 * ratios exactly as the API computed them; it computes no KPI itself.
 */
export function buildAchievementChartData(
  summary: YearSummary,
  locale: Locale,
): AchievementChartData {
  let hasValues = false;
  let highest = 1;
  const rows = summary.units.map((unit) => {
    const row: AchievementChartRow = {
      unitId: unit.unitId,
      code: unit.code,
      name: unit.name,
      depth: unit.depth,
    };
    for (const { quarter, achieved } of unit.quarters) {
      if (achieved === null) continue;
      row[QUARTER_KEYS[quarter]] = achieved;
      hasValues = true;
      highest = Math.max(highest, achieved);
    }
    return row;
  });

  const series = ([1, 2, 3, 4] as const).map((quarter) => ({
    key: QUARTER_KEYS[quarter],
    quarter,
    name: formatQuarter(quarter, summary.year, locale),
  }));

  return { rows, series, hasValues, yTicks: percentTicks(highest) };
}

/** Steps of 25%, 50% or 100% (multiples of 1/4, exact in floating point), at most ~12 ticks. */
function percentTicks(highest: number): number[] {
  const step = highest <= 2.5 ? 0.25 : highest <= 5 ? 0.5 : Math.ceil(highest / 10);
  const count = Math.ceil((highest + 0.1) / step);
  return Array.from({ length: count + 1 }, (_, index) => index * step);
}
