import { formatQuarter, type Locale, QUARTERS, type YearSummary } from '@targetline/core';
import { labels } from './labels';

export type ColumnKind = 'text' | 'amount' | 'ratio';
export type Column = { header: string; kind: ColumnKind; width: number };
export type Cell = string | number | null;

/**
 * The summary of one year as a wide table, the same for XLSX, CSV and the deck: one row per
 * unit (depth-first, parents rolled up), amounts as integer đồng and achievements as ratios,
 * null where not entered or undefined.
 */
export function buildSummaryTable(summary: YearSummary, locale: Locale) {
  const w = labels(locale);
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
    ] as Cell[],
  }));
  return { columns, rows };
}
