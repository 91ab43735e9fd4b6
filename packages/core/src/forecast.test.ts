import { describe, expect, it } from 'vitest';
import {
  backtest,
  describeAssumption,
  describeBacktest,
  describeBest,
  type ForecastAssumption,
  isCompleteYear,
  phaseTargets,
  seasonalForecast,
  seasonalShares,
  type UnitHistoryYear,
  unitForecasts,
  whatIf,
} from './forecast';
import type { Quarter } from './types';
import { wordsFor } from './words';

const M = 1_000_000;
const BN = 1_000_000_000;
type Four<T> = [T, T, T, T];

/** A unit's year from its four actuals, plan and targets; `missing` marks quarters partly reported. */
function yearOf(
  year: number,
  actuals: Four<number | null>,
  annualPlan: number | null,
  targets: Four<number | null> = [null, null, null, null],
  missing: Quarter[] = [],
): UnitHistoryYear {
  const quarter = (i: 0 | 1 | 2 | 3) => {
    const q = (i + 1) as Quarter;
    return {
      quarter: q,
      target: targets[i],
      actual: actuals[i],
      achieved: null,
      expectedUnits: 2,
      reportedUnits: missing.includes(q) ? 1 : 2,
      missingUnitIds: missing.includes(q) ? [9] : [],
      isEstimate: false,
    };
  };
  return { year, annualPlan, quarters: [quarter(0), quarter(1), quarter(2), quarter(3)] };
}

/*
 * The made-up history, in millions:
 *   2020: 10, 20, 30, 40 = 100   shares .10 .20 .30 .40   plan 100, targets 25 each
 *   2021: 20, 20, 20, 40 = 100   shares .20 .20 .20 .40   plan 120, no targets (30 a quarter)
 *   2022: 30, 30, 60, 80 = 200   shares .15 .15 .30 .40   plan 200, targets 40 40 60 60
 * Average shares over the three: .15, .55/3 = .18333…, .8/3 = .26666…, .40.
 */
const history = [
  yearOf(2020, [10 * M, 20 * M, 30 * M, 40 * M], 100 * M, [25 * M, 25 * M, 25 * M, 25 * M]),
  yearOf(2021, [20 * M, 20 * M, 20 * M, 40 * M], 120 * M),
  yearOf(2022, [30 * M, 30 * M, 60 * M, 80 * M], 200 * M, [40 * M, 40 * M, 60 * M, 60 * M]),
];

/** The forecasts' words of a language, as a caller passes them. */
const words = (locale: 'vi' | 'en') => wordsFor(locale).analysis.forecasts;

describe('seasonalShares', () => {
  it('averages each quarter’s share of the year over the complete earlier years', () => {
    const result = seasonalShares(history);
    expect(result?.years).toEqual([2020, 2021, 2022]);
    const [q1, q2, q3, q4] = result?.shares ?? [];
    expect(q1).toBeCloseTo(0.15, 12);
    expect(q2).toBeCloseTo(0.55 / 3, 12);
    expect(q3).toBeCloseTo(0.8 / 3, 12);
    expect(q4).toBeCloseTo(0.4, 12);
  });

  it('skips a year with a quarter missing or partly reported, or a total of 0', () => {
    const result = seasonalShares([
      yearOf(2019, [1, 1, null, 1], null),
      yearOf(2020, [10, 10, 10, 10], null, undefined, [2]),
      yearOf(2021, [0, 0, 0, 0], null),
      yearOf(2022, [10, 20, 30, 40], null),
    ]);
    expect(result?.years).toEqual([2022]);
    expect(result?.shares[3]).toBeCloseTo(0.4, 12);
    expect(isCompleteYear(yearOf(2020, [10, 10, 10, 10], null, undefined, [2]))).toBe(false);
  });

  it('is null without a usable year', () => {
    expect(seasonalShares([])).toBeNull();
    expect(seasonalShares([yearOf(2022, [0, 0, 0, 0], null)])).toBeNull();
  });
});

