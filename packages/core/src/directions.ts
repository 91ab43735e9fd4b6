import type { Quarter } from './types';

/**
 * Where a director's direction (kết luận chỉ đạo) stands. `open` when recorded; the unit's
 * lead reports progress with `in_progress`, `done` or `not_done` (and a note); the director
 * `closed` it (final) or `carried_over` it, which moves its due quarter to the next one, where
 * the lead reports on it again.
 */
export const DIRECTION_STATUSES = [
  'open',
  'in_progress',
  'done',
  'not_done',
  'closed',
  'carried_over',
] as const;
export type DirectionStatus = (typeof DIRECTION_STATUSES)[number];

/** What the unit's lead reports. */
export const PROGRESS_STATUSES = ['in_progress', 'done', 'not_done'] as const;
/** What only the director (or an admin) decides. */
export const DECISION_STATUSES = ['closed', 'carried_over'] as const;

export const isProgressStatus = (
  status: DirectionStatus,
): status is (typeof PROGRESS_STATUSES)[number] =>
  (PROGRESS_STATUSES as readonly string[]).includes(status);

/** A quarter as one number that orders quarters: Q1/2023 < Q4/2023 < Q1/2024. */
export const quarterIndex = (year: number, quarter: number) => year * 4 + (quarter - 1);

/** The quarter after `quarter` of `year`: Q4/2023 → Q1/2024. */
export const nextQuarterOf = (
  year: number,
  quarter: Quarter,
): { year: number; quarter: Quarter } =>
  quarter === 4 ? { year: year + 1, quarter: 1 } : { year, quarter: (quarter + 1) as Quarter };

/**
 * The status a direction may move to from `from`: a closed direction is final; everything else
 * may be reported on again or decided (re-reporting the same status updates the note).
 * `open` is only where a direction starts.
 */
export const isDirectionMoveAllowed = (from: DirectionStatus, to: DirectionStatus) =>
  from !== 'closed' && to !== 'open';
