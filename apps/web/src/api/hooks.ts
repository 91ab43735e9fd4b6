import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { ApiRoutes, RouteKey, Summary } from '@targetline/contract';
import type { Quarter } from '@targetline/core';
import { useEffect } from 'react';
import { type RequestInput, request } from './client';
import {
  type AuditFilter,
  auditQueries,
  type ChangeLogFilter,
  changeLogQueries,
  entriesQueries,
  locksQueries,
  sessionQueries,
  settingsQueries,
  summaryQueries,
  unitHistoryQueries,
  unitsQueries,
  yearsQueries,
} from './queries';
import { csrfTokenOf, resetToLoggedOut } from './query-client';

type PlanRoute = ApiRoutes['PUT /plans/:unitId/:year'];
type ActualRoute = ApiRoutes['PUT /actuals/:unitId/:year/:quarter'];
type UnlockRoute = ApiRoutes['DELETE /locks/:year/:quarter'];

/** A plan to save: the route's path and body, with the version the user started from required. */
export type SavePlanInput = PlanRoute['params'] & PlanRoute['body'] & { version: number };
/** An actual to save; `version` is 0 when none exists yet. */
export type SaveActualInput = ActualRoute['params'] & ActualRoute['body'] & { version: number };
export type LockInput = ApiRoutes['POST /locks']['body'];
export type UnlockInput = UnlockRoute['params'] & UnlockRoute['body'];

/** A write to the API, with the cached session's CSRF token. */
export function write<K extends Exclude<RouteKey, `GET ${string}`>>(
  queryClient: QueryClient,
  route: K,
  input: RequestInput<K>,
) {
  return request(route, input, { csrfToken: csrfTokenOf(queryClient) });
}

/** Only the fields the API knows: an empty comment is left out rather than sent as "". */
function withComment<T extends object>(body: T, comment: string | undefined) {
  const trimmed = comment?.trim();
  return trimmed ? { ...body, comment: trimmed } : body;
}

export function useSessionQuery() {
  return useQuery(sessionQueries.current());
}

export function useLoginMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ApiRoutes['POST /session']['body']) =>
      request('POST /session', { body: input }),
    meta: { isLogin: true },
    onSuccess: (session) => {
      // Nothing cached for a previous user survives into this session.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
      queryClient.setQueryData(sessionQueries.current().queryKey, session);
    },
  });
}

export function useLogoutMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => write(queryClient, 'DELETE /session', {}),
    // Logged out on this screen even if the server could not be told (it expires the session itself).
    onSettled: () => resetToLoggedOut(queryClient),
  });
}

/** Keeps the year's figures on screen while another "as of" quarter of it loads (not another year's). */
export function useSummaryQuery(year: number, asOf?: Quarter) {
  return useQuery({
    ...summaryQueries.year(year, asOf),
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[1] === year ? keepPreviousData(previous) : undefined,
  });
}

/**
 * The year's other quarters in the order a reader is likely to pick them: the nearest to
 * `selected` first, the earlier of two as near.
 */
export function otherQuarters(selected: Quarter): Quarter[] {
  return ([1, 2, 3, 4] as const)
    .filter((quarter) => quarter !== selected)
    .sort((a, b) => Math.abs(a - selected) - Math.abs(b - selected) || a - b);
}

/** Resolves when the browser is idle (a second at most), or at once where it cannot say. */
function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function')
      requestIdleCallback(() => resolve(), { timeout: 1_000 });
    else setTimeout(resolve, 0);
  });
}

/**
 * Fetches, one at a time and each when the browser is idle, the summaries of `summary`'s year
 * as of its other quarters, under the keys `useSummaryQuery` reads: picking another "as of"
 * quarter then draws from the cache. The quarter shown is also filed under its own number
 * (the dashboard opens on the API's default, "latest"), so coming back to it fetches nothing.
 * A quarter already cached is left alone, stale or not: a save marks every summary stale, and
 * fetching three more after each would triple what a save costs the server; a stale one is
 * shown at once and refetched when picked. Stops between requests once `isCancelled()`.
 */
export async function prefetchOtherQuarters(
  queryClient: QueryClient,
  summary: Summary,
  isCancelled: () => boolean = () => false,
): Promise<void> {
  const { year, selectedQuarter } = summary;
  const ownKey = summaryQueries.year(year, selectedQuarter).queryKey;
  if (queryClient.getQueryData(ownKey) === undefined) {
    const source = queryClient
      .getQueryCache()
      .findAll({ queryKey: [...summaryQueries.all(), year] })
      .find((query) => query.state.data === summary);
    queryClient.setQueryData(ownKey, summary, { updatedAt: source?.state.dataUpdatedAt });
  }
  for (const quarter of otherQuarters(selectedQuarter)) {
    const options = summaryQueries.year(year, quarter);
    if (queryClient.getQueryData(options.queryKey) !== undefined) continue;
    await whenIdle();
    if (isCancelled()) return;
    // A failed prefetch is not an error to show: the quarter is fetched again when picked.
    await queryClient.prefetchQuery(options);
  }
}

