import { ratio } from './achievement';
import {
  analyseUnit,
  DEFAULT_THRESHOLDS,
  type PaceStatus,
  type PaceThresholds,
  paceStatus,
} from './analysis';
import { formatPercent } from './format';
import { sumAmounts } from './money';
import { formatQuarter, QUARTERS } from './period';
import type { Amount, Locale, Quarter, UnitSummary } from './types';
import { fill, type Messages } from './words';

/** The words of the forecasts in the caller's locale, as the caller has them loaded. */
export type ForecastWords = Messages['analysis']['forecasts'];

/** One unit's rolled-up figures of one year: what the forecasts read. */
export type UnitYear = Pick<UnitSummary, 'annualPlan' | 'quarters'>;

/** One unit's rolled-up figures of an earlier year. */
export type UnitHistoryYear = UnitYear & { year: number };

/** The share of the year each quarter brought, Q1..Q4; they sum to 1 (up to rounding). */
export type SeasonalShares = [number, number, number, number];

export type ForecastMethod = 'run_rate' | 'target_profile' | 'seasonal';

/** What a forecast takes for granted, so that it can be said beside the figure. */
export type ForecastAssumption =
  /** Each remaining quarter brings the average of the `quarters` quarters so far. */
  | { method: 'run_rate'; quarters: number }
  /**
   * Each remaining quarter meets its target (`quartersAtTarget`); those without one bring a
   * quarter of the annual plan (`quartersAtPlanShare`). Both empty once the year is complete.
   */
  | { method: 'target_profile'; quartersAtTarget: Quarter[]; quartersAtPlanShare: Quarter[] }
  /** Each quarter brings its average share of the year over `years` (empty: no usable year). */
  | { method: 'seasonal'; years: number[] };

/** The order that breaks ties between methods, and in which they are listed. */
export const FORECAST_METHODS: readonly ForecastMethod[] = [
  'run_rate',
  'target_profile',
  'seasonal',
];

/**
 * A year every quarter of which is reported in full: each quarter has an actual and no
 * reporting unit of the subtree is missing. Only such a year says what a whole year looks like.
 */
export function isCompleteYear(unit: UnitYear): boolean {
  return unit.quarters.every((q) => q.actual !== null && q.missingUnitIds.length === 0);
}

/**
 * The share of the year each quarter brought, averaged over the earlier years that are
 * complete (`isCompleteYear`) and whose total is not 0; with the years used, oldest first.
 * Null when no year qualifies.
 */
export function seasonalShares(
  history: readonly UnitHistoryYear[],
): { shares: SeasonalShares; years: number[] } | null {
  const usable = history
    .filter((y) => isCompleteYear(y))
    .map((y) => ({ year: y.year, actuals: y.quarters.map((q) => q.actual ?? 0) }))
    .filter((y) => y.actuals.reduce((a, b) => a + b, 0) > 0)
    .sort((a, b) => a.year - b.year);
  if (usable.length === 0) return null;
  const shares: SeasonalShares = [0, 0, 0, 0];
  for (const { actuals } of usable) {
    const total = actuals.reduce((a, b) => a + b, 0);
    for (const i of [0, 1, 2, 3] as const) shares[i] += (actuals[i] ?? 0) / total / usable.length;
  }
  return { shares, years: usable.map((y) => y.year) };
}

/**
 * Year-end if the year keeps its seasons: ytd ÷ (the shares of Q1..asOf), to the đồng. Null
 * without shares or ytd, or where the shares to date sum to 0. As of Q4 it is the ytd itself.
 * The caller withholds it where a quarter to date is partly reported (see `unitForecasts`).
 */
export function seasonalForecast(
  ytd: Amount | null,
  asOf: Quarter,
  shares: SeasonalShares | null,
): Amount | null {
  if (ytd === null || shares === null) return null;
  if (asOf === 4) return ytd;
  const toDate = shares.slice(0, asOf).reduce((a, b) => a + b, 0);
  return toDate > 0 ? Math.round(ytd / toDate) : null;
}

