import type { User } from '@targetline/core';
import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import {
  type AuditRow,
  actualAudit,
  lockAudit,
  planAudit,
  settingAudit,
  unitAudit,
  userAudit,
} from './audit-rows';
import { type Db, openSqlite, type SqliteHandle } from './client';
import { createGroupCommit } from './group-commit';
import {
  normaliseName,
  normaliseUsername,
  toActual,
  toAuditEntry,
  toLock,
  toPlan,
  toSetting,
  toUnit,
  toUser,
  unitColumnsOf,
  userColumnsOf,
} from './records';
import type {
  ActualRecord,
  PlanRecord,
  Repository,
  SaveActualInput,
  SavePlanInput,
  SeedOrganisation,
} from './repository';
import {
  adminRemovedBy,
  checkEditVersion,
  checkVersion,
  endsSessions,
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
} from './rules';
import {
  actuals,
  auditLog,
  plans,
  quarterLocks,
  sessions,
  settings,
  units,
  users,
  userUnits,
} from './schema';
import {
  seedActualRow,
  seedParentIdOf,
  seedPlanRow,
  seedUnitIdOf,
  seedUnitRow,
  seedUserRow,
} from './seed-rows';

type Tx = Db;

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export type SqliteRepositoryOptions = {
  /** A file path, or ':memory:'. */
  path: string;
  /** Clock for timestamps; tests pass a fixed one. */
  now?: () => Date;
};

