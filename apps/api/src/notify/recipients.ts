import { isAllowed, type Quarter, reportingUnitIds } from '@targetline/core';
import type { NewNotification, Repository, UnitRecord, UserAccount } from '@targetline/db';

// Who is told what. The rules are here, once; the database writes what these lists say in the
// transaction of the write that causes them.

/**
 * The leads who write a unit's report: enabled unit leads with core's right to write it (their
 * units and the units below them), so a sub-unit without a lead of its own is its parent's
 * lead's to report. Admins may write any report but are not its leads.
 */
export const leadsOf = (
  users: readonly UserAccount[],
  units: readonly UnitRecord[],
  unitId: number,
): UserAccount[] =>
  users.filter(
    (u) => u.role === 'unit_lead' && isAllowed(u, { kind: 'writeReport', unitId }, units),
  );

/** Who reviews reports: the planning office and the directors, enabled. */
export const reviewersOf = (users: readonly UserAccount[]): UserAccount[] =>
  users.filter((u) => !u.isDisabled && (u.role === 'planner' || u.role === 'director'));

/** A round opened: one notification per lead of each reporting unit, for that unit's report. */
export async function roundOpenedNotifications({
  repository,
  units,
  year,
  quarter,
  deadline,
}: {
  repository: Repository;
  units: readonly UnitRecord[];
  year: number;
  quarter: Quarter;
  deadline: string;
}): Promise<NewNotification[]> {
  const [planned, users] = await Promise.all([
    repository.listPlannedUnitIds(year),
    repository.listUsers(),
  ]);
  const reporting = reportingUnitIds({ units, plans: planned.map((unitId) => ({ unitId })) });
  return [...reporting].flatMap((unitId) =>
    leadsOf(users, units, unitId).map((lead) => ({
      userId: lead.id,
      kind: 'round_opened' as const,
      year,
      quarter,
      unitId,
      deadline,
    })),
  );
}

/**
 * A report moved: submitted → the reviewers; returned or reopened (back to returned) → the
 * unit's leads, with the reason; approved → nobody.
 */
export async function reportMovedNotifications({
  repository,
  units,
  action,
  unitId,
  year,
  quarter,
  reason,
  actorId,
}: {
  repository: Repository;
  units: readonly UnitRecord[];
  action: 'submit' | 'approve' | 'return' | 'reopen';
  unitId: number;
  year: number;
  quarter: Quarter;
  reason: string | null;
  /** Nobody is told what they did themselves. */
  actorId: number;
}): Promise<NewNotification[]> {
  if (action === 'approve') return [];
  const users = (await repository.listUsers()).filter((u) => u.id !== actorId);
  const key = { year, quarter, unitId };
  if (action === 'submit') {
    return reviewersOf(users).map((u) => ({ ...key, userId: u.id, kind: 'report_submitted' }));
  }
  return leadsOf(users, units, unitId).map((u) => ({
    ...key,
    userId: u.id,
    kind: 'report_returned',
    reason,
  }));
}
