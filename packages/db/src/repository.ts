// The records every read answers with are the API's answers: stated once, in the contract.
import type {
  ActualRecord,
  AuditActor,
  AuditEntry as AuditAnswer,
  Direction,
  NotificationKind,
  NotificationRecord,
  PlanRecord,
  QuarterLock,
  ReportRecord,
  UnitRecord,
  YearEntries,
} from '@targetline/contract';
import type {
  Basis,
  DirectionStatus,
  Locale,
  PlanEntry,
  Quarter,
  ReminderKind,
  ReportState,
  Role,
  UnitKind,
  User,
} from '@targetline/core';

export type {
  ActualRecord,
  NotificationRecord,
  PlanRecord,
  QuarterLock,
  ReportRecord,
  UnitRecord,
  YearEntries,
};

/** A user as stored: with where their mail goes (null: nowhere) and its language. */
export type UserAccount = User & { email: string | null; locale: Locale };

/**
 * A notification to write in the transaction of the write that causes it (what happened, never
 * a sentence). A mail for it is queued in the same transaction when its user has an address.
 */
export type NewNotification = {
  userId: number;
  kind: NotificationKind;
  year: number;
  quarter: Quarter;
  unitId: number | null;
  reason?: string | null;
  deadline?: string | null;
};

/** A reminder to claim: unique by year, quarter, unit, user, kind and day across every process. */
export type ReminderClaim = {
  year: number;
  quarter: Quarter;
  unitId: number;
  userId: number;
  kind: ReminderKind;
  /** The day it is meant for ("YYYY-MM-DD", Asia/Ho_Chi_Minh). */
  day: string;
  deadline: string;
};

/** A queued mail handed to the sender: its recipient as they are now and what it says. */
export type OutboxMail = {
  id: number;
  /** Tries before this one. */
  attempts: number;
  to: string;
  locale: Locale;
  displayName: string;
  notification: NotificationRecord;
};

export type DeliverMailInput = {
  /** Sends one mail; a throw leaves it queued for a later try. */
  send: (mail: OutboxMail) => Promise<void>;
  /** At most this many mails in one run. */
  limit: number;
  /** How long to wait before trying a failed mail again, after `attempts` tries. */
  retryDelayMs: (attempts: number) => number;
  /** A mail queued longer ago than this is dropped, not sent (e.g. queued while mail was off). */
  maxAgeMs: number;
};

export type DeliverMailResult = { sent: number; failed: number; dropped: number };

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
    /**
     * The plan the parent group assigned: absent keeps the saved one (an import, a client that
     * does not send it), null clears it. Saved on the plan's version, in its audit row.
     */
    assignedPlan?: number | null;
    quarterTargets: PlanEntry['quarterTargets'];
  };

export type SaveActualInput = Change &
  Versioned & {
    unitId: number;
    year: number;
    quarter: Quarter;
    amount: number;
    /** Absent: final. A final replacing an estimate keeps the estimate (estimateAmount). */
    basis?: Basis;
  };

/**
 * A director's direction (kết luận chỉ đạo) as stored: the API adds the unit's code and name.
 * `unitId` null: the whole institute.
 */
export type DirectionRecord = Omit<Direction, 'unitCode' | 'unitName'>;

/** Which directions to list; see the contract's DirectionsQuery. */
export type DirectionFilter = {
  year?: number;
  quarter?: Quarter;
  unitId?: number;
  dueYear?: number;
  dueQuarter?: Quarter;
};

/** A quarter's reporting round: its deadline ("YYYY-MM-DD") and who opened and last moved it. */
export type ReviewRound = {
  year: number;
  quarter: Quarter;
  deadline: string;
  version: number;
  openedAt: string;
  openedBy: string | null;
  updatedAt: string;
  updatedBy: string | null;
};

/** A report's key: the unit, the year and the quarter. */
export type ReportKey = { unitId: number; year: number; quarter: Quarter };

/** The explanation a unit writes with its quarter's actual. */
export type ReportTexts = {
  results: string;
  causes: string;
  difficulties: string;
  proposals: string;
  nextQuarterExpected: number | null;
};

/** A draft saved: the report's texts and the quarter's actual, in one transaction. */
export type SaveReportInput = Change &
  ReportKey &
  ReportTexts & {
    /** The report's version read (0: not started); checked, CONFLICT with the current report. */
    expectedVersion: number;
    /** The actual's version read (0: none); checked likewise. */
    expectedActualVersion: number;
    amount: number;
    basis?: Basis;
  };

