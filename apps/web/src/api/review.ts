import {
  type QueryClient,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { ApiRoutes } from '@targetline/contract';
import type { Quarter } from '@targetline/core';
import { invalidateFigures, write } from './hooks';
import { reportQueries, reviewQueries } from './queries';

type ReportRoute = ApiRoutes['PUT /reports/:unitId/:year/:quarter'];
export type ReportKey = ReportRoute['params'];
export type SaveReportInput = ReportKey & ReportRoute['body'];
/** A move of a report from one state to the next; returning and reopening say why. */
export type ReportMove =
  | { action: 'submit' | 'approve'; version: number }
  | { action: 'return' | 'reopen'; version: number; reason: string };

export function useReviewQuery(year: number, quarter: Quarter) {
  return useQuery(reviewQueries.round(year, quarter));
}

/** The four rounds of a year, to find the one to show first. */
export function useYearReviewsQuery(year: number) {
  return useQueries({
    queries: ([1, 2, 3, 4] as const).map((quarter) => reviewQueries.round(year, quarter)),
  });
}

export function useReportQuery(key: ReportKey) {
  return useQuery(reportQueries.unit(key));
}

/**
 * A report's save or move changes the round's board and, with the actual in it, every
 * figure; a 409 or 423 means our copy was stale, so the same applies then.
 */
function invalidateReview(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: reviewQueries.all() }),
    queryClient.invalidateQueries({ queryKey: reportQueries.all() }),
    invalidateFigures(queryClient),
  ]);
}

export function useOpenRoundMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      year,
      quarter,
      deadline,
      version,
    }: ApiRoutes['PUT /reviews/:year/:quarter']['params'] & {
      deadline: string;
      version: number;
    }) =>
      write(queryClient, 'PUT /reviews/:year/:quarter', {
        params: { year, quarter },
        body: { deadline, version },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewQueries.all() }),
  });
}

export function useSaveReportMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, year, quarter, ...body }: SaveReportInput) =>
      write(queryClient, 'PUT /reports/:unitId/:year/:quarter', {
        params: { unitId, year, quarter },
        body,
      }),
    onSuccess: (report) => queryClient.setQueryData(reportQueries.unit(report).queryKey, report),
    onSettled: () => invalidateReview(queryClient),
  });
}

export function useMoveReportMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, year, quarter, move }: ReportKey & { move: ReportMove }) => {
      const params = { unitId, year, quarter };
      switch (move.action) {
        case 'submit':
          return write(queryClient, 'POST /reports/:unitId/:year/:quarter/submit', {
            params,
            body: { version: move.version },
          });
        case 'approve':
          return write(queryClient, 'POST /reports/:unitId/:year/:quarter/approve', {
            params,
            body: { version: move.version },
          });
        case 'return':
          return write(queryClient, 'POST /reports/:unitId/:year/:quarter/return', {
            params,
            body: { version: move.version, reason: move.reason.trim() },
          });
        case 'reopen':
          return write(queryClient, 'POST /reports/:unitId/:year/:quarter/reopen', {
            params,
            body: { version: move.version, reason: move.reason.trim() },
          });
      }
    },
    onSuccess: (report) => queryClient.setQueryData(reportQueries.unit(report).queryKey, report),
    onSettled: () => invalidateReview(queryClient),
  });
}
