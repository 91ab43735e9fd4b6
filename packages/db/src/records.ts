// What both engines share once a row is read: the records the Repository returns and the
// refusals it throws. Rows are described by shape, so the SQLite and the PostgreSQL tables
// (same columns, in camelCase from drizzle) both fit.
import type { Quarter, QuarterLock, Role, UnitKind, User } from '@targetline/core';
import { DbError } from './errors';
import type { ActualRecord, PlanRecord, UnitRecord } from './repository';

/** Unit names arrive in NFC and NFD (macOS, some keyboards); store one form so they compare equal. */
export const normaliseName = (name: string) => name.normalize('NFC').trim();
/** Usernames compare without regard to case or Unicode form. */
export const normaliseUsername = (username: string) =>
  username.normalize('NFC').trim().toLowerCase();

type Stamped = { version: number; updatedAt: string; updatedBy: string | null };

export const toUnit = (row: {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  kind: UnitKind;
  version: number;
}): UnitRecord => ({
  id: row.id,
  code: row.code,
  name: row.name,
  parentId: row.parentId,
  kind: row.kind,
  version: row.version,
});

export const toPlan = (
  row: Stamped & {
    unitId: number;
    year: number;
    annualPlan: number;
    originalAnnualPlan: number;
    q1Target: number | null;
    q2Target: number | null;
    q3Target: number | null;
    q4Target: number | null;
  },
): PlanRecord => ({
  unitId: row.unitId,
  year: row.year,
  annualPlan: row.annualPlan,
  originalAnnualPlan: row.originalAnnualPlan,
  quarterTargets: [row.q1Target, row.q2Target, row.q3Target, row.q4Target],
  version: row.version,
  updatedAt: row.updatedAt,
  updatedBy: row.updatedBy,
});

export const toActual = (
  row: Stamped & { unitId: number; year: number; quarter: number; amount: number },
): ActualRecord => ({
  unitId: row.unitId,
  year: row.year,
  quarter: row.quarter as Quarter,
  amount: row.amount,
  version: row.version,
  updatedAt: row.updatedAt,
  updatedBy: row.updatedBy,
});

export const toLock = (row: {
  year: number;
  quarter: number;
  lockedBy: string;
  lockedAt: string;
  reason: string | null;
}): QuarterLock => ({
  year: row.year,
  quarter: row.quarter as Quarter,
  lockedBy: row.lockedBy,
  lockedAt: row.lockedAt,
  reason: row.reason,
});

export const toUser = (
  row: {
    id: number;
    username: string;
    displayName: string;
    role: Role;
    isDisabled: boolean;
    version: number;
  },
  unitIds: number[],
): User => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  role: row.role,
  unitIds,
  isDisabled: row.isDisabled,
  version: row.version,
});

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

/** A write into a locked quarter: 423 with who locked it, when and why. */
export const refuseLocked = (lock: QuarterLock): never => {
  throw new DbError(
    'LOCKED',
    `Quarter ${lock.quarter}/${lock.year} was locked by ${lock.lockedBy} at ${lock.lockedAt}`,
    { field: 'quarter', details: lock },
  );
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
