import { asc, eq, sql } from 'drizzle-orm';
import { toActual, toPlan } from '../records';
import type { Repository } from '../repository';
import type { PgContext } from './context';
import { actuals, plans } from './schema';

/** A year's entered figures as read: the years there are, and a year's plans and actuals. */
export function createYears({ db, snapshot }: PgContext) {
  const methods: Pick<Repository, 'listYears' | 'getYearEntries'> = {
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
  };
  return { methods };
}
