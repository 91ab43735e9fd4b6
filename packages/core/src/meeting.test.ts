import { describe, expect, it } from 'vitest';
import { buildSlides, gapRows, meetingOrder } from './meeting';

const unit = (unitId: number, neededPerQuarter: number | null) => ({
  unitId,
  analysis: { neededPerQuarter },
});

describe('the meeting slides', () => {
  it('runs title, headline, one slide per reporting unit in the given order, gap, next quarter', () => {
    const units = [unit(1, null), unit(2, null), unit(3, null)];
    expect(buildSlides({ units, reportingUnitIds: [3, 2, 99] })).toEqual([
      { kind: 'title' },
      { kind: 'headline' },
      { kind: 'unit', unitId: 3 },
      { kind: 'unit', unitId: 2 },
      { kind: 'gap' },
      { kind: 'next' },
    ]);
  });

  it('puts the largest need per remaining quarter first, units without one last', () => {
    expect(gapRows([unit(2, 1_000_000_000), unit(3, null)], [3, 2]).map((u) => u.unitId)).toEqual([
      2, 3,
    ]);
    expect(
      gapRows([unit(2, 1_000_000_000), unit(3, 4_000_000_000)], [2, 3]).map((u) => u.unitId),
    ).toEqual([3, 2]);
    // Equal needs and no needs keep the order given; unknown units are left out.
    expect(
      gapRows([unit(4, null), unit(5, 7), unit(6, 7), unit(7, null)], [7, 6, 5, 4, 99]).map(
        (u) => u.unitId,
      ),
    ).toEqual([6, 5, 7, 4]);
  });

  it('orders the reporting units by code, leaving out those that do not report', () => {
    const units = [
      { id: 1, code: 'VIMSAT' },
      { id: 2, code: 'TT-ATM' },
      { id: 3, code: 'P-TK' },
      { id: 4, code: 'CTY-PTCN' },
    ];
    expect(meetingOrder(units, new Set([2, 3, 4])).map((u) => u.code)).toEqual([
      'CTY-PTCN',
      'P-TK',
      'TT-ATM',
    ]);
  });
});
