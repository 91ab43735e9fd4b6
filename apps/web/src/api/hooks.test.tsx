import { QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { entries2023, summary2023 } from '../test/fixtures';
import { jsonResponse, mockApi } from '../test/mock-api';
import { createTestQueryClient } from '../test/render';
import {
  otherQuarters,
  prefetchOtherQuarters,
  useEntriesQuery,
  useSaveActualMutation,
  useSavePlanMutation,
  useSummaryQuery,
  useYearsQuery,
} from './hooks';
import { entriesQueries, summaryQueries, yearsQueries } from './queries';

function setup() {
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return { queryClient, wrapper };
}

describe('query keys', () => {
  it('put every parameter in the key, under the resource prefix', () => {
    expect(summaryQueries.year(2023).queryKey).toEqual(['summary', 2023, 'latest']);
    expect(summaryQueries.year(2023, 2).queryKey).toEqual(['summary', 2023, 2]);
    expect(entriesQueries.year(2024).queryKey).toEqual(['entries', 2024]);
    expect(yearsQueries.list().queryKey).toEqual(['years']);
  });
});

describe('useSummaryQuery', () => {
  it('loads the summary of the given year', async () => {
    const { requests } = mockApi();
    const { wrapper } = setup();
    const { result } = renderHook(() => useSummaryQuery(2023), { wrapper });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toEqual(summary2023);
    expect(requests.map((r) => r.path)).toEqual(['/api/summary?year=2023']);
  });

  it('exposes the API error', async () => {
    mockApi(() => jsonResponse({ error: 'Not Found', message: 'No plan for 1999' }, 404));
    const { wrapper } = setup();
    const { result } = renderHook(() => useSummaryQuery(1999), { wrapper });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toMatchObject({ status: 404, message: 'No plan for 1999' });
  });
});

describe('useYearsQuery and useEntriesQuery', () => {
  it('load the years and the entries of a year', async () => {
    mockApi();
    const { wrapper } = setup();
    const years = renderHook(() => useYearsQuery(), { wrapper });
    const entries = renderHook(() => useEntriesQuery(2023), { wrapper });
    await waitFor(() => expect(years.result.current.data).toEqual([2023]));
    await waitFor(() => expect(entries.result.current.data).toEqual(entries2023));
  });
});

describe('useSavePlanMutation', () => {
  it('PUTs the plan and invalidates summary, entries and years', async () => {
    const { requests } = mockApi();
    const { queryClient, wrapper } = setup();
    await queryClient.prefetchQuery(summaryQueries.year(2023));
    await queryClient.prefetchQuery(entriesQueries.year(2023));
    await queryClient.prefetchQuery(yearsQueries.list());
    queryClient.setQueryData(['units'], []);

    const { result } = renderHook(() => useSavePlanMutation(), { wrapper });
    await act(() =>
      result.current.mutateAsync({
        unitId: 2,
        year: 2023,
        annualPlan: 25_000_000_000,
        quarterTargets: [null, 3_000_000_000, null, null],
        version: 1,
      }),
    );

    expect(requests.find((r) => r.method === 'PUT')).toMatchObject({
      method: 'PUT',
      path: '/api/plans/2/2023',
      body: {
        annualPlan: 25_000_000_000,
        quarterTargets: [null, 3_000_000_000, null, null],
        version: 1,
      },
    });
    expect(queryClient.getQueryState(summaryQueries.year(2023).queryKey)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(entriesQueries.year(2023).queryKey)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(yearsQueries.list().queryKey)?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(['units'])?.isInvalidated).toBe(false);
  });
});

describe('useSaveActualMutation', () => {
  it('PUTs the amount to the unit, year and quarter', async () => {
    const { requests } = mockApi();
    const { queryClient, wrapper } = setup();
    await queryClient.prefetchQuery(summaryQueries.year(2023));
    const { result } = renderHook(() => useSaveActualMutation(), { wrapper });
    await act(() =>
      result.current.mutateAsync({
        unitId: 3,
        year: 2023,
        quarter: 2,
        amount: 500_000_000,
        version: 0,
        comment: '  after acceptance  ',
      }),
    );
    expect(requests.find((r) => r.method === 'PUT')).toMatchObject({
      method: 'PUT',
      path: '/api/actuals/3/2023/2',
      body: { amount: 500_000_000, version: 0, comment: 'after acceptance' },
    });
    expect(queryClient.getQueryState(summaryQueries.year(2023).queryKey)?.isInvalidated).toBe(true);
  });

  it('rejects with the API error and leaves the cache valid', async () => {
    mockApi((request) =>
      request.method === 'PUT'
        ? jsonResponse(
            { error: 'Bad Request', message: 'amount is too large', field: 'amount' },
            400,
          )
        : undefined,
    );
    const { queryClient, wrapper } = setup();
    await queryClient.prefetchQuery(summaryQueries.year(2023));
    const { result } = renderHook(() => useSaveActualMutation(), { wrapper });
    await act(async () => {
      await expect(
        result.current.mutateAsync({ unitId: 3, year: 2023, quarter: 2, amount: 1, version: 0 }),
      ).rejects.toMatchObject({ status: 400, field: 'amount' });
    });
    expect(queryClient.getQueryState(summaryQueries.year(2023).queryKey)?.isInvalidated).toBe(
      false,
    );
  });
});

describe('prefetchOtherQuarters', () => {
  const asOf = (quarter: 1 | 2 | 3 | 4) => ({ ...summary2023, selectedQuarter: quarter });

  it('orders the other quarters nearest first, the earlier of two as near', () => {
    expect(otherQuarters(4)).toEqual([3, 2, 1]);
    expect(otherQuarters(1)).toEqual([2, 3, 4]);
    expect(otherQuarters(3)).toEqual([2, 4, 1]);
  });

  it('fetches them one at a time under the keys the dashboard reads', async () => {
    const { requests } = mockApi((request) => {
      const quarter = new URL(request.path, 'http://localhost').searchParams.get('asOf');
      return quarter === null ? undefined : jsonResponse(asOf(Number(quarter) as 1 | 2 | 3 | 4));
    });
    const { queryClient, wrapper } = setup();
    await prefetchOtherQuarters(queryClient, asOf(2));
    expect(requests.map((r) => r.path)).toEqual([
      '/api/summary?year=2023&asOf=1',
      '/api/summary?year=2023&asOf=3',
      '/api/summary?year=2023&asOf=4',
    ]);
    // Picking quarter 3 now draws from the cache on the first render, before any answer.
    const { result } = renderHook(() => useSummaryQuery(2023, 3), { wrapper });
    expect(result.current.data?.selectedQuarter).toBe(3);
    expect(result.current.isPlaceholderData).toBe(false);
    // The quarter shown is filed under its own number too.
    expect(queryClient.getQueryData(summaryQueries.year(2023, 2).queryKey)).toEqual(asOf(2));
  });

  it('leaves a quarter already cached alone, even a stale one, so a save does not cost three more', async () => {
    const { requests } = mockApi(() => jsonResponse(asOf(1)));
    const { queryClient } = setup();
    queryClient.setQueryData(summaryQueries.year(2023, 3).queryKey, asOf(3));
    queryClient.setQueryData(summaryQueries.year(2023, 2).queryKey, asOf(2));
    await queryClient.invalidateQueries({ queryKey: summaryQueries.all(), refetchType: 'none' });
    await prefetchOtherQuarters(queryClient, asOf(4));
    expect(requests.map((r) => r.path)).toEqual(['/api/summary?year=2023&asOf=1']);
  });

  it('stops once cancelled', async () => {
    const { requests } = mockApi(() => jsonResponse(asOf(1)));
    const { queryClient } = setup();
    await prefetchOtherQuarters(queryClient, asOf(4), () => true);
    expect(requests).toEqual([]);
  });
});
