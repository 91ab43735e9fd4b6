import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

// Amount columns carry CHECK constraints as well as living in STRICT tables
// (added to the generated migration): drizzle-kit does not track STRICT, so a
// table it ever rebuilds would lose it; the CHECKs are tracked and survive.
const MAX_AMOUNT_SQL = sql.raw('1000000000000000');

const amountCheck = (name: string, column: AnySQLiteColumn, isNullable: boolean) =>
  check(
    name,
    isNullable
      ? sql`${column} IS NULL OR (typeof(${column}) = 'integer' AND ${column} BETWEEN 0 AND ${MAX_AMOUNT_SQL})`
      : sql`typeof(${column}) = 'integer' AND ${column} BETWEEN 0 AND ${MAX_AMOUNT_SQL}`,
  );

/** What an actual stands on (core's Basis). */
export const BASES = ['estimate', 'final'] as const;
/** The report states a row can hold: not_started is the absence of a row. */
export const STORED_REPORT_STATES = ['draft', 'submitted', 'returned', 'approved'] as const;

export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /**
     * As typed ("TT-ATM"), unique without regard to case: "tt-atm" beside it would be a
     * look-alike (units_code_lower_unique).
     */
    code: text('code').notNull(),
    /** NFC-normalised on every write. */
    name: text('name').notNull(),
    kind: text('kind', { enum: ['institute', 'department', 'centre', 'company'] }).notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => units.id, {
      onDelete: 'restrict',
    }),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    // ASCII case: codes are ASCII (the API's rule), and lower() folds ASCII alike on both engines.
    uniqueIndex('units_code_lower_unique').on(sql`lower(${t.code})`),
    index('units_parent_idx').on(t.parentId),
    check('units_kind_check', sql`${t.kind} IN ('institute', 'department', 'centre', 'company')`),
  ],
);

export const plans = sqliteTable(
  'plans',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    annualPlan: integer('annual_plan').notNull(),
    /** The plan as first set; revisions change annual_plan and are kept in the audit log. */
    originalAnnualPlan: integer('original_annual_plan').notNull(),
    /**
     * The plan the parent group assigned (kế hoạch Tập đoàn giao) where it differs from the plan
     * the unit works to; null = not set. Saved with the plan, on its version; revisions are in
     * the plan's audit rows.
     */
    assignedPlan: integer('assigned_plan'),
    q1Target: integer('q1_target'),
    q2Target: integer('q2_target'),
    q3Target: integer('q3_target'),
    q4Target: integer('q4_target'),
    version: integer('version').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
    /** Username of whoever saved this version; null for seeded or pre-account data. */
    updatedBy: text('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.year] }),
    index('plans_year_idx').on(t.year),
    check('plans_year_check', sql`${t.year} BETWEEN 2000 AND 2100`),
    amountCheck('plans_annual_plan_check', t.annualPlan, false),
    amountCheck('plans_original_annual_plan_check', t.originalAnnualPlan, false),
    amountCheck('plans_assigned_plan_check', t.assignedPlan, true),
    amountCheck('plans_q1_target_check', t.q1Target, true),
    amountCheck('plans_q2_target_check', t.q2Target, true),
    amountCheck('plans_q3_target_check', t.q3Target, true),
    amountCheck('plans_q4_target_check', t.q4Target, true),
  ],
);

export const actuals = sqliteTable(
  'actuals',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    amount: integer('amount').notNull(),
    /**
     * 'estimate' (ước thực hiện: reported before the books close) or 'final' (chính thức).
     * Figures entered before estimates existed are final.
     */
    basis: text('basis', { enum: BASES }).notNull().default('final'),
    /**
     * The estimate a final figure replaced, kept readable beside it ("ước 25 tỷ → 24,6 tỷ");
     * null while the figure is an estimate, or when it never was one.
     */
    estimateAmount: integer('estimate_amount'),
    version: integer('version').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.year, t.quarter] }),
    index('actuals_year_idx').on(t.year),
    check('actuals_year_check', sql`${t.year} BETWEEN 2000 AND 2100`),
    check('actuals_quarter_check', sql`${t.quarter} BETWEEN 1 AND 4`),
    amountCheck('actuals_amount_check', t.amount, false),
    check('actuals_basis_check', sql`${t.basis} IN ('estimate', 'final')`),
    amountCheck('actuals_estimate_amount_check', t.estimateAmount, true),
  ],
);

/**
 * A reporting round (kỳ báo cáo): the director opened the quarter's review with a deadline
 * (a date, "YYYY-MM-DD", whose day ends in Asia/Ho_Chi_Minh). One per quarter.
 */
