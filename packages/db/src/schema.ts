import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
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

export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    /** NFC-normalised on every write. */
    name: text('name').notNull(),
    kind: text('kind', { enum: ['institute', 'department', 'centre', 'company'] }).notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => units.id, {
      onDelete: 'restrict',
    }),
    createdAt: text('created_at').notNull(),
  },
  (t) => [
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
    q1Target: integer('q1_target'),
    q2Target: integer('q2_target'),
    q3Target: integer('q3_target'),
    q4Target: integer('q4_target'),
    version: integer('version').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.year] }),
    index('plans_year_idx').on(t.year),
    check('plans_year_check', sql`${t.year} BETWEEN 2000 AND 2100`),
    amountCheck('plans_annual_plan_check', t.annualPlan, false),
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
    version: integer('version').notNull().default(1),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.unitId, t.year, t.quarter] }),
    index('actuals_year_idx').on(t.year),
    check('actuals_year_check', sql`${t.year} BETWEEN 2000 AND 2100`),
    check('actuals_quarter_check', sql`${t.quarter} BETWEEN 1 AND 4`),
    amountCheck('actuals_amount_check', t.amount, false),
  ],
);

/** One row per change to money, written in the same transaction as the change. */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** Username of whoever made the change; null until accounts exist. */
    actor: text('actor'),
    entity: text('entity', { enum: ['plan', 'actual', 'unit'] }).notNull(),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    year: integer('year'),
    quarter: integer('quarter'),
    /** JSON of the row before the change; null when it was created. */
    oldValue: text('old_value'),
    /** JSON of the row after the change. */
    newValue: text('new_value').notNull(),
    comment: text('comment'),
  },
  (t) => [index('audit_unit_idx').on(t.unitId, t.year)],
);
