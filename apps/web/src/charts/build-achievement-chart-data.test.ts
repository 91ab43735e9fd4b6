import { describe, expect, it } from 'vitest';
import { summary2023 } from '../test/fixtures';
import { largeSummary } from '../test/large-organisation';
import {
  aggregateAchievement,
  buildAchievementChartData,
  MAX_CHART_GROUPS,
} from './build-achievement-chart-data';

describe('buildAchievementChartData', () => {
  it('keeps the units in the order of the summary, root first', () => {
    const { rows } = buildAchievementChartData(summary2023, 'vi');
    expect(rows.map((row) => row.code)).toEqual(['VIMSAT', 'P-KTLT', 'TT-ATM']);
  });

  it("takes each quarter's achievement ratio as the API computed it", () => {
    const { rows } = buildAchievementChartData(summary2023, 'vi');
    expect(rows[0]).toMatchObject({ unitId: 1, q1: 0.65 });
    expect(rows[1]).toMatchObject({ unitId: 2, q1: 0.67364 });
    expect(rows[2]).toMatchObject({ unitId: 3, q1: 1.2065 });
  });

  it('leaves a null achievement out instead of drawing it as 0', () => {
    const { rows } = buildAchievementChartData(summary2023, 'vi');
    for (const row of rows) {
      expect(row).not.toHaveProperty('q2');
      expect(row).not.toHaveProperty('q3');
      expect(row).not.toHaveProperty('q4');
    }
  });

  it('names one series per quarter in the chosen language', () => {
    expect(buildAchievementChartData(summary2023, 'vi').series.map((s) => s.name)).toEqual([
      'Quý I/2023',
      'Quý II/2023',
      'Quý III/2023',
      'Quý IV/2023',
    ]);
    expect(buildAchievementChartData(summary2023, 'en').series.map((s) => s.key)).toEqual([
      'q1',
      'q2',
      'q3',
      'q4',
    ]);
  });

  it('reports when there is nothing to draw', () => {
    expect(buildAchievementChartData(summary2023, 'vi').hasValues).toBe(true);
    const empty = {
      ...summary2023,
      units: summary2023.units.map((unit) => ({
        ...unit,
        quarters: unit.quarters.map((q) => ({ ...q, achieved: null })) as typeof unit.quarters,
      })),
    };
    expect(buildAchievementChartData(empty, 'vi').hasValues).toBe(false);
  });

  it('gives round percent ticks above 100% and the highest bar', () => {
    expect(buildAchievementChartData(summary2023, 'vi').yTicks).toEqual([
      0, 0.25, 0.5, 0.75, 1, 1.25, 1.5,
    ]);
    const low = {
      ...summary2023,
      units: summary2023.units.slice(0, 1),
    };
    expect(buildAchievementChartData(low, 'vi').yTicks).toEqual([0, 0.25, 0.5, 0.75, 1, 1.25]);
  });
});

describe('buildAchievementChartData for a large organisation', () => {
  it('keeps at most 25 groups: the root, the 10 best, the 10 worst and one aggregate bar', () => {
    const { summary } = largeSummary(300);
    const { rows } = buildAchievementChartData(summary, 'vi', {
      othersName: (count) => `Các đơn vị khác (${count})`,
    });
    expect(rows.length).toBeLessThanOrEqual(MAX_CHART_GROUPS);
    expect(rows).toHaveLength(22);
    expect(rows[0]?.code).toBe('VIMSAT');
    expect(rows.at(-1)?.name).toBe('Các đơn vị khác (280)');
    const best = rows.slice(1, 11).map((row) => row.q1 ?? 0);
    const worst = rows.slice(11, 21).map((row) => row.q1 ?? 0);
    expect(Math.min(...best)).toBeGreaterThanOrEqual(Math.max(...worst));
    expect(Math.max(...best)).toBe(1.48);
    expect(Math.min(...worst)).toBe(0.5);
  });

  it('leaves a small organisation whole', () => {
    expect(buildAchievementChartData(largeSummary(20).summary, 'vi').rows).toHaveLength(21);
  });
});

describe('aggregateAchievement', () => {
  it('divides the summed actuals by the summed targets of the units that have both', () => {
    const { summary } = largeSummary(4); // 50%, 51%, 52% and one without an actual
    const children = summary.units.slice(1);
    expect(aggregateAchievement(children, 1)).toBeCloseTo(1_530_000_000 / 3_000_000_000);
  });

  it('is null when no unit has both figures in the quarter', () => {
    expect(aggregateAchievement(largeSummary(4).summary.units.slice(1), 2)).toBeNull();
  });

  it('leaves out a parent whose children are in the list, so nothing counts twice', () => {
    const { summary } = largeSummary(2);
    expect(aggregateAchievement(summary.units, 1)).toBeCloseTo(1_010_000_000 / 2_000_000_000);
  });
});
