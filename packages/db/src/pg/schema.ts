import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

// The PostgreSQL mirror of ../schema.ts: the same tables, columns, keys, CHECKs and indexes, so
// that the Repository gives identical records on either engine. Where the types differ it is
// on purpose: amounts are BIGINT (SQLite's INTEGER is already 64-bit), timestamps are
// timestamptz, JSON columns are json (not jsonb, which would reorder the keys of the audit's
// old and new values) and is_disabled is a real boolean (SQLite's 0/1 CHECK has no mirror).

const MAX_AMOUNT_SQL = sql.raw('1000000000000000');

const BASES = ['estimate', 'final'] as const;
const STORED_REPORT_STATES = ['draft', 'submitted', 'returned', 'approved'] as const;

/**
 * A BIGINT amount of đồng read back as a JavaScript number: safe, because the CHECK keeps it
 * at most 1e15 (< 2^53).
 */
const amount = (name: string) => bigint(name, { mode: 'number' });

const amountCheck = (name: string, column: AnyPgColumn, isNullable: boolean) =>
  check(
    name,
    isNullable
      ? sql`${column} IS NULL OR ${column} BETWEEN 0 AND ${MAX_AMOUNT_SQL}`
      : sql`${column} BETWEEN 0 AND ${MAX_AMOUNT_SQL}`,
  );

/** "2023-04-14 08:00:00.12+00": the date, the time and the milliseconds (trailing zeros dropped). */
const UTC_TIMESTAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,3}))?\+00$/;

/**
 * timestamptz to the millisecond, read and written as the ISO strings the SQLite engine keeps
 * ("2023-04-14T08:00:00.000Z"), whatever the session's TimeZone.
 */
export const toIsoTimestamp = (value: string): string => {
  // In UTC, as the server writes it by default here, the answer is the same text rearranged:
  // no Date made for each of the thousands of rows a summary reads.
  const utc = UTC_TIMESTAMP.exec(value);
  if (utc) return `${utc[1]}T${utc[2]}.${(utc[3] ?? '').padEnd(3, '0')}Z`;
  // PostgreSQL writes "2023-04-14 08:00:00.123+00" (or "+05:30"); ISO wants "T" and "+00:00".
  const iso = value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00');
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()))
    throw new Error(`Unreadable timestamp from PostgreSQL: ${value}`);
  return date.toISOString();
};

const timestamp = customType<{ data: string; driverData: string }>({
  dataType: () => 'timestamp (3) with time zone',
  fromDriver: toIsoTimestamp,
});

/** JSON kept as written (key order included); node-postgres hands it over parsed. */
const json = customType<{ data: unknown; driverData: string }>({
  dataType: () => 'json',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => value,
});

export const units = pgTable(
  'units',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /**
     * As typed ("TT-ATM"), unique without regard to case: "tt-atm" beside it would be a
     * look-alike (units_code_lower_unique).
     */
    code: text('code').notNull(),
    /** NFC-normalised on every write. */
    name: text('name').notNull(),
    kind: text('kind', { enum: ['institute', 'department', 'centre', 'company'] }).notNull(),
    parentId: integer('parent_id').references((): AnyPgColumn => units.id, {
      onDelete: 'restrict',
    }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    // ASCII case: codes are ASCII (the API's rule), and lower() folds ASCII alike on both engines.
    uniqueIndex('units_code_lower_unique').on(sql`lower(${t.code})`),
    index('units_parent_idx').on(t.parentId),
    check('units_kind_check', sql`${t.kind} IN ('institute', 'department', 'centre', 'company')`),
  ],
);

