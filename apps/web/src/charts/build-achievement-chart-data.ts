import {
  formatQuarter,
  type Locale,
  type Quarter,
  ratio,
  type UnitSummary,
  type YearSummary,
} from '@targetline/core';

export type QuarterKey = 'q1' | 'q2' | 'q3' | 'q4';

/**
 * One unit's bars. `q1`..`q4` hold the API's achievement ratio (0.65 = 65%)
 * and are absent, not 0, where the API has none, so no bar is drawn.
 */
export type AchievementChartRow = {
  /** -1 for the aggregated bar of the other units. */
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

/** Most groups of bars a chart shows; beyond it the middle units share one bar. */
export const MAX_CHART_GROUPS = 25;
/** Units shown at each end (best and worst) when the middle is aggregated. */
export const CHART_EXTREMES = 10;

type ChartOptions = {
  /** Name of the aggregated bar, given how many units it stands for. */
  othersName?: (count: number) => string;
  /** Its short axis label. */
  othersCode?: (count: number) => string;
};

/**
 * Chart data for "% achieved per unit and quarter": one row per unit in the
 * summary's order (root first, depth-first), one series per quarter. Takes the
 * ratios exactly as the API computed them. With more than MAX_CHART_GROUPS
 * units it keeps the root, the 10 best and 10 worst by the selected quarter's
 * achievement, and one bar for all the others (see `aggregateAchievement`).
 */
export function buildAchievementChartData(
  summary: YearSummary & { selectedQuarter?: Quarter },
  locale: Locale,
  { othersName = (count) => `+${count}`, othersCode = othersName }: ChartOptions = {},
): AchievementChartData {
  const quarter = summary.selectedQuarter ?? summary.asOfQuarter ?? 1;
  const { shown, others } = pickChartUnits(summary.units, quarter);
  let hasValues = false;
  let highest = 1;
  const rows = shown.map((unit) => {
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
  if (others.length > 0) {
    const row: AchievementChartRow = {
      unitId: -1,
      code: othersCode(others.length),
      name: othersName(others.length),
      depth: 1,
    };
    for (const q of [1, 2, 3, 4] as const) {
      const achieved = aggregateAchievement(others, q);
      if (achieved === null) continue;
      row[QUARTER_KEYS[q]] = achieved;
      hasValues = true;
      highest = Math.max(highest, achieved);
    }
    rows.push(row);
  }

  const series = ([1, 2, 3, 4] as const).map((quarter) => ({
    key: QUARTER_KEYS[quarter],
    quarter,
    name: formatQuarter(quarter, summary.year, locale),
  }));

  return { rows, series, hasValues, yTicks: percentTicks(highest) };
}

/**
 * Which units get their own bars: all of them up to MAX_CHART_GROUPS; beyond, the root, then
 * the best and the worst CHART_EXTREMES by the quarter's achievement (in that order), and the
 * rest (including units with no achievement that quarter) left to be aggregated.
 */
export function pickChartUnits<T extends Pick<UnitSummary, 'unitId' | 'parentId' | 'quarters'>>(
  units: readonly T[],
  quarter: Quarter,
): { shown: T[]; others: T[] } {
  if (units.length <= MAX_CHART_GROUPS) return { shown: [...units], others: [] };
  const achievedOf = (unit: T) => unit.quarters[quarter - 1]?.achieved ?? null;
  const roots = units.filter((unit) => unit.parentId === null);
  const ranked = units
    .filter((unit) => unit.parentId !== null && achievedOf(unit) !== null)
    .sort((a, b) => (achievedOf(b) ?? 0) - (achievedOf(a) ?? 0));
  const best = ranked.slice(0, CHART_EXTREMES);
  const worst = ranked.slice(Math.max(CHART_EXTREMES, ranked.length - CHART_EXTREMES));
  const shownIds = new Set([...roots, ...best, ...worst].map((unit) => unit.unitId));
  return {
    shown: [...roots, ...best, ...worst],
    others: units.filter((unit) => !shownIds.has(unit.unitId)),
  };
}

/**
 * The aggregated bar's value for a quarter: Σ actual ÷ Σ target over the units that have
 * both that quarter (core's `ratio`: null when nothing adds up or the targets sum to 0).
 * Units whose children are also in the list are left out, so no figure counts twice.
 */
export function aggregateAchievement(
  units: readonly Pick<UnitSummary, 'unitId' | 'parentId' | 'quarters'>[],
  quarter: Quarter,
): number | null {
  const parentIds = new Set(units.map((unit) => unit.parentId));
  let actual = 0;
  let target = 0;
  let hasAny = false;
  for (const unit of units) {
    if (parentIds.has(unit.unitId)) continue;
    const figures = unit.quarters[quarter - 1];
    if (!figures || figures.actual === null || figures.target === null) continue;
    actual += figures.actual;
    target += figures.target;
    hasAny = true;
  }
  return hasAny ? ratio(actual, target) : null;
}

/** Steps of 25%, 50% or 100% (multiples of 1/4, exact in floating point), at most ~12 ticks. */
function percentTicks(highest: number): number[] {
  const step = highest <= 2.5 ? 0.25 : highest <= 5 ? 0.5 : Math.ceil(highest / 10);
  const count = Math.ceil((highest + 0.1) / step);
  return Array.from({ length: count + 1 }, (_, index) => index * step);
}
