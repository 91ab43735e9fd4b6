// The records every read answers with are the API's answers: stated once, in the contract.
import type {
  ActualRecord,
  AuditEntry as AuditAnswer,
  PlanRecord,
  QuarterLock,
  UnitRecord,
  YearEntries,
} from '@targetline/contract';
import type { PlanEntry, Quarter, Role, UnitKind, User } from '@targetline/core';

export type { ActualRecord, PlanRecord, QuarterLock, UnitRecord, YearEntries };

export type UnitPatch = { name?: string; kind?: UnitKind; parentId?: number | null };

type Change = {
  /** Username of whoever makes the change; null only for system writes (seed, migration). */
  actor: string | null;
  comment?: string | null;
};

/**
 * The version the writer started from: 0 when the figure did not exist yet. A different
 * current version throws CONFLICT with the current record. Undefined skips the check, for
 * system writes only.
 */
type Versioned = { expectedVersion?: number };

export type SavePlanInput = Change &
  Versioned & {
    unitId: number;
    year: number;
    annualPlan: number;
    quarterTargets: PlanEntry['quarterTargets'];
  };

export type SaveActualInput = Change &
  Versioned & {
    unitId: number;
    year: number;
    quarter: Quarter;
    amount: number;
  };

export type NewUnit = {
  code: string;
  name: string;
  kind: UnitKind;
  /** Code of the parent unit; null for the root. */
  parentCode: string | null;
};

export type SeedOrganisation = {
  units: NewUnit[];
  plans: Array<{
    unitCode: string;
    year: number;
    annualPlan: number;
    quarterTargets: PlanEntry['quarterTargets'];
  }>;
  actuals: Array<{ unitCode: string; year: number; quarter: Quarter; amount: number }>;
  users?: Array<{
    username: string;
    displayName: string;
    role: Role;
    unitCodes: string[];
    passwordHash: string;
  }>;
};

/** What a change was to: the audit row's `entity`, which the API answers as a string. */
export type AuditEntity = 'plan' | 'actual' | 'unit' | 'user' | 'lock' | 'setting';

/** An audit row as the API answers it, with its entity named. */
export type AuditEntry = Omit<AuditAnswer, 'entity'> & { entity: AuditEntity };

export type AuditFilter = {
  unitId?: number;
  year?: number;
  quarter?: number;
  entity?: AuditEntry['entity'];
  /** Only these kinds of change (e.g. everything but users, for non-admins). */
  entities?: Array<AuditEntry['entity']>;
  limit?: number;
  /** Only rows older than this id (the previous page's last id). */
  beforeId?: number;
};

export type NewUser = Change & {
  username: string;
  displayName: string;
  role: Role;
  unitIds: number[];
  passwordHash: string;
};

export type UserPatch = {
  displayName?: string;
  role?: Role;
  unitIds?: number[];
  isDisabled?: boolean;
  passwordHash?: string;
};

export type SettingRecord = {
  key: string;
  value: unknown;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
};

export type SessionRecord = {
  tokenHash: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  user: User;
};

export type NewSession = Omit<SessionRecord, 'user'> & { userId: number };

export type RateLimitHit = {
  /** Attempts in the current window, this one included. */
  count: number;
  /** Milliseconds until the window ends and the count starts again from 0. */
  ttlMs: number;
};

/**
 * Everything the API asks of storage. Async so that the PostgreSQL engine of the
 * scale-out issue can stand behind the same functions.
 */
