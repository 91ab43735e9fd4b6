import type { QuarterLock, User } from '@targetline/core';
import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import {
  type AuditRow,
  actualAudit,
  lockAudit,
  planAudit,
  settingAudit,
  unitAudit,
  userAudit,
} from '../audit-rows';
import { DbError, errorCodes } from '../errors';
import {
  actualKeyOf,
  normaliseName,
  normaliseUsername,
  planKeyOf,
  toActual,
  toAuditEntry,
  toLock,
  toPlan,
  toSetting,
  toUnit,
  toUser,
  unitColumnsOf,
  userColumnsOf,
} from '../records';
import type {
  ActualRecord,
  PlanRecord,
  Repository,
  SaveActualInput,
  SavePlanInput,
  SettingRecord,
} from '../repository';
import {
  adminRemovedBy,
  checkEditVersion,
  checkVersion,
  endsSessions,
  mayRemoveAdmin,
  newParentOf,
  quartersChangedBy,
  refuseAlreadyLocked,
  refuseCycle,
  refuseLastAdmin,
  refuseLocked,
  refuseNotLocked,
  refuseSecondRoot,
  refuseTakenCode,
  refuseTakenUsername,
  refuseUnknown,
  refuseUnknownUnits,
} from '../rules';
import {
  seedActualRow,
  seedParentIdOf,
  seedPlanRow,
  seedUnitIdOf,
  seedUnitRow,
  seedUserRow,
} from '../seed-rows';
import { ADVISORY_NAMESPACE, openPg, type PgDb, type PgHandle, type PgOptions } from './client';
import {
  actuals,
  auditLog,
  DATA_VERSION_SHARDS,
  dataVersion,
  plans,
  quarterLocks,
  rateLimits,
  sessions,
  settings,
  units,
  users,
  userUnits,
} from './schema';

type PlanRow = typeof plans.$inferSelect;
type ActualRow = typeof actuals.$inferSelect;
type UnitRow = typeof units.$inferSelect;
type LockRow = typeof quarterLocks.$inferSelect;
type SettingRow = typeof settings.$inferSelect;
type Tx = Parameters<Parameters<PgDb['transaction']>[0]>[0];
/** Anything that runs a query: the pool or a transaction. */
type Q = PgDb | Tx;

/**
 * Second keys of the transaction-level advisory locks (first key ADVISORY_NAMESPACE).
 * TREE serialises changes to the unit tree (a concurrent move could otherwise close a cycle
 * each transaction alone would refuse; two seeds or two roots could both see an empty tree).
 * A quarter's key is taken shared by every save that checks the quarter's lock and exclusive
 * by lock/unlock, so a save never commits into a quarter locked after it looked.
 */
const ADVISORY_TREE = 1;
const advisoryQuarter = (year: number, quarter: number) => 100_000 + year * 10 + quarter;

/** Serialisation failure and deadlock: PostgreSQL undid the transaction; running it again is safe. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 4;

/** The SQLSTATE behind an error; drizzle wraps driver errors (DrizzleQueryError#cause). */
const sqlStateOf = (err: unknown): string | null =>
  errorCodes(err).find((code) => /^[0-9A-Z]{5}$/.test(code)) ?? null;

/** The user's unit ids, ascending, read in the same statement (and snapshot) as the user. */
const unitIdsSql = sql<
  number[]
>`array(select ${userUnits.unitId} from ${userUnits} where ${userUnits.userId} = ${users.id} order by ${userUnits.unitId})`;

/** Text ordered by code point, as SQLite orders it, whatever the database's collation. */
const byCodePoint = (column: typeof units.code | typeof users.username): SQL =>
  sql`${column} collate "C"`;

/** JSON null is a value; SQL NULL would break settings.value NOT NULL. */
const jsonValue = (value: unknown) => (value === null ? sql`'null'::json` : value);

export type PgRepositoryOptions = PgOptions & {
  /** Clock for timestamps; tests pass a fixed one. */
  now?: () => Date;
};

/** State of one write transaction. */
type WriteCtx = {
  tx: Tx;
  /** Units seen to exist in this transaction (units are never deleted). */
  knownUnitIds: Set<number>;
  /** Quarter locks read under the shared advisory lock: they cannot change before the commit. */
  quarterLocks: Map<number, QuarterLock | null>;
  /**
   * An import's figures, read and row-locked up front in key order (null: did not exist), so
   * that two imports lock in the same order instead of deadlocking, in one statement per table.
   */
  plans: Map<string, PlanRow | null> | null;
  actuals: Map<string, ActualRow | null> | null;
  /** An import's audit rows, inserted in order and in batches before its commit. */
  pendingAudits: AuditRow[] | null;
};

/** One parameter however many ids: a PostgreSQL array literal of integers. */
const intArray = (values: number[]): SQL => sql`${`{${values.join(',')}}`}::int[]`;

/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;
const chunks = <T>(rows: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) out.push(rows.slice(i, i + INSERT_CHUNK));
  return out;
};

