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
    }
    return row;
  });

  const series = ([1, 2, 3, 4] as const).map((quarter) => ({
    key: QUARTER_KEYS[quarter],
    quarter,
    name: formatQuarter(quarter, summary.year, locale),
  }));

  return { rows, series, hasValues };
}
