// The rules both engines apply to a write, and the refusals they throw when one is broken:
// written once so that SQLite and PostgreSQL refuse the same things with the same DbError
// (code, message, field, reason, details). The engines only read what a rule needs.

import type { QuarterLock } from '@targetline/contract';
import {
  type Basis,
  type DirectionStatus,
  fill,
  formatPercent,
  isCausesRequired,
  isDirectionMoveAllowed,
  isProgressStatus,
  nextQuarterOf,
  nextReportState,
  type PlanEntry,
  type Quarter,
  type ReportAction,
  type ReportState,
  type Role,
  ratio,
  subtreeUnitIds,
  type Unit,
  type User,
  wordsFor,
} from '@targetline/core';
import { DbError } from './errors';
import type { Stamped } from './records';
import type {
  ActualRecord,
  DirectionRecord,
  MoveReportInput,
  ReportRecord,
  ReviewRound,
  SaveReportInput,
  UnitPatch,
  UserPatch,
} from './repository';

/** Unknown units named by a write (a figure's unit, a parent, a user's units): 404 on `field`. */
export const refuseUnknownUnits = (unitIds: number[], field: string): never => {
  throw new DbError('NOT_FOUND', `Unit ${unitIds.join(', ')} does not exist`, { field });
};

/** The unit or user a change names by id does not exist: 404 on `id`. */
export const refuseUnknown = (what: 'Unit' | 'User', id: number): never => {
  throw new DbError('NOT_FOUND', `${what} ${id} does not exist`, { field: 'id' });
};

/**
 * The version the writer started from against the one stored (0 when there is none yet):
 * a difference is a CONFLICT carrying the current record. Undefined skips the check (system
 * writes only).
 */
export const checkVersion = <T extends Stamped>(
  expected: number | undefined,
  current: T | null,
) => {
  if (expected === undefined) return;
  const actual = current?.version ?? 0;
  if (expected !== actual) {
    const who = current ? ` by ${current.updatedBy ?? 'the system'} at ${current.updatedAt}` : '';
    throw new DbError(
      'CONFLICT',
      `This figure was changed${who} since you loaded it (your version ${expected}, now ${actual})`,
      { field: 'version', details: { current } },
    );
  }
};

/**
 * A unit's or user's version against the one the writer loaded: a difference is a CONFLICT
 * carrying the current record. Undefined skips the check (system writes only).
 */
export const checkEditVersion = (
  what: 'unit' | 'user',
  expected: number | undefined,
  current: { version: number },
) => {
  if (expected !== undefined && expected !== current.version) {
    throw new DbError('CONFLICT', `This ${what} was changed since you loaded it`, {
      field: 'version',
      details: { current },
    });
  }
};

/**
 * The quarters whose target a plan changes, ascending: only those must be unlocked (a locked
 * quarter's target may be sent again unchanged).
 */
export const quartersChangedBy = (
  old: Pick<PlanEntry, 'quarterTargets'> | null,
  quarterTargets: PlanEntry['quarterTargets'],
): Quarter[] =>
  quarterTargets.flatMap((target, i) =>
    target === (old?.quarterTargets[i] ?? null) ? [] : [(i + 1) as Quarter],
  );

/**
 * The assigned plan a save leaves: the one sent, or, where the save does not say (absent), the
 * one saved before (null for a new plan). It is an annual figure, so no quarter lock holds it.
 */
export const assignedPlanOf = (
  input: { assignedPlan?: number | null },
  old: { assignedPlan: number | null } | null,
): number | null =>
  input.assignedPlan === undefined ? (old?.assignedPlan ?? null) : input.assignedPlan;

/** A write into a locked quarter: 423 with who locked it, when and why. */
export const refuseLocked = (lock: QuarterLock): never => {
  throw new DbError(
    'LOCKED',
    `Quarter ${lock.quarter}/${lock.year} was locked by ${lock.lockedBy} at ${lock.lockedAt}`,
    { field: 'quarter', details: lock },
  );
};

/** Locking a quarter that is locked already: CONFLICT with the lock that stands. */
export const refuseAlreadyLocked = (lock: QuarterLock): never => {
  throw new DbError(
    'CONFLICT',
    `Quarter ${lock.quarter}/${lock.year} is already locked by ${lock.lockedBy} at ${lock.lockedAt}`,
    { field: 'quarter', details: lock },
  );
};

/** Unlocking a quarter that is not locked: 404. */
export const refuseNotLocked = (year: number, quarter: number): never => {
  throw new DbError('NOT_FOUND', `Quarter ${quarter}/${year} is not locked`, {
    field: 'quarter',
  });
};

/**
 * A unit code already used, without regard to case: "tt-atm" beside "TT-ATM" would be a
 * look-alike. CONFLICT (409) on `code`, naming the code that holds it.
 */
export const refuseTakenCode = (code: string, existing: string): never => {
  throw new DbError(
    'CONFLICT',
    existing === code
      ? `The unit code ${code} is taken`
      : `The unit code ${code} is taken: ${existing} differs from it only in case, and codes are compared without regard to case`,
    { field: 'code' },
  );
};

