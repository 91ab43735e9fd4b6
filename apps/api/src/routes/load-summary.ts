import type { Summary } from '@targetline/contract';
import {
  buildYearAnalysis,
  isRoundComplete,
  MIN_YEAR,
  QUARTERS,
  type Quarter,
  reportingUnitIds,
} from '@targetline/core';
import type { Repository } from '@targetline/db';
import { loadThresholds } from './settings';

/**
 * The summary `GET /api/summary` answers, read from the repository: one path for the dashboard
 * and the exports that tell the same story (the Word report), so a KPI is never computed twice.
 */
export async function loadSummary(
  repository: Repository,
  year: number,
  asOf?: Quarter,
): Promise<Summary> {
  const [units, entries, lastYear, thresholds, rounds] = await Promise.all([
    repository.listUnits(),
    repository.getYearEntries(year),
    year > MIN_YEAR ? repository.getYearEntries(year - 1) : null,
    loadThresholds(repository),
    Promise.all(
      QUARTERS.map(async (quarter) => ({
        quarter,
        isOpen: (await repository.getRound(year, quarter)) !== null,
        reports: await repository.listReports(year, quarter),
      })),
    ),
  ]);
  // The default as-of is the latest quarter whose round is complete (core's rule); every
  // report move and round change is a write, so the data version (the callers' cache key)
  // follows them.
  const reporting = reportingUnitIds({ units, plans: entries.plans });
  const completeRounds = rounds
    .filter((round) => isRoundComplete({ ...round, reportingUnitIds: reporting }))
    .map((round) => round.quarter);
  return buildYearAnalysis({
    year,
    units,
    plans: entries.plans,
    actuals: entries.actuals,
    completeRounds,
    ...(lastYear && { lastYear }),
    ...(asOf !== undefined && { asOf }),
    thresholds,
  });
}
