import type { Summary, SummaryUnit } from '@targetline/contract';

/** One slide of the review meeting, in the order they are shown. */
export type Slide =
  | { kind: 'title' }
  | { kind: 'headline' }
  | { kind: 'unit'; unitId: number }
  | { kind: 'gap' }
  | { kind: 'next' };

/**
 * The meeting's slides: the title, the institute's headline, one slide per reporting unit in
 * the order given (the meeting's; by code by default), what each unit must still bring in,
 * then next quarter's targets and the directions. Units the summary does not know are skipped.
 */
export function buildSlides({
  summary,
  reportingUnitIds,
}: {
  summary: Summary;
  reportingUnitIds: readonly number[];
}): Slide[] {
  const known = new Set(summary.units.map((unit) => unit.unitId));
  return [
    { kind: 'title' },
    { kind: 'headline' },
    ...reportingUnitIds
      .filter((unitId) => known.has(unitId))
      .map((unitId) => ({ kind: 'unit' as const, unitId })),
    { kind: 'gap' },
    { kind: 'next' },
  ];
}

/**
 * The gap slide's rows: each reporting unit's still needed and per remaining quarter, the
 * largest need per quarter first; units without one (a plan met, a figure missing) last, in
 * the order given.
 */
export function gapRows(summary: Summary, reportingUnitIds: readonly number[]): SummaryUnit[] {
  const byId = new Map(summary.units.map((unit) => [unit.unitId, unit]));
  const rows = reportingUnitIds
    .map((unitId) => byId.get(unitId))
    .filter((unit): unit is SummaryUnit => unit !== undefined);
  const need = (unit: SummaryUnit) => unit.analysis.neededPerQuarter;
  return rows
    .map((unit, index) => ({ unit, index }))
    .sort((a, b) => {
      const x = need(a.unit);
      const y = need(b.unit);
      if (x === null && y === null) return a.index - b.index;
      if (x === null) return 1;
      if (y === null) return -1;
      return y - x || a.index - b.index;
    })
    .map(({ unit }) => unit);
}

/** A slide number from the address (1-based), kept within the deck. */
export function clampSlide(requested: number | undefined, count: number): number {
  if (requested === undefined || !Number.isSafeInteger(requested)) return 1;
  return Math.min(Math.max(requested, 1), Math.max(count, 1));
}
