import type { Summary, SummaryUnit } from '@targetline/contract';
import { type PaceStatus, ratio } from '@targetline/core';

/**
 * One unit's bullet, every value a share of the unit's own annual plan (the plan is 1), so
 * units of any size are read on one scale: `actual` the year to date (the API's `achieved`),
 * `expected` what the targets to the as-of quarter add up to, `band` the pace band around it
 * (from the at-risk threshold to the on-track one: a bar ending inside it is at risk, before
 * it behind). Absent, not 0, where there is nothing to draw.
 */
export type BulletChartRow = {
  unitId: number;
  code: string;
  name: string;
  depth: number;
  plan: 1;
  actual?: number;
  expected?: number;
  band?: [number, number];
  /** The amounts behind the shares, for labels and the tooltip (integer đồng). */
  amounts: { plan: number; actual: number | null; expected: number | null };
  status: PaceStatus | null;
  /** Some unit below has not reported a quarter to date: the bar is what is in so far. */
  isPartial: boolean;
};

export type BulletChartData = {
  rows: BulletChartRow[];
  /** Round shares from 0 past the plan and the longest bar: 0, 0.25, … */
  ticks: number[];
  /** Units with a plan left out to keep the chart readable (see `MAX_BULLETS`). */
  hiddenCount: number;
};

/** Most bullets a chart shows; beyond it, the root and the units furthest behind. */
export const MAX_BULLETS = 16;

const bulletOf = (unit: SummaryUnit, thresholds: Summary['thresholds']): BulletChartRow | null => {
  const plan = unit.annualPlan;
  if (plan === null || plan <= 0) return null;
  const { ytdActual, expectedToDate, status, partialQuarters } = unit.analysis;
  const row: BulletChartRow = {
    unitId: unit.unitId,
    code: unit.code,
    name: unit.name,
    depth: unit.depth,
    plan: 1,
    amounts: { plan, actual: ytdActual, expected: expectedToDate },
    status,
    isPartial: partialQuarters.length > 0,
  };
  const actual = unit.analysis.achieved;
  if (actual !== null) row.actual = actual;
  const expected = ratio(expectedToDate, plan);
  if (expected !== null) {
    row.expected = expected;
    row.band = [expected * thresholds.atRisk, expected * thresholds.onTrack];
  }
  return row;
};

/**
 * The dashboard's bullets: the organisation and each unit directly below it that has a plan,
 * in the summary's order. With more than `MAX_BULLETS`, the organisation and the units
 * furthest behind (lowest pace; none last), still in the summary's order.
 */
export function buildBulletChartData(summary: Summary): BulletChartData {
  const candidates = summary.units
    .filter((unit) => unit.depth <= 1)
    .map((unit) => bulletOf(unit, summary.thresholds))
    .filter((row): row is BulletChartRow => row !== null);
  let rows = candidates;
  if (candidates.length > MAX_BULLETS) {
    const pace = new Map(summary.units.map((u) => [u.unitId, u.analysis.pace]));
    const kept = new Set(
      candidates
        .filter((row) => row.depth > 0)
        .sort(
          (a, b) =>
            (pace.get(a.unitId) ?? Number.POSITIVE_INFINITY) -
            (pace.get(b.unitId) ?? Number.POSITIVE_INFINITY),
        )
        .slice(0, MAX_BULLETS - 1)
        .map((row) => row.unitId),
    );
    rows = candidates.filter((row) => row.depth === 0 || kept.has(row.unitId));
  }
  const longest = Math.max(1, ...rows.map((row) => Math.max(row.actual ?? 0, row.band?.[1] ?? 0)));
  const top = Math.ceil(longest * 4) / 4;
  const ticks = Array.from({ length: Math.round(top * 4) + 1 }, (_, i) => i / 4);
  return { rows, ticks, hiddenCount: candidates.length - rows.length };
}