/**
 * The PostgreSQL engine behind the same Repository as createSqliteRepository: same records,
 * same DbErrors, same transactions. Resolves once the migrations are applied.
 *
 * Concurrency (READ COMMITTED): every save reads the figure FOR NO KEY UPDATE, so a second
 * writer waits for the first to commit and then sees its version (CONFLICT for a stale
 * expected version), and updates with `WHERE version = <read version>`; a figure created
 * meanwhile by another writer is found through INSERT … ON CONFLICT DO NOTHING and handled as
 * an existing one. An import row-locks all its figures up front in key order, checks its rows
 * in memory and writes them in a few statements. Quarter locks and the unit tree are guarded by
 * advisory locks. Deadlocks and serialisation failures, should any remain, rerun the whole
 * transaction; if they persist the write ends as CONFLICT, never as a half-applied change.
 */
export async function createPgRepository({
  now = () => new Date(),
  ...options
}: PgRepositoryOptions): Promise<
  Repository & { readonly db: PgDb; readonly pool: PgHandle['pool'] }
> {
  const { db, pool } = await openPg(options);

  const advisoryLock = async (tx: Tx, key: number, mode: 'shared' | 'exclusive') => {
    await tx.execute(
      mode === 'shared'
        ? sql`select pg_advisory_xact_lock_shared(${ADVISORY_NAMESPACE}, ${key})`
        : sql`select pg_advisory_xact_lock(${ADVISORY_NAMESPACE}, ${key})`,
    );
  };

  /**
   * Runs one write transaction, bumping the data version as its last statement. The bump
   * row-locks its counter until the commit, so it is kept to the end, when the transaction
   * takes no other lock: a counter can then never be part of a deadlock.
   */
  const write = async <T>(fn: (ctx: WriteCtx) => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction(async (tx) => {
          const result = await fn({
            tx,
            knownUnitIds: new Set(),
            quarterLocks: new Map(),
            plans: null,
            actuals: null,
            pendingAudits: null,
          });
          await tx
            .insert(dataVersion)
            .values({
              shard: sql`pg_backend_pid() % ${sql.raw(String(DATA_VERSION_SHARDS))}`,
              epoch: sql`gen_random_uuid()::text`,
              version: 1,
            })
            .onConflictDoUpdate({
              target: dataVersion.shard,
              set: { version: sql`${dataVersion.version} + 1` },
            });
          return result;
        });
      } catch (err) {
        const state = sqlStateOf(err);
        const isRetryable =
          err instanceof CreatedMeanwhile || (state !== null && RETRYABLE_SQLSTATES.has(state));
        if (!isRetryable) throw err;
        if (attempt >= MAX_ATTEMPTS) {
          throw new DbError(
            'CONFLICT',
            'Other changes to the same figures were being saved at the same time; please try again',
          );
        }
        // A little jitter so that the two transactions that deadlocked do not meet again.
        await new Promise((done) => setTimeout(done, 5 + Math.random() * 20 * attempt));
      }
    }
  };

  /** Several reads seen from one snapshot, e.g. plans and actuals of the same import. */
  const snapshot = <T>(fn: (tx: Tx) => Promise<T>): Promise<T> =>
    db.transaction(fn, { isolationLevel: 'repeatable read', accessMode: 'read only' });

  const requireUnits = async (ctx: WriteCtx, unitIds: number[], field: string) => {
    const unknown = [...new Set(unitIds)].filter((id) => !ctx.knownUnitIds.has(id));
    if (unknown.length > 0) {
      const found = await ctx.tx
        .select({ id: units.id })
        .from(units)
        .where(inArray(units.id, unknown));
      for (const row of found) ctx.knownUnitIds.add(row.id);
    }
    const missing = unitIds.filter((id) => !ctx.knownUnitIds.has(id));
    if (missing.length > 0) refuseUnknownUnits(missing, field);
  };

  const audit = async (tx: Tx, row: AuditRow) => {
    await tx.insert(auditLog).values(row);
  };

  /** A figure's audit row: now, or with the rest of its import. */
  const auditFigure = async (ctx: WriteCtx, row: AuditRow) => {
    if (ctx.pendingAudits) ctx.pendingAudits.push(row);
    else await audit(ctx.tx, row);
  };

  /**
   * Reads and row-locks every figure of an import in key order, and notes which of its units
   * exist, in one statement each; the rows are then checked and written one by one as before.
   */
  const prepareImport = async (
    ctx: WriteCtx,
    planInputs: SavePlanInput[],
    actualInputs: SaveActualInput[],
  ) => {
    const { tx } = ctx;
    const unitIds = [...new Set([...planInputs, ...actualInputs].map((i) => i.unitId))];
    if (unitIds.length > 0) {
      const found = await tx
        .select({ id: units.id })
        .from(units)
        .where(sql`${units.id} = any(${intArray(unitIds)})`);
      for (const row of found) ctx.knownUnitIds.add(row.id);
    }
    const planMap = new Map<string, PlanRow | null>(planInputs.map((i) => [planKeyOf(i), null]));
    if (planMap.size > 0) {
      const keys = [...new Map(planInputs.map((i) => [planKeyOf(i), i])).values()];
      const rows = await tx
        .select()
        .from(plans)
        .where(
          sql`(${plans.unitId}, ${plans.year}) in (select * from unnest(${intArray(keys.map((k) => k.unitId))}, ${intArray(keys.map((k) => k.year))}))`,
        )
        .orderBy(asc(plans.unitId), asc(plans.year))
        .for('no key update');
      for (const row of rows) planMap.set(planKeyOf(row), row);
    }
    const actualMap = new Map<string, ActualRow | null>(
      actualInputs.map((i) => [actualKeyOf(i), null]),
    );
    if (actualMap.size > 0) {
      const keys = [...new Map(actualInputs.map((i) => [actualKeyOf(i), i])).values()];
      const rows = await tx
        .select()
        .from(actuals)
        .where(
          sql`(${actuals.unitId}, ${actuals.year}, ${actuals.quarter}) in (select * from unnest(${intArray(keys.map((k) => k.unitId))}, ${intArray(keys.map((k) => k.year))}, ${intArray(keys.map((k) => k.quarter))}))`,
        )
        .orderBy(asc(actuals.unitId), asc(actuals.year), asc(actuals.quarter))
        .for('no key update');
      for (const row of rows) actualMap.set(actualKeyOf(row), row);
    }
    ctx.plans = planMap;
    ctx.actuals = actualMap;
    ctx.pendingAudits = [];
  };

  /** An import's audit rows in one statement, in order (ids ascend as the rows were made). */
  const flushAudits = async (ctx: WriteCtx) => {
    const rows = ctx.pendingAudits ?? [];
    ctx.pendingAudits = null;
    if (rows.length === 0) return;
    const column = <T>(pick: (row: AuditRow) => T) => sql.param(rows.map(pick));
    const json = (value: unknown) =>
      value === null || value === undefined ? null : JSON.stringify(value);
    await ctx.tx.execute(sql`
      insert into ${auditLog} (at, actor, entity, entity_key, unit_id, year, quarter, old_value, new_value, comment)
      select at, actor, entity, entity_key, unit_id, year, quarter, old_value::json, new_value::json, comment
      from unnest(
        ${column((r) => r.at)}::timestamptz[], ${column((r) => r.actor ?? null)}::text[],
        ${column((r) => r.entity)}::text[], ${column((r) => r.entityKey)}::text[],
        ${column((r) => r.unitId ?? null)}::int[], ${column((r) => r.year ?? null)}::int[],
        ${column((r) => r.quarter ?? null)}::int[], ${column((r) => json(r.oldValue))}::text[],
        ${column((r) => json(r.newValue))}::text[], ${column((r) => r.comment ?? null)}::text[]
      ) with ordinality as a(at, actor, entity, entity_key, unit_id, year, quarter, old_value, new_value, comment, n)
      order by n`);
  };

  /**
   * Writes an import's figures as they stand after all its rows, one statement per table and
   * kind: the updates check the versions read (and row-locked) up front; the inserts find out
   * whether another writer created one of the figures meanwhile, in which case the import is
   * run again from the start, where that figure is now an existing one.
   */
  const writeImport = async (
    ctx: WriteCtx,
    before: { plans: Map<string, PlanRow | null>; actuals: Map<string, ActualRow | null> },
  ) => {
    const { tx } = ctx;
    const split = <R extends { version: number }>(
      after: Map<string, R | null> | null,
      was: Map<string, R | null>,
    ) => {
      const updates: Array<R & { oldVersion: number }> = [];
      const inserts: R[] = [];
      for (const [key, row] of after ?? []) {
        const old = was.get(key) ?? null;
        if (!row || (old && old.version === row.version)) continue;
        if (old) updates.push({ ...row, oldVersion: old.version });
        else inserts.push(row);
      }
      return { updates, inserts };
    };
    const p = (values: unknown[]) => sql.param(values);

    const planWrites = split(ctx.plans, before.plans);
    if (planWrites.updates.length > 0) {
      const u = planWrites.updates;
      const result = await tx.execute(sql`
        update ${plans} as t set annual_plan = v.annual_plan, q1_target = v.q1, q2_target = v.q2,
          q3_target = v.q3, q4_target = v.q4, version = v.version, updated_at = v.updated_at,
          updated_by = v.updated_by
        from unnest(${p(u.map((r) => r.unitId))}::int[], ${p(u.map((r) => r.year))}::int[],
          ${p(u.map((r) => r.annualPlan))}::bigint[], ${p(u.map((r) => r.q1Target))}::bigint[],
          ${p(u.map((r) => r.q2Target))}::bigint[], ${p(u.map((r) => r.q3Target))}::bigint[],
          ${p(u.map((r) => r.q4Target))}::bigint[], ${p(u.map((r) => r.version))}::int[],
          ${p(u.map((r) => r.oldVersion))}::int[], ${p(u.map((r) => r.updatedAt))}::timestamptz[],
          ${p(u.map((r) => r.updatedBy))}::text[])
          as v(unit_id, year, annual_plan, q1, q2, q3, q4, version, old_version, updated_at, updated_by)
        where t.unit_id = v.unit_id and t.year = v.year and t.version = v.old_version`);
      if (result.rowCount !== u.length) lostRace('plan');
    }
    if (planWrites.inserts.length > 0) {
      const i = planWrites.inserts;
      const result = await tx.execute(sql`
        insert into ${plans} (unit_id, year, annual_plan, original_annual_plan, q1_target, q2_target,
          q3_target, q4_target, version, updated_at, updated_by)
        select * from unnest(${p(i.map((r) => r.unitId))}::int[], ${p(i.map((r) => r.year))}::int[],
          ${p(i.map((r) => r.annualPlan))}::bigint[], ${p(i.map((r) => r.originalAnnualPlan))}::bigint[],
          ${p(i.map((r) => r.q1Target))}::bigint[], ${p(i.map((r) => r.q2Target))}::bigint[],
          ${p(i.map((r) => r.q3Target))}::bigint[], ${p(i.map((r) => r.q4Target))}::bigint[],
          ${p(i.map((r) => r.version))}::int[], ${p(i.map((r) => r.updatedAt))}::timestamptz[],
          ${p(i.map((r) => r.updatedBy))}::text[])
        on conflict do nothing`);
      if (result.rowCount !== i.length) throw new CreatedMeanwhile();
    }

    const actualWrites = split(ctx.actuals, before.actuals);
    if (actualWrites.updates.length > 0) {
      const u = actualWrites.updates;
      const result = await tx.execute(sql`
        update ${actuals} as t set amount = v.amount, version = v.version,
          updated_at = v.updated_at, updated_by = v.updated_by
        from unnest(${p(u.map((r) => r.unitId))}::int[], ${p(u.map((r) => r.year))}::int[],
          ${p(u.map((r) => r.quarter))}::int[], ${p(u.map((r) => r.amount))}::bigint[],
          ${p(u.map((r) => r.version))}::int[], ${p(u.map((r) => r.oldVersion))}::int[],
          ${p(u.map((r) => r.updatedAt))}::timestamptz[], ${p(u.map((r) => r.updatedBy))}::text[])
          as v(unit_id, year, quarter, amount, version, old_version, updated_at, updated_by)
        where t.unit_id = v.unit_id and t.year = v.year and t.quarter = v.quarter
          and t.version = v.old_version`);
      if (result.rowCount !== u.length) lostRace('figure');
    }
    if (actualWrites.inserts.length > 0) {
      const i = actualWrites.inserts;
      const result = await tx.execute(sql`
        insert into ${actuals} (unit_id, year, quarter, amount, version, updated_at, updated_by)
        select * from unnest(${p(i.map((r) => r.unitId))}::int[], ${p(i.map((r) => r.year))}::int[],
          ${p(i.map((r) => r.quarter))}::int[], ${p(i.map((r) => r.amount))}::bigint[],
          ${p(i.map((r) => r.version))}::int[], ${p(i.map((r) => r.updatedAt))}::timestamptz[],
          ${p(i.map((r) => r.updatedBy))}::text[])
        on conflict do nothing`);
      if (result.rowCount !== i.length) throw new CreatedMeanwhile();
    }
  };

  const readLock = async (q: Q, year: number, quarter: number) => {
    const [row] = await q
      .select()
      .from(quarterLocks)
      .where(and(eq(quarterLocks.year, year), eq(quarterLocks.quarter, quarter)));
    return row ? toLock(row) : null;
  };

  /** The quarter's lock, read under the shared advisory lock that keeps it as read until commit. */
  const lockOf = async (ctx: WriteCtx, year: number, quarter: number) => {
    const key = advisoryQuarter(year, quarter);
    if (!ctx.quarterLocks.has(key)) {
      await advisoryLock(ctx.tx, key, 'shared');
      ctx.quarterLocks.set(key, await readLock(ctx.tx, year, quarter));
    }
    return ctx.quarterLocks.get(key) ?? null;
  };

  /**
   * The row another writer changed between our locking read and our update: cannot happen
   * while we hold the row lock, and is reported as a conflict rather than written over if the
   * locking is ever loosened.
   */
  const lostRace = (what: string): never => {
    throw new DbError('CONFLICT', `This ${what} was changed by someone else at the same moment`, {
      field: 'version',
    });
  };

  const loadUser = async (q: Q, id: number): Promise<User | null> => {
    const [row] = await q
      .select({ user: users, unitIds: unitIdsSql })
      .from(users)
      .where(eq(users.id, id));
    return row ? toUser(row.user, row.unitIds) : null;
  };

  const savePlanIn = async (
    ctx: WriteCtx,
    input: SavePlanInput,
    isRetry = false,
  ): Promise<PlanRecord> => {
    const { tx } = ctx;
    await requireUnits(ctx, [input.unitId], 'unitId');
    const where = and(eq(plans.unitId, input.unitId), eq(plans.year, input.year));
    const key = planKeyOf(input);
    const oldRow = ctx.plans?.has(key)
      ? ctx.plans.get(key)
      : (await tx.select().from(plans).where(where).for('no key update'))[0];
    const old = oldRow ? toPlan(oldRow) : null;
    checkVersion(input.expectedVersion, old);
    for (const quarter of quartersChangedBy(old, input.quarterTargets)) {
      const lock = await lockOf(ctx, input.year, quarter);
      if (lock) refuseLocked(lock);
    }
    const at = now().toISOString();
    const [q1, q2, q3, q4] = input.quarterTargets;
    const values = {
      annualPlan: input.annualPlan,
      q1Target: q1,
      q2Target: q2,
      q3Target: q3,
      q4Target: q4,
      updatedAt: at,
      updatedBy: input.actor,
    };
    let row: PlanRow | undefined;
    if (ctx.plans) {
      // An import: the row is written with the others at the end (writeImport).
      row = {
        ...values,
        unitId: input.unitId,
        year: input.year,
        originalAnnualPlan: oldRow?.originalAnnualPlan ?? input.annualPlan,
        version: (oldRow?.version ?? 0) + 1,
      };
    } else if (old) {
      [row] = await tx
        .update(plans)
        .set({ ...values, version: old.version + 1 })
        .where(and(where, eq(plans.version, old.version)))
        .returning();
      if (!row) lostRace('plan');
    } else {
      [row] = await tx
        .insert(plans)
        .values({
          ...values,
          originalAnnualPlan: input.annualPlan,
          unitId: input.unitId,
          year: input.year,
          version: 1,
        })
        .onConflictDoNothing()
        .returning();
      // Created by another writer since our read: read it again, as an existing plan.
      if (!row) return isRetry ? lostRace('plan') : savePlanIn(ctx, input, true);
    }
    ctx.plans?.set(key, row as PlanRow);
    const saved = toPlan(row as PlanRow);
    await auditFigure(ctx, planAudit(input, { at, old, saved }));
    return saved;
  };

  const saveActualIn = async (
    ctx: WriteCtx,
    input: SaveActualInput,
    isRetry = false,
  ): Promise<ActualRecord> => {
    const { tx } = ctx;
    await requireUnits(ctx, [input.unitId], 'unitId');
    const where = and(
      eq(actuals.unitId, input.unitId),
      eq(actuals.year, input.year),
      eq(actuals.quarter, input.quarter),
    );
    const key = actualKeyOf(input);
    const oldRow = ctx.actuals?.has(key)
      ? ctx.actuals.get(key)
      : (await tx.select().from(actuals).where(where).for('no key update'))[0];
    const old = oldRow ? toActual(oldRow) : null;
    checkVersion(input.expectedVersion, old);
    const lock = await lockOf(ctx, input.year, input.quarter);
    if (lock) refuseLocked(lock);
    const at = now().toISOString();
    let row: ActualRow | undefined;
    if (ctx.actuals) {
      row = {
        unitId: input.unitId,
        year: input.year,
        quarter: input.quarter,
        amount: input.amount,
        version: (oldRow?.version ?? 0) + 1,
        updatedAt: at,
        updatedBy: input.actor,
      };
    } else if (old) {
      [row] = await tx
        .update(actuals)
        .set({
          amount: input.amount,
          updatedAt: at,
          updatedBy: input.actor,
          version: old.version + 1,
        })
        .where(and(where, eq(actuals.version, old.version)))
        .returning();
      if (!row) lostRace('figure');
    } else {
      [row] = await tx
        .insert(actuals)
        .values({
          unitId: input.unitId,
          year: input.year,
          quarter: input.quarter,
          amount: input.amount,
          version: 1,
          updatedAt: at,
          updatedBy: input.actor,
        })
        .onConflictDoNothing()
        .returning();
      if (!row) return isRetry ? lostRace('figure') : saveActualIn(ctx, input, true);
    }
    ctx.actuals?.set(key, row as ActualRow);
    const saved = toActual(row as ActualRow);
    await auditFigure(ctx, actualAudit(input, { at, old, saved }));
    return saved;
  };

  return {
    db,
    pool,
    async listUnits() {
      const rows = await db.select().from(units).orderBy(byCodePoint(units.code));
      return rows.map(toUnit);
    },
    async getUnit(id) {
      const [row] = await db.select().from(units).where(eq(units.id, id));
      return row ? toUnit(row) : null;
    },
    async createUnit({ code, name, kind, parentId, actor, comment }) {
      return write(async (ctx) => {
        const { tx } = ctx;
        await advisoryLock(tx, ADVISORY_TREE, 'exclusive');
        // Under the tree lock: no other unit can be created between this look-up and the insert.
        const [taken] = await tx
          .select({ code: units.code })
          .from(units)
          .where(sql`lower(${units.code}) = lower(${code})`);
        if (taken) refuseTakenCode(code, taken.code);
        if (parentId === null) {
          const [root] = await tx
            .select({ id: units.id })
            .from(units)
            .where(isNull(units.parentId))
            .limit(1);
          if (root) refuseSecondRoot();
        } else {
          await requireUnits(ctx, [parentId], 'parentId');
        }
        const at = now().toISOString();
        const [row] = await tx
          .insert(units)
          .values({
            code,
            name: normaliseName(name),
            kind,
            parentId,
            createdAt: at,
            updatedAt: at,
          })
          .returning();
        const created = toUnit(row as UnitRow);
        await audit(tx, unitAudit({ actor, comment }, { at, old: null, saved: created }));
        return created;
      });
    },
    async updateUnit({ id, patch, expectedVersion, actor, comment }) {
      return write(async (ctx) => {
        const { tx } = ctx;
        // Tree first, then the row: the order every tree change takes its locks in.
        await advisoryLock(tx, ADVISORY_TREE, 'exclusive');
        const [row] = await tx.select().from(units).where(eq(units.id, id)).for('no key update');
        if (!row) return refuseUnknown('Unit', id);
        const old = toUnit(row);
        checkEditVersion('unit', expectedVersion, old);
        const parentId = newParentOf(old, patch);
        if (parentId !== null) {
          await requireUnits(ctx, [parentId], 'parentId');
          refuseCycle((await tx.select().from(units)).map(toUnit), id, parentId);
        }
        const at = now().toISOString();
        const [updatedRow] = await tx
          .update(units)
          .set({ ...unitColumnsOf(patch), version: old.version + 1, updatedAt: at })
          .where(and(eq(units.id, id), eq(units.version, old.version)))
          .returning();
        if (!updatedRow) return lostRace('unit');
        const updated = toUnit(updatedRow);
        await audit(tx, unitAudit({ actor, comment }, { at, old, saved: updated }));
        return updated;
      });
    },
    async listYears() {
      const result = await db.execute<{ year: number }>(
        sql`select ${plans.year} as year from ${plans} union select ${actuals.year} from ${actuals} order by year`,
      );
      return result.rows.map((r) => Number(r.year));
    },
    async getYearEntries(year) {
      return snapshot(async (tx) => ({
        year,
        plans: (
          await tx.select().from(plans).where(eq(plans.year, year)).orderBy(asc(plans.unitId))
        ).map(toPlan),
        actuals: (
          await tx
            .select()
            .from(actuals)
            .where(eq(actuals.year, year))
            .orderBy(asc(actuals.unitId), asc(actuals.quarter))
        ).map(toActual),
      }));
    },
    async savePlan(input) {
      return write((ctx) => savePlanIn(ctx, input));
    },
    async saveActual(input) {
      return write((ctx) => saveActualIn(ctx, input));
    },
    async applyImport({ plans: planInputs, actuals: actualInputs }) {
      // One transaction: any stale version, locked quarter or unknown unit undoes it all.
      return write(async (ctx) => {
        await prepareImport(ctx, planInputs, actualInputs);
        const before = { plans: new Map(ctx.plans), actuals: new Map(ctx.actuals) };
        // Checked and computed row by row, in order, as single saves would be; written at once.
        const savedPlans: PlanRecord[] = [];
        for (const input of planInputs) savedPlans.push(await savePlanIn(ctx, input));
        const savedActuals: ActualRecord[] = [];
        for (const input of actualInputs) savedActuals.push(await saveActualIn(ctx, input));
        await writeImport(ctx, before);
        await flushAudits(ctx);
        return { plans: savedPlans, actuals: savedActuals };
      });
    },
    async listAudit({ unitId, year, quarter, entity, entities, limit = 100, beforeId }) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(
          and(
            unitId === undefined ? undefined : eq(auditLog.unitId, unitId),
            year === undefined ? undefined : eq(auditLog.year, year),
            quarter === undefined ? undefined : eq(auditLog.quarter, quarter),
            entity === undefined ? undefined : eq(auditLog.entity, entity),
            entities === undefined ? undefined : inArray(auditLog.entity, entities),
            beforeId === undefined ? undefined : lt(auditLog.id, beforeId),
          ),
        )
        .orderBy(desc(auditLog.id))
        .limit(limit);
      return rows.map(toAuditEntry);
    },

    async listUsers() {
      const rows = await db
        .select({ user: users, unitIds: unitIdsSql })
        .from(users)
        .orderBy(byCodePoint(users.username));
      return rows.map((r) => toUser(r.user, r.unitIds));
    },
    async getUser(id) {
      return loadUser(db, id);
    },
    async findUserForLogin(username) {
      const [row] = await db
        .select({ user: users, unitIds: unitIdsSql })
        .from(users)
        .where(sql`lower(${users.username}) = ${normaliseUsername(username)}`);
      if (!row) return null;
      return { ...toUser(row.user, row.unitIds), passwordHash: row.user.passwordHash };
    },
    async createUser(input) {
      return write(async (ctx) => {
        const { tx } = ctx;
        const username = normaliseUsername(input.username);

        const [taken] = await tx
          .select({ id: users.id })
          .from(users)
          .where(sql`lower(${users.username}) = ${username}`);
        if (taken) refuseTakenUsername(username);
        await requireUnits(ctx, input.unitIds, 'unitIds');
        const at = now().toISOString();
        const [row] = await tx
          .insert(users)
          .values({
            username,
            displayName: normaliseName(input.displayName),
            role: input.role,
            passwordHash: input.passwordHash,
            createdAt: at,
            updatedAt: at,
          })
          // Any unique index: the one on lower(username) is the only one an insert can meet.
          .onConflictDoNothing()
          .returning({ id: users.id });
        // Taken by a concurrent log-in creation since our look-up.
        if (!row) return refuseTakenUsername(username);
        const unitIds = [...new Set(input.unitIds)];
        if (unitIds.length > 0) {
          await tx.insert(userUnits).values(unitIds.map((unitId) => ({ userId: row.id, unitId })));
        }
        const created = (await loadUser(tx, row.id)) as User;
        await audit(tx, userAudit(input, { at, old: null, saved: created }));
        return created;
      });
    },
    async updateUser({ id, patch, actor, comment, expectedVersion }) {
      return write(async (ctx) => {
        const { tx } = ctx;
        // A change that could take an admin away first locks every enabled admin, in id order
        // (so two of them wait for each other instead of deadlocking): two admins demoting
        // each other at once then run one after the other, and the second sees it would
        // leave nobody. A row changed meanwhile is read again by PostgreSQL, and skipped if
        // it is no longer an enabled admin.
        const enabledAdmins = mayRemoveAdmin(patch)
          ? await tx
              .select({ id: users.id })
              .from(users)
              .where(and(eq(users.role, 'admin'), eq(users.isDisabled, false)))
              .orderBy(asc(users.id))
              .for('no key update')
          : [];
        const [locked] = await tx
          .select({ id: users.id })
          .from(users)
          .where(eq(users.id, id))
          .for('no key update');
        const old = locked ? await loadUser(tx, id) : null;
        if (!old) return refuseUnknown('User', id);
        checkEditVersion('user', expectedVersion, old);
        const removed = adminRemovedBy(old, patch);
        // The others are locked by us: none of them can stop being an admin before we commit.
        if (removed && !enabledAdmins.some((admin) => admin.id !== id)) {
          refuseLastAdmin(old, removed);
        }
        if (patch.unitIds) await requireUnits(ctx, patch.unitIds, 'unitIds');
        const at = now().toISOString();
        const changed = await tx
          .update(users)
          .set({ ...userColumnsOf(patch), version: old.version + 1, updatedAt: at })
          .where(and(eq(users.id, id), eq(users.version, old.version)))
          .returning({ id: users.id });
        if (changed.length === 0) lostRace('user');
        if (patch.unitIds) {
          await tx.delete(userUnits).where(eq(userUnits.userId, id));
          const unitIds = [...new Set(patch.unitIds)];
          if (unitIds.length > 0) {
            await tx.insert(userUnits).values(unitIds.map((unitId) => ({ userId: id, unitId })));
          }
        }
        if (endsSessions(patch)) {
          await tx.delete(sessions).where(eq(sessions.userId, id));
        }
        const updated = (await loadUser(tx, id)) as User;
        await audit(
          tx,
          userAudit(
            { actor, comment },
            { at, old, saved: updated, isPasswordChanged: patch.passwordHash !== undefined },
          ),
        );
        return updated;
      });
    },

    async createSession({ tokenHash, userId, csrfToken, createdAt, lastSeenAt, expiresAt }) {
      await db
        .insert(sessions)
        .values({ tokenHash, userId, csrfToken, createdAt, lastSeenAt, expiresAt });
    },
    async findSession(tokenHash) {
      // One statement, so the session, its user and the user's units come from one snapshot.
      const [row] = await db
        .select({ session: sessions, user: users, unitIds: unitIdsSql })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(eq(sessions.tokenHash, tokenHash));
      if (!row) return null;
      const { session, user } = row;
      return {
        tokenHash: session.tokenHash,
        csrfToken: session.csrfToken,
        createdAt: session.createdAt,
        lastSeenAt: session.lastSeenAt,
        expiresAt: session.expiresAt,
        user: toUser(user, row.unitIds),
      };
    },
    async touchSession(tokenHash, lastSeenAt) {
      await db.update(sessions).set({ lastSeenAt }).where(eq(sessions.tokenHash, tokenHash));
    },
    async deleteSession(tokenHash) {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },
    async deleteExpiredSessions(nowIso, idleSince) {
      const result = await db
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, nowIso), lt(sessions.lastSeenAt, idleSince)));
      return result.rowCount ?? 0;
    },

    async listLocks(year) {
      const rows = await db
        .select()
        .from(quarterLocks)
        .where(year === undefined ? undefined : eq(quarterLocks.year, year))
        .orderBy(asc(quarterLocks.year), asc(quarterLocks.quarter));
      return rows.map(toLock);
    },
    async lockQuarter({ year, quarter, actor, comment }) {
      return write(async ({ tx }) => {
        // Waits for the saves that checked this quarter's lock to commit.
        await advisoryLock(tx, advisoryQuarter(year, quarter), 'exclusive');
        const existing = await readLock(tx, year, quarter);
        if (existing) refuseAlreadyLocked(existing);
        const at = now().toISOString();
        const [row] = await tx
          .insert(quarterLocks)
          .values({
            year,
            quarter,
            lockedBy: actor ?? 'system',
            lockedAt: at,
            reason: comment ?? null,
          })
          .returning();
        const lock = toLock(row as LockRow);
        await audit(
          tx,
          lockAudit({ actor, comment }, { at, year, quarter, old: null, saved: lock }),
        );
        return lock;
      });
    },
    async unlockQuarter({ year, quarter, actor, comment }) {
      await write(async ({ tx }) => {
        await advisoryLock(tx, advisoryQuarter(year, quarter), 'exclusive');
        const existing = await readLock(tx, year, quarter);
        if (!existing) return refuseNotLocked(year, quarter);
        await tx
          .delete(quarterLocks)
          .where(and(eq(quarterLocks.year, year), eq(quarterLocks.quarter, quarter)));
        await audit(
          tx,
          lockAudit(
            { actor, comment },
            { at: now().toISOString(), year, quarter, old: existing, saved: null },
          ),
        );
      });
    },

    async getSetting(key) {
      const [row] = await db.select().from(settings).where(eq(settings.key, key));
      return row ? toSetting(row) : null;
    },
    async saveSetting(input) {
      const saveIn = async (tx: Tx, isRetry: boolean): Promise<SettingRecord> => {
        const { key, value, expectedVersion, actor, comment } = input;
        const [oldRow] = await tx
          .select()
          .from(settings)
          .where(eq(settings.key, key))
          .for('no key update');
        const old = oldRow ? toSetting(oldRow) : null;
        checkVersion(expectedVersion, old);
        const at = now().toISOString();
        let row: SettingRow | undefined;
        if (old) {
          [row] = await tx
            .update(settings)
            .set({
              value: jsonValue(value),
              updatedAt: at,
              updatedBy: actor,
              version: old.version + 1,
            })
            .where(and(eq(settings.key, key), eq(settings.version, old.version)))
            .returning();
          if (!row) lostRace('setting');
        } else {
          [row] = await tx
            .insert(settings)
            .values({ key, value: jsonValue(value), updatedAt: at, updatedBy: actor, version: 1 })
            .onConflictDoNothing()
            .returning();
          if (!row) return isRetry ? lostRace('setting') : saveIn(tx, true);
        }
        const saved = toSetting(row as SettingRow);
        await audit(tx, settingAudit({ actor, comment }, { at, old, saved }));
        return saved;
      };
      return write(({ tx }) => saveIn(tx, false));
    },
    async seedIfEmpty(org) {
      try {
        return await write(async ({ tx }) => {
          // Two processes starting on an empty database: the second waits, then finds units.
          await advisoryLock(tx, ADVISORY_TREE, 'exclusive');
          const [existing] = await tx.select({ id: units.id }).from(units).limit(1);
          if (existing) throw new NothingToSeed();
          const at = now().toISOString();
          // Ids in file order from 1, as SQLite gives them to a table that never had a row
          // (units are never deleted, so an empty table never had one): both engines then
          // seed the same ids, whatever earlier rolled-back attempts took from the sequence.
          const idByCode = new Map<string, number>();
          const unitRows = org.units.map((unit, i) => {
            // Parents must come before their children in the file; a missing parent aborts the seed.
            const row = { id: i + 1, ...seedUnitRow(unit, seedParentIdOf(unit, idByCode), at) };
            idByCode.set(unit.code, row.id);
            return row;
          });
          // A parent earlier in the same statement is found: the foreign keys are checked at
          // the end of each statement.
          for (const chunk of chunks(unitRows)) await tx.insert(units).values(chunk);
          await tx.execute(
            sql`select setval(pg_get_serial_sequence('units', 'id'), ${unitRows.length + 1}, false)`,
          );
          const unitIdOf = seedUnitIdOf(idByCode);
          const planRows = org.plans.map((plan) => seedPlanRow(plan, unitIdOf(plan.unitCode), at));
          for (const chunk of chunks(planRows)) await tx.insert(plans).values(chunk);
          const actualRows = org.actuals.map((actual) =>
            seedActualRow(actual, unitIdOf(actual.unitCode), at),
          );
          for (const chunk of chunks(actualRows)) await tx.insert(actuals).values(chunk);
          for (const user of org.users ?? []) {
            const [row] = await tx
              .insert(users)
              .values(seedUserRow(user, at))
              .returning({ id: users.id });
            const userId = (row as { id: number }).id;
            if (user.unitCodes.length > 0) {
              await tx
                .insert(userUnits)
                .values(user.unitCodes.map((code) => ({ userId, unitId: unitIdOf(code) })));
            }
          }
          return true;
        });
      } catch (err) {
        if (err instanceof NothingToSeed) return false;
        throw err;
      }
    },
    async hitRateLimit({ key, windowMs }) {
      const at = now();
      const nowIso = at.toISOString();
      // One statement: concurrent attempts from any process each get their own count.
      const [row] = await db
        .insert(rateLimits)
        .values({ key, count: 1, resetAt: new Date(at.getTime() + windowMs).toISOString() })
        .onConflictDoUpdate({
          target: rateLimits.key,
          set: {
            count: sql`case when ${rateLimits.resetAt} <= ${nowIso}::timestamptz then 1 else ${rateLimits.count} + 1 end`,
            resetAt: sql`case when ${rateLimits.resetAt} <= ${nowIso}::timestamptz then excluded.reset_at else ${rateLimits.resetAt} end`,
          },
        })
        .returning({ count: rateLimits.count, resetAt: rateLimits.resetAt });
      // Windows of keys nobody tries again would stay forever: sweep now and then.
      if (Math.random() < 0.01) {
        await db.delete(rateLimits).where(lt(rateLimits.resetAt, nowIso));
      }
      if (!row) throw new Error('The rate-limit counter was not written');
      return { count: row.count, ttlMs: Math.max(0, Date.parse(row.resetAt) - at.getTime()) };
    },
    async dataVersion() {
      // One statement, so the counters come from one snapshot: the sum grows by one with each
      // committed write and never counts an uncommitted one.
      const [row] = await db
        .select({
          epoch: sql<string | null>`min(${dataVersion.epoch})`,
          version: sql<string | null>`sum(${dataVersion.version})::text`,
        })
        .from(dataVersion);
      return row?.epoch && row.version ? `${row.epoch}.${row.version}` : '0';
    },
    async close() {
      await pool.end();
    },
  };
}

/** A figure an import meant to create was created by another writer: run the import again. */
class CreatedMeanwhile extends Error {}

/** Ends the seed's transaction without bumping the data version: nothing was written. */
class NothingToSeed extends Error {}