/** `prefetchOtherQuarters` once `isEnabled` (the page has drawn), until the page goes away. */
export function usePrefetchOtherQuarters(summary: Summary, isEnabled: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!isEnabled) return;
    let isCancelled = false;
    void prefetchOtherQuarters(queryClient, summary, () => isCancelled);
    return () => {
      isCancelled = true;
    };
  }, [queryClient, summary, isEnabled]);
}

export function useUnitHistoryQuery(unitId: number) {
  return useQuery(unitHistoryQueries.unit(unitId));
}

export function usePaceSettingsQuery() {
  return useQuery(settingsQueries.pace());
}

/** New thresholds change every status in the summary; a 409 means ours were stale. */
export function useSavePaceSettingsMutation() {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: settingsQueries.all() }),
      queryClient.invalidateQueries({ queryKey: summaryQueries.all() }),
    ]);
  return useMutation({
    mutationFn: (input: ApiRoutes['PUT /settings/pace']['body']) =>
      write(queryClient, 'PUT /settings/pace', { body: input }),
    onSuccess: refresh,
    onError: (error) => {
      if (isStale(error)) void refresh();
    },
  });
}

export function useYearsQuery() {
  return useQuery(yearsQueries.list());
}

export function useUnitsQuery() {
  return useQuery(unitsQueries.list());
}

export function useEntriesQuery(year: number) {
  return useQuery(entriesQueries.year(year));
}

export function useLocksQuery(year: number) {
  return useQuery(locksQueries.year(year));
}

export function useAuditQuery(filter: AuditFilter) {
  return useInfiniteQuery(auditQueries.figure(filter));
}

/** The organisation-wide change log, a page at a time. */
export function useChangeLogQuery(filter: ChangeLogFilter) {
  return useInfiniteQuery(changeLogQueries.list(filter));
}

/**
 * A saved figure changes the rolled-up summary, the entries that pre-fill the
 * forms, its history, and (for a first entry in a new year) the list of years.
 * A conflict or a lock means our copy is stale, so the same applies then.
 */
export function invalidateFigures(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: summaryQueries.all() }),
    queryClient.invalidateQueries({ queryKey: entriesQueries.all() }),
    queryClient.invalidateQueries({ queryKey: yearsQueries.all() }),
    queryClient.invalidateQueries({ queryKey: auditQueries.all() }),
  ]);
}

const isStale = (error: unknown) =>
  typeof error === 'object' &&
  error !== null &&
  'status' in error &&
  (error.status === 409 || error.status === 423);

export function useSavePlanMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      unitId,
      year,
      annualPlan,
      assignedPlan,
      quarterTargets,
      version,
      comment,
    }: SavePlanInput) =>
      write(queryClient, 'PUT /plans/:unitId/:year', {
        params: { unitId, year },
        // assignedPlan absent (undefined) is left out of the JSON: the server keeps the saved one.
        body: withComment({ annualPlan, assignedPlan, quarterTargets, version }, comment),
      }),
    onSuccess: () => invalidateFigures(queryClient),
    onError: (error) => {
      if (isStale(error)) void invalidateFigures(queryClient);
    },
  });
}

export function useSaveActualMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, year, quarter, amount, version, comment }: SaveActualInput) =>
      write(queryClient, 'PUT /actuals/:unitId/:year/:quarter', {
        params: { unitId, year, quarter },
        body: withComment({ amount, version }, comment),
      }),
    onSuccess: () => invalidateFigures(queryClient),
    onError: (error) => {
      if (isStale(error)) void invalidateFigures(queryClient);
    },
  });
}

function invalidateLocks(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: locksQueries.all() }),
    queryClient.invalidateQueries({ queryKey: auditQueries.all() }),
  ]);
}

export function useLockQuarterMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, quarter, comment }: LockInput) =>
      write(queryClient, 'POST /locks', { body: withComment({ year, quarter }, comment) }),
    // Also on error: a 409 means someone else locked it meanwhile.
    onSettled: () => invalidateLocks(queryClient),
  });
}

export function useUnlockQuarterMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, quarter, reason }: UnlockInput) =>
      write(queryClient, 'DELETE /locks/:year/:quarter', {
        params: { year, quarter },
        body: { reason: reason.trim() },
      }),
    onSettled: () => invalidateLocks(queryClient),
  });
}
