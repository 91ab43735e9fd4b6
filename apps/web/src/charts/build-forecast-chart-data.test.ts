import type { SummaryUnit } from '@targetline/contract';
import { describe, expect, it } from 'vitest';
import { summary2023 } from '../test/fixtures';
import { buildForecastChartData } from './build-forecast-chart-data';

const root = summary2023.units[0];
if (!root) throw new Error('root expected');

describe('buildForecastChartData', () => {
  it('draws actuals up to the as-of quarter and every target there is', () => {
    const { rows } = buildForecastChartData({ unit: root, year: 2023, locale: 'vi' });
    expect(rows.map((row) => row.label)).toEqual([
      'Quý I/2023',
      'Quý II/2023',
      'Quý III/2023',
      'Quý IV/2023',
    ]);
    expect(rows[0]).toMatchObject({ actual: 13_000_000_000, target: 20_000_000_000 });
    expect(rows[1]).toMatchObject({ target: 30_000_000_000 });
    expect(rows[1]).not.toHaveProperty('actual');
    expect(rows[2]).not.toHaveProperty('target');
  });

  it('forecasts each quarter after the as-of one at the run-rate, and draws what is needed from the last actual', () => {
    const { rows, runRateForecast, neededPerQuarter } = buildForecastChartData({
      unit: root,
      year: 2023,
      locale: 'en',
    });
    // The as-of quarter is an actual, not a forecast; the needed line starts from it.
    expect(rows[0]).not.toHaveProperty('runRate');
    expect(rows[0]).toMatchObject({ actual: 13_000_000_000, needed: 13_000_000_000 });
    for (const row of rows.slice(1)) {
      expect(row).toMatchObject({ runRate: 13_000_000_000, needed: 55_666_666_667 });
      expect(row).not.toHaveProperty('actual');
    }
    expect(runRateForecast).toBe(52_000_000_000);
    expect(neededPerQuarter).toBe(55_666_666_667);
  });

  it("draws last year's quarters where there are figures", () => {
    const [, department] = summary2023.units;
    if (!department) throw new Error('department expected');
    const { rows } = buildForecastChartData({ unit: department, year: 2023, locale: 'vi' });
    expect(rows.map((row) => row.lastYear)).toEqual([
      1_300_000_000, 3_100_000_000, 4_000_000_000, 7_600_000_000,
    ]);
    const institute = buildForecastChartData({ unit: root, year: 2023, locale: 'vi' });
    for (const row of institute.rows) expect(row).not.toHaveProperty('lastYear');
  });

  it('draws no forecast once the year is complete', () => {
    const unit = {
      ...root,
      analysis: { ...root.analysis, asOfQuarter: 4 as const, neededPerQuarter: null },
    };
    const { rows } = buildForecastChartData({ unit, year: 2023, locale: 'vi' });
    for (const row of rows) {
      expect(row).not.toHaveProperty('runRate');
      expect(row).not.toHaveProperty('needed');
    }
  });

  it('has no values for a unit without targets or actuals', () => {
    const none = { target: null, actual: null, achieved: null };
    const [q1, q2, q3, q4] = root.quarters;
    const empty: SummaryUnit = {
      ...root,
      quarters: [
        { ...q1, ...none },
        { ...q2, ...none },
        { ...q3, ...none },
        { ...q4, ...none },
      ],
    };
    expect(buildForecastChartData({ unit: empty, year: 2023, locale: 'vi' }).hasValues).toBe(false);
  });
});
