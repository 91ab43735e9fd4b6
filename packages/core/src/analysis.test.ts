import { describe, expect, it } from 'vitest';
import { analyseUnit, expectedToDate, growth, paceStatus } from './analysis';
import type { QuarterSummary } from './types';

const BN = 1_000_000_000;
type Four<T> = [T, T, T, T];
const unit = (
  annualPlan: number | null,
  targets: Four<number | null>,
  actuals: Four<number | null>,
) => ({
  annualPlan,
  quarters: [1, 2, 3, 4].map(
    (q): QuarterSummary => ({
      quarter: q as 1 | 2 | 3 | 4,
      target: targets[q - 1] ?? null,
      actual: actuals[q - 1] ?? null,
      achieved: null,
      // One unit that reported where there is an actual, none expected where not.
      expectedUnits: actuals[q - 1] == null ? 0 : 1,
      reportedUnits: actuals[q - 1] == null ? 0 : 1,
      missingUnitIds: [],
      isEstimate: false,
    }),
  ) as Four<QuarterSummary>,
});

describe('analyseUnit', () => {
  it('puts the 2023 demo institute behind pace, needing 55.7 bn per remaining quarter after Q1', () => {
    const institute = unit(180 * BN, [20 * BN, 30 * BN, null, null], [13 * BN, null, null, null]);
    const a = analyseUnit(institute, 1);
    expect(a.expectedToDate).toBe(20 * BN);
    expect(a.pace).toBeCloseTo(0.65, 10);
    expect(a.status).toBe('behind');
    expect(a.stillNeeded).toBe(167 * BN);
    expect(a.neededPerQuarter).toBe(55_666_666_667);
    expect(a.runRateForecast).toBe(52 * BN);
    // Q2 meets its 30 bn; Q3 and Q4 have no targets, so a quarter of the plan (45 bn) stands in.
    expect(a.targetProfileForecast).toBe((13 + 30 + 45 + 45) * BN);
  });

  it('uses the pro-rata share of the plan when no targets are set', () => {
    const a = analyseUnit(unit(100, [null, null, null, null], [20, 30, null, null]), 2);
    expect(a.expectedToDate).toBe(50);
    expect(a.pace).toBe(1);
    expect(a.status).toBe('on_track');
    expect(a.targetProfileForecast).toBe(100);
  });

  it('counts a quarter with no actual yet as nothing brought in', () => {
    const a = analyseUnit(unit(400, [100, 100, 100, 100], [100, null, null, null]), 2);
    expect(a.ytdActual).toBe(100);
    expect(a.pace).toBe(0.5);
    expect(a.status).toBe('behind');
    expect(a.neededPerQuarter).toBe(150);
  });

  it('has no pace or forecast when nothing was entered', () => {
    const a = analyseUnit(unit(400, [null, null, null, null], [null, null, null, null]), 1);
    expect(a).toMatchObject({
      pace: null,
      status: null,
      runRateForecast: null,
      targetProfileForecast: null,
    });
    expect(a.stillNeeded).toBe(400);
  });

  it('gives a plan of 0 no pace (never Infinity), and nothing still needed', () => {
    const a = analyseUnit(unit(0, [null, null, null, null], [5, null, null, null]), 1);
    expect(a.pace).toBeNull();
    expect(a.stillNeeded).toBe(0);
    expect(a.neededPerQuarter).toBe(0);
  });

  it('needs nothing more per quarter once the year is complete', () => {
    const a = analyseUnit(unit(100, [25, 25, 25, 25], [30, 30, 30, 5]), 4);
    expect(a.neededPerQuarter).toBeNull();
    expect(a.stillNeeded).toBe(5);
    expect(a.runRateForecast).toBe(95);
    expect(a.targetProfileForecast).toBe(95);
    expect(a.pace).toBe(0.95);
    expect(a.status).toBe('at_risk');
  });

  it('never asks for a negative amount once the plan is beaten', () => {
    const a = analyseUnit(unit(100, [null, null, null, null], [150, null, null, null]), 1);
    expect(a.stillNeeded).toBe(0);
    expect(a.neededPerQuarter).toBe(0);
  });

  it('measures against a revised plan as given', () => {
    const original = analyseUnit(
      unit(180 * BN, [null, null, null, null], [13 * BN, null, null, null]),
      1,
    );
    const revised = analyseUnit(
      unit(150 * BN, [null, null, null, null], [13 * BN, null, null, null]),
      1,
    );
    expect(revised.neededPerQuarter).toBe(Math.ceil((137 * BN) / 3));
    expect(revised.pace).toBeGreaterThan(original.pace ?? 0);
  });

  it('follows the thresholds the director sets', () => {
    const a = analyseUnit(unit(100, [null, null, null, null], [22, null, null, null]), 1, {
      onTrack: 0.8,
      atRisk: 0.5,
    });
    expect(a.status).toBe('on_track');
  });
});

describe('analyseUnit of a partly reported subtree', () => {
  /** Q1..Q4 with the units each quarter still lacks. */
  const partly = (missing: [number[], number[], number[], number[]]) => {
    const base = unit(400, [100, 100, 100, 100], [60, 90, 100, null]);
    base.quarters.forEach((q, i) => {
      q.expectedUnits = 3;
      q.missingUnitIds = missing[i] ?? [];
      q.reportedUnits = 3 - q.missingUnitIds.length;
    });
    return base;
  };

  it('withholds every KPI that would count a missing figure as zero, even for a gap in an earlier quarter', () => {
    const a = analyseUnit(partly([[7], [7, 8], [], [7, 8, 9]]), 3);
    expect(a).toMatchObject({
      ytdActual: 250,
      expectedToDate: 300,
      pace: null,
      status: null,
      stillNeeded: null,
      neededPerQuarter: null,
      runRateForecast: null,
      targetProfileForecast: null,
      unavailableReason: 'partly_reported',
      partialQuarters: [1, 2],
      // Each unit once, though it misses two quarters; Q4 is after the as-of quarter.
      missingUnitIds: [7, 8],
    });
  });

  it('computes as usual where every quarter up to asOf is fully reported, whatever comes later', () => {
    const a = analyseUnit(partly([[], [], [8], [7, 8, 9]]), 2);
    expect(a).toMatchObject({ pace: 0.75, unavailableReason: null, partialQuarters: [] });
    expect(a.neededPerQuarter).toBe(125);
  });
});

describe('expectedToDate', () => {
  it('falls back to pro-rata when a target up to the quarter is missing', () => {
    expect(expectedToDate(400, [100, null, 100, 100], 2)).toBe(200);
    expect(expectedToDate(null, [100, null, 100, 100], 2)).toBeNull();
    expect(expectedToDate(null, [100, 50, null, null], 2)).toBe(150);
  });
});

describe('paceStatus', () => {
  it('uses ≥ at both thresholds', () => {
    expect(paceStatus(1)).toBe('on_track');
    expect(paceStatus(0.85)).toBe('at_risk');
    expect(paceStatus(0.8499)).toBe('behind');
    expect(paceStatus(null)).toBeNull();
  });
});

describe('growth', () => {
  it('is the change over the same period last year, null without a base', () => {
    expect(growth(13, 10)).toBeCloseTo(0.3, 10);
    expect(growth(5, 10)).toBe(-0.5);
    expect(growth(5, 0)).toBeNull();
    expect(growth(null, 10)).toBeNull();
  });
});
