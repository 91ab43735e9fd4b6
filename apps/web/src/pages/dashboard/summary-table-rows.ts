import type { SummaryUnit } from '@targetline/contract';
import type { PaceStatus } from '@targetline/core';
import { foldForSearch } from '@targetline/core';

export type SortKey =
  | 'name'
  | 'annualPlan'
  | 'pace'
  | 'stillNeeded'
  | 'neededPerQuarter'
  | 'growth'
  | 'achieved';
export type Sort = { key: SortKey; direction: 'ascending' | 'descending' } | null;
export type StatusFilter = 'all' | PaceStatus | 'none';

/** More units than this start with only the first level under the root shown. */
export const EXPAND_ALL_LIMIT = 30;

const sortValueOf: Record<Exclude<SortKey, 'name'>, (unit: SummaryUnit) => number | null> = {
  annualPlan: (unit) => unit.annualPlan,
  pace: (unit) => unit.analysis.pace,
  stillNeeded: (unit) => unit.analysis.stillNeeded,
  neededPerQuarter: (unit) => unit.analysis.neededPerQuarter,
  growth: (unit) => unit.lastYear.sameQuarterGrowth,
  achieved: (unit) => unit.achieved,
};

/** The parents shown collapsed at first: none up to EXPAND_ALL_LIMIT units, else all below the first level. */
export function initiallyCollapsed(units: readonly SummaryUnit[]): Set<number> {
  if (units.length <= EXPAND_ALL_LIMIT) return new Set();
  const parentIds = new Set(units.map((unit) => unit.parentId));
  return new Set(
    units.filter((unit) => unit.depth >= 1 && parentIds.has(unit.unitId)).map((u) => u.unitId),
  );
}

/**
 * The rows to show. Without a sort, filter or search: the tree in the API's order, minus
 * the descendants of collapsed parents. With any of them: a flat list of the matches,
 * sorted (units without the figure last, whichever the direction).
 */
export function visibleRows({
  units,
  collapsed,
  sort,
  status,
  search,
  locale,
}: {
  units: readonly SummaryUnit[];
  collapsed: ReadonlySet<number>;
  sort: Sort;
  status: StatusFilter;
  search: string;
  locale: string;
}): { rows: SummaryUnit[]; isTree: boolean } {
  // Folded (accents, đ → d, case) on both sides: "an toan" finds "Trung tâm An toàn Mỏ".
  const query = foldForSearch(search.trim());
  if (sort === null && status === 'all' && query === '') {
    const hidden = new Set<number>();
    const rows = units.filter((unit) => {
      if (unit.parentId !== null && (hidden.has(unit.parentId) || collapsed.has(unit.parentId))) {
        hidden.add(unit.unitId);
        return false;
      }
      return true;
    });
    return { rows, isTree: true };
  }
  const matches = units.filter((unit) => {
    if (status !== 'all' && (unit.analysis.status ?? 'none') !== status) return false;
    if (query === '') return true;
    return foldForSearch(unit.name).includes(query) || foldForSearch(unit.code).includes(query);
  });
  if (sort === null) return { rows: matches, isTree: false };
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const sorted = [...matches].sort((a, b) => {
    if (sort.key === 'name') return sign * a.name.localeCompare(b.name, locale);
    const x = sortValueOf[sort.key](a);
    const y = sortValueOf[sort.key](b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (x - y);
  });
  return { rows: sorted, isTree: false };
}
