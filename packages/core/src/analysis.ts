import { ratio } from './achievement';
import { sumAmounts } from './money';
import type { Quarter, QuarterSummary, UnitSummary } from './types';

export type PaceStatus = 'on_track' | 'at_risk' | 'behind';

/** Pace at or above `onTrack` is on track, at or above `atRisk` at risk, below it behind. */
export type PaceThresholds = { onTrack: number; atRisk: number };
export const DEFAULT_THRESHOLDS: PaceThresholds = { onTrack: 1, atRisk: 0.85 };

/**
 * Why pace, status, stillNeeded, neededPerQuarter and both forecasts are null although there
 * are figures: `partly_reported` when a quarter up to the as-of one lacks the figure of a
 * reporting unit of the subtree, so each of them would count it as zero.
 */
export type UnavailableReason = 'partly_reported';

export type UnitAnalysis = {
  /** The "as of" quarter the figures below are computed to. */
  asOfQuarter: Quarter;
  /**
   * Actuals of Q1..asOf; null when nothing was entered. Kept where partly reported: it is
   * then what is in so far, a fact, and `partialQuarters` says so.
   */
  ytdActual: number | null;
  /**
   * ytdActual / annual plan: the share of the plan brought in to asOf; null where the plan is
   * 0 or missing or nothing was entered. Kept where partly reported, as ytdActual is.
   */
  achieved: number | null;
  /**
   * ytdActual / the plan the parent group assigned, beside `achieved`: null where that plan is
   * 0 or not set or nothing was entered; kept where partly reported, as `achieved` is.
   */
  achievedVsAssigned: number | null;
  /** Quarters Q1..asOf in which a reporting unit of the subtree has no figure yet. */
  partialQuarters: Quarter[];
  /** Those units, depth-first, each once: who has not reported up to asOf. */
  missingUnitIds: number[];
  /** Set where the KPIs below are withheld (null) for want of figures; null where computed. */
  unavailableReason: UnavailableReason | null;
  /** True when a figure of Q1..asOf in the subtree is an estimate, not final. */
  isEstimate: boolean;
  /** Targets of Q1..asOf where every one is set, else the plan's pro-rata share; null without either. */
  expectedToDate: number | null;
  /** ytdActual / expectedToDate; null where either is missing or expected is 0. */
  pace: number | null;
  status: PaceStatus | null;
  /** What must still come in to reach the annual plan (never negative); null without a plan. */
  stillNeeded: number | null;
  /** stillNeeded spread over the quarters left, rounded up to the đồng; null once the year is complete. */
  neededPerQuarter: number | null;
  /** Year-end at the rate so far: ytd ÷ quarters elapsed × 4. */
  runRateForecast: number | null;
  /** Year-end if every remaining quarter meets its target (or, without one, a quarter of the plan). */
  targetProfileForecast: number | null;
};

/** Status of a pace; null pace (nothing to compare) has no status. */
export function paceStatus(
  pace: number | null,
  thresholds: PaceThresholds = DEFAULT_THRESHOLDS,
): PaceStatus | null {
  if (pace === null) return null;
  if (pace >= thresholds.onTrack) return 'on_track';
  if (pace >= thresholds.atRisk) return 'at_risk';
  return 'behind';
}

/** The plan's share of `quarters` quarters, in whole đồng. */
const proRata = (annualPlan: number, quarters: number) => Math.round((annualPlan * quarters) / 4);

/**
 * Expected-to-date: the sum of Q1..asOf targets when all of them are set, else the pro-rata
 * share of the annual plan (asOf / 4); null when neither exists.
 */
export function expectedToDate(
  annualPlan: number | null,
  targets: ReadonlyArray<number | null>,
  asOf: Quarter,
): number | null {
  const upTo = targets.slice(0, asOf);
  if (upTo.every((t) => t !== null)) return sumAmounts(upTo);
  return annualPlan === null ? null : proRata(annualPlan, asOf);
}