export function createSqliteRepository({
  path,
  now = () => new Date(),
}: SqliteRepositoryOptions): Repository & {
  readonly db: Db;
  readonly sqlite: SqliteHandle['sqlite'];
} {
  const { db, sqlite } = openSqlite(path);
  // PRAGMA data_version moves when another connection commits; this counter when we do.
  let ownWrites = 0;
  const written = <T>(value: T): T => {
    ownWrites++;
    return value;
  };
  // Single figures (the unit leads' PUTs at the end of a quarter) share transactions and
  // fsyncs; see group-commit.ts. Everything else commits on its own.
  const figureWrites = createGroupCommit<Tx>({
    transaction: (body) => db.transaction(body, { behavior: 'immediate' }),
    // By hand rather than drizzle's nested transaction: after an error that made SQLite undo
    // the whole transaction there is no savepoint to roll back to, and the original error
    // (SQLITE_FULL, say) must reach the caller, not "no such savepoint".
    savepoint: (tx, body) => {
      sqlite.exec('SAVEPOINT figure_write');
      try {
        const result = body(tx);
        sqlite.exec('RELEASE figure_write');
        return result;
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK TO figure_write; RELEASE figure_write');
        throw error;
      }
    },
    isInTransaction: () => sqlite.inTransaction,
    onCommit: () => {
      ownWrites++;
    },
  });

  // The figure writes run thousands of times in an import: their statements are built and
  // prepared once, not per row (building drizzle queries cost more than running them).
  const ph = sql.placeholder;
  const figureKey = and(
    eq(actuals.unitId, ph('unitId')),
    eq(actuals.year, ph('year')),
    eq(actuals.quarter, ph('quarter')),
  );
  const planKey = and(eq(plans.unitId, ph('unitId')), eq(plans.year, ph('year')));
  const prepared = {
    unit: db
      .select({ id: units.id })
      .from(units)
      .where(eq(units.id, ph('id')))
      .prepare(),
    lock: db
      .select()
      .from(quarterLocks)
      .where(and(eq(quarterLocks.year, ph('year')), eq(quarterLocks.quarter, ph('quarter'))))
      .prepare(),
    actual: db.select().from(actuals).where(figureKey).prepare(),
    insertActual: db
      .insert(actuals)
      .values({
        unitId: ph('unitId'),
        year: ph('year'),
        quarter: ph('quarter'),
        amount: ph('amount'),
        version: 1,
        updatedAt: ph('updatedAt'),
        updatedBy: ph('updatedBy'),
      })
      .returning()
      .prepare(),
    updateActual: db
      .update(actuals)
      .set({
        amount: sql`${ph('amount')}`,
        version: sql`${ph('version')}`,
        updatedAt: sql`${ph('updatedAt')}`,
        updatedBy: sql`${ph('updatedBy')}`,
      })
      .where(figureKey)
      .returning()
      .prepare(),
    plan: db.select().from(plans).where(planKey).prepare(),
    insertPlan: db
      .insert(plans)
      .values({
        unitId: ph('unitId'),
        year: ph('year'),
        annualPlan: ph('annualPlan'),
        originalAnnualPlan: ph('annualPlan'),
        q1Target: ph('q1'),
        q2Target: ph('q2'),
        q3Target: ph('q3'),
        q4Target: ph('q4'),
        version: 1,
        updatedAt: ph('updatedAt'),
        updatedBy: ph('updatedBy'),
      })
      .returning()
      .prepare(),
    updatePlan: db
      .update(plans)
      .set({
        annualPlan: sql`${ph('annualPlan')}`,
        q1Target: sql`${ph('q1')}`,
        q2Target: sql`${ph('q2')}`,
        q3Target: sql`${ph('q3')}`,
        q4Target: sql`${ph('q4')}`,
        version: sql`${ph('version')}`,
        updatedAt: sql`${ph('updatedAt')}`,
        updatedBy: sql`${ph('updatedBy')}`,
      })
      .where(planKey)
      .returning()
      .prepare(),
    audit: db
      .insert(auditLog)
      .values({
        at: ph('at'),
        actor: ph('actor'),
        entity: ph('entity'),
        entityKey: ph('entityKey'),
        unitId: ph('unitId'),
        year: ph('year'),
        quarter: ph('quarter'),
        oldValue: ph('oldValue'),
        newValue: ph('newValue'),
        comment: ph('comment'),
      })
      .prepare(),
  };

  const requireUnit = (unitId: number, field: string) => {
    if (!prepared.unit.get({ id: unitId })) refuseUnknownUnits([unitId], field);
  };

  const requireUnits = (tx: Tx, unitIds: number[], field: string) => {
    if (unitIds.length === 0) return;
    const found = tx
      .select({ id: units.id })
      .from(units)
      .where(inArray(units.id, unitIds))
      .all()
      .map((r) => r.id);
    const missing = unitIds.filter((id) => !found.includes(id));
    if (missing.length > 0) refuseUnknownUnits(missing, field);
  };

  /** The audit row of a change, written by the caller's transaction (same connection). */
  const audit = (row: AuditRow) => {
    prepared.audit.run({
      ...row,
      oldValue: row.oldValue === null ? null : JSON.stringify(row.oldValue),
      newValue: row.newValue === null ? null : JSON.stringify(row.newValue),
    });
  };

  const lockOf = (year: number, quarter: number) => {
    const row = prepared.lock.get({ year, quarter });
    return row ? toLock(row) : null;
  };

  const unitIdsOf = (tx: Tx, userIds: number[]) => {
    const map = new Map<number, number[]>(userIds.map((id) => [id, []]));
    if (userIds.length === 0) return map;
    const rows = tx
      .select()
      .from(userUnits)
      .where(inArray(userUnits.userId, userIds))
      .orderBy(asc(userUnits.unitId))
      .all();
    for (const row of rows) map.get(row.userId)?.push(row.unitId);
    return map;
  };

  const loadUser = (tx: Tx, id: number): User | null => {
    const row = tx.select().from(users).where(eq(users.id, id)).get();
    return row ? toUser(row, unitIdsOf(tx, [id]).get(id) ?? []) : null;
  };

  // Both run inside a transaction the caller opened (one per write, or the import's one):
  // the prepared statements use the same connection, so they are part of it.
  const savePlanIn = (input: SavePlanInput): PlanRecord => {
    requireUnit(input.unitId, 'unitId');
    const key = { unitId: input.unitId, year: input.year };
    const oldRow = prepared.plan.get(key);
    const old = oldRow ? toPlan(oldRow) : null;
    checkVersion(input.expectedVersion, old);
    for (const quarter of quartersChangedBy(old, input.quarterTargets)) {
      const lock = lockOf(input.year, quarter);
      if (lock) refuseLocked(lock);
    }
    const at = now().toISOString();
    const [q1, q2, q3, q4] = input.quarterTargets;
    const values = {
      ...key,
      annualPlan: input.annualPlan,
      q1,
      q2,
      q3,
      q4,
      updatedAt: at,
      updatedBy: input.actor,
    };
    const row = old
      ? prepared.updatePlan.get({ ...values, version: old.version + 1 })
      : prepared.insertPlan.get(values);
    if (!row) throw new Error(`plan ${input.unitId}/${input.year} was not written`);
    const saved = toPlan(row);
    audit(planAudit(input, { at, old, saved }));
    return saved;
  };

  const saveActualIn = (input: SaveActualInput): ActualRecord => {
    requireUnit(input.unitId, 'unitId');
    const key = { unitId: input.unitId, year: input.year, quarter: input.quarter };
    const oldRow = prepared.actual.get(key);
    const old = oldRow ? toActual(oldRow) : null;
    checkVersion(input.expectedVersion, old);
    const lock = lockOf(input.year, input.quarter);
    if (lock) refuseLocked(lock);
    const at = now().toISOString();
    const values = { ...key, amount: input.amount, updatedAt: at, updatedBy: input.actor };
    const row = old
      ? prepared.updateActual.get({ ...values, version: old.version + 1 })
      : prepared.insertActual.get(values);
    if (!row)
      throw new Error(`actual ${input.unitId}/${input.year}/${input.quarter} was not written`);
    const saved = toActual(row);
    audit(actualAudit(input, { at, old, saved }));
    return saved;
  };

  const seedSync = (org: SeedOrganisation): boolean =>
    db.transaction((tx) => {
      const existing = tx.select({ n: sql<number>`count(*)` }).from(units).get();
      if ((existing?.n ?? 0) > 0) return false;
      const at = now().toISOString();
      const idByCode = new Map<string, number>();
      // Parents must come before their children in the file; a missing parent aborts the seed.
      for (const unit of org.units) {
        const row = tx
          .insert(units)
          .values(seedUnitRow(unit, seedParentIdOf(unit, idByCode), at))
          .returning({ id: units.id })
          .get();
        idByCode.set(unit.code, row.id);
      }
      const unitIdOf = seedUnitIdOf(idByCode);
      for (const plan of org.plans) {
        tx.insert(plans)
          .values(seedPlanRow(plan, unitIdOf(plan.unitCode), at))
          .run();
      }
      for (const actual of org.actuals) {
        tx.insert(actuals)
          .values(seedActualRow(actual, unitIdOf(actual.unitCode), at))
          .run();
      }
      for (const user of org.users ?? []) {
        const row = tx
          .insert(users)
          .values(seedUserRow(user, at))
          .returning({ id: users.id })
          .get();
        for (const code of user.unitCodes) {
          tx.insert(userUnits)
            .values({ userId: row.id, unitId: unitIdOf(code) })
            .run();
        }
      }
      return true;
    });

  return {
    db,
    sqlite,
    async listUnits() {
      return db.select().from(units).orderBy(asc(units.code)).all().map(toUnit);
    },
    async getUnit(id) {
      const row = db.select().from(units).where(eq(units.id, id)).get();
      return row ? toUnit(row) : null;
    },
    async createUnit({ code, name, kind, parentId, actor, comment }) {
      return written(
        db.transaction((tx) => {
          const taken = tx
            .select({ code: units.code })
            .from(units)
            .where(sql`lower(${units.code}) = lower(${code})`)
            .get();
          if (taken) refuseTakenCode(code, taken.code);
          if (parentId === null) {
            const root = tx
              .select({ id: units.id })
              .from(units)
              .where(isNull(units.parentId))
              .get();
            if (root) refuseSecondRoot();
          } else {
            requireUnits(tx, [parentId], 'parentId');
          }
          const at = now().toISOString();
          const created = toUnit(
            tx
              .insert(units)
              .values({
                code,
                name: normaliseName(name),
                kind,
                parentId,
                createdAt: at,
                updatedAt: at,
              })
              .returning()
              .get(),
          );
          audit(unitAudit({ actor, comment }, { at, old: null, saved: created }));
          return created;
        }),
      );
    },
    async updateUnit({ id, patch, expectedVersion, actor, comment }) {
      return written(
        db.transaction((tx) => {
          const row = tx.select().from(units).where(eq(units.id, id)).get();
          if (!row) return refuseUnknown('Unit', id);
          const old = toUnit(row);
          checkEditVersion('unit', expectedVersion, old);
          const parentId = newParentOf(old, patch);
          if (parentId !== null) {
            requireUnits(tx, [parentId], 'parentId');
            refuseCycle(tx.select().from(units).all().map(toUnit), id, parentId);
          }
          const at = now().toISOString();
          const updated = toUnit(
            tx
              .update(units)
              .set({ ...unitColumnsOf(patch), version: old.version + 1, updatedAt: at })
              .where(eq(units.id, id))
              .returning()
              .get(),
          );
          audit(unitAudit({ actor, comment }, { at, old, saved: updated }));
          return updated;
        }),
      );
    },
    async listYears() {
      const rows = db.all<{ year: number }>(
        sql`SELECT year FROM ${plans} UNION SELECT year FROM ${actuals} ORDER BY year`,
      );
      return rows.map((r) => r.year);
    },
    async getYearEntries(year) {
      return {
        year,
        plans: db
          .select()
          .from(plans)
          .where(eq(plans.year, year))
          .orderBy(asc(plans.unitId))
          .all()
          .map(toPlan),
        actuals: db
          .select()
          .from(actuals)
          .where(eq(actuals.year, year))
          .orderBy(asc(actuals.unitId), asc(actuals.quarter))
          .all()
          .map(toActual),
      };
    },
    async savePlan(input) {
      return figureWrites.run(() => savePlanIn(input));
    },
    async saveActual(input) {
      return figureWrites.run(() => saveActualIn(input));
    },
    async applyImport({ plans: planInputs, actuals: actualInputs }) {
      // One transaction: any stale version, locked quarter or unknown unit undoes it all.
      return written(
        db.transaction(
          () => ({
            plans: planInputs.map(savePlanIn),
            actuals: actualInputs.map(saveActualIn),
          }),
          { behavior: 'immediate' },
        ),
      );
    },
    async listAudit({ unitId, year, quarter, entity, entities, limit = 100, beforeId }) {
      const rows = db
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
        .limit(limit)
        .all();
      return rows.map((r) =>
        toAuditEntry({ ...r, oldValue: parseJson(r.oldValue), newValue: parseJson(r.newValue) }),
      );
    },

    async listUsers() {
      const rows = db.select().from(users).orderBy(asc(users.username)).all();
      const unitMap = unitIdsOf(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => toUser(r, unitMap.get(r.id) ?? []));
    },
    async getUser(id) {
      return loadUser(db, id);
    },
    async findUserForLogin(username) {
      const row = db
        .select()
        .from(users)
        .where(sql`lower(${users.username}) = ${normaliseUsername(username)}`)
        .get();
      if (!row) return null;
      return {
        ...toUser(row, unitIdsOf(db, [row.id]).get(row.id) ?? []),
        passwordHash: row.passwordHash,
      };
    },
    async createUser(input) {
      return db.transaction((tx) => {
        const username = normaliseUsername(input.username);
        const taken = tx
          .select({ id: users.id })
          .from(users)
          .where(sql`lower(${users.username}) = ${username}`)
          .get();
        if (taken) refuseTakenUsername(username);
        requireUnits(tx, input.unitIds, 'unitIds');
        const at = now().toISOString();
        const row = tx
          .insert(users)
          .values({
            username,
            displayName: normaliseName(input.displayName),
            role: input.role,
            passwordHash: input.passwordHash,
            createdAt: at,
            updatedAt: at,
          })
          .returning()
          .get();
        for (const unitId of new Set(input.unitIds)) {
          tx.insert(userUnits).values({ userId: row.id, unitId }).run();
        }
        const created = loadUser(tx, row.id) as User;
        audit(userAudit(input, { at, old: null, saved: created }));
        return created;
      });
    },
    async updateUser({ id, patch, actor, comment, expectedVersion }) {
      return db.transaction((tx) => {
        const old = loadUser(tx, id);
        if (!old) return refuseUnknown('User', id);
        checkEditVersion('user', expectedVersion, old);
        // In the same transaction as the write (SQLite runs one writer at a time).
        const removed = adminRemovedBy(old, patch);
        if (removed) {
          const other = tx
            .select({ id: users.id })
            .from(users)
            .where(and(eq(users.role, 'admin'), eq(users.isDisabled, false), ne(users.id, id)))
            .get();
          if (!other) refuseLastAdmin(old, removed);
        }
        if (patch.unitIds) requireUnits(tx, patch.unitIds, 'unitIds');
        const at = now().toISOString();
        tx.update(users)
          .set({ ...userColumnsOf(patch), version: old.version + 1, updatedAt: at })
          .where(eq(users.id, id))
          .run();
        if (patch.unitIds) {
          tx.delete(userUnits).where(eq(userUnits.userId, id)).run();
          for (const unitId of new Set(patch.unitIds)) {
            tx.insert(userUnits).values({ userId: id, unitId }).run();
          }
        }
        if (endsSessions(patch)) {
          tx.delete(sessions).where(eq(sessions.userId, id)).run();
        }
        const updated = loadUser(tx, id) as User;
        audit(
          userAudit(
            { actor, comment },
            { at, old, saved: updated, isPasswordChanged: patch.passwordHash !== undefined },
          ),
        );
        return updated;
      });
    },

    async createSession({ tokenHash, userId, csrfToken, createdAt, lastSeenAt, expiresAt }) {
      db.insert(sessions)
        .values({ tokenHash, userId, csrfToken, createdAt, lastSeenAt, expiresAt })
        .run();
    },
    async findSession(tokenHash) {
      const row = db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash)).get();
      if (!row) return null;
      const user = loadUser(db, row.userId);
      if (!user) return null;
      const { userId: _userId, ...session } = row;
      return { ...session, user };
    },
    async touchSession(tokenHash, lastSeenAt) {
      db.update(sessions).set({ lastSeenAt }).where(eq(sessions.tokenHash, tokenHash)).run();
    },
    async deleteSession(tokenHash) {
      db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
    },
    async deleteExpiredSessions(nowIso, idleSince) {
      return db
        .delete(sessions)
        .where(or(lt(sessions.expiresAt, nowIso), lt(sessions.lastSeenAt, idleSince)))
        .run().changes;
    },

    async listLocks(year) {
      return db
        .select()
        .from(quarterLocks)
        .where(year === undefined ? undefined : eq(quarterLocks.year, year))
        .orderBy(asc(quarterLocks.year), asc(quarterLocks.quarter))
        .all()
        .map(toLock);
    },
    async lockQuarter({ year, quarter, actor, comment }) {
      return written(
        db.transaction((tx) => {
          const existing = lockOf(year, quarter);
          if (existing) refuseAlreadyLocked(existing);
          const at = now().toISOString();
          const lock = toLock(
            tx
              .insert(quarterLocks)
              .values({
                year,
                quarter,
                lockedBy: actor ?? 'system',
                lockedAt: at,
                reason: comment ?? null,
              })
              .returning()
              .get(),
          );
          audit(lockAudit({ actor, comment }, { at, year, quarter, old: null, saved: lock }));
          return lock;
        }),
      );
    },
    async unlockQuarter({ year, quarter, actor, comment }) {
      ownWrites++;
      db.transaction((tx) => {
        const existing = lockOf(year, quarter);
        if (!existing) refuseNotLocked(year, quarter);
        tx.delete(quarterLocks)
          .where(and(eq(quarterLocks.year, year), eq(quarterLocks.quarter, quarter)))
          .run();
        audit(
          lockAudit(
            { actor, comment },
            { at: now().toISOString(), year, quarter, old: existing, saved: null },
          ),
        );
      });
    },

    async getSetting(key) {
      const row = db.select().from(settings).where(eq(settings.key, key)).get();
      return row ? toSetting({ ...row, value: JSON.parse(row.value) as unknown }) : null;
    },
    async saveSetting({ key, value, expectedVersion, actor, comment }) {
      return written(
        db.transaction((tx) => {
          const oldRow = tx.select().from(settings).where(eq(settings.key, key)).get();
          const old = oldRow
            ? toSetting({ ...oldRow, value: JSON.parse(oldRow.value) as unknown })
            : null;
          checkVersion(expectedVersion, old);
          const at = now().toISOString();
          const values = { value: JSON.stringify(value), updatedAt: at, updatedBy: actor };
          const row = old
            ? tx
                .update(settings)
                .set({ ...values, version: old.version + 1 })
                .where(eq(settings.key, key))
                .returning()
                .get()
            : tx
                .insert(settings)
                .values({ ...values, key, version: 1 })
                .returning()
                .get();
          const saved = toSetting({ ...row, value: JSON.parse(row.value) as unknown });
          audit(settingAudit({ actor, comment }, { at, old, saved }));
          return saved;
        }),
      );
    },
    async seedIfEmpty(org) {
      return written(seedSync(org));
    },
    async dataVersion() {
      return `${String(sqlite.pragma('data_version', { simple: true }))}.${ownWrites}`;
    },
    async close() {
      // Writes already accepted are committed, not dropped, by a clean shutdown.
      figureWrites.drain();
      sqlite.close();
    },
  };
}
