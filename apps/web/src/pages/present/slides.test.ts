import type { Summary, SummaryUnit } from '@targetline/contract';
import { describe, expect, it } from 'vitest';
import { summary2023 } from '../../test/fixtures';
import { buildSlides, clampSlide, gapRows } from './slides';

const withNeed = (summary: Summary, needs: Record<number, number | null>): Summary => ({
  ...summary,
  units: summary.units.map(
    (unit): SummaryUnit =>
      unit.unitId in needs
        ? { ...unit, analysis: { ...unit.analysis, neededPerQuarter: needs[unit.unitId] ?? null } }
        : unit,
  ),
});

describe('the meeting slides', () => {
  it('runs title, headline, one slide per reporting unit in the given order, gap, next quarter', () => {
    expect(buildSlides({ summary: summary2023, reportingUnitIds: [3, 2, 99] })).toEqual([
      { kind: 'title' },
      { kind: 'headline' },
      { kind: 'unit', unitId: 3 },
      { kind: 'unit', unitId: 2 },
      { kind: 'gap' },
      { kind: 'next' },
    ]);
  });

  it('puts the largest need per remaining quarter first, units without one last', () => {
    const summary = withNeed(summary2023, { 2: 1_000_000_000, 3: null });
    expect(gapRows(summary, [3, 2]).map((unit) => unit.unitId)).toEqual([2, 3]);
    const both = withNeed(summary2023, { 2: 1_000_000_000, 3: 4_000_000_000 });
    expect(gapRows(both, [2, 3]).map((unit) => unit.unitId)).toEqual([3, 2]);
  });

  it('keeps a slide number from the address within the deck', () => {
    expect(clampSlide(undefined, 6)).toBe(1);
    expect(clampSlide(0, 6)).toBe(1);
    expect(clampSlide(9, 6)).toBe(6);
    expect(clampSlide(3, 6)).toBe(3);
  });
});