/** The missing units of some quarters, each once, in the order first met. */
function missingOf(quarters: readonly QuarterSummary[]): number[] {
  const partial = quarters.filter((q) => q.missingUnitIds.length > 0);
  if (partial.length <= 1) return partial[0]?.missingUnitIds ?? [];
  return [...new Set(partial.flatMap((q) => q.missingUnitIds))];
}

/**
 * Pace, status, what is still needed and both year-end forecasts of one (rolled-up) unit as
 * of a quarter. A quarter with no actual counts as nothing brought in yet — where no unit is
 * expected to report it; where a reporting unit of the subtree has no figure for a quarter up
 * to asOf, every KPI that would count that figure as zero is null with `unavailableReason`:
 * the pace and its status (a short actual against a full target), what is still needed and
 * per quarter (overstated by the missing figures), both forecasts (built on the short
 * actual). With no actual at all the pace and forecasts are null. A complete year (asOf = 4)
 * needs nothing more per quarter; its forecasts are its actual.
 */
export function analyseUnit(
  unit: Pick<UnitSummary, 'annualPlan' | 'quarters'> & Partial<Pick<UnitSummary, 'assignedPlan'>>,
  asOf: Quarter,
  thresholds: PaceThresholds = DEFAULT_THRESHOLDS,
): UnitAnalysis {
  const targets = unit.quarters.map((q) => q.target);
  const toDate = unit.quarters.slice(0, asOf);
  const ytdActual = sumAmounts(toDate.map((q) => q.actual));
  const partialQuarters = toDate.filter((q) => q.missingUnitIds.length > 0).map((q) => q.quarter);
  const isEstimate = toDate.some((q) => q.isEstimate);
  const expected = expectedToDate(unit.annualPlan, targets, asOf);
  if (partialQuarters.length > 0) {
    return {
      asOfQuarter: asOf,
      ytdActual,
      achieved: ratio(ytdActual, unit.annualPlan),
      achievedVsAssigned: ratio(ytdActual, unit.assignedPlan ?? null),
      partialQuarters,
      missingUnitIds: missingOf(toDate),
      unavailableReason: 'partly_reported',
      isEstimate,
      expectedToDate: expected,
      pace: null,
      status: null,
      stillNeeded: null,
      neededPerQuarter: null,
      runRateForecast: null,
      targetProfileForecast: null,
    };
  }
  const pace = ratio(ytdActual, expected);
  const plan = unit.annualPlan;
  const stillNeeded = plan === null ? null : Math.max(0, plan - (ytdActual ?? 0));
  const quartersLeft = 4 - asOf;
  // Each remaining quarter at its target, or at a quarter of the plan where it has none.
  const remainingShares = targets
    .slice(asOf)
    .map((t) => t ?? (plan === null ? null : proRata(plan, 1)));
  const expectedRemaining = remainingShares.some((t) => t === null)
    ? null
    : (sumAmounts(remainingShares) ?? 0);
  return {
    asOfQuarter: asOf,
    ytdActual,
    achieved: ratio(ytdActual, plan),
    achievedVsAssigned: ratio(ytdActual, unit.assignedPlan ?? null),
    partialQuarters,
    missingUnitIds: [],
    unavailableReason: null,
    isEstimate,
    expectedToDate: expected,
    pace,
    status: paceStatus(pace, thresholds),
    stillNeeded,
    neededPerQuarter:
      stillNeeded === null || quartersLeft === 0 ? null : Math.ceil(stillNeeded / quartersLeft),
    runRateForecast: ytdActual === null ? null : Math.round((ytdActual * 4) / asOf),
    targetProfileForecast:
      ytdActual === null || expectedRemaining === null ? null : ytdActual + expectedRemaining,
  };
}

/** (current − previous) / previous; null where either is missing or previous is 0. */
export function growth(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / previous;
}
