import { describe, expect, it } from 'vitest';
import { buildYearSummary } from './rollup';
import type { ActualEntry, PlanEntry, Unit } from './types';

const BN = 1_000_000_000;
const unit = (id: number, code: string, parentId: number | null): Unit => ({
  id,
  code,
  name: code,
  parentId,
  kind: parentId === null ? 'institute' : 'department',
});
const plan = (
  unitId: number,
  annualPlan: number,
  quarterTargets: PlanEntry['quarterTargets'] = [null, null, null, null],
): PlanEntry => ({
  unitId,
  annualPlan,
  quarterTargets,
});
const actual = (unitId: number, quarter: 1 | 2 | 3 | 4, amount: number): ActualEntry => ({
  unitId,
  quarter,
  amount,
});

const byCode = (summary: ReturnType<typeof buildYearSummary>, code: string) => {
  const found = summary.units.find((u) => u.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found;
};

describe('buildYearSummary', () => {
  it('gives the 2023 demo institute 13 bn of 180 bn, 7.2%, with its own 30 bn Q2 target', () => {
    const units = [unit(1, 'ROOT', null), unit(2, 'A', 1), unit(3, 'B', 1)];
    const summary = buildYearSummary({
      year: 2023,
      units,
      plans: [
        plan(1, 180 * BN, [null, 30 * BN, null, null]),
        plan(2, 100 * BN, [8 * BN, 20 * BN, null, null]),
        plan(3, 80 * BN, [6 * BN, 10 * BN, null, null]),
      ],
      actuals: [actual(2, 1, 7 * BN), actual(3, 1, 6 * BN)],
    });
    const root = byCode(summary, 'ROOT');
    expect(root.annualPlan).toBe(180 * BN);
    expect(root.ytdActual).toBe(13 * BN);
    expect(root.achieved).toBeCloseTo(0.07222, 5);
    expect(root.quarters[1]).toEqual({ quarter: 2, target: 30 * BN, actual: null, achieved: null });
    // Q1 has no own target on the root, so it falls back to the children's 14 bn.
    expect(root.quarters[0].target).toBe(14 * BN);
    expect(root.quarters[0].achieved).toBeCloseTo(13 / 14, 10);
    expect(summary.asOfQuarter).toBe(1);
  });

  it("uses the parent's own plan rather than adding it to the children's", () => {
    const summary = buildYearSummary({
      year: 2023,
      units: [unit(1, 'ROOT', null), unit(2, 'A', 1)],
      plans: [plan(1, 50), plan(2, 40)],
      actuals: [],
    });
    expect(byCode(summary, 'ROOT').annualPlan).toBe(50);
  });

  it("sums the children's plans where the parent has none", () => {
    const summary = buildYearSummary({
      year: 2023,
      units: [unit(1, 'ROOT', null), unit(2, 'A', 1), unit(3, 'B', 1), unit(4, 'C', 1)],
      plans: [plan(2, 40), plan(3, 2)],
      actuals: [],
    });
    expect(byCode(summary, 'ROOT').annualPlan).toBe(42);
    expect(byCode(summary, 'C').annualPlan).toBeNull();
  });

  it('rolls a three-level tree up, adding a parent’s own actual to its descendants’', () => {
    const units = [
      unit(1, 'ROOT', null),
      unit(2, 'MID', 1),
      unit(3, 'LEAF1', 2),
      unit(4, 'LEAF2', 2),
    ];
    const summary = buildYearSummary({
      year: 2023,
      units,
      plans: [plan(3, 100, [10, 20, 30, 40]), plan(4, 300, [null, 50, null, null])],
      actuals: [actual(3, 1, 5), actual(4, 2, 70), actual(2, 2, 3), actual(1, 4, 1)],
    });
    const mid = byCode(summary, 'MID');
    expect(mid.annualPlan).toBe(400);
    expect(mid.quarters.map((q) => q.target)).toEqual([10, 70, 30, 40]);
    expect(mid.quarters.map((q) => q.actual)).toEqual([5, 73, null, null]);
    expect(mid.ytdActual).toBe(78);
    const root = byCode(summary, 'ROOT');
    expect(root.annualPlan).toBe(400);
    expect(root.quarters.map((q) => q.actual)).toEqual([5, 73, null, 1]);
    expect(root.ytdActual).toBe(79);
    expect(root.achieved).toBeCloseTo(79 / 400, 12);
    expect(summary.units.map((u) => [u.code, u.depth])).toEqual([
      ['ROOT', 0],
      ['MID', 1],
      ['LEAF1', 2],
      ['LEAF2', 2],
    ]);
  });

  it('falls back to the children per quarter where the parent sets only some targets', () => {
    const summary = buildYearSummary({
      year: 2023,
      units: [unit(1, 'ROOT', null), unit(2, 'A', 1)],
      plans: [plan(1, 100, [null, 30, null, null]), plan(2, 100, [5, 6, 7, null])],
      actuals: [],
    });
    expect(byCode(summary, 'ROOT').quarters.map((q) => q.target)).toEqual([5, 30, 7, null]);
  });

  it('gives null ratios, never Infinity or NaN, where the plan or target is 0 or missing', () => {
    const summary = buildYearSummary({
      year: 2023,
      units: [unit(1, 'ROOT', null), unit(2, 'ZERO', 1), unit(3, 'NONE', 1)],
      plans: [plan(2, 0, [0, null, null, null])],
      actuals: [actual(2, 1, 10), actual(3, 1, 10)],
    });
    for (const code of ['ZERO', 'NONE']) {
      const u = byCode(summary, code);
      expect(u.achieved).toBeNull();
      expect(u.quarters[0].achieved).toBeNull();
    }
    expect(byCode(summary, 'ROOT').annualPlan).toBe(0);
    expect(byCode(summary, 'ROOT').achieved).toBeNull();
  });

  it('keeps "nothing entered" apart from 0', () => {
    const summary = buildYearSummary({
      year: 2023,
      units: [unit(1, 'ROOT', null), unit(2, 'A', 1)],
      plans: [plan(2, 100)],
      actuals: [actual(2, 3, 0)],
    });
    const a = byCode(summary, 'A');
    expect(a.quarters.map((q) => q.actual)).toEqual([null, null, 0, null]);
    expect(a.ytdActual).toBe(0);
    expect(a.achieved).toBe(0);
    expect(summary.asOfQuarter).toBe(3);
  });

  it('has no figures and no as-of quarter for a year with nothing entered', () => {
    const summary = buildYearSummary({
      year: 2030,
      units: [unit(1, 'ROOT', null)],
      plans: [],
      actuals: [],
    });
    expect(summary.asOfQuarter).toBeNull();
    expect(summary.units[0]).toMatchObject({ annualPlan: null, ytdActual: null, achieved: null });
  });

  it('ignores entries of unknown units', () => {
    const summary = buildYearSummary({
      year: 2023,
      units: [unit(1, 'ROOT', null)],
      plans: [plan(99, 5)],
      actuals: [actual(99, 1, 5)],
    });
    expect(summary.units[0]?.ytdActual).toBeNull();
    expect(summary.asOfQuarter).toBeNull();
  });

  it('throws on a cycle instead of looping', () => {
    expect(() =>
      buildYearSummary({
        year: 2023,
        units: [unit(1, 'R', null), { ...unit(2, 'A', 3) }, unit(3, 'B', 2)],
        plans: [],
        actuals: [],
      }),
    ).toThrow(/cycle/);
  });

  it('orders children by code under each parent', () => {
    const summary = buildYearSummary({
      year: 2023,
      units: [unit(3, 'Z', 1), unit(1, 'ROOT', null), unit(2, 'B', 1), unit(4, 'B1', 2)],
      plans: [],
      actuals: [],
    });
    expect(summary.units.map((u) => u.code)).toEqual(['ROOT', 'B', 'B1', 'Z']);
  });

  it('lists several roots in order of code, and treats a unit with an unknown parent as a root', () => {
    const summary = buildYearSummary({
      year: 2023,
      units: [unit(1, 'Y', null), unit(2, 'X', null), unit(3, 'Y1', 1), unit(4, 'ORPHAN', 99)],
      plans: [],
      actuals: [],
    });
    expect(summary.units.map((u) => [u.code, u.depth])).toEqual([
      ['ORPHAN', 0],
      ['X', 0],
      ['Y', 0],
      ['Y1', 1],
    ]);
  });

  it('rolls up a 1,000-unit chain without overflowing the stack', () => {
    const units = Array.from({ length: 1_000 }, (_, i) =>
      unit(i + 1, `U${String(i).padStart(4, '0')}`, i === 0 ? null : i),
    );
    const summary = buildYearSummary({
      year: 2023,
      units,
      plans: [plan(1_000, 4_000)],
      actuals: units.map((u) => actual(u.id, 2, 1)),
    });
    expect(summary.units).toHaveLength(1_000);
    expect(summary.units[0]).toMatchObject({ ytdActual: 1_000, annualPlan: 4_000, achieved: 0.25 });
    expect(summary.units[999]).toMatchObject({ depth: 999, ytdActual: 1 });
  });

  it('rolls up a wide tree of 1,001 units with an entry in every quarter', () => {
    const units = [unit(1, 'ROOT', null)];
    for (let c = 0; c < 10; c++) {
      const centreId = 2 + c * 100;
      units.push(unit(centreId, `C${c}`, 1));
      for (let d = 1; d < 100; d++) units.push(unit(centreId + d, `C${c}-${d}`, centreId));
    }
    const actuals = units.flatMap((u) => [1, 2, 3, 4].map((q) => actual(u.id, q as 1, 1_000)));
    const summary = buildYearSummary({ year: 2023, units, plans: [], actuals });
    expect(summary.units).toHaveLength(1_001);
    expect(summary.units[0]?.ytdActual).toBe(1_001 * 4_000);
    expect(summary.units[0]?.quarters[3].actual).toBe(1_001 * 1_000);
    expect(summary.asOfQuarter).toBe(4);
  });
});
