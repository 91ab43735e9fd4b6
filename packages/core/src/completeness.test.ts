import { describe, expect, it } from 'vitest';
import { defaultAsOfQuarter, type QuarterCount, reportingUnitIds } from './completeness';

const unit = (id: number, parentId: number | null) => ({ id, parentId });
type Four = [QuarterCount, QuarterCount, QuarterCount, QuarterCount];
/** Four quarters of `expected` reporting units, with the number reported in each. */
const quarters = (expected: number, ...reported: [number, number, number, number]): Four =>
  reported.map((n) => ({ expectedUnits: expected, reportedUnits: n, hasAnyActual: n > 0 })) as Four;

describe('reportingUnitIds', () => {
  it('is every unit with its own plan, but not a parent whose units have plans of their own', () => {
    // The institute's plan is set by the group and is its units' plan: it reports nothing itself.
    const units = [unit(1, null), unit(2, 1), unit(3, 1), unit(4, 1), unit(5, 4)];
    const ids = reportingUnitIds({
      units,
      plans: [{ unitId: 1 }, { unitId: 2 }, { unitId: 3 }, { unitId: 5 }],
    });
    expect([...ids].sort()).toEqual([2, 3, 5]);
  });

  it('makes a parent with a plan and no planned unit below it a reporting unit', () => {
    const ids = reportingUnitIds({
      units: [unit(1, null), unit(2, 1), unit(3, 2)],
      plans: [{ unitId: 2 }],
    });
    expect([...ids]).toEqual([2]);
  });

  it('ignores plans of unknown units, treats an unknown parent as a root and ends on a cycle', () => {
    expect([
      ...reportingUnitIds({ units: [unit(1, 99)], plans: [{ unitId: 1 }, { unitId: 7 }] }),
    ]).toEqual([1]);
    const cycle = reportingUnitIds({
      units: [unit(1, 2), unit(2, 1)],
      plans: [{ unitId: 1 }, { unitId: 2 }],
    });
    expect(cycle.size).toBe(0);
  });
});

describe('defaultAsOfQuarter', () => {
  it('takes the latest quarter whose review round is complete, before any figures', () => {
    // Q3 has every figure typed in, but its round is not complete: drafts are not the report.
    expect(
      defaultAsOfQuarter({ quarters: quarters(9, 9, 9, 9, 0), completeRounds: [2, 1] }),
    ).toEqual({
      quarter: 2,
      rule: 'round_complete',
    });
  });

  it('is the latest quarter in which every reporting unit has a figure when no round is complete', () => {
    expect(defaultAsOfQuarter({ quarters: quarters(9, 9, 1, 0, 0) })).toEqual({
      quarter: 1,
      rule: 'all_reported',
    });
    expect(defaultAsOfQuarter({ quarters: quarters(9, 9, 9, 6, 0), completeRounds: [] })).toEqual({
      quarter: 2,
      rule: 'all_reported',
    });
  });

  it('does not let one early figure move it to the next quarter', () => {
    expect(defaultAsOfQuarter({ quarters: quarters(8, 8, 1, 0, 0) }).quarter).toBe(1);
  });

  it('takes a later complete quarter over an earlier one with a gap (which stays marked partial)', () => {
    expect(defaultAsOfQuarter({ quarters: quarters(9, 9, 8, 9, 0) })).toEqual({
      quarter: 3,
      rule: 'all_reported',
    });
  });

  it('is Q1, partial, while no quarter is complete', () => {
    expect(defaultAsOfQuarter({ quarters: quarters(9, 6, 1, 0, 0) })).toEqual({
      quarter: 1,
      rule: 'none_complete',
    });
    // Even where only a later quarter has a figure so far.
    expect(defaultAsOfQuarter({ quarters: quarters(9, 0, 1, 0, 0) })).toEqual({
      quarter: 1,
      rule: 'none_complete',
    });
  });

  it('is the latest quarter with any figure where no unit has a plan to report against', () => {
    expect(defaultAsOfQuarter({ quarters: quarters(0, 0, 0, 0, 0) })).toEqual({
      quarter: null,
      rule: 'nothing_entered',
    });
    const some: Four = quarters(0, 0, 0, 0, 0);
    some[2] = { expectedUnits: 0, reportedUnits: 0, hasAnyActual: true };
    expect(defaultAsOfQuarter({ quarters: some })).toEqual({ quarter: 3, rule: 'latest_entry' });
  });

  it('has no quarter when nothing was entered', () => {
    expect(defaultAsOfQuarter({ quarters: quarters(9, 0, 0, 0, 0) })).toEqual({
      quarter: null,
      rule: 'nothing_entered',
    });
  });
});