/** A report moved through the review: submitted, approved, returned or reopened. */
export type MoveReportInput = Change &
  ReportKey & {
    action: 'submit' | 'approve' | 'return' | 'reopen';
    expectedVersion: number;
    /** Required (by the API) for return and reopen; kept as the return reason and the audit comment. */
    reason: string | null;
    /** The at-risk threshold of the pace settings, for the causes rule at submission. */
    atRisk: number;
    /** Notifications the move causes, written in its transaction. */
    notify?: NewNotification[];
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
    /** The plan the parent group assigned; absent or null = not set. */
    assignedPlan?: number | null;
    quarterTargets: PlanEntry['quarterTargets'];
  }>;
  actuals: Array<{
    unitCode: string;
    year: number;
    quarter: Quarter;
    amount: number;
    basis?: Basis;
    /** The estimate a final figure replaced. */
    estimateAmount?: number | null;
  }>;
  /** Reporting rounds, opened by the system. */
  rounds?: Array<{ year: number; quarter: Quarter; deadline: string }>;
  /** Reports as they stand; the figure of each is its actual above. */
  reports?: Array<
    ReportTexts & {
      unitCode: string;
      year: number;
      quarter: Quarter;
      state: Exclude<ReportState, 'not_started'>;
      submittedAt: string | null;
      submittedBy: string | null;
      decidedAt: string | null;
      decidedBy: string | null;
      returnReason: string | null;
    }
  >;
  users?: Array<{
    username: string;
    displayName: string;
    role: Role;
    unitCodes: string[];
    passwordHash: string;
  }>;
};

/** What a change was to: the audit row's `entity`, which the API answers as a string. */
export type AuditEntity =
  | 'plan'
  | 'actual'
  | 'unit'
  | 'user'
  | 'lock'
  | 'setting'
  | 'review'
  | 'report'
  | 'direction';

/** An audit row as the API answers it, with its entity named. */
export type AuditEntry = Omit<AuditAnswer, 'entity'> & { entity: AuditEntity };

export type AuditFilter = {
  unitId?: number;
  year?: number;
  quarter?: number;
  /** Only the changes of this username. */
  actor?: string;
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
  email?: string | null;
  locale?: Locale;
};

