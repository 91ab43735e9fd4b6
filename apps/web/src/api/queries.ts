import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { AuditQuery, DirectionsQuery, Session } from '@targetline/contract';
import type { Quarter } from '@targetline/core';
import { ApiError, request } from './client';

/** The history of one figure: a unit's plan (no quarter) or one quarter's actual. */
export type AuditFilter = Required<Pick<AuditQuery, 'unitId' | 'year' | 'quarter'>>;

/**
 * The query-key factory of the whole app, one entry per resource. `all()` is the prefix
 * that a mutation invalidates; every parameter of a request is part of its key. Each
 * query's function is the typed `request` of its route, so its data is the contract's type.
 */
export const sessionQueries = {
  all: () => ['session'] as const,
  current: () =>
    queryOptions({
      queryKey: sessionQueries.all(),
      // No session is an answer, not an error: null shows the log-in page.
      queryFn: async ({ signal }): Promise<Session | null> => {
        try {
          return await request('GET /session', {}, { signal });
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
      queryFn: ({ signal }) => request('GET /summary', { query: { year, asOf } }, { signal }),
    }),
};

export const unitHistoryQueries = {
  all: () => ['unit-history'] as const,
  unit: (unitId: number) =>
    queryOptions({
      queryKey: [...unitHistoryQueries.all(), unitId] as const,
      queryFn: ({ signal }) =>
        request('GET /units/:id/history', { params: { id: unitId } }, { signal }),
    }),
};

export const notificationQueries = {
  all: () => ['notifications'] as const,
  /** The caller's own, newest first; polled, since nothing pushes them. */
  mine: () =>
    queryOptions({
      queryKey: notificationQueries.all(),
      queryFn: ({ signal }) => request('GET /notifications', {}, { signal }),
      refetchInterval: 60_000,
    }),
};

export const settingsQueries = {
  all: () => ['settings'] as const,
  pace: () =>
    queryOptions({
      queryKey: [...settingsQueries.all(), 'pace'] as const,
      queryFn: ({ signal }) => request('GET /settings/pace', {}, { signal }),
    }),
  /** Days before a round's deadline that its reminder goes out. */
  reminders: () =>
    queryOptions({
      queryKey: [...settingsQueries.all(), 'reminders'] as const,
      queryFn: ({ signal }) => request('GET /settings/reminders', {}, { signal }),
    }),
};

export const yearsQueries = {
  all: () => ['years'] as const,
  list: () =>
    queryOptions({
      queryKey: yearsQueries.all(),
      queryFn: ({ signal }) => request('GET /years', {}, { signal }),
    }),
};

export const unitsQueries = {
  all: () => ['units'] as const,
  list: () =>
    queryOptions({
      queryKey: unitsQueries.all(),
      queryFn: ({ signal }) => request('GET /units', {}, { signal }),
      // Units change only when the organisation is re-imported.
      staleTime: 5 * 60_000,
    }),
};

export const usersQueries = {
  all: () => ['users'] as const,
  list: () =>
    queryOptions({
      queryKey: usersQueries.all(),
      queryFn: ({ signal }) => request('GET /users', {}, { signal }),
    }),
};

export const entriesQueries = {
  all: () => ['entries'] as const,
  year: (year: number) =>
    queryOptions({
      queryKey: [...entriesQueries.all(), year] as const,
      queryFn: ({ signal }) => request('GET /entries', { query: { year } }, { signal }),
    }),
};

export const locksQueries = {
  all: () => ['locks'] as const,
  year: (year: number) =>
    queryOptions({
      queryKey: [...locksQueries.all(), year] as const,
      queryFn: ({ signal }) => request('GET /locks', { query: { year } }, { signal }),
    }),
};

/** Entries per page of the change history. */
export const AUDIT_PAGE_SIZE = 20;

export const auditQueries = {
  all: () => ['audit'] as const,
  figure: ({ unitId, year, quarter }: AuditFilter) =>
    infiniteQueryOptions({
      queryKey: [...auditQueries.all(), { unitId, year, quarter }] as const,
      queryFn: ({ signal, pageParam }) =>
        request(
          'GET /audit',
          {
            query: {
              unitId,
              year,
              quarter,
              limit: AUDIT_PAGE_SIZE,
              ...(pageParam !== null && { cursor: pageParam }),
            },
          },
          { signal },
        ),
      initialPageParam: null as number | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
};

/** The change log's filters, as `GET /audit` takes them (no unitId: the whole organisation). */
export type ChangeLogFilter = Pick<AuditQuery, 'unitId' | 'year' | 'quarter' | 'actor' | 'entity'>;

export const changeLogQueries = {
  /** Under the audit key, so a saved figure (which invalidates the audit) refreshes the log. */
  all: () => [...auditQueries.all(), 'log'] as const,
  list: ({ unitId, year, quarter, actor, entity }: ChangeLogFilter) =>
    infiniteQueryOptions({
      queryKey: [...changeLogQueries.all(), { unitId, year, quarter, actor, entity }] as const,
      queryFn: ({ signal, pageParam }) =>
        request(
          'GET /audit',
          {
            query: {
              unitId,
              year,
              quarter,
              actor,
              entity,
              limit: AUDIT_PAGE_SIZE,
              ...(pageParam !== null && { cursor: pageParam }),
            },
          },
          { signal },
        ),
      initialPageParam: null as number | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
};

export const reviewQueries = {
  all: () => ['review'] as const,
  /** A quarter's reporting round and where each reporting unit stands in it. */
  round: (year: number, quarter: Quarter) =>
    queryOptions({
      queryKey: [...reviewQueries.all(), year, quarter] as const,
      queryFn: ({ signal }) =>
        request('GET /reviews/:year/:quarter', { params: { year, quarter } }, { signal }),
    }),
};

export const reportQueries = {
  all: () => ['report'] as const,
  /** A unit's quarterly report; a `not_started` one (version 0) before anything is saved. */
  unit: ({ unitId, year, quarter }: { unitId: number; year: number; quarter: Quarter }) =>
    queryOptions({
      queryKey: [...reportQueries.all(), unitId, year, quarter] as const,
      queryFn: ({ signal }) =>
        request(
          'GET /reports/:unitId/:year/:quarter',
          { params: { unitId, year, quarter } },
          { signal },
        ),
    }),
};

export const directionQueries = {
  all: () => ['directions'] as const,
  /**
   * Directions by the contract's filter: a meeting's (year, quarter), those due to a unit in a
   * quarter (unitId, dueYear, dueQuarter), a unit's (unitId).
   */
  list: (query: DirectionsQuery) =>
    queryOptions({
      queryKey: [...directionQueries.all(), query] as const,
      queryFn: ({ signal }) => request('GET /directions', { query }, { signal }),
    }),
};