describe('seasonalForecast', () => {
  const shares = seasonalShares(history)?.shares ?? null;

  it('divides the year to date by the shares of the quarters to date', () => {
    // 30 m ÷ .15 = 200 m; (30 + 25) m ÷ (.15 + .18333…) = 55 m ÷ (1/3) = 165 m.
    expect(seasonalForecast(30 * M, 1, shares)).toBe(200 * M);
    expect(seasonalForecast(55 * M, 2, shares)).toBe(165 * M);
  });

  it('rounds to the đồng', () => {
    // 10 ÷ .3 = 33.33… → 33.
    expect(seasonalForecast(10, 3, [0.1, 0.2, 0.3, 0.4])).toBe(17);
    expect(seasonalForecast(10, 2, [0.1, 0.2, 0.3, 0.4])).toBe(33);
  });

  it('is the year to date once the year is complete', () => {
    expect(seasonalForecast(123, 4, shares)).toBe(123);
  });

  it('is null without shares or figures, or where the shares to date are 0', () => {
    expect(seasonalForecast(10, 1, null)).toBeNull();
    expect(seasonalForecast(null, 1, shares)).toBeNull();
    expect(seasonalForecast(10, 2, [0, 0, 0.5, 0.5])).toBeNull();
  });
});

describe('backtest', () => {
  /*
   * Each case: the forecast of a year's total from its own Q1..asOf; error = |f − total| ÷ total.
   *             run-rate            target-profile (own plan/targets)   seasonal (earlier years)
   * 2020 Q1    10×4 = 40   → .60    10+75 = 85   → .15                  no earlier year
   * 2020 Q2    30×2 = 60   → .40    30+50 = 80   → .20
   * 2020 Q3    60×4/3 = 80 → .20    60+25 = 85   → .15
   * 2021 Q1    20×4 = 80   → .20    20+90 = 110  → .10                  20/.1 = 200 → 1.00
   * 2021 Q2    40×2 = 80   → .20    40+60 = 100  → 0                    40/.3 = 133.3 → .333…
   * 2021 Q3    60×4/3 = 80 → .20    60+30 = 90   → .10                  60/.6 = 100 → 0
   * 2022 Q1    30×4 = 120  → .40    30+160 = 190 → .05   (shares of 2020–21: .15 .20 .25 .40)
   *                                                                      30/.15 = 200 → 0
   * 2022 Q2    60×2 = 120  → .40    60+120 = 180 → .10                  60/.35 = 171.4 → .142857…
   * 2022 Q3    120×4/3=160 → .20    120+60 = 180 → .10                  120/.6 = 200 → 0
   * MAPE: run-rate 2.8/9 = .3111…; target-profile .95/9 = .10555…;
   *       seasonal (1 + 1/3 + 1/7)/6 = .246031…  → best: target-profile.
   */
  it('gives each method’s mean absolute percentage error and the best', () => {
    const { mape, best } = backtest(history);
    expect(mape.run_rate).toBeCloseTo(2.8 / 9, 8);
    expect(mape.target_profile).toBeCloseTo(0.95 / 9, 8);
    expect(mape.seasonal).toBeCloseTo((1 + 1 / 3 + 1 / 7) / 6, 8);
    expect(best).toBe('target_profile');
  });

  it('is null for a method without a case, and best is null without any', () => {
    // One year: no seasons before it; no plan, so no target profile either.
    const one = backtest([yearOf(2022, [10, 20, 30, 40], null)]);
    expect(one.mape.seasonal).toBeNull();
    expect(one.mape.target_profile).toBeNull();
    // run-rate: 40 → .6, 60 → .4, 80 → .2: mean .4.
    expect(one.mape.run_rate).toBeCloseTo(0.4, 12);
    expect(one.best).toBe('run_rate');
    expect(backtest([])).toEqual({
      mape: { run_rate: null, target_profile: null, seasonal: null },
      best: null,
    });
  });

  it('breaks a tie in the order run-rate, target-profile, seasonal', () => {
    // Even quarters: run-rate and a plan of the total with no targets both forecast exactly.
    const even = backtest([yearOf(2022, [25, 25, 25, 25], 100)]);
    expect(even.mape).toMatchObject({ run_rate: 0, target_profile: 0 });
    expect(even.best).toBe('run_rate');
  });
});

