import { ratio } from './achievement';
import type { ActualEntry, Amount } from './types';

/**
 * What an actual stands on: `estimate` ("ước thực hiện", reported at the review meeting before
 * the books close) or `final` ("số chính thức"); an ActualEntry without one is final.
 */
export type Basis = NonNullable<ActualEntry['basis']>;

// The quarterly review cycle (shared/REVIEW-MEETING.md): each reporting unit's report goes
// through these states, moved by these actions. The API and both database engines ask these
// functions, so the rules are stated once.

/**
 * `not_started`: nothing saved yet (no row is stored for it); `draft`: saved by the unit;
 * `submitted`: frozen for its lead, waiting for review; `returned`: sent back with a reason,
 * editable again; `approved`: accepted, frozen until a director reopens it.
 */
export type ReportState = 'not_started' | 'draft' | 'submitted' | 'returned' | 'approved';

export const REPORT_STATES = [
  'not_started',
  'draft',
  'submitted',
  'returned',
  'approved',
] as const satisfies readonly ReportState[];

/** What may be done to a report: the unit saves and submits, reviewers approve or return it. */
export type ReportAction = 'save' | 'submit' | 'approve' | 'return' | 'reopen';

/**
 * The transition table: for each action, the states it may start from and the state it
 * leads to. A reopened approved report goes back to `returned`, not `draft`: its lead sees the
 * director's reason exactly as after a return, and must submit it again.
 */
export const REPORT_TRANSITIONS: Readonly<
  Record<ReportAction, Readonly<Partial<Record<ReportState, ReportState>>>>
> = {
  save: { not_started: 'draft', draft: 'draft', returned: 'draft' },
  submit: { draft: 'submitted', returned: 'submitted' },
  approve: { submitted: 'approved' },
  return: { submitted: 'returned' },
  reopen: { approved: 'returned' },
};

/** The state `action` leads to from `state`; null where the table has no such transition. */
export function nextReportState(state: ReportState, action: ReportAction): ReportState | null {
  return REPORT_TRANSITIONS[action][state] ?? null;
}

/** Returning and reopening must say why (the lead reads it); the other actions need no reason. */
export const isReasonRequired = (action: ReportAction): boolean =>
  action === 'return' || action === 'reopen';

/**
 * Whether a report must explain its causes ("nguyên nhân") before it is submitted: when the
 * quarter's achievement (actual ÷ the unit's own quarter target, core's `ratio`) is below the
 * at-risk threshold of the pace settings. No target, a target of 0 or no actual: nothing to
 * fall short of, so not required.
 */
export function isCausesRequired({
  actual,
  target,
  atRisk,
}: {
  actual: Amount | null;
  target: Amount | null;
  atRisk: number;
}): boolean {
  const achieved = ratio(actual, target);
  return achieved !== null && achieved < atRisk;
}

/** A deadline: a calendar date "YYYY-MM-DD" that exists (no 30 February). */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Asia/Ho_Chi_Minh is UTC+7 all year (Vietnam keeps no daylight saving time). */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant a deadline day is over: midnight at the end of that date in Asia/Ho_Chi_Minh
 * (17:00 UTC on the deadline date). A report submitted at 23:59 Hanoi time on the deadline
 * is on time.
 */
export function deadlineEndsAt(deadline: string): Date {
  const [year, month, day] = deadline.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day) + DAY_MS - VIETNAM_OFFSET_MS);
}

/**
 * Whether a unit is late with its report: submitted (or approved) after the deadline day
 * ended, or not submitted (not started, draft, returned) and the deadline day has ended.
 * A returned report counts as not submitted; its latest submission is the one that counts.
 * No deadline (no round open): never late.
 */
export function isReportLate({
  state,
  submittedAt,
  deadline,
  now,
}: {
  state: ReportState;
  submittedAt: string | null;
  deadline: string | null;
  now: Date;
}): boolean {
  if (deadline === null) return false;
  const end = deadlineEndsAt(deadline).getTime();
  const isSubmitted = state === 'submitted' || state === 'approved';
  if (isSubmitted && submittedAt !== null) return new Date(submittedAt).getTime() >= end;
  return now.getTime() >= end;
}

/**
 * Whether a quarter's round is complete: it is open, it has reporting units, and every one of
 * them has submitted or been approved. A draft, a returned report or no report at all keeps it
 * open: the as-of rule (completeness.ts) then does not take that quarter as reported.
 */
export function isRoundComplete({
  isOpen,
  reportingUnitIds,
  reports,
}: {
  isOpen: boolean;
  reportingUnitIds: ReadonlySet<number>;
  reports: ReadonlyArray<{ unitId: number; state: ReportState }>;
}): boolean {
  if (!isOpen || reportingUnitIds.size === 0) return false;
  const reported = new Set(
    reports
      .filter((report) => report.state === 'submitted' || report.state === 'approved')
      .map((report) => report.unitId),
  );
  return [...reportingUnitIds].every((unitId) => reported.has(unitId));
}

/** The calendar date ("YYYY-MM-DD") it is at `now` in Asia/Ho_Chi_Minh. */
export function vietnamDate(now: Date): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whole days from the date `from` to the date `to` (both "YYYY-MM-DD"); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The date `days` days after `date` (both "YYYY-MM-DD"). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days before a deadline that its first reminder goes out, unless a director set another number. */
export const DEFAULT_REMINDER_DAYS = 3;

/** A reminder of a round's deadline: `before` (daysBefore ahead) or `due` (on the day). */
export type ReminderKind = 'before' | 'due';

/**
 * The reminder due for a round on `today` (both dates in Asia/Ho_Chi_Minh), keyed by the day it
 * is meant for, so that it is sent once whoever sends it and whenever: `due` on the deadline
 * day; `before` from `daysBefore` days ahead until the day before — a server that was down on
 * that day sends it when it is back, still before the deadline. Nothing after the deadline
 * day (the status board shows who is late), nor before `daysBefore` days ahead.
 */
export function reminderDue({
  deadline,
  today,
  daysBefore,
}: {
  deadline: string;
  today: string;
  daysBefore: number;
}): { kind: ReminderKind; day: string } | null {
  const left = daysBetween(today, deadline);
  if (left === 0) return { kind: 'due', day: deadline };
  if (left > 0 && left <= daysBefore)
    return { kind: 'before', day: addDays(deadline, -daysBefore) };
  return null;
}

/** Whether a report still counts as not handed in (a reminder goes to its unit's leads). */
export const isReportOutstanding = (state: ReportState): boolean =>
  state !== 'submitted' && state !== 'approved';
