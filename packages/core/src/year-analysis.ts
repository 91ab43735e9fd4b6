import { ratio } from './achievement';
import {
  analyseUnit,
  DEFAULT_THRESHOLDS,
  growth,
  type PaceThresholds,
  type UnitAnalysis,
} from './analysis';
import {
  forecastsFromLearned,
  type LearnedUnitHistory,
  learnUnitHistory,
  type UnitForecasts,
  type UnitHistoryYear,
} from './forecast';
import { sumAmounts } from './money';
import { buildYearSummary } from './rollup';
import type {
  ActualEntry,
  PlanEntry,
  Quarter,
  QuarterSummary,
  Unit,
  UnitSummary,
  YearSummary,
} from './types';

export type PlanWithOriginal = PlanEntry & { originalAnnualPlan?: number };

export type UnitYearAnalysis = UnitSummary & {
  /** The rolled-up plan as first set, before any revision. */
  originalPlan: number | null;
  /**
   * Year-to-date actual against the original plan: like `achieved`, the share the figures in
   * so far make, kept where partly reported (analysis.partialQuarters says so).
   */
  achievedVsOriginal: number | null;
  analysis: UnitAnalysis;
  /** Pace one quarter earlier; null as of Q1. */
  previousPace: number | null;
  /** pace − previousPace: the "movers" since the last quarter; null where either is. */
  paceChange: number | null;
  lastYear: {
    /** Actual of the same quarter a year earlier, and the growth since. */
    sameQuarterActual: number | null;
    /** Null where either year's quarter is partly reported: a missing figure is not a fall. */
    sameQuarterGrowth: number | null;
    /** Year-to-date (to the same quarter) a year earlier, and the growth since. */
    ytdActual: number | null;
    /** Null where a quarter to date of either year is partly reported. */
    ytdGrowth: number | null;
    /**
     * Each quarter's actual a year earlier (the grey bars of the charts); null where there is
     * none or the quarter was not all in then.
     */
    quarterActuals: [number | null, number | null, number | null, number | null];
  };
  /**
   * The unit's own plan minus what its children's plans add up to: positive is not yet
   * allocated to any child, negative is over-allocated; null where the unit sets no plan of
   * its own or its children have none.
   */
  unallocated: number | null;
  /**
   * The seasonal forecast and the seasons (shares) of the unit's earlier years, what each
   * forecast assumes and how close each came on those years (`unitForecasts`).
   */
  forecasts: UnitForecasts;
};

/** An earlier year's entries, as the repository reads them. */
export type YearEntries = {
  year: number;
  plans: readonly PlanEntry[];
  actuals: readonly ActualEntry[];
};

export type YearAnalysis = Omit<YearSummary, 'units'> & {
  /** The quarter the view is "as of": chosen, or by the as-of rule (`asOfQuarter`; Q1 if none). */
  selectedQuarter: Quarter;
  thresholds: PaceThresholds;
  units: UnitYearAnalysis[];
};

const ytdTo = (unit: UnitSummary | undefined, asOf: Quarter) =>
  unit ? sumAmounts(unit.quarters.slice(0, asOf).map((q) => q.actual)) : null;

/** A year's four quarter actuals, null where a quarter was not all in: not a whole quarter. */
const lastYearQuarters = (unit: UnitSummary | undefined) =>
  [0, 1, 2, 3].map((i) => {
    const q = unit?.quarters[i];
    return q && q.missingUnitIds.length === 0 ? q.actual : null;
  }) as [number | null, number | null, number | null, number | null];

const isPartial = (quarters: readonly QuarterSummary[] | undefined) =>
  quarters?.some((q) => q.missingUnitIds.length > 0) ?? false;

/** What a year's analysis learns from the years before it (`learnFromHistory`). */
export type LearnedHistory = {
  year: number;
  /** Last year rolled up on today's unit tree; null without last year's entries. */
  previous: YearSummary | null;
  /** Each unit's seasons and backtest (`learnUnitHistory`). */
  byUnit: ReadonlyMap<number, LearnedUnitHistory>;
};

const NOTHING_LEARNED = learnUnitHistory([]);

/**
 * The part of `buildYearAnalysis` that depends only on the unit tree and the earlier years:
 * last year rolled up, and each unit's seasons and backtest over `history` (a year not before
 * `year` is ignored). It costs most of the analysis and changes only when an earlier year's
 * figures or the tree do, so a caller may keep it across writes to the year itself.
 */
export function learnFromHistory({
  year,
  units,
  lastYear,
  history = [],
}: {
  year: number;
  units: readonly Unit[];
  lastYear?: { plans: readonly PlanEntry[]; actuals: readonly ActualEntry[] };
  history?: readonly YearEntries[];
}): LearnedHistory {
  const previous = lastYear
    ? buildYearSummary({ year: year - 1, units, plans: lastYear.plans, actuals: lastYear.actuals })
    : null;
  const historyById = new Map<number, UnitHistoryYear[]>();
  for (const earlier of history) {
    if (earlier.year >= year) continue;
    const rolled = buildYearSummary({ ...earlier, units });
    for (const u of rolled.units) {
      const list = historyById.get(u.unitId) ?? [];
      list.push({ year: earlier.year, annualPlan: u.annualPlan, quarters: u.quarters });
      historyById.set(u.unitId, list);
    }
  }
  const byUnit = new Map<number, LearnedUnitHistory>();
  for (const [unitId, years] of historyById) byUnit.set(unitId, learnUnitHistory(years));
  return { year, previous, byUnit };
}

