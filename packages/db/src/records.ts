// What both engines share once a row is read: the records the Repository returns, and the
// keys and names they are found by. Rows are described by shape, so the SQLite and the
// PostgreSQL tables (same columns, in camelCase from drizzle) both fit; what the engines refuse
// is in rules.ts, the audit rows they write in audit-rows.ts.

import type { NotificationRecord, QuarterLock } from '@targetline/contract';
import {
  type Basis,
  type DirectionStatus,
  daysBetween,
  type Locale,
  type Quarter,
  type ReportState,
  type Role,
  type UnitKind,
  type User,
  vietnamDate,
} from '@targetline/core';
import { and, type Column, eq, type SQL } from 'drizzle-orm';
import type {
  ActualRecord,
  AuditEntry,
  DirectionFilter,
  DirectionRecord,
  MoveReportInput,
  PlanRecord,
  ReminderClaim,
  ReportKey,
  ReportRecord,
  ReportTexts,
  ReviewRound,
  SessionRecord,
  SettingRecord,
  UnitPatch,
  UnitRecord,
  UserAccount,
  UserPatch,
} from './repository';

/** Unit names arrive in NFC and NFD (macOS, some keyboards); store one form so they compare equal. */
export const normaliseName = (name: string) => name.normalize('NFC').trim();
/** Usernames compare without regard to case or Unicode form. */
export const normaliseUsername = (username: string) =>
  username.normalize('NFC').trim().toLowerCase();

export type Stamped = { version: number; updatedAt: string; updatedBy: string | null };

/** A plan's key, `unitId/year`: in maps of an import's figures and in its audit rows. */
export const planKeyOf = (input: { unitId: number; year: number }) =>
  `${input.unitId}/${input.year}`;
/** An actual's key, `unitId/year/quarter`. */
export const actualKeyOf = (input: { unitId: number; year: number; quarter: number }) =>
  `${input.unitId}/${input.year}/${input.quarter}`;

/** The columns a unit patch changes, its name normalised; version and updatedAt are the caller's. */
export const unitColumnsOf = (patch: UnitPatch) => ({
  ...(patch.name !== undefined && { name: normaliseName(patch.name) }),
  ...(patch.kind !== undefined && { kind: patch.kind }),
  ...(patch.parentId !== undefined && { parentId: patch.parentId }),
});

/** The users columns a patch changes (its unit ids are rows of user_units, not columns). */
export const userColumnsOf = (patch: UserPatch) => ({
  ...(patch.displayName !== undefined && { displayName: normaliseName(patch.displayName) }),
  ...(patch.role !== undefined && { role: patch.role }),
  ...(patch.isDisabled !== undefined && { isDisabled: patch.isDisabled }),
  ...(patch.passwordHash !== undefined && { passwordHash: patch.passwordHash }),
  ...(patch.email !== undefined && { email: patch.email }),
  ...(patch.locale !== undefined && { locale: patch.locale }),
});

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
    assignedPlan: number | null;
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
  assignedPlan: row.assignedPlan,
  quarterTargets: [row.q1Target, row.q2Target, row.q3Target, row.q4Target],
  version: row.version,
  updatedAt: row.updatedAt,
  updatedBy: row.updatedBy,
});

export const toActual = (
  row: Stamped & {
    unitId: number;
    year: number;
    quarter: number;
    amount: number;
    basis: Basis;
    estimateAmount: number | null;
  },
): ActualRecord => ({
  unitId: row.unitId,
  year: row.year,
  quarter: row.quarter as Quarter,
  amount: row.amount,
  basis: row.basis,
  estimateAmount: row.estimateAmount,
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
    email: string | null;
    locale: Locale;
    version: number;
  },
  unitIds: number[],
): UserAccount => ({
  id: row.id,
  username: row.username,
  displayName: row.displayName,
  role: row.role,
  unitIds,
  isDisabled: row.isDisabled,
  email: row.email,
  locale: row.locale,
  version: row.version,
});

/** A setting whose value the engine has already read as JSON (SQLite keeps text, PostgreSQL json). */
export const toSetting = (row: Stamped & { key: string; value: unknown }): SettingRecord => ({
  key: row.key,
  value: row.value,
  version: row.version,
  updatedAt: row.updatedAt,
  updatedBy: row.updatedBy,
});