export const reviewRounds = sqliteTable(
  'review_rounds',
  {
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    deadline: text('deadline').notNull(),
    version: integer('version').notNull().default(1),
    openedAt: text('opened_at').notNull(),
    openedBy: text('opened_by'),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.quarter] }),
    check('review_rounds_year_check', sql`${t.year} BETWEEN 2000 AND 2100`),
    check('review_rounds_quarter_check', sql`${t.quarter} BETWEEN 1 AND 4`),
    check(
      'review_rounds_deadline_check',
      sql`${t.deadline} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'`,
    ),
  ],
);

/**
 * A unit's quarterly report: its explanation of the quarter's actual (the figure itself is the
 * actuals row, one figure with one audit trail) and where it stands in the review. No row
 * means not started.
 */
export const reports = sqliteTable(
  'reports',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    state: text('state', { enum: STORED_REPORT_STATES }).notNull(),
    /** Free text, stored and answered as typed: shown as text, never as markup. */
    results: text('results').notNull().default(''),
    causes: text('causes').notNull().default(''),
    difficulties: text('difficulties').notNull().default(''),
    proposals: text('proposals').notNull().default(''),
    nextQuarterExpected: integer('next_quarter_expected'),
    /** The latest submission; a returned report keeps it until it is submitted again. */
    submittedAt: text('submitted_at'),
    submittedBy: text('submitted_by'),
    /** The latest approval, return or reopening. */
    decidedAt: text('decided_at'),
    decidedBy: text('decided_by'),
    /** Why it was last returned or reopened. */
    returnReason: text('return_reason'),
    version: integer('version').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.year, t.quarter] }),
    index('reports_year_quarter_idx').on(t.year, t.quarter),
    check('reports_year_check', sql`${t.year} BETWEEN 2000 AND 2100`),
    check('reports_quarter_check', sql`${t.quarter} BETWEEN 1 AND 4`),
    check('reports_state_check', sql`${t.state} IN ('draft', 'submitted', 'returned', 'approved')`),
    amountCheck('reports_next_quarter_expected_check', t.nextQuarterExpected, true),
  ],
);

/** What a direction's status may be (core's DIRECTION_STATUSES). */
export const DIRECTION_STATUSES = [
  'open',
  'in_progress',
  'done',
  'not_done',
  'closed',
  'carried_over',
] as const;

/**
 * A direction (kết luận chỉ đạo) given at the review meeting of `year`/`quarter` to a unit
 * (null: the whole institute), due in `dueYear`/`dueQuarter`, never before the meeting's
 * quarter. Free text, stored as typed and shown as text.
 */
export const directions = sqliteTable(
  'directions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    text: text('text').notNull(),
    dueYear: integer('due_year').notNull(),
    dueQuarter: integer('due_quarter').notNull(),
    status: text('status', { enum: DIRECTION_STATUSES }).notNull(),
    /** The lead's latest progress note; null before any. */
    progressNote: text('progress_note'),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    createdBy: text('created_by'),
    updatedAt: text('updated_at').notNull(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    index('directions_year_quarter_idx').on(t.year, t.quarter),
    index('directions_due_idx').on(t.dueYear, t.dueQuarter),
    index('directions_unit_idx').on(t.unitId),
    check('directions_year_check', sql`${t.year} BETWEEN 2000 AND 2100`),
    check('directions_quarter_check', sql`${t.quarter} BETWEEN 1 AND 4`),
    check('directions_due_year_check', sql`${t.dueYear} BETWEEN 2000 AND 2100`),
    check('directions_due_quarter_check', sql`${t.dueQuarter} BETWEEN 1 AND 4`),
    check(
      'directions_due_check',
      sql`${t.dueYear} * 4 + ${t.dueQuarter} >= ${t.year} * 4 + ${t.quarter}`,
    ),
    check(
      'directions_status_check',
      sql`${t.status} IN ('open', 'in_progress', 'done', 'not_done', 'closed', 'carried_over')`,
    ),
    check('directions_text_check', sql`length(${t.text}) BETWEEN 1 AND 2000`),
  ],
);

/** Organisation-wide settings, one row per key, JSON values; versioned like every write. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: text('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

export const LOCALES = ['vi', 'en'] as const;

export const ROLES = ['admin', 'director', 'planner', 'unit_lead', 'viewer'] as const;

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /**
     * Lower-case, NFC; what people type to log in. Never changes. Unique without regard to case
     * (users_username_lower_unique), also for rows not written through normaliseUsername.
     */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** scrypt$N$r$p$salt$hash; never leaves the db package except to the password checker. */
    passwordHash: text('password_hash').notNull(),
    isDisabled: integer('is_disabled', { mode: 'boolean' }).notNull().default(false),
    /** Where notifications are mailed; null: none are (checked by the API, not here). */
    email: text('email'),
    /**
     * The language of the mail they get: 'vi' unless they chose English. No CHECK: on SQLite
     * one would make drizzle-kit rebuild the users table, whose drop cascades to the sessions
     * inside the migrator's transaction; the API admits only 'vi' and 'en'.
     */
    locale: text('locale', { enum: LOCALES }).notNull().default('vi'),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_username_lower_unique').on(sql`lower(${t.username})`),
    check(
      'users_role_check',
      sql`${t.role} IN ('admin', 'director', 'planner', 'unit_lead', 'viewer')`,
    ),
    check('users_is_disabled_check', sql`${t.isDisabled} IN (0, 1)`),
  ],
);

