import type { Summary } from '@targetline/contract';
import {
  buildYearAnalysis,
  isRoundComplete,
  QUARTERS,
  type Quarter,
  reportingUnitIds,
  type YearEntries,
} from '@targetline/core';
import type { Repository } from '@targetline/db';
import { loadThresholds } from './settings';

/** How many earlier years the seasons and the forecasts' backtest learn from. */
export const HISTORY_YEARS = 5;

/** The latest HISTORY_YEARS years before `year` that have any entry, read in parallel. */
async function loadHistory(repository: Repository, year: number): Promise<YearEntries[]> {
  const earlier = (await repository.listYears()).filter((y) => y < year).slice(-HISTORY_YEARS);
  return Promise.all(earlier.map((y) => repository.getYearEntries(y)));
}

/**
 * The summary `GET /api/summary` answers, read from the repository: one path for the dashboard
 * and the exports that tell the same story (the Word report), so a KPI is never computed twice.
 */
export async function loadSummary(
  repository: Repository,
  year: number,
  asOf?: Quarter,
): Promise<Summary> {
  const [units, entries, history, thresholds, rounds] = await Promise.all([
    repository.listUnits(),
    repository.getYearEntries(year),
    loadHistory(repository, year),
    loadThresholds(repository),
    Promise.all(
      QUARTERS.map(async (quarter) => ({
        quarter,
        isOpen: (await repository.getRound(year, quarter)) !== null,
        reports: await repository.listReports(year, quarter),
      })),
    ),
  ]);
  // A year without entries compares as an empty one would: the year before is read only if it
  // has any.
  const lastYear = history.find((h) => h.year === year - 1);
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
    history,
    ...(asOf !== undefined && { asOf }),
    thresholds,
  });
}
