import type { UnitHistoryYear } from '@targetline/contract';

export type HistoryChartRow = { year: string; achieved?: number };

/** One bar per year of the API's annual achievement (absent where the year has no ratio). */
export function buildHistoryChartData(history: readonly UnitHistoryYear[]): HistoryChartRow[] {
  return history.map(({ year, achieved }) =>
    achieved === null ? { year: String(year) } : { year: String(year), achieved },
  );
}