/** The units a unit lead leads; they may write these units' and their sub-units' actuals. */
export const userUnits = sqliteTable(
  'user_units',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.unitId] }), index('user_units_unit_idx').on(t.unitId)],
);

/**
 * Server-side sessions, so that log-out, a password change or disabling a user revokes them
 * at once, and several API processes can share them. Only a hash of the cookie's token is kept.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    /** Absolute end, however active the session is. */
    expiresAt: text('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** A quarter reported at the review meeting: its actuals and targets can no longer change. */
export const quarterLocks = sqliteTable(
  'quarter_locks',
  {
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    lockedBy: text('locked_by').notNull(),
    lockedAt: text('locked_at').notNull(),
    reason: text('reason'),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.quarter] }),
    check('quarter_locks_quarter_check', sql`${t.quarter} BETWEEN 1 AND 4`),
  ],
);

/** One row per change, written in the same transaction as the change; never updated or deleted. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** Username of whoever made the change; null for changes made before accounts existed. */
    actor: text('actor'),
    entity: text('entity', {
      enum: ['plan', 'actual', 'unit', 'user', 'lock', 'setting', 'review', 'report', 'direction'],
    }).notNull(),
    /**
     * The changed object's key, e.g. "actual:3/2023/2", "user:5", "lock:2023/1",
     * "review:2023/2", "report:3/2023/2", "direction:7".
     */
    entityKey: text('entity_key').notNull(),
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'restrict' }),
    year: integer('year'),
    quarter: integer('quarter'),
    /** JSON of the object before the change; null when it was created. */
    oldValue: text('old_value'),
    /** JSON of the object after the change; null when it was removed. */
    newValue: text('new_value'),
    comment: text('comment'),
  },
  (t) => [index('audit_unit_idx').on(t.unitId, t.year), index('audit_entity_idx').on(t.entityKey)],
);

export const NOTIFICATION_KINDS = [
  'round_opened',
  'report_returned',
  'report_submitted',
  'deadline_near',
] as const;

/**
 * A user's in-app notification (thông báo): what happened, never the sentence, which the reader's
 * language writes. Created in the transaction of the write that causes it (a round opened, a
 * report submitted or returned) or of the reminder's claim (deadline_near).
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    /** The report's unit; null for a round opened to all of them. */
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'restrict' }),
    /** The return reason, as typed (free text: shown as text). */
    reason: text('reason'),
    /** The round's deadline when it was written ("YYYY-MM-DD"). */
    deadline: text('deadline'),
    createdAt: text('created_at').notNull(),
    readAt: text('read_at'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.id),
    check(
      'notifications_kind_check',
      sql`${t.kind} IN ('round_opened', 'report_returned', 'report_submitted', 'deadline_near')`,
    ),
    check('notifications_quarter_check', sql`${t.quarter} BETWEEN 1 AND 4`),
  ],
);

/**
 * Mail waiting to go out: one row per notification of a user with an address, written in the
 * notification's transaction, so nothing is lost when the SMTP server is down and nothing is
 * sent twice (sent_at is set in the sender's transaction). Rendered when sent, in the
 * recipient's language.
 */
export const mailOutbox = sqliteTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    notificationId: integer('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    /** Not tried before this instant (retries back off). */
    nextAttemptAt: text('next_attempt_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: text('sent_at'),
    /** Given up: too old, or the recipient has no address any more. */
    droppedAt: text('dropped_at'),
  },
  (t) => [index('mail_outbox_pending_idx').on(t.sentAt, t.droppedAt, t.nextAttemptAt)],
);

/**
 * The claim of a reminder: its key is unique, so whichever process inserts it first sends it
 * and every other process finds it taken. `day` is the reminder's day in Asia/Ho_Chi_Minh.
 */
export const remindersSent = sqliteTable(
  'reminders_sent',
  {
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** 'before' (N days ahead) or 'due' (the deadline day). */
    kind: text('kind', { enum: ['before', 'due'] }).notNull(),
    day: text('day').notNull(),
    notificationId: integer('notification_id').references(() => notifications.id, {
      onDelete: 'set null',
    }),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.quarter, t.unitId, t.userId, t.kind, t.day] }),
    check('reminders_sent_kind_check', sql`${t.kind} IN ('before', 'due')`),
  ],
);
