import {
  fill,
  formatQuarter,
  hasDistinctAssignedPlan,
  type Locale,
  QUARTERS,
  type Quarter,
  type QuarterCompleteness,
  type YearSummary,
} from '@targetline/core';
import { labels } from './labels';

export type ColumnKind = 'text' | 'amount' | 'ratio';
export type Column = { header: string; kind: ColumnKind; width: number };
export type Cell = string | number | null;

/** The codes of units by id, to name the ones that have not reported. */
const codesOf = (summary: YearSummary) => {
  const code = new Map(summary.units.map((u) => [u.unitId, u.code]));
  return (ids: readonly number[]) => ids.map((id) => code.get(id) ?? String(id)).join(', ');
};

/**
 * Who has reported a quarter of a unit's subtree, as a cell: "7/8 – not yet reported: A, B",
 * with "includes estimates" where a figure is one. Null where no unit is expected to report,
 * or where none has and there is no figure (nothing is shown that could pass for complete).
 */
function reportedCell(
  q: QuarterCompleteness & { actual: number | null },
  locale: Locale,
  codes: (ids: readonly number[]) => string,
): string | null {
  if (q.expectedUnits === 0 || (q.reportedUnits === 0 && q.actual === null)) return null;
  const w = labels(locale);
  const parts = [fill(w.reportedCount, { reported: q.reportedUnits, expected: q.expectedUnits })];
  if (q.missingUnitIds.length > 0)
    parts.push(fill(w.notReported, { units: codes(q.missingUnitIds) }));
  if (q.isEstimate) parts.push(w.estimate);
  return parts.join(' – ');
}

/**
 * The notes an export of a quarter carries for the whole organisation: which units have not
 * reported it yet, when it has any figure (a quarter without one shows nothing to mistake for
 * complete), and that it holds estimates. Empty for a quarter fully reported with final figures.
 */
export function quarterNotes(summary: YearSummary, quarter: Quarter, locale: Locale): string[] {
  const w = labels(locale);
  const q = summary.reporting[quarter - 1];
  if (!q) return [];
  const name = formatQuarter(quarter, summary.year, locale);
  const notes: string[] = [];
  // A figure in the quarter (a reporting unit's, or another unit's) makes it look reported.
  const hasFigures = summary.units.some(
    (u) => u.depth === 0 && u.quarters[quarter - 1]?.actual != null,
  );
  if (q.missingUnitIds.length > 0 && hasFigures) {
    notes.push(
      fill(w.partialNote, {
        quarter: name,
        reported: q.reportedUnits,
        expected: q.expectedUnits,
        units: codesOf(summary)(q.missingUnitIds),
      }),
    );
  }
  if (q.isEstimate) notes.push(fill(w.estimateNote, { quarter: name }));
  return notes;
}

/**
 * The summary of one year as a wide table, the same for XLSX, CSV and the deck: one row per
 * unit (depth-first, parents rolled up), amounts as integer đồng and achievements as ratios,
 * null where not entered or undefined. The last four columns say, per quarter, how many of the
 * unit's reporting units have reported and which have not, so a partly reported quarter never
 * reads as complete. Where some unit has a plan the group assigned (other than its own plan), the
 * assigned plan and the achievement against it follow "% of plan": a year without one keeps
 * the columns it always had.
 */
export function buildSummaryTable(summary: YearSummary, locale: Locale) {
  const w = labels(locale);
  const codes = codesOf(summary);
  const hasAssigned = summary.units.some(hasDistinctAssignedPlan);
  const columns: Column[] = [
    { header: w.code, kind: 'text', width: 12 },
    { header: w.unit, kind: 'text', width: 48 },
    { header: w.annualPlan, kind: 'amount', width: 19 },
    ...QUARTERS.flatMap((q): Column[] => {
      const quarter = formatQuarter(q, undefined, locale);
      return [
        { header: `${quarter} – ${w.target}`, kind: 'amount', width: 19 },
        { header: `${quarter} – ${w.actual}`, kind: 'amount', width: 19 },
        { header: `${quarter} – ${w.achieved}`, kind: 'ratio', width: 12 },
      ];
    }),
    { header: w.ytdActual, kind: 'amount', width: 19 },
    { header: w.ofPlan, kind: 'ratio', width: 12 },
    ...(hasAssigned
      ? ([
          { header: w.assignedPlan, kind: 'amount', width: 19 },
          { header: w.ofAssignedPlan, kind: 'ratio', width: 12 },
        ] satisfies Column[])
      : []),
    ...QUARTERS.map(
      (q): Column => ({
        header: `${formatQuarter(q, undefined, locale)} – ${w.reported}`,
        kind: 'text',
        width: 30,
      }),
    ),
  ];
  const rows = summary.units.map((u) => ({
    depth: u.depth,
    cells: [
      u.code,
      u.name,
      u.annualPlan,
      ...u.quarters.flatMap((q): Cell[] => [q.target, q.actual, q.achieved]),
      u.ytdActual,
      u.achieved,
      ...(hasAssigned ? [u.assignedPlan, u.achievedVsAssigned] : []),
      ...u.quarters.map((q) => reportedCell(q, locale, codes)),
    ] as Cell[],
  }));
  return { columns, rows };
}