/** A second unit without a parent: there is one root. */
export const refuseSecondRoot = (): never => {
  throw new DbError('CONFLICT', 'The organisation already has its root unit', {
    field: 'parentId',
  });
};

/**
 * The parent a patch moves a unit to, or null when it does not move it. The root stays the
 * root and no other unit becomes one (CONFLICT on parentId); whether the new parent exists and
 * lies outside the unit's subtree is the caller's next check (refuseCycle).
 */
export const newParentOf = (old: Pick<Unit, 'parentId'>, patch: UnitPatch): number | null => {
  if (patch.parentId === undefined || patch.parentId === old.parentId) return null;
  if (patch.parentId === null || old.parentId === null) {
    throw new DbError('CONFLICT', 'The root unit stays the root', { field: 'parentId' });
  }
  return patch.parentId;
};

/** A move under the unit itself or one of its descendants: the tree must stay a tree. */
export const refuseCycle = (all: Unit[], id: number, parentId: number) => {
  if (subtreeUnitIds(all, [id]).has(parentId)) {
    throw new DbError('CONFLICT', 'A unit cannot move under itself or one of its own units', {
      field: 'parentId',
    });
  }
};

/** A username already used, without regard to case or Unicode form: CONFLICT on `username`. */
export const refuseTakenUsername = (username: string): never => {
  throw new DbError('CONFLICT', `The username ${username} is taken`, { field: 'username' });
};

/**
 * A patch that could take an admin away, whoever it is applied to: PostgreSQL locks the
 * enabled admins before such a change (see adminRemovedBy for the user it is applied to).
 */
export const mayRemoveAdmin = (patch: { role?: Role; isDisabled?: boolean }) =>
  (patch.role !== undefined && patch.role !== 'admin') || patch.isDisabled === true;

/** A disabled user or a changed password must not keep a session anywhere. */
export const endsSessions = (patch: UserPatch) =>
  patch.isDisabled === true || patch.passwordHash !== undefined;

/**
 * The field of a change that would take an enabled admin away (their role, or disabling
 * them), or null when the user stays an enabled admin or was none.
 */
export function adminRemovedBy(
  user: Pick<User, 'role' | 'isDisabled'>,
  patch: { role?: Role; isDisabled?: boolean },
): 'role' | 'isDisabled' | null {
  if (user.role !== 'admin' || user.isDisabled) return null;
  if (patch.role !== undefined && patch.role !== 'admin') return 'role';
  if (patch.isDisabled === true) return 'isDisabled';
  return null;
}

/**
 * Nobody else is an enabled admin: the change would leave no one able to manage users and
 * units, not even to undo it (CONFLICT on the field, reason last_admin).
 */
export const refuseLastAdmin = (
  user: Pick<User, 'username'>,
  field: 'role' | 'isDisabled',
): never => {
  throw new DbError(
    'CONFLICT',
    `${user.username} is the last enabled administrator: ${field === 'role' ? 'with another role' : 'disabled'}, nobody could manage users and units any more. Make another user an administrator first.`,
    { field, reason: 'last_admin' },
  );
};

/**
 * The basis an actual is saved with (absent: final) and the estimate it keeps: a final that
 * replaces an estimate keeps the estimate's amount readable (estimateAmount), a later final
 * keeps it still; an estimate holds its amount in `amount` and keeps none. PostgreSQL's
 * save_actuals (drizzle-pg/0008_save_actuals.sql) applies the same rule in SQL.
 */
export const basisColumnsOf = (
  input: { basis?: Basis },
  old: Pick<ActualRecord, 'basis' | 'amount' | 'estimateAmount'> | null,
): { basis: Basis; estimateAmount: number | null } => {
  const basis = input.basis ?? 'final';
  if (basis === 'estimate') return { basis, estimateAmount: null };
  return {
    basis,
    estimateAmount: old?.basis === 'estimate' ? old.amount : (old?.estimateAmount ?? null),
  };
};

const reviewWords = wordsFor('en').review;

/** A round's version against the one the writer read (0: no round yet): CONFLICT with the current round. */
export const checkRoundVersion = (expected: number | undefined, current: ReviewRound | null) => {
  if (expected === undefined) return;
  const actual = current?.version ?? 0;
  if (expected !== actual) {
    throw new DbError('CONFLICT', fill(reviewWords.roundChanged, { expected, current: actual }), {
      field: 'version',
      details: { current },
    });
  }
};

/** A report's (or its actual's) version against the one read: CONFLICT with the current report. */
const checkReportVersion = (
  field: 'version' | 'actualVersion',
  expected: number,
  actual: number,
  current: ReportRecord,
) => {
  if (expected !== actual) {
    throw new DbError(
      'CONFLICT',
      fill(field === 'version' ? reviewWords.reportChanged : reviewWords.figureChanged, {
        expected,
        current: actual,
      }),
      { field, details: { current } },
    );
  }
};

