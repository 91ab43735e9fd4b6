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
    expect(root.quarters[1]).toEqual({
      quarter: 2,
      target: 30 * BN,
      actual: null,
      achieved: null,
      // The root's own plan is its units' plan: A and B report, and neither has for Q2.
      expectedUnits: 2,
      reportedUnits: 0,
      missingUnitIds: [2, 3],
      isEstimate: false,
    });
    // Q1 has no own target on the root, so it falls back to the children's 14 bn.
    expect(root.quarters[0].target).toBe(14 * BN);
    expect(root.quarters[0].achieved).toBeCloseTo(13 / 14, 10);
    expect(summary.asOfQuarter).toBe(1);
  });

  describe('the plan the parent group assigned (kế hoạch Tập đoàn giao)', () => {
    const demoUnits = [unit(1, 'ROOT', null), unit(2, 'A', 1), unit(3, 'B', 1)];
    const demoActuals = [actual(2, 1, 7 * BN), actual(3, 1, 6 * BN)];
    const withAssigned = (assignedPlan: number | null | undefined): PlanEntry => ({
      ...plan(1, 180 * BN, [null, 30 * BN, null, null]),
      ...(assignedPlan === undefined ? {} : { assignedPlan }),
    });

    it('gives the demo institute 6.5% of the 200 bn assigned beside 7.2% of its own 180 bn', () => {
      const summary = buildYearSummary({
        year: 2023,
        units: demoUnits,
        plans: [withAssigned(200 * BN), plan(2, 100 * BN), plan(3, 80 * BN)],
        actuals: demoActuals,
      });
      const root = byCode(summary, 'ROOT');
      expect(root.assignedPlan).toBe(200 * BN);
      expect(root.achievedVsAssigned).toBeCloseTo(0.065, 10);
      expect(root.achieved).toBeCloseTo(13 / 180, 10);
      // The departments have none: nothing to compare with.
      expect(byCode(summary, 'A')).toMatchObject({ assignedPlan: null, achievedVsAssigned: null });
    });

    it('is null, never Infinity, where the assigned plan is absent, null or 0', () => {
      for (const assigned of [undefined, null, 0]) {
        const summary = buildYearSummary({
          year: 2023,
          units: demoUnits,
          plans: [withAssigned(assigned), plan(2, 100 * BN), plan(3, 80 * BN)],
          actuals: demoActuals,
        });
        expect(byCode(summary, 'ROOT').achievedVsAssigned).toBeNull();
        expect(byCode(summary, 'ROOT').assignedPlan).toBe(assigned ?? null);
      }
    });

    it("rolls up as the plan does: the children's sum where the parent has no plan of its own", () => {
      const summary = buildYearSummary({
        year: 2023,
        units: demoUnits,
        plans: [
          { ...plan(2, 100 * BN), assignedPlan: 110 * BN },
          { ...plan(3, 80 * BN), assignedPlan: 90 * BN },
        ],
        actuals: demoActuals,
      });
      const root = byCode(summary, 'ROOT');
      expect(root.assignedPlan).toBe(200 * BN);
      expect(root.achievedVsAssigned).toBeCloseTo(13 / 200, 10);
      expect(byCode(summary, 'B').achievedVsAssigned).toBeCloseTo(6 / 90, 10);
    });

    it("keeps a parent's own plan standing alone: its children's assigned plans are not its own", () => {
      const summary = buildYearSummary({
        year: 2023,
        units: demoUnits,
        plans: [withAssigned(undefined), { ...plan(2, 100 * BN), assignedPlan: 110 * BN }],
        actuals: demoActuals,
      });
      expect(byCode(summary, 'ROOT')).toMatchObject({
        assignedPlan: null,
        achievedVsAssigned: null,
      });
      expect(byCode(summary, 'A').assignedPlan).toBe(110 * BN);
    });

    it('is kept where a quarter is partly reported, as achieved is', () => {
      const summary = buildYearSummary({
        year: 2023,
        units: demoUnits,
        plans: [withAssigned(200 * BN), plan(2, 100 * BN), plan(3, 80 * BN)],
        actuals: [actual(2, 1, 7 * BN)],
      });
      const root = byCode(summary, 'ROOT');
      expect(root.quarters[0].missingUnitIds).toEqual([3]);
      expect(root.achievedVsAssigned).toBeCloseTo(7 / 200, 10);
      expect(root.achieved).toBeCloseTo(7 / 180, 10);
    });
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

  it('counts per quarter the reporting units of each subtree that have reported, and lists the others', () => {
    // ROOT (plan) ─ MID (no plan) ─ L1, L2 (plans); ─ SOLO (plan); ─ BARE (no plan)
    const units = [
      unit(1, 'ROOT', null),
      unit(2, 'MID', 1),
      unit(3, 'L1', 2),
      unit(4, 'L2', 2),
      unit(5, 'SOLO', 1),
      unit(6, 'BARE', 1),
    ];
    const summary = buildYearSummary({
      year: 2023,
      units,
      plans: [plan(1, 100), plan(3, 30), plan(4, 30), plan(5, 40)],
      actuals: [
        actual(3, 1, 5),
        actual(4, 1, 5),
        actual(5, 1, 5),
        actual(4, 2, 7),
        // Not a reporting unit: its figure adds up, but nobody waits for it.
        actual(6, 2, 1),
      ],
    });
    const counts = (code: string) =>
      byCode(summary, code).quarters.map((q) => [
        q.reportedUnits,
        q.expectedUnits,
        q.missingUnitIds,
      ]);
    expect(counts('ROOT')).toEqual([
      [3, 3, []],
      [1, 3, [3, 5]],
      [0, 3, [3, 4, 5]],
      [0, 3, [3, 4, 5]],
    ]);
    expect(counts('MID')[1]).toEqual([1, 2, [3]]);
    expect(counts('L2')[1]).toEqual([1, 1, []]);
    expect(counts('SOLO')[1]).toEqual([0, 1, [5]]);
    expect(counts('BARE')[1]).toEqual([0, 0, []]);
    expect(byCode(summary, 'ROOT').quarters[1].actual).toBe(8);
    expect(summary.reporting[1]).toEqual({
      quarter: 2,
      expectedUnits: 3,
      reportedUnits: 1,
      missingUnitIds: [3, 5],
      isEstimate: false,
    });
  });

  it('does not move the as-of quarter for one early figure of the next quarter', () => {
    const units = [unit(1, 'ROOT', null), unit(2, 'A', 1), unit(3, 'B', 1)];
    const plans = [plan(1, 180), plan(2, 100), plan(3, 80)];
    const q1 = [actual(2, 1, 7), actual(3, 1, 6)];
    const before = buildYearSummary({ year: 2023, units, plans, actuals: q1 });
    const after = buildYearSummary({ year: 2023, units, plans, actuals: [...q1, actual(3, 2, 9)] });
    expect([before.asOfQuarter, before.asOfRule]).toEqual([1, 'all_reported']);
    expect([after.asOfQuarter, after.asOfRule]).toEqual([1, 'all_reported']);
    const complete = buildYearSummary({
      year: 2023,
      units,
      plans,
      actuals: [...q1, actual(3, 2, 9), actual(2, 2, 0)],
    });
    expect(complete.asOfQuarter).toBe(2);
  });

  it('follows the quarters whose review round is complete when given', () => {
    const units = [unit(1, 'ROOT', null), unit(2, 'A', 1)];
    const summary = buildYearSummary({
      year: 2023,
      units,
      plans: [plan(2, 100)],
      actuals: [actual(2, 1, 7), actual(2, 2, 8)],
      completeRounds: [1],
    });
    expect([summary.asOfQuarter, summary.asOfRule]).toEqual([1, 'round_complete']);
  });

  it('marks a quarter as an estimate up the tree where any figure in it is one', () => {
    const units = [unit(1, 'ROOT', null), unit(2, 'A', 1), unit(3, 'B', 1)];
    const summary = buildYearSummary({
      year: 2023,
      units,
      plans: [plan(2, 100), plan(3, 100)],
      actuals: [
        { ...actual(2, 1, 7), basis: 'estimate' },
        { ...actual(3, 1, 6), basis: 'final' },
        actual(3, 2, 6),
      ],
    });
    expect(byCode(summary, 'ROOT').quarters.map((q) => q.isEstimate)).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(byCode(summary, 'A').quarters[0].isEstimate).toBe(true);
    // Absent is final.
    expect(byCode(summary, 'B').quarters.map((q) => q.isEstimate)).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(summary.reporting[0].isEstimate).toBe(true);
    // An estimate is a figure: the unit has reported.
    expect(byCode(summary, 'ROOT').quarters[0].reportedUnits).toBe(2);
  });

  it('lists the missing units of a 1,001-unit tree correctly in one pass', () => {
    const units = [unit(1, 'ROOT', null)];
    for (let c = 0; c < 10; c++) {
      const centreId = 2 + c * 100;
      units.push(unit(centreId, `C${c}`, 1));
      for (let d = 1; d < 100; d++) units.push(unit(centreId + d, `C${c}-${d}`, centreId));
    }
    const departments = units.filter((u) => u.code.includes('-'));
    // Every department plans; in Q2 every seventh has not reported.
    const summary = buildYearSummary({
      year: 2023,
      units,
      plans: departments.map((u) => plan(u.id, 400)),
      actuals: departments.flatMap((u) =>
        u.id % 7 === 0 ? [actual(u.id, 1, 100)] : [actual(u.id, 1, 100), actual(u.id, 2, 100)],
      ),
    });
    // Depth-first, the order of the summary's units.
    const late = summary.units.filter((u) => u.depth === 2 && u.unitId % 7 === 0);
    const root = summary.units[0];
    expect(root?.quarters[1]).toMatchObject({
      expectedUnits: 990,
      reportedUnits: 990 - late.length,
    });
    expect(root?.quarters[1].missingUnitIds).toEqual(late.map((u) => u.unitId));
    const c3 = byCode(summary, 'C3');
    expect(c3.quarters[1].missingUnitIds).toEqual(
      late.filter((u) => u.parentId === c3.unitId).map((u) => u.unitId),
    );
    expect(c3.quarters[1].missingUnitIds.length).toBeGreaterThan(10);
    expect(summary.asOfQuarter).toBe(1);
  });
});
