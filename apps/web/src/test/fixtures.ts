import type { Session, SessionUser, Summary, SummaryUnit, YearEntries } from '@targetline/contract';
import type { QuarterSummary, Unit } from '@targetline/core';

/** Q1..Q4 of a unit whose subtree has the reporting units `reporting`: all in where there is an actual. */
function quarters(
  reporting: number[],
  ...rows: [number | null, number | null, number | null][]
): SummaryUnit['quarters'] {
  const [q1, q2, q3, q4] = rows.map(
    ([target, actual, achieved], index): QuarterSummary => ({
      quarter: (index + 1) as QuarterSummary['quarter'],
      target,
      actual,
      achieved,
      expectedUnits: reporting.length,
      reportedUnits: actual === null ? 0 : reporting.length,
      missingUnitIds: actual === null ? reporting : [],
      isEstimate: false,
    }),
  );
  if (!q1 || !q2 || !q3 || !q4) throw new Error('four quarters expected');
  return [q1, q2, q3, q4];
}

/**
 * The 2023 summary as the API returns it, trimmed to three units: the
 * institute's published figures (plan 180 bn, Q1 actual 13 bn = 7.2%, Q2
 * target 30 bn) and two of its departments. Ratios are the API's, not ours.
 */
const noLastYear: SummaryUnit['lastYear'] = {
  sameQuarterActual: null,
  sameQuarterGrowth: null,
  ytdActual: null,
  ytdGrowth: null,
  quarterActuals: [null, null, null, null],
};

/** No earlier year: no seasons nor backtest; Q1 as of, only Q2 has a target after it. */
export const noForecasts: SummaryUnit['forecasts'] = {
  seasonal: null,
  shares: null,
  assumptions: {
    runRate: { method: 'run_rate', quarters: 1 },
    targetProfile: { method: 'target_profile', quartersAtTarget: [2], quartersAtPlanShare: [3, 4] },
    seasonal: { method: 'seasonal', years: [] },
  },
  backtest: { run_rate: null, target_profile: null, seasonal: null },
  best: null,
};

/**
 * The analysis fields are the API's answers as of Q1 (pace = actual ÷ Q1 target; the
 * institute needs (180 − 13) ÷ 3 = 55,7 bn per remaining quarter).
 */
export const summary2023: Summary = {
  year: 2023,
  currency: 'VND',
  asOfQuarter: 1,
  asOfRule: 'all_reported',
  reporting: [
    { quarter: 1, expectedUnits: 2, reportedUnits: 2, missingUnitIds: [], isEstimate: false },
    { quarter: 2, expectedUnits: 2, reportedUnits: 0, missingUnitIds: [2, 3], isEstimate: false },
    { quarter: 3, expectedUnits: 2, reportedUnits: 0, missingUnitIds: [2, 3], isEstimate: false },
    { quarter: 4, expectedUnits: 2, reportedUnits: 0, missingUnitIds: [2, 3], isEstimate: false },
  ],
  selectedQuarter: 1,
  thresholds: { onTrack: 1, atRisk: 0.85 },
  units: [
    {
      unitId: 1,
      code: 'VIMSAT',
      name: 'Viện Khoa học Công nghệ Mỏ – Vinacomin',
      parentId: null,
      kind: 'institute',
      depth: 0,
      annualPlan: 180_000_000_000,
      ytdActual: 13_000_000_000,
      achieved: 0.07222,
      quarters: quarters(
        [2, 3],
        [20_000_000_000, 13_000_000_000, 0.65],
        [30_000_000_000, null, null],
        [null, null, null],
        [null, null, null],
      ),
      originalPlan: 180_000_000_000,
      achievedVsOriginal: 0.07222,
      assignedPlan: null,
      achievedVsAssigned: null,
      analysis: {
        asOfQuarter: 1,
        achieved: 0.07222,
        achievedVsAssigned: null,
        partialQuarters: [],
        missingUnitIds: [],
        unavailableReason: null,
        isEstimate: false,
        ytdActual: 13_000_000_000,
        expectedToDate: 20_000_000_000,
        pace: 0.65,
        status: 'behind',
        stillNeeded: 167_000_000_000,
        neededPerQuarter: 55_666_666_667,
        runRateForecast: 52_000_000_000,
        targetProfileForecast: 133_000_000_000,
      },
      previousPace: null,
      paceChange: null,
      lastYear: noLastYear,
      unallocated: 160_000_000_000,
      forecasts: noForecasts,
    },
    {
      unitId: 2,
      code: 'P-KTLT',
      name: 'Phòng Công nghệ Khai thác Lộ thiên',
      parentId: 1,
      kind: 'department',
      depth: 1,
      annualPlan: 20_000_000_000,
      ytdActual: 1_482_000_000,
      achieved: 0.0741,
      quarters: quarters(
        [2],
        [2_200_000_000, 1_482_000_000, 0.67364],
        [3_300_000_000, null, null],
        [null, null, null],
        [null, null, null],
      ),
      originalPlan: 18_000_000_000,
      achievedVsOriginal: 0.08233,
      assignedPlan: null,
      achievedVsAssigned: null,
      analysis: {
        asOfQuarter: 1,
        achieved: 0.0741,
        achievedVsAssigned: null,
        partialQuarters: [],
        missingUnitIds: [],
        unavailableReason: null,
        isEstimate: false,
        ytdActual: 1_482_000_000,
        expectedToDate: 2_200_000_000,
        pace: 0.67364,
        status: 'behind',
        stillNeeded: 18_518_000_000,
        neededPerQuarter: 6_172_666_667,
        runRateForecast: 5_928_000_000,
        targetProfileForecast: 14_782_000_000,
      },
      previousPace: null,
      paceChange: null,
      lastYear: {
        sameQuarterActual: 1_300_000_000,
        sameQuarterGrowth: 0.14,
        ytdActual: 1_300_000_000,
        ytdGrowth: 0.14,
        quarterActuals: [1_300_000_000, 3_100_000_000, 4_000_000_000, 7_600_000_000],
      },
      unallocated: null,
      forecasts: noForecasts,
    },
    {
      unitId: 3,
      code: 'TT-ATM',
      name: 'Trung tâm An toàn Mỏ',
      parentId: 1,
      kind: 'centre',
      depth: 1,
      annualPlan: null,
      ytdActual: 2_413_000_000,
      achieved: null,
      quarters: quarters(
        [3],
        [2_000_000_000, 2_413_000_000, 1.2065],
        [null, null, null],
        [null, null, null],
        [null, null, null],
      ),
      originalPlan: null,
      achievedVsOriginal: null,
      assignedPlan: null,
      achievedVsAssigned: null,
      analysis: {
        asOfQuarter: 1,
        achieved: null,
        achievedVsAssigned: null,
        partialQuarters: [],
        missingUnitIds: [],
        unavailableReason: null,
        isEstimate: false,
        ytdActual: 2_413_000_000,
        expectedToDate: 2_000_000_000,
        pace: 1.2065,
        status: 'on_track',
        stillNeeded: null,
        neededPerQuarter: null,
        runRateForecast: 9_652_000_000,
        targetProfileForecast: null,
      },
      previousPace: null,
      paceChange: null,
      lastYear: noLastYear,
      unallocated: null,
      forecasts: noForecasts,
    },
  ],
};

