import type { Amount, Quarter, QuarterSummary, Role, Unit } from '@targetline/core';

/** Response types of the endpoints whose shapes core does not define. */

export type HealthResponse = { status: 'ok' };

export type UnitsResponse = Unit[];

/** Years that have any plan or actual, ascending. */
export type YearsResponse = number[];

export type QuarterTargets = [Amount | null, Amount | null, Amount | null, Amount | null];

/** Who saved a figure last and when; `version` is what a change must send back. */
type Versioned = {
  version: number;
  /** ISO date-time of the last change. */
  updatedAt: string;
  /** Username of whoever saved it last; null for the seed. */
  updatedBy: string | null;
};

export type PlanEntryResponse = Versioned & {
  unitId: number;
  year: number;
  annualPlan: Amount;
  quarterTargets: QuarterTargets;
};

export type ActualEntryResponse = Versioned & {
  unitId: number;
  year: number;
  quarter: Quarter;
  amount: Amount;
};

/** Each unit's own entered figures for a year (not rolled up), to pre-fill the forms. */
export type EntriesResponse = {
  year: number;
  plans: PlanEntryResponse[];
  actuals: ActualEntryResponse[];
};

export type SavePlanInput = {
  unitId: number;
  year: number;
  annualPlan: Amount;
  quarterTargets: QuarterTargets;
  /** The version the user started from; 0 when the unit has no plan for the year yet. */
  version: number;
  /** Why the figure changed, kept in the change history. */
  comment?: string | undefined;
};

export type SaveActualInput = {
  unitId: number;
  year: number;
  quarter: Quarter;
  amount: Amount;
  /** The version the user started from; 0 when no actual exists yet. */
  version: number;
  comment?: string | undefined;
};

/** The logged-in user as the API shows them (never a password or hash). */
export type SessionUser = {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** The units a unit lead leads; empty for the other roles. */
  unitIds: number[];
};

export type Session = {
  user: SessionUser;
  /** Sent back as `x-csrf-token` on every write. */
  csrfToken: string;
};

export type LoginInput = { username: string; password: string };

export type QuarterLock = {
  year: number;
  quarter: Quarter;
  /** Username of whoever locked it. */
  lockedBy: string;
  lockedAt: string;
  reason: string | null;
};

export type LockInput = { year: number; quarter: Quarter; comment?: string | undefined };
export type UnlockInput = { year: number; quarter: Quarter; reason: string };

/** One row of the change history. `oldValue`/`newValue` are the records before and after (null when created or removed). */
export type AuditEntry = {
  id: number;
  at: string;
  actor: string | null;
  entity: string;
  entityKey: string;
  unitId: number | null;
  year: number | null;
  quarter: number | null;
  oldValue: unknown;
  newValue: unknown;
  comment: string | null;
};

export type AuditPage = {
  entries: AuditEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: number | null;
};

export type AuditFilter = { unitId: number; year: number; quarter: Quarter };

/** The pace thresholds as `/api/settings/pace` keeps them; `version` is sent back on a change (0 the first time). */
export type PaceSettings = { onTrack: number; atRisk: number; version: number };

/** One year of a unit's figures, rolled up, from `/api/units/{id}/history` (oldest year first). */
export type UnitHistoryYear = {
  year: number;
  annualPlan: Amount | null;
  /** The plan as first set, before any revision. */
  originalPlan: Amount | null;
  ytdActual: Amount | null;
  achieved: number | null;
  quarters: QuarterSummary[];
};
