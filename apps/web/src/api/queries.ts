import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { Quarter, YearAnalysis } from '@targetline/core';
import { ApiError, apiFetch } from './client';
import type {
  AuditFilter,
  AuditPage,
  EntriesResponse,
  PaceSettings,
  QuarterLock,
  Session,
  UnitHistoryYear,
  UnitsResponse,
  YearsResponse,
} from './types';

/**
 * Query-key factories, one per resource. `all()` is the prefix that a mutation
 * invalidates; every parameter of a request is part of its key.
 */
export const sessionQueries = {
  all: () => ['session'] as const,
  current: () =>
    queryOptions({
      queryKey: sessionQueries.all(),
      // No session is an answer, not an error: null shows the log-in page.
      queryFn: async ({ signal }): Promise<Session | null> => {
        try {
          return await apiFetch<Session>('/session', { signal });
        } catch (error) {
          if (error instanceof ApiError && error.status === 401) return null;
          throw error;
        }
      },
      // Changes only by logging in or out; an expired session shows up as a 401 elsewhere.
      staleTime: Number.POSITIVE_INFINITY,
      refetchOnWindowFocus: false,
    }),
};

export const summaryQueries = {
  all: () => ['summary'] as const,
  /** `asOf` undefined: as of the API's default, the latest quarter with an actual. */
  year: (year: number, asOf?: Quarter) =>
    queryOptions({
      queryKey: [...summaryQueries.all(), year, asOf ?? 'latest'] as const,
      queryFn: ({ signal }) =>
        apiFetch<YearAnalysis>(
          asOf === undefined ? `/summary?year=${year}` : `/summary?year=${year}&asOf=${asOf}`,
          { signal },
        ),
    }),
};

export const unitHistoryQueries = {
  all: () => ['unit-history'] as const,
  unit: (unitId: number) =>
    queryOptions({
      queryKey: [...unitHistoryQueries.all(), unitId] as const,
      queryFn: ({ signal }) => apiFetch<UnitHistoryYear[]>(`/units/${unitId}/history`, { signal }),
    }),
};

export const settingsQueries = {
  all: () => ['settings'] as const,
  pace: () =>
    queryOptions({
      queryKey: [...settingsQueries.all(), 'pace'] as const,
      queryFn: ({ signal }) => apiFetch<PaceSettings>('/settings/pace', { signal }),
    }),
};

export const yearsQueries = {
  all: () => ['years'] as const,
  list: () =>
    queryOptions({
      queryKey: yearsQueries.all(),
      queryFn: ({ signal }) => apiFetch<YearsResponse>('/years', { signal }),
    }),
};

export const unitsQueries = {
  all: () => ['units'] as const,
  list: () =>
    queryOptions({
      queryKey: unitsQueries.all(),
      queryFn: ({ signal }) => apiFetch<UnitsResponse>('/units', { signal }),
      // Units change only when the organisation is re-imported.
      staleTime: 5 * 60_000,
    }),
};

export const entriesQueries = {
  all: () => ['entries'] as const,
  year: (year: number) =>
    queryOptions({
      queryKey: [...entriesQueries.all(), year] as const,
      queryFn: ({ signal }) => apiFetch<EntriesResponse>(`/entries?year=${year}`, { signal }),
    }),
};

export const locksQueries = {
  all: () => ['locks'] as const,
  year: (year: number) =>
    queryOptions({
      queryKey: [...locksQueries.all(), year] as const,
      queryFn: ({ signal }) => apiFetch<QuarterLock[]>(`/locks?year=${year}`, { signal }),
    }),
};

/** Entries per page of the change history. */
export const AUDIT_PAGE_SIZE = 20;

export const auditQueries = {
  all: () => ['audit'] as const,
  figure: ({ unitId, year, quarter }: AuditFilter) =>
    infiniteQueryOptions({
      queryKey: [...auditQueries.all(), { unitId, year, quarter }] as const,
      queryFn: ({ signal, pageParam }) => {
        const params = new URLSearchParams({
          unitId: String(unitId),
          year: String(year),
          quarter: String(quarter),
          limit: String(AUDIT_PAGE_SIZE),
        });
        if (pageParam !== null) params.set('cursor', String(pageParam));
        return apiFetch<AuditPage>(`/audit?${params}`, { signal });
      },
      initialPageParam: null as number | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
};
