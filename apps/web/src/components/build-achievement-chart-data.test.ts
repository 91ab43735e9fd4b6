import { describe, expect, it } from 'vitest';
import { summary2023 } from '../test/fixtures';
import { buildAchievementChartData } from './build-achievement-chart-data';

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
