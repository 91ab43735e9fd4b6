import { describe, expect, it } from 'vitest';
import type { Unit } from './types';
import { buildYearAnalysis, learnFromHistory } from './year-analysis';

const BN = 1_000_000_000;
const unit = (id: number, code: string, parentId: number | null): Unit => ({
  id,
  code,
  name: code,
  parentId,
  kind: parentId === null ? 'institute' : 'department',
});
const units = [unit(1, 'ROOT', null), unit(2, 'A', 1), unit(3, 'B', 1)];
const none = [null, null, null, null] as [null, null, null, null];

describe('buildYearAnalysis', () => {
  it('is as of the latest quarter with an actual unless one is chosen', () => {
    const actuals = [{ unitId: 2, quarter: 2 as const, amount: 5 }];
    expect(buildYearAnalysis({ year: 2023, units, plans: [], actuals }).selectedQuarter).toBe(2);
    expect(
      buildYearAnalysis({ year: 2023, units, plans: [], actuals, asOf: 4 }).selectedQuarter,
    ).toBe(4);
    expect(buildYearAnalysis({ year: 2023, units, plans: [], actuals: [] }).selectedQuarter).toBe(
      1,
    );
  });

  it('shows achievement against both the original and the revised plan', () => {
    const result = buildYearAnalysis({
      year: 2023,
      units,
      plans: [
        { unitId: 2, annualPlan: 50 * BN, originalAnnualPlan: 100 * BN, quarterTargets: none },
        { unitId: 3, annualPlan: 80 * BN, quarterTargets: none },
      ],
      actuals: [{ unitId: 2, quarter: 1, amount: 10 * BN }],
    });
    const a = result.units.find((u) => u.code === 'A');
    expect(a).toMatchObject({ annualPlan: 50 * BN, originalPlan: 100 * BN });
    expect(a?.achieved).toBeCloseTo(0.2, 10);
    expect(a?.achievedVsOriginal).toBeCloseTo(0.1, 10);
    const root = result.units[0];
    expect(root).toMatchObject({ annualPlan: 130 * BN, originalPlan: 180 * BN });
  });

  it('gives achievement against the assigned plan as of the quarter, beside the plan', () => {
    const result = buildYearAnalysis({
      year: 2023,
      units,
      plans: [
        { unitId: 1, annualPlan: 180 * BN, assignedPlan: 200 * BN, quarterTargets: none },
        { unitId: 2, annualPlan: 100 * BN, quarterTargets: none },
        { unitId: 3, annualPlan: 80 * BN, quarterTargets: none },
      ],
      actuals: [
        { unitId: 2, quarter: 1, amount: 7 * BN },
        { unitId: 3, quarter: 1, amount: 6 * BN },
        { unitId: 2, quarter: 2, amount: 10 * BN },
        { unitId: 3, quarter: 2, amount: 10 * BN },
      ],
      asOf: 1,
    });
    const root = result.units[0];
    // As of Q1: 13 bn, 7.2% of the institute's 180 bn and 6.5% of the group's 200 bn.
    expect(root?.assignedPlan).toBe(200 * BN);
    expect(root?.analysis.achieved).toBeCloseTo(13 / 180, 10);
    expect(root?.analysis.achievedVsAssigned).toBeCloseTo(0.065, 10);
    // The summary's own ratio counts everything entered (Q2 too), as `achieved` does.
    expect(root?.achievedVsAssigned).toBeCloseTo(33 / 200, 10);
    expect(result.units[1]?.analysis.achievedVsAssigned).toBeNull();
  });

  it('compares with the same quarter last year', () => {
    const result = buildYearAnalysis({
      year: 2023,
      units,
      plans: [],
      actuals: [
        { unitId: 2, quarter: 1, amount: 12 },
        { unitId: 2, quarter: 2, amount: 13 },
      ],
      lastYear: {
        plans: [],
        actuals: [
          { unitId: 2, quarter: 1, amount: 8 },
          { unitId: 2, quarter: 2, amount: 10 },
          { unitId: 2, quarter: 3, amount: 99 },
        ],
      },
    });
    const a = result.units.find((u) => u.code === 'A');
    expect(a?.lastYear).toMatchObject({ sameQuarterActual: 10, ytdActual: 18 });
    expect(a?.lastYear.sameQuarterGrowth).toBeCloseTo(0.3, 12);
    expect(a?.lastYear.ytdGrowth).toBeCloseTo(7 / 18, 12);
    expect(result.units.find((u) => u.code === 'B')?.lastYear.sameQuarterGrowth).toBeNull();
  });

  it('gives the change of pace since the previous quarter', () => {
    const result = buildYearAnalysis({
      year: 2023,
      units,
      plans: [{ unitId: 2, annualPlan: 400, quarterTargets: [100, 100, 100, 100] }],
      actuals: [
        { unitId: 2, quarter: 1, amount: 50 },
        { unitId: 2, quarter: 2, amount: 150 },
      ],
      asOf: 2,
    });
    const a = result.units.find((u) => u.code === 'A');
    expect(a?.previousPace).toBe(0.5);
    expect(a?.analysis.pace).toBe(1);
    expect(a?.paceChange).toBe(0.5);
  });

  it("shows the part of a parent's own plan not allocated to its children", () => {
    const result = buildYearAnalysis({
      year: 2023,
      units,
      plans: [
        { unitId: 1, annualPlan: 180, quarterTargets: none },
        { unitId: 2, annualPlan: 100, quarterTargets: none },
        { unitId: 3, annualPlan: 60, quarterTargets: none },
      ],
      actuals: [],
    });
    expect(result.units.map((u) => [u.code, u.unallocated])).toEqual([
      ['ROOT', 20],
      ['A', null],
      ['B', null],
    ]);
  });

  it('marks over-allocation as negative', () => {
    const result = buildYearAnalysis({
      year: 2023,
      units,
      plans: [
        { unitId: 1, annualPlan: 100, quarterTargets: none },
        { unitId: 2, annualPlan: 100, quarterTargets: none },
        { unitId: 3, annualPlan: 60, quarterTargets: none },
      ],
      actuals: [],
    });
    expect(result.units[0]?.unallocated).toBe(-60);
  });

  describe('with a partly reported quarter', () => {
    // The institute (its own plan, the group's) over nine planned units of 40 bn, 10 bn a quarter.
    const nine = Array.from({ length: 9 }, (_, i) => unit(i + 2, `U${i + 1}`, 1));
    const org = [unit(1, 'ROOT', null), ...nine];
    const targets = [10 * BN, 10 * BN, 10 * BN, 10 * BN] as [number, number, number, number];
    const plans = [
      {
        unitId: 1,
        annualPlan: 360 * BN,
        quarterTargets: targets.map((t) => t * 9) as typeof targets,
      },
      ...nine.map((u) => ({ unitId: u.id, annualPlan: 40 * BN, quarterTargets: targets })),
    ];
    const q1 = nine.map((u) => ({ unitId: u.id, quarter: 1 as const, amount: 10 * BN }));
    const q2 = nine
      .slice(0, 6)
      .map((u) => ({ unitId: u.id, quarter: 2 as const, amount: 10 * BN }));
    const missing = nine.slice(6).map((u) => u.id);

    it('never shows a pace computed as if the 3 of 9 units missing were zero', () => {
      const result = buildYearAnalysis({
        year: 2023,
        units: org,
        plans,
        actuals: [...q1, ...q2],
        asOf: 2,
      });
      const root = result.units[0];
      if (!root) throw new Error('no root');
      expect(root.quarters[1]).toMatchObject({
        expectedUnits: 9,
        reportedUnits: 6,
        missingUnitIds: missing,
      });
      // Counting the missing as zero would give 150 of 180 bn: a pace of 83%, "behind".
      expect(root.analysis).toMatchObject({
        pace: null,
        status: null,
        stillNeeded: null,
        neededPerQuarter: null,
        runRateForecast: null,
        targetProfileForecast: null,
        unavailableReason: 'partly_reported',
        partialQuarters: [2],
        missingUnitIds: missing,
        // What is in is still shown, marked partial, and so is what was expected.
        ytdActual: 150 * BN,
        expectedToDate: 180 * BN,
      });
      expect(root.analysis.achieved).toBeCloseTo(150 / 360, 10);
      expect(root.paceChange).toBeNull();
      // A unit that reported is measured in full; a unit that has not is not measured as zero.
      const reported = result.units.find((u) => u.unitId === nine[0]?.id);
      expect(reported?.analysis).toMatchObject({
        pace: 1,
        status: 'on_track',
        unavailableReason: null,
      });
      const late = result.units.find((u) => u.unitId === missing[0]);
      expect(late?.analysis).toMatchObject({ pace: null, unavailableReason: 'partly_reported' });
      expect(late?.previousPace).toBe(1);
    });

    it('stays as of the last complete quarter by default, with its full pace', () => {
      const result = buildYearAnalysis({ year: 2023, units: org, plans, actuals: [...q1, ...q2] });
      expect([result.selectedQuarter, result.asOfRule]).toEqual([1, 'all_reported']);
      expect(result.units[0]?.analysis).toMatchObject({
        pace: 1,
        unavailableReason: null,
        partialQuarters: [],
      });
      expect(result.reporting[1]).toMatchObject({ reportedUnits: 6, missingUnitIds: missing });
    });

    it('withholds the growth on last year where either year is partly reported', () => {
      const result = buildYearAnalysis({
        year: 2023,
        units: org,
        plans,
        actuals: [...q1, ...q2],
        asOf: 2,
        lastYear: { plans, actuals: [...q1, ...q1.map((a) => ({ ...a, quarter: 2 as const }))] },
      });
      expect(result.units[0]?.lastYear).toMatchObject({
        sameQuarterActual: 90 * BN,
        sameQuarterGrowth: null,
        ytdGrowth: null,
      });
      const lastYearPartial = buildYearAnalysis({
        year: 2023,
        units: org,
        plans,
        actuals: q1,
        asOf: 1,
        lastYear: { plans, actuals: q1.slice(1) },
      });
      expect(lastYearPartial.units[0]?.lastYear).toMatchObject({
        sameQuarterGrowth: null,
        ytdGrowth: null,
        // Last year's Q1 was not all in: no grey bar passes for the whole quarter.
        quarterActuals: [null, null, null, null],
      });
      // All in both quarters a year earlier: each quarter's actual, none after.
      expect(result.units[0]?.lastYear.quarterActuals).toEqual([90 * BN, 90 * BN, null, null]);
      expect(lastYearPartial.units[0]?.analysis.pace).toBe(1);
    });

    it('marks the pace as resting on estimates where a figure to date is one', () => {
      const result = buildYearAnalysis({
        year: 2023,
        units: org,
        plans,
        actuals: q1.map((a, i) => (i === 0 ? { ...a, basis: 'estimate' as const } : a)),
      });
      expect(result.units[0]?.analysis).toMatchObject({ pace: 1, isEstimate: true });
      expect(result.units[0]?.quarters[0].isEstimate).toBe(true);
      expect(result.units[2]?.analysis.isEstimate).toBe(false);
    });
  });

  it('adds the seasonal forecast, its assumptions and the backtest learnt from earlier years', () => {
    const year = (y: number, amounts: [number, number, number, number]) => ({
      year: y,
      plans: [{ unitId: 2, annualPlan: 100, quarterTargets: none }],
      actuals: amounts.map((amount, i) => ({ unitId: 2, quarter: (i + 1) as 1, amount })),
    });
    const result = buildYearAnalysis({
      year: 2023,
      units,
      plans: [{ unitId: 2, annualPlan: 100, quarterTargets: [10, null, null, null] }],
      actuals: [{ unitId: 2, quarter: 1, amount: 30 }],
      asOf: 1,
      // Shares .10 .20 .30 .40 and .20 .20 .20 .40: Q1 averages .15. 2023 itself is ignored.
      history: [
        year(2022, [20, 20, 20, 40]),
        year(2021, [10, 20, 30, 40]),
        year(2023, [1, 1, 1, 1]),
      ],
    });
    for (const code of ['ROOT', 'A']) {
      const forecasts = result.units.find((u) => u.code === code)?.forecasts;
      // 30 ÷ .15 = 200.
      expect(forecasts?.seasonal, code).toBe(200);
      expect(forecasts?.assumptions.seasonal.years).toEqual([2021, 2022]);
      expect(forecasts?.assumptions.targetProfile).toEqual({
        method: 'target_profile',
        quartersAtTarget: [],
        quartersAtPlanShare: [2, 3, 4],
      });
      // Seasonal on 2022 with 2021's shares: Q1 20/.1 = 200 (1.0), Q2 40/.3 = 133 to the đồng (.33), Q3 60/.6 = 100 (0).
      expect(forecasts?.backtest.seasonal).toBeCloseTo((1 + 0.33 + 0) / 3, 12);
    }
    // B has no figures in any year: no seasons, no backtest.
    expect(result.units.find((u) => u.code === 'B')?.forecasts).toMatchObject({
      seasonal: null,
      shares: null,
      best: null,
    });
  });

  it('gives the same analysis from what was learnt earlier as from the earlier years', () => {
    const earlier = (y: number, amounts: [number, number, number, number]) => ({
      year: y,
      plans: [{ unitId: 2, annualPlan: 100, quarterTargets: none }],
      actuals: amounts.map((amount, i) => ({ unitId: 2, quarter: (i + 1) as 1, amount })),
    });
    const lastYear = earlier(2022, [20, 20, 20, 40]);
    const history = [earlier(2021, [10, 20, 30, 40]), lastYear];
    const input = {
      year: 2023,
      units,
      plans: [
        {
          unitId: 2,
          annualPlan: 100,
          quarterTargets: [10, 20, null, null] as [number, number, null, null],
        },
      ],
      actuals: [
        { unitId: 2, quarter: 1 as const, amount: 30 },
        { unitId: 2, quarter: 2 as const, amount: 15 },
      ],
      asOf: 2 as const,
    };
    const learned = learnFromHistory({ year: 2023, units, lastYear, history });
    const fresh = buildYearAnalysis({ ...input, lastYear, history });
    // What was learnt stands in for the history, which is then not read.
    expect(buildYearAnalysis({ ...input, learned })).toEqual(fresh);
    expect(fresh.units.find((u) => u.code === 'A')?.forecasts.seasonal).not.toBeNull();
    expect(fresh.units.find((u) => u.code === 'A')?.lastYear.sameQuarterActual).toBe(20);
    // And it is what is used: learnt from no history, there are no seasons.
    const fromNothing = learnFromHistory({ year: 2023, units, history: [] });
    expect(
      buildYearAnalysis({ ...input, lastYear, history, learned: fromNothing }).units[1]?.forecasts
        .shares,
    ).toBeNull();
    // Learnt for another year, it is not used.
    const otherYear = learnFromHistory({ year: 2024, units, history: [] });
    expect(buildYearAnalysis({ ...input, lastYear, history, learned: otherYear })).toEqual(fresh);
  });
});
