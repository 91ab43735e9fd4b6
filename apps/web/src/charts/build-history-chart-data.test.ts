import type { UnitHistoryYear } from '@targetline/contract';
import { describe, expect, it } from 'vitest';
import { buildHistoryChartData } from './build-history-chart-data';

const year = (y: number, achieved: number | null): UnitHistoryYear => ({
  year: y,
  annualPlan: achieved === null ? null : 100,
  originalPlan: null,
  ytdActual: achieved === null ? null : achieved * 100,
  achieved,
  quarters: [1, 2, 3, 4].map((quarter) => ({
    quarter: quarter as 1 | 2 | 3 | 4,
    target: null,
    actual: null,
    achieved: null,
  })) as UnitHistoryYear['quarters'],
});

describe('the history chart data', () => {
  it('has one bar per year, and no bar (not a zero) where a year has no ratio', () => {
    expect(buildHistoryChartData([year(2021, 0.9), year(2022, null), year(2023, 1.1)])).toEqual([
      { year: '2021', achieved: 0.9 },
      { year: '2022' },
      { year: '2023', achieved: 1.1 },
    ]);
  });
});
