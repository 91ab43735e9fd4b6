import type { Summary, SummaryUnit } from '@targetline/contract';
import { describe, expect, it } from 'vitest';
import { summary2023 } from '../test/fixtures';
import { buildVarianceChartData } from './build-variance-chart-data';

describe('buildVarianceChartData', () => {
  it('gives each unit its signed variance against the target and last year', () => {
    const { rows, hasTarget, hasLastYear, quarter } = buildVarianceChartData(summary2023);
    expect(quarter).toBe(1);
    const [institute, department, centre] = rows;
    // 13 − 20 bn; 65% of the target is −35%.
    expect(institute).toMatchObject({ vsTarget: -7_000_000_000 });
    expect(institute?.vsTargetShare).toBeCloseTo(-0.35, 10);
    expect(institute).not.toHaveProperty('vsLastYear');
    expect(institute?.missing.lastYear).toBe('none');
    // 1.482 − 1.3 bn = +182 m, +14% (the API's growth).
    expect(department).toMatchObject({ vsLastYear: 182_000_000, vsLastYearShare: 0.14 });
    expect(department?.vsTarget).toBe(1_482_000_000 - 2_200_000_000);
    expect(centre?.vsTarget).toBe(413_000_000);
    expect(centre?.vsTargetShare).toBeCloseTo(0.2065, 10);
    expect(hasTarget).toBe(true);
    expect(hasLastYear).toBe(true);
  });

  it('draws nothing for a quarter not all in: a missing figure is not a shortfall', () => {
    const [root, dept] = summary2023.units as [SummaryUnit, SummaryUnit];
    const [q1, q2, q3, q4] = root.quarters;
    const partial: Summary = {
      ...summary2023,
      units: [
        {
          ...root,
          quarters: [{ ...q1, missingUnitIds: [3], reportedUnits: 1 }, q2, q3, q4],
        },
        dept,
      ],
    };
    const [institute] = buildVarianceChartData(partial).rows;
    expect(institute).not.toHaveProperty('vsTarget');
    expect(institute).not.toHaveProperty('vsLastYear');
    expect(institute?.missing).toEqual({ target: 'partial', lastYear: 'partial' });
  });
});