/** The assumption of the target-profile forecast as of a quarter: which quarters lack a target. */
export function targetProfileAssumption(
  unit: UnitYear,
  asOf: Quarter,
): Extract<ForecastAssumption, { method: 'target_profile' }> {
  const remaining = unit.quarters.slice(asOf);
  return {
    method: 'target_profile',
    quartersAtTarget: remaining.filter((q) => q.target !== null).map((q) => q.quarter),
    quartersAtPlanShare: remaining.filter((q) => q.target === null).map((q) => q.quarter),
  };
}

/** Mean absolute percentage error of each method over the earlier years; null: no case. */
export type Backtest = Record<ForecastMethod, number | null>;

/**
 * How far each method's year-end forecast fell from the actual total in the earlier years: for
 * each complete earlier year Y with a total above 0 and each as-of quarter 1..3, the forecast
 * of Y's total from Y's own Q1..asOf — run-rate and target-profile as `analyseUnit` makes them
 * with Y's own plan and targets, seasonal with the shares of the years before Y only — and its
 * error |forecast − total| ÷ total. Each method's mean over the cases it could forecast; null
 * where it had none. `best` is the lowest, ties going to the earlier of `FORECAST_METHODS`;
 * null where no method had a case.
 */
export function backtest(history: readonly UnitHistoryYear[]): {
  mape: Backtest;
  best: ForecastMethod | null;
} {
  const errors: Record<ForecastMethod, number[]> = {
    run_rate: [],
    target_profile: [],
    seasonal: [],
  };
  for (const year of history) {
    if (!isCompleteYear(year)) continue;
    const total = sumAmounts(year.quarters.map((q) => q.actual)) ?? 0;
    if (total <= 0) continue;
    const before = seasonalShares(history.filter((y) => y.year < year.year))?.shares ?? null;
    for (const asOf of [1, 2, 3] as const) {
      const analysis = analyseUnit(year, asOf);
      const forecasts: Record<ForecastMethod, Amount | null> = {
        run_rate: analysis.runRateForecast,
        target_profile: analysis.targetProfileForecast,
        seasonal: seasonalForecast(analysis.ytdActual, asOf, before),
      };
      for (const method of FORECAST_METHODS) {
        const forecast = forecasts[method];
        if (forecast !== null) errors[method].push(Math.abs(forecast - total) / total);
      }
    }
  }
  const mean = (list: number[]) =>
    list.length === 0 ? null : list.reduce((a, b) => a + b, 0) / list.length;
  const mape: Backtest = {
    run_rate: mean(errors.run_rate),
    target_profile: mean(errors.target_profile),
    seasonal: mean(errors.seasonal),
  };
  let best: ForecastMethod | null = null;
  for (const method of FORECAST_METHODS) {
    const error = mape[method];
    if (error === null) continue;
    if (best === null || error < (mape[best] ?? Number.POSITIVE_INFINITY)) best = method;
  }
  return { mape, best };
}

export type UnitForecasts = {
  /** Year-end by the seasons of the earlier years; null as `seasonalForecast`, or partly reported. */
  seasonal: Amount | null;
  /** The average share of the year of each quarter, for phasing targets; null without a usable year. */
  shares: SeasonalShares | null;
  /** What each forecast assumes, run-rate and target-profile being `analyseUnit`'s. */
  assumptions: {
    runRate: Extract<ForecastAssumption, { method: 'run_rate' }>;
    targetProfile: Extract<ForecastAssumption, { method: 'target_profile' }>;
    seasonal: Extract<ForecastAssumption, { method: 'seasonal' }>;
  };
  /** Each method's mean absolute percentage error over the earlier years (`backtest`). */
  backtest: Backtest;
  best: ForecastMethod | null;
};

