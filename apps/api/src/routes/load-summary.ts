import type { Summary } from '@targetline/contract';
import {
  buildYearAnalysis,
  isRoundComplete,
  type LearnedHistory,
  learnFromHistory,
  QUARTERS,
  type Quarter,
  reportingUnitIds,
} from '@targetline/core';
import type { Repository } from '@targetline/db';
import { BoundedCache } from '../bounded-cache';
import { loadThresholds } from './settings';

/** How many earlier years the seasons and the forecasts' backtest learn from. */
export const HISTORY_YEARS = 5;

/**
 * What each repository's summaries learned from earlier years (`learnFromHistory`), by year,
 * unit tree and the earlier years' figures: rolling up and backtesting five earlier years is
 * most of a summary's cost, and during a quarter close only the year itself changes. Promises,
 * so that summaries built at once learn once.
 */
const learnedCaches = new WeakMap<Repository, BoundedCache<Promise<LearnedHistory>>>();

/**
 * What the year's analysis learns from the latest HISTORY_YEARS years before it that have any
 * entry, and from last year: read and learned again only when the unit tree or one of those
 * years has changed since. The versions are read before what they cover, so a change made
 * meanwhile gives the next summary a new key.
 */
async function loadLearned(repository: Repository, year: number): Promise<LearnedHistory> {
  const [unitsVersion, years] = await Promise.all([
    repository.unitsVersion(),
    repository.listYears(),
  ]);
  const earlier = years.filter((y) => y < year).slice(-HISTORY_YEARS);
  const first = earlier[0];
  const yearsVersion =
    first === undefined ? '' : await repository.yearsVersion(first, earlier.at(-1) ?? first);
  const key = `${year}|${unitsVersion}|${earlier.join(',')}|${yearsVersion}`;
  let cache = learnedCaches.get(repository);
  if (cache === undefined) {
    cache = new BoundedCache(8);
    learnedCaches.set(repository, cache);
  }
  let learned = cache.get(key);
  if (learned === undefined) {
    learned = (async () => {
      const [units, history] = await Promise.all([
        repository.listUnits(),
        Promise.all(earlier.map((y) => repository.getYearEntries(y))),
      ]);
      // A year without entries compares as an empty one would: the year before is read only
      // if it has any.
      const lastYear = history.find((h) => h.year === year - 1);
      return learnFromHistory({ year, units, history, ...(lastYear && { lastYear }) });
    })();
    cache.set(key, learned);
    // A failed read is not kept: the next summary tries again.
    const pending = learned;
    const kept = cache;
    pending.catch(() => {
      if (kept.get(key) === pending) kept.delete(key);
    });
  }
  return learned;
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
  const [units, entries, learned, thresholds, rounds] = await Promise.all([
    repository.listUnits(),
    repository.getYearEntries(year),
    loadLearned(repository, year),
    loadThresholds(repository),
    Promise.all([
      Promise.all(QUARTERS.map((quarter) => repository.getRound(year, quarter))),
      repository.listReportStates(year),
    ]).then(([opened, states]) =>
      QUARTERS.map((quarter, i) => ({
        quarter,
        isOpen: opened[i] !== null,
        reports: states.filter((report) => report.quarter === quarter),
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
    learned,
    ...(asOf !== undefined && { asOf }),
    thresholds,
  });
}
