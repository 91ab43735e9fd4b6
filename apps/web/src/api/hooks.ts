import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from './client';
import { entriesQueries, summaryQueries, unitsQueries, yearsQueries } from './queries';
import type {
  ActualEntryResponse,
  PlanEntryResponse,
  SaveActualInput,
  SavePlanInput,
} from './types';

export function useSummaryQuery(year: number) {
  return useQuery(summaryQueries.year(year));
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

/**
 * A saved figure changes the rolled-up summary, the entries that pre-fill the
 * forms, and (for a first entry in a new year) the list of years.
 */
function invalidateAfterSave(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: summaryQueries.all() }),
    queryClient.invalidateQueries({ queryKey: entriesQueries.all() }),
    queryClient.invalidateQueries({ queryKey: yearsQueries.all() }),
  ]);
}

export function useSavePlanMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, year, annualPlan, quarterTargets }: SavePlanInput) =>
      apiFetch<PlanEntryResponse>(`/plans/${unitId}/${year}`, {
        method: 'PUT',
        body: { annualPlan, quarterTargets },
      }),
    onSuccess: () => invalidateAfterSave(queryClient),
  });
}

export function useSaveActualMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, year, quarter, amount }: SaveActualInput) =>
      apiFetch<ActualEntryResponse>(`/actuals/${unitId}/${year}/${quarter}`, {
        method: 'PUT',
        body: { amount },
      }),
    onSuccess: () => invalidateAfterSave(queryClient),
  });
}