/**
 * The seasonal forecast, the assumptions of all three and their backtest, for one unit as of a
 * quarter, given its earlier years. A quarter to date partly reported withholds the seasonal
 * forecast as `analyseUnit` withholds the others: it would count the missing figures as zero.
 */
export function unitForecasts(
  unit: UnitYear,
  asOf: Quarter,
  history: readonly UnitHistoryYear[],
): UnitForecasts {
  return forecastsFromLearned(unit, asOf, learnUnitHistory(history));
}

/** `unitForecasts` from what `learnUnitHistory` learned of the earlier years. */
export function forecastsFromLearned(
  unit: UnitYear,
  asOf: Quarter,
  { seasons, backtest: tested }: LearnedUnitHistory,
): UnitForecasts {
  const toDate = unit.quarters.slice(0, asOf);
  const isPartial = toDate.some((q) => q.missingUnitIds.length > 0);
  const ytd = sumAmounts(toDate.map((q) => q.actual));
  return {
    seasonal: isPartial ? null : seasonalForecast(ytd, asOf, seasons?.shares ?? null),
    shares: seasons?.shares ?? null,
    assumptions: {
      runRate: { method: 'run_rate', quarters: asOf },
      targetProfile: targetProfileAssumption(unit, asOf),
      seasonal: { method: 'seasonal', years: seasons?.years ?? [] },
    },
    backtest: tested.mape,
    best: tested.best,
  };
}

/** What the forecasts of one unit learn from its earlier years, whatever the year to date. */
export type LearnedUnitHistory = {
  seasons: ReturnType<typeof seasonalShares>;
  backtest: ReturnType<typeof backtest>;
};

/**
 * The seasons and the backtest of one unit's earlier years: the part of `unitForecasts` that
 * does not depend on the year being forecast, so a caller can learn it once per history.
 */
export function learnUnitHistory(history: readonly UnitHistoryYear[]): LearnedUnitHistory {
  return { seasons: seasonalShares(history), backtest: backtest(history) };
}

/**
 * Four quarterly targets in whole đồng that follow the seasons and add up to the plan exactly:
 * each quarter gets the whole part of plan × its share, and the đồng left over go one each to
 * the quarters with the largest fractional parts (earlier quarter first on a tie). Null without
 * shares or where they sum to 0.
 */
export function phaseTargets(
  annualPlan: Amount,
  shares: SeasonalShares | null,
): [Amount, Amount, Amount, Amount] | null {
  if (shares === null) return null;
  const sum = shares.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return null;
  const parts = shares.map((share, quarter) => {
    const exact = (annualPlan * share) / sum;
    return { quarter, whole: Math.floor(exact), fraction: exact - Math.floor(exact) };
  });
  let left = annualPlan - parts.reduce((a, p) => a + p.whole, 0);
  const order = [...parts].sort((a, b) => b.fraction - a.fraction || a.quarter - b.quarter);
  // Float shares may leave the floors a đồng over or short of 4 leftovers: walk until exact.
  for (let i = 0; left !== 0; i = (i + 1) % order.length) {
    const part = order[i];
    if (part === undefined) break;
    const step = left > 0 ? 1 : -1;
    if (step < 0 && part.whole === 0) continue;
    part.whole += step;
    left -= step;
  }
  const [q1, q2, q3, q4] = parts.map((p) => p.whole);
  return [q1 ?? 0, q2 ?? 0, q3 ?? 0, q4 ?? 0];
}

export type WhatIf = {
  /** ytd plus the amounts given for the quarters after asOf (a quarter without one: see `quartersAssumed`). */
  yearEnd: Amount;
  /** yearEnd ÷ annual plan. */
  achieved: number;
  /** The status of yearEnd ÷ plan, read against the pace thresholds. */
  status: PaceStatus | null;
  /** Quarters after asOf without an amount, taken at their target or else a quarter of the plan. */
  quartersAssumed: Quarter[];
};

