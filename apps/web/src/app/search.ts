import {
  AUDIT_ENTITIES,
  type AuditEntity,
  type Quarter,
  REPORT_STATES,
  type ReportState,
} from '@targetline/core';
import type { Sort, SortKey, StatusFilter } from '../pages/dashboard/summary-table-rows';

/**
 * What each page keeps in the address, read from the query string. Anything that is not a
 * value the page knows is dropped, never guessed: `?asOf=5` is the API's default quarter,
 * `?sort=evil` the tree order. The parsers are pure so the router and the tests share them.
 */

/** The router parses `?year=2023` as the number 2023 and `?year="2023"` as a string. */
function integerOf(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) ? number : undefined;
}

const oneOf =
  <T extends string>(values: readonly T[]) =>
  (value: unknown): T | undefined =>
    values.find((known) => known === value);

export type YearSearch = { year?: number };

/** Every page: the year chosen in the header (the latest year when absent). */
export function parseYearSearch(search: Record<string, unknown>): YearSearch {
  const year = integerOf(search.year);
  return year !== undefined && year >= 1900 && year <= 9999 ? { year } : {};
}

export type AsOfSearch = { asOf?: Quarter };

/** The dashboard and a unit's page: the "as of" quarter (the API's default when absent). */
export function parseAsOfSearch(search: Record<string, unknown>): AsOfSearch {
  const asOf = integerOf(search.asOf);
  return asOf === 1 || asOf === 2 || asOf === 3 || asOf === 4 ? { asOf } : {};
}

export type ReviewSearch = { quarter?: Quarter; state?: ReportState };

/** The review board: the round's quarter (the latest open one when absent) and a state filter. */
export function parseReviewSearch(search: Record<string, unknown>): ReviewSearch {
  const quarter = integerOf(search.quarter);
  const state = oneOf(REPORT_STATES)(search.state);
  return {
    ...((quarter === 1 || quarter === 2 || quarter === 3 || quarter === 4) && { quarter }),
    ...(state && { state }),
  };
}

export type PresentSearch = { quarter?: Quarter; slide?: number };

/** The presentation: the quarter reviewed (the API's default when absent) and the slide shown. */
export function parsePresentSearch(search: Record<string, unknown>): PresentSearch {
  const quarter = integerOf(search.quarter);
  const slide = integerOf(search.slide);
  return {
    ...((quarter === 1 || quarter === 2 || quarter === 3 || quarter === 4) && { quarter }),
    ...(slide !== undefined && slide >= 1 && slide <= 999 && { slide }),
  };
}

/** A unit's report: `/reports/3/2023/2`. Null where the address is not one. */
export function parseReportParams(params: {
  unitId: string;
  year: string;
  quarter: string;
}): { unitId: number; year: number; quarter: Quarter } | null {
  const unitId = integerOf(params.unitId);
  const year = integerOf(params.year);
  const quarter = integerOf(params.quarter);
  if (unitId === undefined || unitId < 1 || year === undefined || year < 1900 || year > 9999) {
    return null;
  }
  return quarter === 1 || quarter === 2 || quarter === 3 || quarter === 4
    ? { unitId, year, quarter }
    : null;
}

const SORT_KEYS = [
  'name',
  'annualPlan',
  'pace',
  'stillNeeded',
  'neededPerQuarter',
  'growth',
  'achieved',
] as const satisfies readonly SortKey[];
const STATUS_FILTERS = [
  'on_track',
  'at_risk',
  'behind',
  'none',
] as const satisfies readonly StatusFilter[];

/** The table's sort, status filter and search, so a sorted or filtered view can be shared. */
export type TableSearch = {
  sort?: SortKey;
  dir?: 'desc';
  status?: Exclude<StatusFilter, 'all'>;
  q?: string;
  /** Every quarter's columns; without it, only the selected quarter's (the table fits a laptop). */
  quarters?: 'all';
};

export function parseTableSearch(search: Record<string, unknown>): TableSearch {
  const sort = oneOf(SORT_KEYS)(search.sort);
  const status = oneOf(STATUS_FILTERS)(search.status);
  const q = typeof search.q === 'string' ? search.q.slice(0, 200) : undefined;
  return {
    ...(sort && { sort }),
    ...(sort && search.dir === 'desc' && { dir: 'desc' as const }),
    ...(status && { status }),
    ...(q && { q }),
    ...(search.quarters === 'all' && { quarters: 'all' as const }),
  };
}

export type DashboardSearch = AsOfSearch & TableSearch;

export function parseDashboardSearch(search: Record<string, unknown>): DashboardSearch {
  return { ...parseAsOfSearch(search), ...parseTableSearch(search) };
}

/** The table's state as the table works with it. */
export type TableView = {
  sort: Sort;
  status: StatusFilter;
  search: string;
  /** All four quarters' columns rather than the selected quarter's only. */
  isAllQuarters: boolean;
};

export function tableViewOf(search: TableSearch): TableView {
  return {
    sort: search.sort
      ? { key: search.sort, direction: search.dir === 'desc' ? 'descending' : 'ascending' }
      : null,
    status: search.status ?? 'all',
    search: search.q ?? '',
    isAllQuarters: search.quarters === 'all',
  };
}

/** The address's form of a table state: defaults are left out, so a plain view has none. */
export function tableSearchOf(view: TableView): TableSearch {
  return {
    sort: view.sort?.key,
    dir: view.sort?.direction === 'descending' ? 'desc' : undefined,
    status: view.status === 'all' ? undefined : view.status,
    q: view.search === '' ? undefined : view.search,
    quarters: view.isAllQuarters ? 'all' : undefined,
  };
}

export type ChangesSearch = { unit?: number; user?: string; kind?: AuditEntity; quarter?: Quarter };

/**
 * The change log's filters: a unit (its id), a user (their username), a kind of change and a
 * quarter of the year chosen in the header. Each is dropped when it is not one.
 */
export function parseChangesSearch(search: Record<string, unknown>): ChangesSearch {
  const unit = integerOf(search.unit);
  const user =
    typeof search.user === 'string' && search.user.trim() !== ''
      ? search.user.slice(0, 100)
      : undefined;
  const kind = oneOf(AUDIT_ENTITIES)(search.kind);
  const quarter = integerOf(search.quarter);
  return {
    ...(unit !== undefined && unit >= 1 && { unit }),
    ...(user !== undefined && { user }),
    ...(kind && { kind }),
    ...((quarter === 1 || quarter === 2 || quarter === 3 || quarter === 4) && { quarter }),
  };
}
