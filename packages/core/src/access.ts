import type { Role, Unit, User } from './types';

/** The unit ids of `rootIds` and every unit below them. Unknown ids are ignored. */
export function subtreeUnitIds(units: readonly Unit[], rootIds: readonly number[]): Set<number> {
  const children = new Map<number, number[]>();
  for (const unit of units) {
    if (unit.parentId === null) continue;
    const list = children.get(unit.parentId);
    if (list) list.push(unit.id);
    else children.set(unit.parentId, [unit.id]);
  }
  const known = new Set(units.map((u) => u.id));
  const result = new Set<number>();
  const stack = rootIds.filter((id) => known.has(id));
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (result.has(id)) continue;
    result.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return result;
}

type Actor = Pick<User, 'role' | 'unitIds' | 'isDisabled'>;

const hasRole = (user: Actor, roles: readonly Role[]) =>
  !user.isDisabled && roles.includes(user.role);

/**
 * Who may enter or correct a unit's actual: a unit lead for the units they lead and their
 * sub-units, and an admin for any unit. Directors, planners and viewers read only. A disabled
 * user may do nothing.
 */
export function canWriteActual(user: Actor, unitId: number, units: readonly Unit[]): boolean {
  if (hasRole(user, ['admin'])) return true;
  if (!hasRole(user, ['unit_lead'])) return false;
  return subtreeUnitIds(units, user.unitIds).has(unitId);
}

/** Plans and quarterly targets are set by directors and admins. */
export const canWritePlan = (user: Actor) => hasRole(user, ['director', 'admin']);

/** Quarters are locked after the review meeting, and unlocked with a reason, by directors and admins. */
export const canLockQuarter = (user: Actor) => hasRole(user, ['director', 'admin']);

/**
 * Who may send a file to the import, dry run included: anyone who may write some figure —
 * admins, directors (plans and targets) and unit leads (their units' actuals). Viewers may
 * not: a dry run reads and unpacks the whole file, work that only a writer's import needs.
 */
export const canImport = (user: Actor) => hasRole(user, ['admin', 'director', 'unit_lead']);

/**
 * Who may approve a submitted quarterly report or return it with a reason: the planning office
 * (planner), directors and admins.
 */
export const canReviewReport = (user: Actor) => hasRole(user, ['planner', 'director', 'admin']);

/**
 * Opening a reporting round (and moving its deadline) and reopening an approved report are the
 * director's (and an admin's).
 */
export const canDirectReview = (user: Actor) => hasRole(user, ['director', 'admin']);

/**
 * Directions (kết luận chỉ đạo) are recorded at the review by the director, the planning
 * office (who keeps the minutes) and admins.
 */
export const canRecordDirection = (user: Actor) => hasRole(user, ['director', 'planner', 'admin']);

/**
 * Who reports progress on a direction: for a unit's, whoever may write that unit's report (its
 * leads, admins); for one to the whole institute (unitId null), no unit's lead — the director,
 * the planning office and admins.
 */
export function canReportDirection(
  user: Actor,
  unitId: number | null,
  units: readonly Unit[],
): boolean {
  if (unitId === null) return canRecordDirection(user);
  return canWriteActual(user, unitId, units);
}

/** Closing a direction or carrying it over to the next quarter is the director's (and an admin's). */
export const canDecideDirection = (user: Actor) => hasRole(user, ['director', 'admin']);

/**
 * The organisation-wide change log (nhật ký thay đổi: every unit's plans, figures, locks,
 * reports and directions, by whom and when) is read by the director, the planning office and
 * admins: those who answer for the whole institute's figures and compile its reviews. Others
 * see the history of one figure where they work with it, not everyone's changes. Changes to
 * accounts stay for admins' eyes only (`canManageUsers`).
 */
export const canViewChangeLog = (user: Actor) => hasRole(user, ['director', 'planner', 'admin']);

/** Users and units are managed by admins only. */
export const canManageUsers = (user: Actor) => hasRole(user, ['admin']);

/**
 * What a request asks to do, in the words of the rules above: the one vocabulary in which
 * the API's routes state their rights and the access tests state what each role may do.
 */
export type Action =
  /** Read figures, units, locks, the audit trail (each user sees what is theirs to see). */
  | { kind: 'read' }
  /** Log out: end the session one holds. */
  | { kind: 'endOwnSession' }
  /** Read one's own notifications and mark them read. */
  | { kind: 'ownNotifications' }
  | { kind: 'manageUsers' }
  | { kind: 'manageUnits' }
  /** Read the organisation-wide change log. */
  | { kind: 'viewChangeLog' }
  | { kind: 'writePlan' }
  | { kind: 'writeActual'; unitId: number }
  | { kind: 'lockQuarter' }
  | { kind: 'setThresholds' }
  | { kind: 'import' }
  /** Open a reporting round or move its deadline. */
  | { kind: 'openRound' }
  /** Save a unit's quarterly report (its actual with it) or submit it: who writes its actual. */
  | { kind: 'writeReport'; unitId: number }
  /** Approve a submitted report or return it. */
  | { kind: 'reviewReport' }
  /** Reopen an approved report. */
  | { kind: 'reopenReport' }
  /** Record a direction at the review meeting. */
  | { kind: 'recordDirection' }
  /** Report progress on a direction to a unit (null: to the whole institute). */
  | { kind: 'reportDirection'; unitId: number | null }
  /** Close a direction or carry it over. */
  | { kind: 'decideDirection' };

/** Whether `user` may do `action`; `units` is the unit tree, for rights that follow it. */
export function isAllowed(user: Actor, action: Action, units: readonly Unit[]): boolean {
  switch (action.kind) {
    case 'read':
    case 'endOwnSession':
    case 'ownNotifications':
      return !user.isDisabled;
    case 'manageUsers':
    case 'manageUnits':
      return canManageUsers(user);
    case 'viewChangeLog':
      return canViewChangeLog(user);
    case 'writePlan':
      return canWritePlan(user);
    case 'writeActual':
      return canWriteActual(user, action.unitId, units);
    case 'lockQuarter':
    case 'setThresholds':
      return canLockQuarter(user);
    case 'import':
      return canImport(user);
    case 'openRound':
    case 'reopenReport':
      return canDirectReview(user);
    case 'writeReport':
      return canWriteActual(user, action.unitId, units);
    case 'reviewReport':
      return canReviewReport(user);
    case 'recordDirection':
      return canRecordDirection(user);
    case 'reportDirection':
      return canReportDirection(user, action.unitId, units);
    case 'decideDirection':
      return canDecideDirection(user);
  }
}

/** The kinds of change the audit trail records (its `entity`), in the order a filter lists them. */
export const AUDIT_ENTITIES = [
  'plan',
  'actual',
  'report',
  'direction',
  'lock',
  'review',
  'unit',
  'user',
  'setting',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];
