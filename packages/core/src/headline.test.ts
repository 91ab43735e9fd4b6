import { describe, expect, it } from 'vitest';
import { headlineSentence } from './headline';
import type { ActualEntry, PlanEntry, Quarter, Unit } from './types';
import { wordsFor } from './words';
import { buildYearAnalysis } from './year-analysis';

const BN = 1_000_000_000;
const units: Unit[] = [
  { id: 1, code: 'VIEN', name: 'Toàn Viện', parentId: null, kind: 'institute' },
  { id: 2, code: 'A', name: 'Phòng A', parentId: 1, kind: 'department' },
  { id: 3, code: 'B', name: 'Trung tâm B', parentId: 1, kind: 'centre' },
];
// The demo's shape: 100 + 80 = 180 bn planned, Q1 targets 12 + 8 = 20 bn.
const plans: PlanEntry[] = [
  { unitId: 2, annualPlan: 100 * BN, quarterTargets: [12 * BN, 25 * BN, 30 * BN, 33 * BN] },
  { unitId: 3, annualPlan: 80 * BN, quarterTargets: [8 * BN, 20 * BN, 25 * BN, 27 * BN] },
];
const q1: ActualEntry[] = [
  { unitId: 2, quarter: 1, amount: 8 * BN },
  { unitId: 3, quarter: 1, amount: 5 * BN },
];

const sentence = (
  options: {
    plans?: PlanEntry[];
    actuals?: ActualEntry[];
    asOf: Quarter;
    unitId?: number;
  },
  locale: 'vi' | 'en',
) =>
  headlineSentence({
    analysis: buildYearAnalysis({
      year: 2023,
      units,
      plans: options.plans ?? plans,
      actuals: options.actuals ?? q1,
      asOf: options.asOf,
    }),
    locale,
    words: wordsFor(locale).analysis.headline,
    ...(options.unitId !== undefined && { unitId: options.unitId }),
  });

describe('headlineSentence', () => {
  it('reads the demo’s Q1/2023 as the institute’s report does', () => {
    // 13 ÷ 180 = 7.2%; 13 − 20 = −7 bn; (180 − 13) ÷ 3 = 55.67 bn a quarter.
    expect(sentence({ asOf: 1 }, 'vi')).toEqual({
      kind: 'figures',
      text: 'Quý I/2023: 13 tỷ đồng, đạt 7,2% kế hoạch năm (180 tỷ) · thấp hơn chỉ tiêu lũy kế 7 tỷ · cần bình quân 55,7 tỷ mỗi quý còn lại',
      missingUnitIds: [],
    });
    expect(sentence({ asOf: 1 }, 'en')?.text).toBe(
      'Q1 2023: VND 13 bn, 7.2% of the annual plan (180 bn) · 7 bn below the cumulative target · 55.7 bn needed on average in each remaining quarter',
    );
  });

  it('says the year to date after Q1, and how far above the cumulative target it is', () => {
    const actuals: ActualEntry[] = [
      ...q1,
      { unitId: 2, quarter: 2, amount: 40 * BN },
      { unitId: 3, quarter: 2, amount: 30.5 * BN },
    ];
    // 13 + 70.5 = 83.5 bn = 46.4% of 180; targets 20 + 45 = 65 → 18.5 above; (180 − 83.5)/2 = 48.25.
    expect(sentence({ actuals, asOf: 2 }, 'vi')?.text).toBe(
      'Quý II/2023: lũy kế 83,5 tỷ đồng, đạt 46,4% kế hoạch năm (180 tỷ) · cao hơn chỉ tiêu lũy kế 18,5 tỷ · cần bình quân 48,3 tỷ mỗi quý còn lại',
    );
    expect(sentence({ actuals, asOf: 2 }, 'en')?.text).toBe(
      'Q2 2023: VND 83.5 bn year to date, 46.4% of the annual plan (180 bn) · 18.5 bn above the cumulative target · 48.3 bn needed on average in each remaining quarter',
    );
  });

  it('leaves out the target where not every target to date is set', () => {
    const noTargets = plans.map((p) => ({
      ...p,
      quarterTargets: [null, null, null, null] as PlanEntry['quarterTargets'],
    }));
    expect(sentence({ plans: noTargets, asOf: 1 }, 'vi')?.text).toBe(
      'Quý I/2023: 13 tỷ đồng, đạt 7,2% kế hoạch năm (180 tỷ) · cần bình quân 55,7 tỷ mỗi quý còn lại',
    );
  });

  it('needs nothing more per quarter once the year is complete', () => {
    const actuals = ([1, 2, 3, 4] as const).flatMap((quarter) => [
      { unitId: 2, quarter, amount: 25 * BN },
      { unitId: 3, quarter, amount: 20 * BN },
    ]);
    // 180 bn of 180; targets sum to 180: on the target.
    expect(sentence({ actuals, asOf: 4 }, 'vi')?.text).toBe(
      'Quý IV/2023: lũy kế 180 tỷ đồng, đạt 100,0% kế hoạch năm (180 tỷ) · bằng chỉ tiêu lũy kế',
    );
    expect(sentence({ actuals, asOf: 3 }, 'en')?.text).toBe(
      'Q3 2023: VND 135 bn year to date, 75.0% of the annual plan (180 bn) · 15 bn above the cumulative target · 45 bn needed on average in each remaining quarter',
    );
  });

  it('says the plan is met rather than needing 0', () => {
    const actuals = [{ unitId: 2, quarter: 1 as const, amount: 100 * BN }];
    expect(sentence({ actuals, asOf: 1, unitId: 2 }, 'en')?.text).toBe(
      'Q1 2023: VND 100 bn, 100.0% of the annual plan (100 bn) · 88 bn above the cumulative target · the annual plan is already met',
    );
  });

  it('says so where there is no plan', () => {
    expect(sentence({ plans: [], asOf: 1 }, 'vi')?.text).toBe(
      'Quý I/2023: 13 tỷ đồng, chưa có kế hoạch năm',
    );
    expect(sentence({ plans: [], asOf: 1 }, 'en')?.text).toBe(
      'Q1 2023: VND 13 bn, no annual plan set',
    );
  });

  it('gives no total for a partly reported quarter, but who has not reported', () => {
    const actuals: ActualEntry[] = [...q1, { unitId: 2, quarter: 2, amount: 40 * BN }];
    expect(sentence({ actuals, asOf: 2 }, 'vi')).toEqual({
      kind: 'partly_reported',
      text: 'Quý II/2023: 1/2 đơn vị đã báo cáo; chưa báo cáo: Trung tâm B',
      missingUnitIds: [3],
    });
    expect(sentence({ actuals, asOf: 2 }, 'en')?.text).toBe(
      'Q2 2023: 1 of 2 units have reported; not yet reported: Trung tâm B',
    );
    // The unit that has reported reads its own figures.
    expect(sentence({ actuals, asOf: 2, unitId: 2 }, 'vi')?.kind).toBe('figures');
  });

  it('says when nothing is entered, and is null for a unit not in the summary', () => {
    // With plans, no figure at all is a quarter nobody has reported yet.
    expect(sentence({ actuals: [], asOf: 1 }, 'vi')?.text).toBe(
      'Quý I/2023: 0/2 đơn vị đã báo cáo; chưa báo cáo: Phòng A, Trung tâm B',
    );
    expect(sentence({ plans: [], actuals: [], asOf: 1 }, 'vi')?.text).toBe(
      'Quý I/2023: chưa có số liệu',
    );
    expect(sentence({ asOf: 1, unitId: 99 }, 'vi')).toBeNull();
  });
});
