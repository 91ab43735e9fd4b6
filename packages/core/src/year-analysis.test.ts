import { describe, expect, it } from 'vitest';
import type { Unit } from './types';
import { buildYearAnalysis } from './year-analysis';

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
});