export type Repository = {
  /**
   * Changes whenever any committed write could have changed what reads return, from this
   * process or another one sharing the database: the key of every read cache.
   */
  dataVersion(): Promise<string>;
  listUnits(): Promise<UnitRecord[]>;
  getUnit(id: number): Promise<UnitRecord | null>;
  /** CONFLICT when the code is taken, in any case; NOT_FOUND for an unknown parent. Audited. */
  createUnit(
    input: Change & { code: string; name: string; kind: UnitKind; parentId: number | null },
  ): Promise<UnitRecord>;
  /**
   * Renames or moves a unit, audited. A move under itself or a descendant is refused
   * (CONFLICT, field parentId): the tree must stay a tree. There is always one root.
   */
  updateUnit(input: Change & Versioned & { id: number; patch: UnitPatch }): Promise<UnitRecord>;
  /** Years with any plan or actual, ascending. */
  listYears(): Promise<number[]>;
  /** Each unit's own entered figures for the year (not rolled up). */
  getYearEntries(year: number): Promise<YearEntries>;
  /**
   * Creates or replaces a unit's plan, with its audit row, in one transaction.
   * NOT_FOUND on an unknown unit; CONFLICT on a stale version; LOCKED when the change
   * touches a target of a locked quarter.
   */
  savePlan(input: SavePlanInput): Promise<PlanRecord>;
  /** Creates or replaces one quarter's actual, with its audit row; errors as savePlan. */
  saveActual(input: SaveActualInput): Promise<ActualRecord>;
  /**
   * Saves many plans and actuals in one transaction, each with its version check, lock check
   * and audit row: all or nothing.
   */
  applyImport(input: { plans: SavePlanInput[]; actuals: SaveActualInput[] }): Promise<{
    plans: PlanRecord[];
    actuals: ActualRecord[];
  }>;
  /** Newest first. */
  listAudit(filter: AuditFilter): Promise<AuditEntry[]>;

  listUsers(): Promise<User[]>;
  getUser(id: number): Promise<User | null>;
  /** With the password hash, for the log-in check only. */
  findUserForLogin(username: string): Promise<(User & { passwordHash: string }) | null>;
  /** CONFLICT when the username is taken; NOT_FOUND for an unknown unit. */
  createUser(input: NewUser): Promise<User>;
  /**
   * Changes a user, audited. Disabling them or changing their password ends their sessions
   * in the same transaction. CONFLICT with reason 'last_admin' (field role or isDisabled) when
   * no enabled admin would be left; checked in the write's transaction, concurrent changes
   * to admins serialised.
   */
  updateUser(input: Change & Versioned & { id: number; patch: UserPatch }): Promise<User>;

  createSession(input: NewSession): Promise<void>;
  /** The session with its user, or null when unknown. Expiry is the caller's rule. */
  findSession(tokenHash: string): Promise<SessionRecord | null>;
  touchSession(tokenHash: string, lastSeenAt: string): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Removes sessions past their absolute end or idle since before `idleSince`. */
  deleteExpiredSessions(now: string, idleSince: string): Promise<number>;

  listLocks(year?: number): Promise<QuarterLock[]>;
  /** CONFLICT when the quarter is already locked. */
  lockQuarter(input: Change & { year: number; quarter: Quarter }): Promise<QuarterLock>;
  /** NOT_FOUND when the quarter is not locked. A reason is required by the API. */
  unlockQuarter(input: Change & { year: number; quarter: Quarter }): Promise<void>;

  /** A setting's JSON value with its version; null when never set. */
  getSetting(key: string): Promise<SettingRecord | null>;
  /** Creates or replaces a setting, versioned (0 for a new one) and audited. */
  saveSetting(input: Change & Versioned & { key: string; value: unknown }): Promise<SettingRecord>;

  /**
   * Counts one attempt under `key` (e.g. a log-in for a username) in a fixed window of
   * `windowMs` that starts with the window's first attempt; returns the attempts counted in the
   * current window, this one included, and the milliseconds until it ends. Atomic across every
   * process sharing the database. Optional: only engines that several API processes share
   * have it (PostgreSQL); a single process keeps its counters in memory.
   */
  hitRateLimit?(input: { key: string; windowMs: number }): Promise<RateLimitHit>;

  /**
   * Loads an organisation into an empty database, in one transaction. Returns false and
   * writes nothing when any unit already exists, so it never overwrites real data.
   */
  seedIfEmpty(org: SeedOrganisation): Promise<boolean>;
  close(): Promise<void>;
};
