import { ratio } from './achievement';
import { sumAmounts } from './money';
import type { Quarter, UnitSummary } from './types';

export type PaceStatus = 'on_track' | 'at_risk' | 'behind';

/** Pace at or above `onTrack` is on track, at or above `atRisk` at risk, below it behind. */
export type PaceThresholds = { onTrack: number; atRisk: number };
export const DEFAULT_THRESHOLDS: PaceThresholds = { onTrack: 1, atRisk: 0.85 };

export type UnitAnalysis = {
  /** The "as of" quarter the figures below are computed to. */
  asOfQuarter: Quarter;
  /** Actuals of Q1..asOf; null when nothing was entered. */
  ytdActual: number | null;
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

/**
 * Pace, status, what is still needed and both year-end forecasts of one (rolled-up) unit as
 * of a quarter. A quarter with no actual counts as nothing brought in yet; with no actual
 * at all the pace and forecasts are null. A complete year (asOf = 4) needs nothing more per
 * quarter; its forecasts are its actual.
 */
export function analyseUnit(
  unit: Pick<UnitSummary, 'annualPlan' | 'quarters'>,
  asOf: Quarter,
  thresholds: PaceThresholds = DEFAULT_THRESHOLDS,
): UnitAnalysis {
  const targets = unit.quarters.map((q) => q.target);
  const ytdActual = sumAmounts(unit.quarters.slice(0, asOf).map((q) => q.actual));
  const expected = expectedToDate(unit.annualPlan, targets, asOf);
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