/** An audit row whose old and new values the engine has already read as JSON (null: none). */
export const toAuditEntry = (row: AuditEntry): AuditEntry => ({
  id: row.id,
  at: row.at,
  actor: row.actor,
  actorName: row.actorName ?? null,
  entity: row.entity,
  entityKey: row.entityKey,
  unitId: row.unitId,
  unitName: row.unitName ?? null,
  year: row.year,
  quarter: row.quarter,
  oldValue: row.oldValue ?? null,
  newValue: row.newValue ?? null,
  comment: row.comment,
});

/** A session and its user, without the user id the row joins on. */
export const toSession = (row: Omit<SessionRecord, 'user'>, user: User): SessionRecord => ({
  tokenHash: row.tokenHash,
  csrfToken: row.csrfToken,
  createdAt: row.createdAt,
  lastSeenAt: row.lastSeenAt,
  expiresAt: row.expiresAt,
  user,
});

/** A new unit's row, its name normalised; the database gives the id and version 1. */
export const newUnitRow = (
  unit: { code: string; name: string; kind: UnitKind; parentId: number | null },
  at: string,
) => ({
  code: unit.code,
  name: normaliseName(unit.name),
  kind: unit.kind,
  parentId: unit.parentId,
  createdAt: at,
  updatedAt: at,
});

/** A new user's row, for a username already normalised (normaliseUsername). */
export const newUserRow = (
  user: {
    username: string;
    displayName: string;
    role: Role;
    passwordHash: string;
    email?: string | null;
    locale?: Locale;
  },
  at: string,
) => ({
  username: user.username,
  displayName: normaliseName(user.displayName),
  role: user.role,
  passwordHash: user.passwordHash,
  email: user.email ?? null,
  locale: user.locale ?? 'vi',
  createdAt: at,
  updatedAt: at,
});

/** A quarter lock's row: a system lock (no actor) is locked by 'system', the comment is why. */
export const newLockRow = (
  change: { year: number; quarter: number; actor: string | null; comment?: string | null },
  at: string,
) => ({
  year: change.year,
  quarter: change.quarter,
  lockedBy: change.actor ?? 'system',
  lockedAt: at,
  reason: change.comment ?? null,
});

/** A direction's row as both engines read it. */
export const toDirection = (row: {
  id: number;
  unitId: number | null;
  year: number;
  quarter: number;
  text: string;
  dueYear: number;
  dueQuarter: number;
  status: DirectionStatus;
  progressNote: string | null;
  version: number;
  createdAt: string;
  createdBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}): DirectionRecord => ({
  id: row.id,
  unitId: row.unitId,
  year: row.year,
  quarter: row.quarter as Quarter,
  text: row.text,
  dueYear: row.dueYear,
  dueQuarter: row.dueQuarter as Quarter,
  status: row.status,
  progressNote: row.progressNote,
  version: row.version,
  createdAt: row.createdAt,
  createdBy: row.createdBy,
  updatedAt: row.updatedAt,
  updatedBy: row.updatedBy,
});

/** A round's row as both engines read it. */
export const toRound = (row: {
  year: number;
  quarter: number;
  deadline: string;
  version: number;
  openedAt: string;
  openedBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
}): ReviewRound => ({
  year: row.year,
  quarter: row.quarter as Quarter,
  deadline: row.deadline,
  version: row.version,
  openedAt: row.openedAt,
  openedBy: row.openedBy,
  updatedAt: row.updatedAt,
  updatedBy: row.updatedBy,
});

/** A report's row as both engines read it (not_started is no row). */
export type ReportRow = Stamped &
  ReportTexts & {
    unitId: number;
    year: number;
    quarter: number;
    state: Exclude<ReportState, 'not_started'>;
    submittedAt: string | null;
    submittedBy: string | null;
    decidedAt: string | null;
    decidedBy: string | null;
    returnReason: string | null;
  };

/**
 * A report as the API answers it: its row (or not_started, empty, version 0, when there is
 * none) with the quarter's actual, which is the report's figure.
 */