describe('unitForecasts', () => {
  const current = yearOf(2023, [30 * M, 25 * M, null, null], 200 * M, [
    40 * M,
    50 * M,
    null,
    60 * M,
  ]);

  it('gives the seasonal forecast, every assumption and the backtest', () => {
    const result = unitForecasts(current, 2, history);
    expect(result.seasonal).toBe(165 * M);
    expect(result.assumptions).toEqual({
      runRate: { method: 'run_rate', quarters: 2 },
      targetProfile: { method: 'target_profile', quartersAtTarget: [4], quartersAtPlanShare: [3] },
      seasonal: { method: 'seasonal', years: [2020, 2021, 2022] },
    });
    expect(result.best).toBe('target_profile');
    expect(result.shares?.[0]).toBeCloseTo(0.15, 12);
  });

  it('withholds the seasonal forecast where a quarter to date is partly reported', () => {
    const partial = yearOf(2023, [30 * M, 25 * M, null, null], 200 * M, undefined, [1]);
    expect(unitForecasts(partial, 2, history).seasonal).toBeNull();
    expect(unitForecasts(partial, 2, history).shares).not.toBeNull();
  });

  it('has no seasons without earlier years', () => {
    const result = unitForecasts(current, 1, []);
    expect(result).toMatchObject({ seasonal: null, shares: null, best: null });
    expect(result.assumptions.seasonal.years).toEqual([]);
  });
});

describe('describeAssumption', () => {
  it('says what each forecast assumes, in both languages', () => {
    expect(describeAssumption({ method: 'run_rate', quarters: 2 }, 'vi', words('vi'))).toBe(
      'Mỗi quý còn lại bằng bình quân 2 quý đã qua.',
    );
    expect(describeAssumption({ method: 'run_rate', quarters: 2 }, 'en', words('en'))).toBe(
      'Each remaining quarter brings the average of the 2 quarters so far.',
    );
    expect(describeAssumption({ method: 'run_rate', quarters: 1 }, 'vi', words('vi'))).toBe(
      'Mỗi quý còn lại bằng Quý I.',
    );
    expect(describeAssumption({ method: 'run_rate', quarters: 4 }, 'en', words('en'))).toBe(
      'The year is complete: the forecast is the actual.',
    );
    const profile: ForecastAssumption = {
      method: 'target_profile',
      quartersAtTarget: [2, 4],
      quartersAtPlanShare: [3],
    };
    expect(describeAssumption(profile, 'vi', words('vi'))).toBe(
      'Mỗi quý còn lại đạt đúng chỉ tiêu (Quý II, Quý IV). Quý chưa có chỉ tiêu (Quý III) tính bằng 1/4 kế hoạch năm.',
    );
    expect(describeAssumption(profile, 'en', words('en'))).toBe(
      'Each remaining quarter meets its target (Q2, Q4). A quarter without a target (Q3) is taken as a quarter of the annual plan.',
    );
    expect(
      describeAssumption(
        { method: 'target_profile', quartersAtTarget: [], quartersAtPlanShare: [] },
        'vi',
        words('vi'),
      ),
    ).toBe('Cả năm đã có số liệu: dự báo là số thực hiện.');
    expect(describeAssumption({ method: 'seasonal', years: [2021, 2022] }, 'vi', words('vi'))).toBe(
      'Mỗi quý chiếm tỷ trọng trong năm như bình quân các năm 2021, 2022.',
    );
    expect(describeAssumption({ method: 'seasonal', years: [] }, 'en', words('en'))).toBe(
      'No complete earlier year to learn the seasons from.',
    );
  });

  it('words the backtest and the best method', () => {
    expect(describeBacktest(0.10555, 'vi', words('vi'))).toBe(
      'Sai số bình quân trên các năm trước: 10,6%',
    );
    expect(describeBacktest(null, 'en', words('en'))).toBe('No earlier year to test it on');
    expect(describeBest('seasonal', words('en'))).toBe(
      'Closest on earlier years: By the seasons of earlier years',
    );
    expect(describeBest(null, words('vi'))).toBeNull();
  });
});

