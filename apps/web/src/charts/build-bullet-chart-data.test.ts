import type { Summary, SummaryUnit } from '@targetline/contract';
import { describe, expect, it } from 'vitest';
import { summary2023 } from '../test/fixtures';
import { buildBulletChartData, MAX_BULLETS } from './build-bullet-chart-data';

describe('buildBulletChartData', () => {
  it('draws each unit with a plan against its own plan: actual, expected to date, pace band', () => {
    const { rows, ticks, hiddenCount } = buildBulletChartData(summary2023);
    // TT-ATM has no plan: nothing to read its bar against.
    expect(rows.map((row) => row.code)).toEqual(['VIMSAT', 'P-KTLT']);
    const [institute, department] = rows;
    // 13 of 180 bn; 20 bn expected to date = 1/9 of the plan; the band 0.85–1 of that.
    expect(institute).toMatchObject({
      plan: 1,
      actual: 0.07222,
      amounts: { plan: 180_000_000_000, actual: 13_000_000_000, expected: 20_000_000_000 },
      status: 'behind',
      isPartial: false,
    });
    expect(institute?.expected).toBeCloseTo(1 / 9, 10);
    expect(institute?.band?.[0]).toBeCloseTo((0.85 * 1) / 9, 10);
    expect(institute?.band?.[1]).toBeCloseTo(1 / 9, 10);
    expect(department?.expected).toBeCloseTo(0.11, 10);
    expect(ticks).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(hiddenCount).toBe(0);
  });

  it('leaves out a bar with nothing behind it and stretches the scale past a long bar', () => {
    const [root, dept] = summary2023.units as [SummaryUnit, SummaryUnit];
    const summary: Summary = {
      ...summary2023,
      units: [
        root,
        { ...dept, analysis: { ...dept.analysis, achieved: 1.3, expectedToDate: null } },
      ],
    };
    const { rows, ticks } = buildBulletChartData(summary);
    expect(rows[1]).not.toHaveProperty('expected');
    expect(rows[1]).not.toHaveProperty('band');
    expect(rows[1]?.actual).toBe(1.3);
    expect(ticks.at(-1)).toBe(1.5);
  });

  it('keeps the organisation and the units furthest behind when there are too many', () => {
    const [root, dept] = summary2023.units as [SummaryUnit, SummaryUnit];
    const many = Array.from({ length: MAX_BULLETS + 4 }, (_, i) => ({
      ...dept,
      unitId: 100 + i,
      code: `U${i}`,
      analysis: { ...dept.analysis, pace: i / 10 },
    }));
    const { rows, hiddenCount } = buildBulletChartData({ ...summary2023, units: [root, ...many] });
    expect(rows).toHaveLength(MAX_BULLETS);
    expect(rows[0]?.code).toBe('VIMSAT');
    expect(rows.at(-1)?.code).toBe(`U${MAX_BULLETS - 2}`);
    expect(hiddenCount).toBe(5);
  });
});