/**
 * The year-end if the quarters after asOf bring `amounts`, with its % of the plan and status
 * (the status of the year-end's share of the plan, as a pace); nothing is saved. A remaining
 * quarter without an amount is taken as the target-profile forecast takes it (its target, else
 * a quarter of the plan) and listed in `quartersAssumed`; amounts for quarters up to asOf are
 * ignored (those are the actuals). Null where the plan is 0 or missing, or where a quarter to
 * date is partly reported (the ytd would count the missing figures as zero).
 */
export function whatIf(
  unit: UnitYear,
  asOf: Quarter,
  amounts: Partial<Record<Quarter, Amount>>,
  thresholds: PaceThresholds = DEFAULT_THRESHOLDS,
): WhatIf | null {
  const plan = unit.annualPlan;
  if (plan === null || plan === 0) return null;
  const toDate = unit.quarters.slice(0, asOf);
  if (toDate.some((q) => q.missingUnitIds.length > 0)) return null;
  let yearEnd = sumAmounts(toDate.map((q) => q.actual)) ?? 0;
  const quartersAssumed: Quarter[] = [];
  for (const quarter of QUARTERS.filter((q) => q > asOf)) {
    const given = amounts[quarter];
    if (given !== undefined) {
      yearEnd += given;
    } else {
      quartersAssumed.push(quarter);
      yearEnd += unit.quarters[quarter - 1]?.target ?? Math.round(plan / 4);
    }
  }
  const achieved = ratio(yearEnd, plan) ?? 0;
  return { yearEnd, achieved, status: paceStatus(achieved, thresholds), quartersAssumed };
}

const quarterList = (quarters: readonly Quarter[], locale: Locale) =>
  quarters.map((q) => formatQuarter(q, undefined, locale)).join(', ');

/**
 * What a forecast assumes, as a sentence in the locale: "Mỗi quý còn lại bằng bình quân 2 quý
 * đã qua.", "… Quý chưa có chỉ tiêu (Quý IV) tính bằng 1/4 kế hoạch năm.", "Mỗi quý chiếm tỷ
 * trọng trong năm như bình quân các năm 2021, 2022."
 */
export function describeAssumption(
  assumption: ForecastAssumption,
  locale: Locale,
  words: ForecastWords,
): string {
  switch (assumption.method) {
    case 'run_rate':
      if (assumption.quarters >= 4) return words.yearComplete;
      return assumption.quarters === 1
        ? fill(words.runRateOne, { quarter: formatQuarter(1, undefined, locale) })
        : fill(words.runRate, { count: assumption.quarters });
    case 'target_profile': {
      const { quartersAtTarget, quartersAtPlanShare } = assumption;
      if (quartersAtTarget.length === 0 && quartersAtPlanShare.length === 0) {
        return words.yearComplete;
      }
      return [
        quartersAtTarget.length > 0 &&
          fill(words.targetsMet, { quarters: quarterList(quartersAtTarget, locale) }),
        quartersAtPlanShare.length > 0 &&
          fill(words.planShare, { quarters: quarterList(quartersAtPlanShare, locale) }),
      ]
        .filter((s): s is string => typeof s === 'string')
        .join(' ');
    }
    case 'seasonal':
      return assumption.years.length === 0
        ? words.noSeasons
        : fill(words.seasonal, { years: assumption.years.join(', ') });
  }
}

/** A method's backtest as words: "Sai số bình quân trên các năm trước: 10,6%"; without a case, says so. */
export function describeBacktest(
  mape: number | null,
  locale: Locale,
  words: ForecastWords,
): string {
  return mape === null
    ? words.noBacktest
    : fill(words.backtest, { percent: formatPercent(mape, locale) });
}

/** The method closest on earlier years, as words; null where none had a case. */
export function describeBest(best: ForecastMethod | null, words: ForecastWords): string | null {
  if (best === null) return null;
  return fill(words.best, { method: words.methods[best] });
}
