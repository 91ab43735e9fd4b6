import { Navigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useYearReviewsQuery } from '../../api/review';
import { useShell } from '../../app/shell-context';
import { permissionsOf, useCurrentUser } from '../../session/current-user';
import { ErrorState, LoadingState, NoYearsState } from '../../ui/StateMessages';
import { defaultReviewQuarter } from '../review/ReviewPage';

/**
 * `/my-report`: a unit lead's own report in the round that matters now — the latest open one of
 * the year in the header — for the first unit they lead that reports in it.
 */
export function MyReportRoute() {
  const { year, units } = useShell();
  const user = useCurrentUser();
  const writable = useMemo(() => permissionsOf(user, units).writableUnitIds, [user, units]);
  const queries = useYearReviewsQuery(year ?? new Date().getFullYear());
  if (year === undefined) {
    return <NoYearsState />;
  }
  const failed = queries.find((query) => query.isError);
  if (failed) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  if (queries.some((query) => query.isPending)) return <LoadingState />;
  const rounds = queries.map((query) => query.data);
  const quarter = defaultReviewQuarter(year, rounds, new Date());
  const round = rounds[quarter - 1];
  const unitId =
    round?.units.find((unit) => writable.has(unit.unitId))?.unitId ??
    user.unitIds.find((id) => writable.has(id));
  if (unitId === undefined) return <Navigate to="/review" search={{ quarter }} replace />;
  return (
    <Navigate to="/reports/$unitId/$year/$quarter" params={{ unitId, year, quarter }} replace />
  );
}
