import { asc, eq, sql } from 'drizzle-orm';
import { toActual, toPlan } from '../records';
import type { Repository } from '../repository';
import type { PgContext } from './context';
import { actuals, dataVersion, plans } from './schema';

/** A year's entered figures as read: the years there are, and a year's plans and actuals. */
export function createYears({ db, snapshot }: PgContext) {
  const methods: Pick<
    Repository,
    'listYears' | 'getYearEntries' | 'yearsVersion' | 'listPlannedUnitIds'
  > = {
    async listYears() {
      const result = await db.execute<{ year: number }>(
        sql`select ${plans.year} as year from ${plans} union select ${actuals.year} from ${actuals} order by year`,
      );
      return result.rows.map((r) => Number(r.year));
    },
    async listPlannedUnitIds(year) {
      const rows = await db
        .select({ unitId: plans.unitId })
        .from(plans)
        .where(eq(plans.year, year))
        .orderBy(asc(plans.unitId));
      return rows.map((r) => r.unitId);
    },
    async yearsVersion(from, to) {
      // One statement, one snapshot; the epoch keeps a re-created database from repeating a pair.
      const result = await db.execute<{ epoch: string | null; n: string; v: string }>(
        sql`select (select min(${dataVersion.epoch}) from ${dataVersion}) as epoch,
          ((select count(*) from ${plans} where ${plans.year} between ${from} and ${to})
            + (select count(*) from ${actuals} where ${actuals.year} between ${from} and ${to}))::text as n,
          ((select coalesce(sum(${plans.version}), 0) from ${plans} where ${plans.year} between ${from} and ${to})
            + (select coalesce(sum(${actuals.version}), 0) from ${actuals} where ${actuals.year} between ${from} and ${to}))::text as v`,
      );
      const row = result.rows[0];
      return `${row?.epoch ?? '0'}.${row?.n ?? '0'}.${row?.v ?? '0'}`;
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
  };
  return { methods };
}