export type UserPatch = {
  displayName?: string;
  role?: Role;
  unitIds?: number[];
  isDisabled?: boolean;
  passwordHash?: string;
  email?: string | null;
  locale?: Locale;
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
  /**
   * Changes whenever a committed write could have changed what listUnits returns (and may
   * change with other writes too): the key of a cache of the unit tree, which every figure
   * write would otherwise make each process read again.
   */
  unitsVersion(): Promise<string>;
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
  /**
   * Changes whenever a committed write could have changed what getYearEntries returns for a
   * year from `from` to `to` (and may change with other writes too): the key of what the
   * analysis learns from the earlier years, which the current year's writes leave as it is.
   * Plans and actuals are never deleted and each change raises the row's version, so the count
   * of their rows and the sum of their versions grow with every change.
   */
  yearsVersion(from: number, to: number): Promise<string>;
  /** Each unit's own entered figures for the year (not rolled up). */
  getYearEntries(year: number): Promise<YearEntries>;
  /**
   * The units with their own plan for the year, ascending: what the status board needs of the
   * year's figures to know who reports, without reading them all.
   */
  listPlannedUnitIds(year: number): Promise<number[]>;
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
  /** Newest first, each with the actor's display name and the unit's name as they are now. */
  listAudit(filter: AuditFilter): Promise<AuditEntry[]>;
  /**
   * Everyone who made a change of these kinds (all kinds when undefined), with their display
   * name, sorted by it; actors without an account (the system, a deleted name) are left out.
   */
  listAuditActors(filter: { entities?: AuditEntity[] }): Promise<AuditActor[]>;

  listUsers(): Promise<UserAccount[]>;
  getUser(id: number): Promise<UserAccount | null>;
  /** With the password hash, for the log-in check only. */
  findUserForLogin(username: string): Promise<(User & { passwordHash: string }) | null>;
  /** CONFLICT when the username is taken; NOT_FOUND for an unknown unit. */
  createUser(input: NewUser): Promise<UserAccount>;
  /**
   * Changes a user, audited. Disabling them or changing their password ends their sessions
   * in the same transaction. CONFLICT with reason 'last_admin' (field role or isDisabled) when
   * no enabled admin would be left; checked in the write's transaction, concurrent changes
   * to admins serialised.
   */
  updateUser(input: Change & Versioned & { id: number; patch: UserPatch }): Promise<UserAccount>;

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

  /** Directions matching every given filter, in the order they were recorded. */
  listDirections(filter: DirectionFilter): Promise<DirectionRecord[]>;
  getDirection(id: number): Promise<DirectionRecord | null>;
  /**
   * Records a direction (status open, version 1), audited (entity 'direction'), with the
   * notifications of its unit's leads in the same transaction.
   */
  createDirection(
    input: Change & {
      unitId: number | null;
      year: number;
      quarter: Quarter;
      text: string;
      dueYear: number;
      dueQuarter: Quarter;
      notify?: NewNotification[];
    },
  ): Promise<DirectionRecord>;
  /**
   * Reports progress (in_progress, done, not_done: the note becomes the direction's) or decides
   * (closed; carried_over moves the due quarter to the next one; the lead's note is kept), with
   * the note as the audit row's comment. NOT_FOUND for an unknown id; CONFLICT with the current
   * direction on a stale version; CONFLICT (reason 'state') for a closed direction or a move
   * back to open.
   */
  updateDirection(
    input: Change & Versioned & { id: number; status: DirectionStatus; progressNote: string },
  ): Promise<DirectionRecord>;

  /** The quarter's reporting round; null while none is open. */
  getRound(year: number, quarter: Quarter): Promise<ReviewRound | null>;
  /**
   * Opens the round (expected version 0) or moves its deadline, audited (entity 'review').
   * CONFLICT with the current round on a stale version.
   */
  saveRound(
    input: Change &
      Versioned & {
        year: number;
        quarter: Quarter;
        deadline: string;
        /** Notifications of the round's opening, written only when this write opens it. */
        notify?: NewNotification[];
      },
  ): Promise<ReviewRound>;
  /**
   * The reports of a quarter that exist in any form: a stored report or an actual (a unit that
   * entered a figure without a report is `not_started` with its amount). Ordered by unit id.
   */
  listReports(year: number, quarter: Quarter): Promise<ReportRecord[]>;
  /**
   * The state of every started report of the year (a unit without a row has not started):
   * what the as-of rule needs to know which rounds are complete, without the texts and figures.
   */
  listReportStates(
    year: number,
  ): Promise<
    Array<{ unitId: number; quarter: Quarter; state: Exclude<ReportState, 'not_started'> }>
  >;
  /** A unit's report; `not_started` with empty texts and version 0 when nothing was saved. */
  getReport(key: ReportKey): Promise<ReportRecord>;
  /**
   * Saves a draft and the quarter's actual (as saveActual would: version, lock, audit, the
   * estimate kept) in one transaction, with the report's audit row. NOT_FOUND for an unknown
   * unit; CONFLICT (field version or actualVersion, current report) on a stale version;
   * LOCKED in a locked quarter; CONFLICT with reason 'state' for a submitted or approved report.
   */
  saveReport(input: SaveReportInput): Promise<ReportRecord>;
  /**
   * Moves a report by core's transition table, audited (old and new state, the reason as
   * comment). Errors as saveReport; at submission, BAD_REQUEST on field causes when the quarter
   * is below the at-risk threshold and the causes are empty.
   */
  moveReport(input: MoveReportInput): Promise<ReportRecord>;

  /** The user's own notifications, newest first, the latest `limit`. */
  listNotifications(userId: number, limit: number): Promise<NotificationRecord[]>;
  /**
   * Marks the user's own notification read (kept as first read); null when there is no such
   * notification of theirs, whether it does not exist or is someone else's.
   */
  markNotificationRead(input: { userId: number; id: number }): Promise<NotificationRecord | null>;
  /**
   * Claims reminders, each once across every process: the claim's row, its notification and its
   * mail are written in one transaction; a claim already taken is skipped. Returns those claimed
   * by this call.
   */
  claimReminders(claims: ReminderClaim[]): Promise<ReminderClaim[]>;
  /** Those of `claims` nobody has claimed yet (what `targetline remind --dry-run` lists). */
  unclaimedReminders(claims: ReminderClaim[]): Promise<ReminderClaim[]>;
  /**
   * Sends queued mail: each row is taken by one sender only (PostgreSQL: FOR UPDATE SKIP LOCKED;
   * SQLite has one writer) and marked sent, or rescheduled on failure, in the transaction that
   * took it, so a mail is neither lost nor sent twice.
   */
  deliverMail(input: DeliverMailInput): Promise<DeliverMailResult>;
  /** Mails still waiting to go out. */
  countPendingMail(): Promise<number>;

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
