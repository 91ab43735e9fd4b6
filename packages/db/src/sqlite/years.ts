import { asc, eq, sql } from 'drizzle-orm';
import { toActual, toPlan } from '../records';
import type { Repository } from '../repository';
import { actuals, plans } from '../schema';
import type { SqliteContext } from './context';

/** A year's entered figures as read: the years there are, and a year's plans and actuals. */
export function createYears({ db }: SqliteContext) {
  const methods: Pick<Repository, 'listYears' | 'getYearEntries'> = {
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
  };
  return { methods };
}