describe('phaseTargets', () => {
  it('spreads the plan by the shares, to the đồng, summing exactly to the plan', () => {
    const shares = seasonalShares(history)?.shares ?? null;
    // 180 bn × .15, .18333…, .26666…, .40 = 27, 33, 48, 72 bn.
    expect(phaseTargets(180 * BN, shares)).toEqual([27 * BN, 33 * BN, 48 * BN, 72 * BN]);
  });

  it('gives the đồng left over to the largest remainders, the earlier quarter on a tie', () => {
    // 100 × ⅓ = 33.33… three times: 33+33+33 = 99, one đồng left → Q1.
    expect(phaseTargets(100, [1 / 3, 1 / 3, 1 / 3, 0])).toEqual([34, 33, 33, 0]);
    // 10 × ¼ = 2.5 each: two đồng left → Q1 and Q2.
    expect(phaseTargets(10, [0.25, 0.25, 0.25, 0.25])).toEqual([3, 3, 2, 2]);
    // .1 .2 .3 .4 of 7: .7 1.4 2.1 2.8 → 0 1 2 2 (5), left 2 → Q1 (.7), Q4 (.8 > .4 > .1).
    expect(phaseTargets(7, [0.1, 0.2, 0.3, 0.4])).toEqual([1, 1, 2, 3]);
  });

  it('always sums to the plan', () => {
    const shares: [number, number, number, number] = [0.137, 0.2911, 0.2543, 0.3176];
    for (const plan of [1, 999, 180 * BN + 7, 987_654_321_987]) {
      const result = phaseTargets(plan, shares) ?? [];
      expect(result.reduce((a, b) => a + b, 0)).toBe(plan);
      for (const t of result) expect(Number.isInteger(t)).toBe(true);
    }
  });

  it('is null without shares', () => {
    expect(phaseTargets(100, null)).toBeNull();
    expect(phaseTargets(100, [0, 0, 0, 0])).toBeNull();
  });
});

describe('whatIf', () => {
  // Plan 180 bn, targets 20 40 50 70 bn, Q1 13 bn.
  const unit = yearOf(2023, [13 * BN, null, null, null], 180 * BN, [
    20 * BN,
    40 * BN,
    50 * BN,
    70 * BN,
  ]);

  it('adds the amounts of the remaining quarters to the year to date', () => {
    // 13 + 30 + 40 + 50 = 133 bn; 133/180 = .7389 → behind.
    const behind = whatIf(unit, 1, { 2: 30 * BN, 3: 40 * BN, 4: 50 * BN });
    expect(behind).toMatchObject({ yearEnd: 133 * BN, status: 'behind', quartersAssumed: [] });
    expect(behind?.achieved).toBeCloseTo(133 / 180, 12);
    // 13 + 40 + 50 + 55 = 158 bn; .8778 → at risk.
    expect(whatIf(unit, 1, { 2: 40 * BN, 3: 50 * BN, 4: 55 * BN })?.status).toBe('at_risk');
    // 13 + 40 + 60 + 70 (Q4 at its target) = 183 bn; 1.0167 → on track.
    expect(whatIf(unit, 1, { 2: 40 * BN, 3: 60 * BN })).toMatchObject({
      yearEnd: 183 * BN,
      status: 'on_track',
      quartersAssumed: [4],
    });
  });

  it('takes a remaining quarter without amount or target as a quarter of the plan', () => {
    const noTargets = yearOf(2023, [13 * BN, 20 * BN, null, null], 180 * BN);
    // 13 + 20 + 10 + 45 = 88 bn.
    expect(whatIf(noTargets, 2, { 3: 10 * BN, 1: 999 })).toMatchObject({
      yearEnd: 88 * BN,
      quartersAssumed: [4],
    });
  });

  it('is null without a plan or where a quarter to date is partly reported', () => {
    expect(whatIf(yearOf(2023, [13, null, null, null], null), 1, { 2: 1 })).toBeNull();
    expect(whatIf(yearOf(2023, [13, null, null, null], 0), 1, { 2: 1 })).toBeNull();
    const partial = yearOf(2023, [13, 5, null, null], 100, undefined, [2]);
    expect(whatIf(partial, 2, { 3: 1, 4: 1 })).toBeNull();
    // A later partly reported quarter does not matter as of Q1.
    expect(whatIf(partial, 1, { 2: 1, 3: 1, 4: 1 })?.yearEnd).toBe(16);
  });
});
