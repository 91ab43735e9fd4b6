/** One slide of the review meeting, in the order they are shown. */
export type MeetingSlide =
  | { kind: 'title' }
  | { kind: 'headline' }
  | { kind: 'unit'; unitId: number }
  | { kind: 'gap' }
  | { kind: 'next' };

/**
 * The meeting's slides, the same on the projector (`/present`) and in the exported deck: the
 * title, the institute's headline, one slide per reporting unit in the order given (the
 * meeting's; by code by default), what each unit must still bring in, then next quarter's
 * targets and the directions. Units the summary does not know are skipped.
 */
export function buildSlides({
  units,
  reportingUnitIds,
}: {
  units: readonly { unitId: number }[];
  reportingUnitIds: readonly number[];
}): MeetingSlide[] {
  const known = new Set(units.map((unit) => unit.unitId));
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
export function gapRows<
  U extends { unitId: number; analysis: { neededPerQuarter: number | null } },
>(units: readonly U[], reportingUnitIds: readonly number[]): U[] {
  const byId = new Map(units.map((unit) => [unit.unitId, unit]));
  const rows = reportingUnitIds
    .map((unitId) => byId.get(unitId))
    .filter((unit): unit is U => unit !== undefined);
  const need = (unit: U) => unit.analysis.neededPerQuarter;
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

/** The units that report, in the meeting's order: by code (the default order of the board). */
export function meetingOrder<U extends { id: number; code: string }>(
  units: readonly U[],
  reporting: ReadonlySet<number>,
): U[] {
  return units
    .filter((unit) => reporting.has(unit.id))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