export const plans = pgTable(
  'plans',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    annualPlan: amount('annual_plan').notNull(),
    /** The plan as first set; revisions change annual_plan and are kept in the audit log. */
    originalAnnualPlan: amount('original_annual_plan').notNull(),
    /**
     * The plan the parent group assigned (kế hoạch Tập đoàn giao) where it differs from the plan
     * the unit works to; null = not set. Saved with the plan, on its version; revisions are in
     * the plan's audit rows.
     */
    assignedPlan: amount('assigned_plan'),
    q1Target: amount('q1_target'),
    q2Target: amount('q2_target'),
    q3Target: amount('q3_target'),
    q4Target: amount('q4_target'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at').notNull(),
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

export const actuals = pgTable(
  'actuals',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    amount: amount('amount').notNull(),
    /** 'estimate' or 'final'; see ../schema.ts. */
    basis: text('basis', { enum: BASES }).notNull().default('final'),
    /** The estimate a final figure replaced; see ../schema.ts. */
    estimateAmount: amount('estimate_amount'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at').notNull(),
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

/** A reporting round; see ../schema.ts. */
export const reviewRounds = pgTable(
  'review_rounds',
  {
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    /** "YYYY-MM-DD" as text, as SQLite keeps it: a date without a time zone of its own. */
    deadline: text('deadline').notNull(),
    version: integer('version').notNull().default(1),
    openedAt: timestamp('opened_at').notNull(),
    openedBy: text('opened_by'),
    updatedAt: timestamp('updated_at').notNull(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.quarter] }),
    check('review_rounds_year_check', sql`${t.year} BETWEEN 2000 AND 2100`),
    check('review_rounds_quarter_check', sql`${t.quarter} BETWEEN 1 AND 4`),
    check('review_rounds_deadline_check', sql`${t.deadline} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`),
  ],
);

/** A unit's quarterly report; see ../schema.ts. */
export const reports = pgTable(
  'reports',
  {
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    state: text('state', { enum: STORED_REPORT_STATES }).notNull(),
    results: text('results').notNull().default(''),
    causes: text('causes').notNull().default(''),
    difficulties: text('difficulties').notNull().default(''),
    proposals: text('proposals').notNull().default(''),
    nextQuarterExpected: amount('next_quarter_expected'),
    submittedAt: timestamp('submitted_at'),
    submittedBy: text('submitted_by'),
    decidedAt: timestamp('decided_at'),
    decidedBy: text('decided_by'),
    returnReason: text('return_reason'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at').notNull(),
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

const DIRECTION_STATUSES = [
  'open',
  'in_progress',
  'done',
  'not_done',
  'closed',
  'carried_over',
] as const;

/** A director's direction; see ../schema.ts. */
export const directions = pgTable(
  'directions',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
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
    createdAt: timestamp('created_at').notNull(),
    createdBy: text('created_by'),
    updatedAt: timestamp('updated_at').notNull(),
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
    check('directions_text_check', sql`char_length(${t.text}) BETWEEN 1 AND 2000`),
  ],
);

/** Organisation-wide settings, one row per key, JSON values; versioned like every write. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: json('value').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    /**
     * Lower-case, NFC; what people type to log in. Never changes. Unique without regard to case
     * (users_username_lower_unique), also for rows not written through normaliseUsername.
     */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['admin', 'director', 'planner', 'unit_lead', 'viewer'] }).notNull(),
    /** scrypt$N$r$p$salt$hash; never leaves the db package except to the password checker. */
    passwordHash: text('password_hash').notNull(),
    isDisabled: boolean('is_disabled').notNull().default(false),
    /** See ../schema.ts. */
    email: text('email'),
    locale: text('locale', { enum: ['vi', 'en'] })
      .notNull()
      .default('vi'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_username_lower_unique').on(sql`lower(${t.username})`),
    check(
      'users_role_check',
      sql`${t.role} IN ('admin', 'director', 'planner', 'unit_lead', 'viewer')`,
    ),
  ],
);

/** The units a unit lead leads; they may write these units' and their sub-units' actuals. */
export const userUnits = pgTable(
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

/** Server-side sessions, shared by every API process. Only a hash of the cookie's token is kept. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at').notNull(),
    lastSeenAt: timestamp('last_seen_at').notNull(),
    /** Absolute end, however active the session is. */
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** A quarter reported at the review meeting: its actuals and targets can no longer change. */
export const quarterLocks = pgTable(
  'quarter_locks',
  {
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    lockedBy: text('locked_by').notNull(),
    lockedAt: timestamp('locked_at').notNull(),
    reason: text('reason'),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.quarter] }),
    check('quarter_locks_quarter_check', sql`${t.quarter} BETWEEN 1 AND 4`),
  ],
);