/**
 * Everything the director's view needs for one year as of a quarter: the summary, each
 * unit's pace and forecasts, the original plan beside a revised one, the same period last
 * year, the change of pace since the last quarter and the unallocated part of each plan.
 * As of the quarter asked for, else of the as-of rule's (`defaultAsOfQuarter`, given the
 * quarters whose review round is complete). Partly reported quarters withhold what would count
 * a missing figure as zero (see `analyseUnit`), growth against last year included.
 */
export function buildYearAnalysis({
  year,
  units,
  plans,
  actuals,
  lastYear,
  history = [],
  asOf,
  completeRounds,
  thresholds = DEFAULT_THRESHOLDS,
  learned,
}: {
  year: number;
  units: readonly Unit[];
  plans: readonly PlanWithOriginal[];
  actuals: readonly ActualEntry[];
  lastYear?: { plans: readonly PlanEntry[]; actuals: readonly ActualEntry[] };
  /**
   * Earlier years (any order; a year not before `year` is ignored), rolled up on today's unit
   * tree: the seasons and the backtest of the forecasts learn from them. Absent: none.
   */
  history?: readonly YearEntries[];
  asOf?: Quarter;
  /** Quarters whose review round is complete; absent: none is. */
  completeRounds?: readonly Quarter[];
  thresholds?: PaceThresholds;
  /**
   * `learnFromHistory` of the same year, unit tree, last year and history, made earlier: the
   * same analysis without rolling up and backtesting the earlier years again. When given,
   * `lastYear` and `history` are not read.
   */
  learned?: LearnedHistory;
}): YearAnalysis {
  const summary = buildYearSummary({ year, units, plans, actuals, completeRounds });
  const original = buildYearSummary({
    year,
    units,
    plans: plans.map((p) => ({ ...p, annualPlan: p.originalAnnualPlan ?? p.annualPlan })),
    actuals,
  });
  const { previous, byUnit } =
    learned?.year === year ? learned : learnFromHistory({ year, units, lastYear, history });
  const selectedQuarter = asOf ?? summary.asOfQuarter ?? 1;
  const originalById = new Map(original.units.map((u) => [u.unitId, u]));
  const previousById = new Map(previous?.units.map((u) => [u.unitId, u]) ?? []);
  const ownPlan = new Set(plans.map((p) => p.unitId));
  const childrenPlans = new Map<number, Array<number | null>>();
  for (const u of summary.units) {
    if (u.parentId === null) continue;
    const list = childrenPlans.get(u.parentId) ?? [];
    list.push(u.annualPlan);
    childrenPlans.set(u.parentId, list);
  }

  return {
    ...summary,
    selectedQuarter,
    thresholds,
    units: summary.units.map((unit): UnitYearAnalysis => {
      const analysis = analyseUnit(unit, selectedQuarter, thresholds);
      const previousPace =
        selectedQuarter > 1
          ? analyseUnit(unit, (selectedQuarter - 1) as Quarter, thresholds).pace
          : null;
      const originalPlan = originalById.get(unit.unitId)?.annualPlan ?? null;
      const before = previousById.get(unit.unitId);
      const sameQuarterActual = before?.quarters[selectedQuarter - 1]?.actual ?? null;
      const lastYtd = ytdTo(before, selectedQuarter);
      const isSameQuarterPartial =
        isPartial(unit.quarters.slice(selectedQuarter - 1, selectedQuarter)) ||
        isPartial(before?.quarters.slice(selectedQuarter - 1, selectedQuarter));
      const isYtdPartial =
        isPartial(unit.quarters.slice(0, selectedQuarter)) ||
        isPartial(before?.quarters.slice(0, selectedQuarter));
      const childrenSum = sumAmounts(childrenPlans.get(unit.unitId) ?? []);
      return {
        ...unit,
        originalPlan,
        achievedVsOriginal: ratio(analysis.ytdActual, originalPlan),
        analysis,
        previousPace,
        paceChange:
          analysis.pace === null || previousPace === null ? null : analysis.pace - previousPace,
        lastYear: {
          sameQuarterActual,
          sameQuarterGrowth: isSameQuarterPartial
            ? null
            : growth(unit.quarters[selectedQuarter - 1]?.actual ?? null, sameQuarterActual),
          ytdActual: lastYtd,
          ytdGrowth: isYtdPartial ? null : growth(analysis.ytdActual, lastYtd),
          quarterActuals: lastYearQuarters(before),
        },
        unallocated:
          ownPlan.has(unit.unitId) && childrenSum !== null && unit.annualPlan !== null
            ? unit.annualPlan - childrenSum
            : null,
        forecasts: forecastsFromLearned(
          unit,
          selectedQuarter,
          byUnit.get(unit.unitId) ?? NOTHING_LEARNED,
        ),
      };
    }),
  };
}