export const toReport = (
  key: ReportKey,
  row: ReportRow | null,
  actual: ActualRecord | null,
): ReportRecord => ({
  unitId: key.unitId,
  year: key.year,
  quarter: key.quarter,
  state: row?.state ?? 'not_started',
  basis: actual?.basis ?? null,
  amount: actual?.amount ?? null,
  estimateAmount: actual?.estimateAmount ?? null,
  actualVersion: actual?.version ?? 0,
  results: row?.results ?? '',
  causes: row?.causes ?? '',
  difficulties: row?.difficulties ?? '',
  proposals: row?.proposals ?? '',
  nextQuarterExpected: row?.nextQuarterExpected ?? null,
  submittedAt: row?.submittedAt ?? null,
  submittedBy: row?.submittedBy ?? null,
  decidedAt: row?.decidedAt ?? null,
  decidedBy: row?.decidedBy ?? null,
  returnReason: row?.returnReason ?? null,
  version: row?.version ?? 0,
  updatedAt: row?.updatedAt ?? null,
  updatedBy: row?.updatedBy ?? null,
});

/**
 * A quarter's reports, ascending by unit: one for each unit with a report row or an actual,
 * matched by unit in one pass (a quarter close has a thousand of each).
 */
export function quarterReports(
  year: number,
  quarter: Quarter,
  rows: readonly ReportRow[],
  figures: readonly ActualRecord[],
): ReportRecord[] {
  const rowOf = new Map(rows.map((r) => [r.unitId, r]));
  const figureOf = new Map(figures.map((a) => [a.unitId, a]));
  return [...new Set([...rowOf.keys(), ...figureOf.keys()])]
    .sort((a, b) => a - b)
    .map((unitId) =>
      toReport({ unitId, year, quarter }, rowOf.get(unitId) ?? null, figureOf.get(unitId) ?? null),
    );
}

/** A report's key, `unitId/year/quarter`, as an actual's. */
export const reportKeyOf = actualKeyOf;

/** The columns a move changes: the state, and who submitted or decided, when and why. */
export const reportMoveColumnsOf = (
  input: Pick<MoveReportInput, 'action' | 'actor' | 'reason'>,
  state: Exclude<ReportState, 'not_started'>,
  at: string,
) => {
  if (input.action === 'submit') return { state, submittedAt: at, submittedBy: input.actor };
  if (input.action === 'approve') return { state, decidedAt: at, decidedBy: input.actor };
  return { state, decidedAt: at, decidedBy: input.actor, returnReason: input.reason };
};

/** The texts a saved draft writes. */
export const reportTextColumnsOf = (input: ReportTexts): ReportTexts => ({
  results: input.results,
  causes: input.causes,
  difficulties: input.difficulties,
  proposals: input.proposals,
  nextQuarterExpected: input.nextQuarterExpected,
});

/** A notification row with its unit (as named now), as the API answers it. */
export const toNotification = (
  row: {
    id: number;
    kind: NotificationRecord['kind'];
    year: number;
    quarter: number;
    unitId: number | null;
    reason: string | null;
    deadline: string | null;
    createdAt: string;
    readAt: string | null;
  },
  unit: { code: string; name: string } | null,
): NotificationRecord => ({
  id: row.id,
  kind: row.kind,
  createdAt: row.createdAt,
  readAt: row.readAt,
  year: row.year,
  quarter: row.quarter,
  unitId: row.unitId,
  unitCode: unit?.code ?? null,
  unitName: unit?.name ?? null,
  reason: row.reason,
  deadline: row.deadline,
  // A reminder says how many days were left when it was written, in Vietnam's calendar.
  daysLeft:
    row.kind === 'deadline_near' && row.deadline !== null
      ? daysBetween(vietnamDate(new Date(row.createdAt)), row.deadline)
      : null,
});

/**
 * Reminder claims in the order of their key: every process inserts them in this order, so two
 * claiming the same reminders at once wait for each other instead of deadlocking.
 */
export const inKeyOrder = (claims: readonly ReminderClaim[]): ReminderClaim[] =>
  [...claims].sort(
    (a, b) =>
      a.year - b.year ||
      a.quarter - b.quarter ||
      a.unitId - b.unitId ||
      a.userId - b.userId ||
      (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
      (a.day < b.day ? -1 : a.day > b.day ? 1 : 0),
  );

/** The filter's conditions on either engine's directions table (same columns, same names). */
export const directionsWhere = (
  columns: Record<keyof DirectionFilter, Column>,
  filter: DirectionFilter,
): SQL | undefined =>
  and(
    ...(Object.keys(columns) as Array<keyof DirectionFilter>).map((key) =>
      filter[key] === undefined ? undefined : eq(columns[key], filter[key]),
    ),
  );