/** One row per change, written in the same transaction as the change; never updated or deleted. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    at: timestamp('at').notNull(),
    /** Username of whoever made the change; null for changes made before accounts existed. */
    actor: text('actor'),
    entity: text('entity', {
      enum: ['plan', 'actual', 'unit', 'user', 'lock', 'setting', 'review', 'report', 'direction'],
    }).notNull(),
    /** The changed object's key, e.g. "actual:3/2023/2", "user:5", "lock:2023/1". */
    entityKey: text('entity_key').notNull(),
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'restrict' }),
    year: integer('year'),
    quarter: integer('quarter'),
    /** The object before the change; null when it was created. */
    oldValue: json('old_value'),
    /** The object after the change; null when it was removed. */
    newValue: json('new_value'),
    comment: text('comment'),
  },
  (t) => [index('audit_unit_idx').on(t.unitId, t.year), index('audit_entity_idx').on(t.entityKey)],
);

/**
 * PostgreSQL only: attempts per key (a username at log-in) in fixed windows, shared by every
 * API process so that a limit holds however many processes an attacker's requests reach.
 * Expired rows are swept now and then; nothing here is worth keeping or migrating.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  resetAt: timestamp('reset_at').notNull(),
});

/**
 * PostgreSQL only: counters bumped as the last statement of every write transaction, so that
 * every API process sees a new data version exactly when a write commits (a sequence would not
 * do: nextval is not rolled back and is visible before the commit). The row lock a bump takes
 * lasts until the commit, so one row would make every commit wait for the previous one's
 * fsync; DATA_VERSION_SHARDS rows (one per connection, by backend pid) let commits overlap.
 * The version is the sum of the counters, read in one statement. The epochs, drawn when a row
 * is first written, keep a re-created database from reusing an old version.
 */
export const DATA_VERSION_SHARDS = 16;

export const dataVersion = pgTable(
  'data_version',
  {
    shard: integer('shard').primaryKey(),
    epoch: text('epoch').notNull(),
    version: bigint('version', { mode: 'number' }).notNull(),
  },
  (t) => [
    check(
      'data_version_shard_check',
      sql`${t.shard} BETWEEN 0 AND ${sql.raw(String(DATA_VERSION_SHARDS - 1))}`,
    ),
  ],
);

const NOTIFICATION_KINDS = [
  'round_opened',
  'report_returned',
  'report_submitted',
  'deadline_near',
] as const;

/** A user's in-app notification; see ../schema.ts. */
export const notifications = pgTable(
  'notifications',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'restrict' }),
    reason: text('reason'),
    deadline: text('deadline'),
    createdAt: timestamp('created_at').notNull(),
    readAt: timestamp('read_at'),
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

/** Mail waiting to go out, picked FOR UPDATE SKIP LOCKED by the senders; see ../schema.ts. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    notificationId: integer('notification_id')
      .notNull()
      .references(() => notifications.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at').notNull(),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at'),
    droppedAt: timestamp('dropped_at'),
  },
  (t) => [index('mail_outbox_pending_idx').on(t.sentAt, t.droppedAt, t.nextAttemptAt)],
);

/** The claim of a reminder, unique across every process; see ../schema.ts. */
export const remindersSent = pgTable(
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
    kind: text('kind', { enum: ['before', 'due'] }).notNull(),
    day: text('day').notNull(),
    notificationId: integer('notification_id').references(() => notifications.id, {
      onDelete: 'set null',
    }),
    createdAt: timestamp('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.year, t.quarter, t.unitId, t.userId, t.kind, t.day] }),
    check('reminders_sent_kind_check', sql`${t.kind} IN ('before', 'due')`),
  ],
);
