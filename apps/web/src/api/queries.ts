import { queryOptions } from '@tanstack/react-query';
import type { YearSummary } from '@targetline/core';
import { apiFetch } from './client';
import type { EntriesResponse, UnitsResponse, YearsResponse } from './types';

/**
 * Query-key factories, one per resource. `all()` is the prefix that a mutation
 * invalidates; every parameter of a request is part of its key.
 */
export const summaryQueries = {
  all: () => ['summary'] as const,
  year: (year: number) =>
    queryOptions({
      queryKey: [...summaryQueries.all(), year] as const,
      queryFn: ({ signal }) => apiFetch<YearSummary>(`/summary?year=${year}`, { signal }),
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
