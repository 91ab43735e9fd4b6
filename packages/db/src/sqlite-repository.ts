import type { Quarter, Unit } from '@targetline/core';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type Db, openSqlite, type SqliteHandle } from './client';
import { DbError } from './errors';
import type {
  ActualRecord,
  AuditEntry,
  PlanRecord,
  Repository,
  SaveActualInput,
  SavePlanInput,
  SeedOrganisation,
} from './repository';
import { actuals, auditLog, plans, units } from './schema';

type PlanRow = typeof plans.$inferSelect;
type ActualRow = typeof actuals.$inferSelect;
type UnitRow = typeof units.$inferSelect;

const toUnit = (row: UnitRow): Unit => ({
  id: row.id,
  code: row.code,
  name: row.name,
  parentId: row.parentId,
  kind: row.kind,
});

const toPlan = (row: PlanRow): PlanRecord => ({
  unitId: row.unitId,
  year: row.year,
  annualPlan: row.annualPlan,
  quarterTargets: [row.q1Target, row.q2Target, row.q3Target, row.q4Target],
  version: row.version,
  updatedAt: row.updatedAt,
});

const toActual = (row: ActualRow): ActualRecord => ({
  unitId: row.unitId,
  year: row.year,
  quarter: row.quarter as Quarter,
  amount: row.amount,
  version: row.version,
  updatedAt: row.updatedAt,
});

/** Unit names arrive in NFC and NFD (macOS, some keyboards); store one form so they compare equal. */
export const normaliseName = (name: string) => name.normalize('NFC').trim();

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

  const requireUnit = (tx: Db, unitId: number) => {
    const unit = tx.select({ id: units.id }).from(units).where(eq(units.id, unitId)).get();
    if (!unit) throw new DbError('NOT_FOUND', `Unit ${unitId} does not exist`, 'unitId');
  };

  const savePlanSync = (input: SavePlanInput): PlanRecord =>
    db.transaction((tx) => {
      requireUnit(tx, input.unitId);
      const where = and(eq(plans.unitId, input.unitId), eq(plans.year, input.year));
      const old = tx.select().from(plans).where(where).get();
      const at = now().toISOString();
      const [q1, q2, q3, q4] = input.quarterTargets;
      const values = {
        annualPlan: input.annualPlan,
        q1Target: q1,
        q2Target: q2,
        q3Target: q3,
        q4Target: q4,
        updatedAt: at,
      };
      const row = old
        ? tx
            .update(plans)
            .set({ ...values, version: old.version + 1 })
            .where(where)
            .returning()
            .get()
        : tx
            .insert(plans)
            .values({ ...values, unitId: input.unitId, year: input.year, version: 1 })
            .returning()
            .get();
      const saved = toPlan(row);
      tx.insert(auditLog)
        .values({
          at,
          actor: input.actor,
          entity: 'plan',
          unitId: input.unitId,
          year: input.year,
          quarter: null,
          oldValue: old ? JSON.stringify(toPlan(old)) : null,
          newValue: JSON.stringify(saved),
          comment: input.comment ?? null,
        })
        .run();
      return saved;
    });

  const saveActualSync = (input: SaveActualInput): ActualRecord =>
    db.transaction((tx) => {
      requireUnit(tx, input.unitId);
      const where = and(
        eq(actuals.unitId, input.unitId),
        eq(actuals.year, input.year),
        eq(actuals.quarter, input.quarter),
      );
      const old = tx.select().from(actuals).where(where).get();
      const at = now().toISOString();
      const row = old
        ? tx
            .update(actuals)
            .set({ amount: input.amount, updatedAt: at, version: old.version + 1 })
            .where(where)
            .returning()
            .get()
        : tx
            .insert(actuals)
            .values({
              unitId: input.unitId,
              year: input.year,
              quarter: input.quarter,
              amount: input.amount,
              version: 1,
              updatedAt: at,
            })
            .returning()
            .get();
      const saved = toActual(row);
      tx.insert(auditLog)
        .values({
          at,
          actor: input.actor,
          entity: 'actual',
          unitId: input.unitId,
          year: input.year,
          quarter: input.quarter,
          oldValue: old ? JSON.stringify(toActual(old)) : null,
          newValue: JSON.stringify(saved),
          comment: input.comment ?? null,
        })
        .run();
      return saved;
    });

  const seedSync = (org: SeedOrganisation): boolean =>
    db.transaction((tx) => {
      const existing = tx.select({ n: sql<number>`count(*)` }).from(units).get();
      if ((existing?.n ?? 0) > 0) return false;
      const at = now().toISOString();
      const idByCode = new Map<string, number>();
      // Parents must come before their children in the file; a missing parent aborts the seed.
      for (const unit of org.units) {
        let parentId: number | null = null;
        if (unit.parentCode !== null) {
          const found = idByCode.get(unit.parentCode);
          if (found === undefined) {
            throw new Error(`Unit ${unit.code}: parent ${unit.parentCode} is not listed before it`);
          }
          parentId = found;
        }
        const row = tx
          .insert(units)
          .values({
            code: unit.code,
            name: normaliseName(unit.name),
            kind: unit.kind,
            parentId,
            createdAt: at,
          })
          .returning({ id: units.id })
          .get();
        idByCode.set(unit.code, row.id);
      }
      const unitIdOf = (code: string) => {
        const id = idByCode.get(code);
        if (id === undefined) throw new Error(`Unknown unit code ${code} in seed data`);
        return id;
      };
      for (const plan of org.plans) {
        const [q1, q2, q3, q4] = plan.quarterTargets;
        tx.insert(plans)
          .values({
            unitId: unitIdOf(plan.unitCode),
            year: plan.year,
            annualPlan: plan.annualPlan,
            q1Target: q1,
            q2Target: q2,
            q3Target: q3,
            q4Target: q4,
            version: 1,
            updatedAt: at,
          })
          .run();
      }
      for (const actual of org.actuals) {
        tx.insert(actuals)
          .values({
            unitId: unitIdOf(actual.unitCode),
            year: actual.year,
            quarter: actual.quarter,
            amount: actual.amount,
            version: 1,
            updatedAt: at,
          })
          .run();
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
    async listYears() {
      const rows = db.all<{ year: number }>(
        sql`SELECT year FROM ${plans} UNION SELECT year FROM ${actuals} ORDER BY year`,
      );
      return rows.map((r) => r.year);
    },
    async getYearEntries(year) {
      return {
        year,
        plans: db.select().from(plans).where(eq(plans.year, year)).all().map(toPlan),
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
      return savePlanSync(input);
    },
    async saveActual(input) {
      return saveActualSync(input);
    },
    async listAudit({ unitId, limit = 100 }) {
      const rows = db
        .select()
        .from(auditLog)
        .where(unitId === undefined ? undefined : eq(auditLog.unitId, unitId))
        .orderBy(desc(auditLog.id))
        .limit(limit)
        .all();
      return rows.map(
        (r): AuditEntry => ({
          ...r,
          oldValue: parseJson(r.oldValue),
          newValue: parseJson(r.newValue),
        }),
      );
    },
    async seedIfEmpty(org) {
      return seedSync(org);
    },
    async close() {
      sqlite.close();
    },
  };
}
