import type { Summary, SummaryUnit } from '@targetline/contract';
import type { PaceStatus, Unit } from '@targetline/core';
import { noForecasts, summary2023 } from './fixtures';

const STATUSES: (PaceStatus | null)[] = ['on_track', 'at_risk', 'behind', null];

/** No unit of the made-up organisation is waited for: none has a quarter partly reported. */
const notWaitedFor = { expectedUnits: 0, reportedUnits: 0, missingUnitIds: [], isEstimate: false };

/**
 * A summary of `count` units under one root, as the API would send it, for tests of a large
 * organisation. Figures are made up but consistent: unit i's Q1 actual is (50 + i % 100)% of
 * a 1 bn target; every fourth unit has no actual (status null).
 */
export function largeSummary(count = 300): { summary: Summary; units: Unit[] } {
  const root = summary2023.units[0];
  if (!root) throw new Error('root expected');
  const children = Array.from({ length: count }, (_, index): SummaryUnit => {
    const n = index + 1;
    const status = STATUSES[index % 4] ?? null;
    const hasActual = status !== null;
    const achieved = hasActual ? (50 + (index % 100)) / 100 : null;
    const actual = achieved === null ? null : Math.round(achieved * 1_000_000_000);
    return {
      unitId: 1000 + n,
      code: `D-${String(n).padStart(3, '0')}`,
      name: `Đơn vị số ${n}`,
      parentId: root.unitId,
      kind: 'department',
      depth: 1,
      annualPlan: 4_000_000_000,
      ytdActual: actual,
      achieved: actual === null ? null : actual / 4_000_000_000,
      quarters: [
        { quarter: 1, target: 1_000_000_000, actual, achieved, ...notWaitedFor },
        { quarter: 2, target: 1_000_000_000, actual: null, achieved: null, ...notWaitedFor },
        { quarter: 3, target: 1_000_000_000, actual: null, achieved: null, ...notWaitedFor },
        { quarter: 4, target: 1_000_000_000, actual: null, achieved: null, ...notWaitedFor },
      ],
      originalPlan: 4_000_000_000,
      achievedVsOriginal: null,
      assignedPlan: null,
      achievedVsAssigned: null,
      analysis: {
        asOfQuarter: 1,
        achieved: actual === null ? null : actual / 4_000_000_000,
        achievedVsAssigned: null,
        partialQuarters: [],
        missingUnitIds: [],
        unavailableReason: null,
        isEstimate: false,
        ytdActual: actual,
        expectedToDate: 1_000_000_000,
        pace: achieved,
        status,
        stillNeeded: 4_000_000_000 - (actual ?? 0),
        neededPerQuarter: Math.ceil((4_000_000_000 - (actual ?? 0)) / 3),
        runRateForecast: actual === null ? null : actual * 4,
        targetProfileForecast: actual === null ? null : actual + 3_000_000_000,
      },
      previousPace: null,
      paceChange: null,
      lastYear: {
        sameQuarterActual: null,
        sameQuarterGrowth: null,
        ytdActual: null,
        ytdGrowth: null,
        quarterActuals: [null, null, null, null],
      },
      unallocated: null,
      forecasts: noForecasts,
    };
  });
  const summary: Summary = { ...summary2023, units: [root, ...children] };
  const units = summary.units.map(({ unitId, code, name, parentId, kind }) => ({
    id: unitId,
    code,
    name,
    parentId,
    kind,
  }));
  return { summary, units };
}