/** An action the report's state does not allow: 409 `state`, with the current report. */
const refuseState = (current: ReportRecord, action: ReportAction): never => {
  throw new DbError(
    'CONFLICT',
    fill(reviewWords.wrongState, {
      action: reviewWords.actions[action],
      state: reviewWords.states[current.state],
    }),
    { field: 'state', reason: 'state', details: { current } },
  );
};

/**
 * The checks of a draft's save, in the order every write makes them: the versions (CONFLICT),
 * the quarter's lock (LOCKED), the state (CONFLICT 'state': submitted and approved reports are
 * frozen). Returns the state the save leads to.
 */
export const checkReportSave = (
  input: SaveReportInput,
  current: ReportRecord,
  lock: QuarterLock | null,
) => {
  checkReportVersion('version', input.expectedVersion, current.version, current);
  checkReportVersion('actualVersion', input.expectedActualVersion, current.actualVersion, current);
  if (lock) refuseLocked(lock);
  const next = nextReportState(current.state, 'save');
  if (next === null || next === 'not_started') return refuseState(current, 'save');
  return next;
};

/**
 * The checks of a move (submit, approve, return, reopen): version, lock, state as a save's,
 * then at submission the causes rule: below the at-risk threshold of the quarter's own target,
 * empty causes are a BAD_REQUEST on `causes`. Returns the state the move leads to.
 */
export const checkReportMove = (
  input: MoveReportInput,
  current: ReportRecord,
  { lock, target }: { lock: QuarterLock | null; target: number | null },
) => {
  checkReportVersion('version', input.expectedVersion, current.version, current);
  if (lock) refuseLocked(lock);
  const next = nextReportState(current.state, input.action);
  if (next === null || next === 'not_started') return refuseState(current, input.action);
  if (
    input.action === 'submit' &&
    current.causes.trim() === '' &&
    isCausesRequired({ actual: current.amount, target, atRisk: input.atRisk })
  ) {
    throw new DbError(
      'BAD_REQUEST',
      fill(reviewWords.causesRequired, {
        achieved: formatPercent(ratio(current.amount, target), 'en'),
        threshold: formatPercent(input.atRisk, 'en'),
      }),
      { field: 'causes', reason: 'causes_required' },
    );
  }
  return next;
};

/**
 * A figure changed outside its quarterly report (PUT /actuals): refused while the report is
 * submitted (the reviewers are reading that figure); once it is approved only a final figure
 * may replace it (the books close after the review meeting), not another estimate. CONFLICT
 * with reason 'state' on `amount`. Drafts, returned reports and quarters without a report are
 * free: the report's actualVersion check sees the change. PostgreSQL's save_actuals
 * (drizzle-pg/0008_save_actuals.sql) applies the same rule in SQL; this function words it.
 */
export const checkFigureNotFrozen = (state: ReportState | null, basis: Basis | undefined) => {
  if (state === 'submitted' || (state === 'approved' && (basis ?? 'final') !== 'final')) {
    throw new DbError(
      'CONFLICT',
      fill(reviewWords.figureFrozen, { state: reviewWords.states[state] }),
      { field: 'amount', reason: 'state' },
    );
  }
};

const directionWords = wordsFor('en').directions;

/**
 * What a direction becomes when `status` is asked for with `note`, by the rules of core's
 * directions.ts: NOT_FOUND for none; CONFLICT with the current direction on a stale version;
 * CONFLICT (reason 'state') for a closed one or a move back to open. Progress replaces the
 * note; a decision keeps the lead's note, and carrying over moves the due quarter on by one.
 */
export const nextDirection = ({
  id,
  current,
  expectedVersion,
  status,
  note,
}: {
  id: number;
  current: DirectionRecord | null;
  expectedVersion: number | undefined;
  status: DirectionStatus;
  note: string;
}): Pick<DirectionRecord, 'status' | 'progressNote' | 'dueYear' | 'dueQuarter'> => {
  if (!current) {
    throw new DbError('NOT_FOUND', fill(directionWords.notFound, { id }), { field: 'id' });
  }
  if (expectedVersion !== undefined && expectedVersion !== current.version) {
    throw new DbError(
      'CONFLICT',
      fill(directionWords.changed, { expected: expectedVersion, current: current.version }),
      { field: 'version', details: { current } },
    );
  }
  if (!isDirectionMoveAllowed(current.status, status)) {
    throw new DbError(
      'CONFLICT',
      current.status === 'closed' ? directionWords.closedFinal : directionWords.openNotAllowed,
      { field: 'status', reason: 'state', details: { current } },
    );
  }
  const due =
    status === 'carried_over'
      ? nextQuarterOf(current.dueYear, current.dueQuarter)
      : { year: current.dueYear, quarter: current.dueQuarter };
  const trimmed = note.trim();
  return {
    status,
    progressNote: isProgressStatus(status) ? trimmed || null : current.progressNote,
    dueYear: due.year,
    dueQuarter: due.quarter,
  };
};