export const units: Unit[] = summary2023.units.map(({ unitId, code, name, parentId, kind }) => ({
  id: unitId,
  code,
  name,
  parentId,
  kind,
}));

export const entries2023: YearEntries = {
  year: 2023,
  plans: [
    {
      unitId: 1,
      year: 2023,
      annualPlan: 180_000_000_000,
      originalAnnualPlan: 180_000_000_000,
      assignedPlan: null,
      quarterTargets: [null, 30_000_000_000, null, null],
      version: 1,
      updatedAt: '2023-01-05T02:00:00.000Z',
      updatedBy: null,
    },
    {
      unitId: 2,
      year: 2023,
      annualPlan: 20_000_000_000,
      originalAnnualPlan: 20_000_000_000,
      assignedPlan: null,
      quarterTargets: [2_200_000_000, 3_300_000_000, null, null],
      version: 1,
      updatedAt: '2023-01-05T02:00:00.000Z',
      updatedBy: null,
    },
  ],
  actuals: [
    {
      unitId: 2,
      year: 2023,
      quarter: 1,
      amount: 1_482_000_000,
      basis: 'final',
      estimateAmount: null,
      version: 1,
      updatedAt: '2023-04-10T03:00:00.000Z',
      updatedBy: 'lead-p-ktlt',
    },
    {
      unitId: 3,
      year: 2023,
      quarter: 1,
      amount: 2_413_000_000,
      basis: 'final',
      estimateAmount: null,
      version: 2,
      updatedAt: '2023-04-12T03:00:00.000Z',
      updatedBy: 'lead-tt-atm',
    },
  ],
};

/** The demo accounts the tests log in as; the token is what every write must echo. */
export const CSRF_TOKEN = 'csrf-test-token';

export const users = {
  admin: { id: 1, username: 'admin', displayName: 'Quản trị hệ thống', role: 'admin', unitIds: [] },
  director: {
    id: 2,
    username: 'director',
    displayName: 'Nguyễn Văn Viện',
    role: 'director',
    unitIds: [],
  },
  viewer: { id: 3, username: 'viewer', displayName: 'Khách xem', role: 'viewer', unitIds: [] },
  planner: {
    id: 5,
    username: 'planner',
    displayName: 'Phòng Kế hoạch – Tổng hợp',
    role: 'planner',
    unitIds: [],
  },
  leadAtm: {
    id: 4,
    username: 'lead-tt-atm',
    displayName: 'Trần Thị An',
    role: 'unit_lead',
    unitIds: [3],
  },
} satisfies Record<string, SessionUser>;

export function sessionOf(user: SessionUser): Session {
  return { user, csrfToken: CSRF_TOKEN };
}

/**
 * The 2023 summary with a plan the group assigned to the institute (200 bn) beside the 180 bn
 * it works to: 13 bn is 6.5% of it. The ratios are the API's (core's), written out here.
 */
export function withAssignedPlan(summary: Summary): Summary {
  const copy: Summary = structuredClone(summary);
  const root = copy.units[0];
  if (!root) throw new Error('root expected');
  root.assignedPlan = 200_000_000_000;
  root.achievedVsAssigned = 0.065;
  root.analysis.achievedVsAssigned = 0.065;
  return copy;
}
