import {
  DEFAULT_REMINDER_DAYS,
  isReportOutstanding,
  QUARTERS,
  type Quarter,
  reminderDue,
  reportingUnitIds,
  vietnamDate,
} from '@targetline/core';
import type { ReminderClaim, Repository, UnitRecord } from '@targetline/db';
import type { Mailer } from './mailer';
import { leadsOf } from './recipients';

export const REMINDER_KEY = 'reminders';

/** Days before a deadline that its reminder goes out: the director's setting, else 3. */
export async function loadReminderDays(repository: Repository): Promise<number> {
  const stored = await repository.getSetting(REMINDER_KEY);
  const value = (stored?.value as { daysBefore?: unknown } | undefined)?.daysBefore;
  return typeof value === 'number' ? value : DEFAULT_REMINDER_DAYS;
}

/**
 * The reminders due now: for each open round whose deadline is today or within the setting's
 * days (in Asia/Ho_Chi_Minh), one to each enabled lead of each reporting unit whose report is
 * not submitted or approved. Computed from the data alone, so any process computes the same
 * list; the database's claim makes each go out once.
 */
export async function dueReminders({
  repository,
  units,
  now,
}: {
  repository: Repository;
  units: readonly UnitRecord[];
  now: Date;
}): Promise<ReminderClaim[]> {
  const today = vietnamDate(now);
  const daysBefore = await loadReminderDays(repository);
  const year = Number(today.slice(0, 4));
  // A round's deadline falls in its quarter's year or early in the next one.
  const claims: ReminderClaim[] = [];
  const users = await repository.listUsers();
  for (const y of [year - 1, year]) {
    const rounds = (
      await Promise.all(QUARTERS.map((q) => repository.getRound(y, q as Quarter)))
    ).filter((round) => round !== null);
    const due = rounds
      .map((round) => ({
        round,
        reminder: reminderDue({ deadline: round.deadline, today, daysBefore }),
      }))
      .filter((d) => d.reminder !== null);
    if (due.length === 0) continue;
    const planned = await repository.listPlannedUnitIds(y);
    const reporting = reportingUnitIds({ units, plans: planned.map((unitId) => ({ unitId })) });
    for (const { round, reminder } of due) {
      if (reminder === null) continue;
      const reports = await repository.listReports(y, round.quarter);
      for (const unitId of reporting) {
        const state = reports.find((r) => r.unitId === unitId)?.state ?? 'not_started';
        if (!isReportOutstanding(state)) continue;
        for (const lead of leadsOf(users, units, unitId)) {
          claims.push({
            year: y,
            quarter: round.quarter,
            unitId,
            userId: lead.id,
            kind: reminder.kind,
            day: reminder.day,
            deadline: round.deadline,
          });
        }
      }
    }
  }
  return claims;
}

/** Retries back off: 1, 2, 4 … minutes, at most an hour. */
export const retryDelayMs = (attempts: number) =>
  Math.min(60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));

/** A mail queued for longer than this (mail was off, or the server down for days) is dropped. */
export const MAIL_MAX_AGE_MS = 3 * 24 * 60 * 60_000;

export type ReminderRun = {
  /** Reminders claimed by this run (each a notification, and a queued mail where there is an address). */
  claimed: ReminderClaim[];
  mail: { sent: number; failed: number; dropped: number } | null;
};

/**
 * One run of the job: claims the reminders due, then sends what the outbox holds (when mail is
 * on). Safe to run in every process at once and as often as wanted: nothing it needs is in
 * memory.
 */
export async function runReminders({
  repository,
  units,
  mailer,
  now,
}: {
  repository: Repository;
  units: readonly UnitRecord[];
  mailer: Mailer | null;
  now: Date;
}): Promise<ReminderRun> {
  const due = await dueReminders({ repository, units, now });
  const claimed = due.length === 0 ? [] : await repository.claimReminders(due);
  const mail =
    mailer === null
      ? null
      : await repository.deliverMail({
          send: mailer.send,
          limit: 100,
          retryDelayMs,
          maxAgeMs: MAIL_MAX_AGE_MS,
        });
  return { claimed, mail };
}

/**
 * Runs `run` every `intervalMs` (unref'd: it never keeps the process alive), one run at a
 * time; a failed run is reported and the next one tries again. `stop` ends it.
 */
export function startSchedule({
  intervalMs,
  run,
  onError,
}: {
  intervalMs: number;
  run: () => Promise<unknown>;
  onError: (error: unknown) => void;
}): { stop: () => Promise<void> } {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = run()
      .catch(onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
