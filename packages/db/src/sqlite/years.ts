import { asc, eq, sql } from 'drizzle-orm';
import { toActual, toPlan } from '../records';
import type { Repository } from '../repository';
import { actuals, plans } from '../schema';
import type { SqliteContext } from './context';

/** A year's entered figures as read: the years there are, and a year's plans and actuals. */
export function createYears({ db }: SqliteContext) {
  const methods: Pick<
    Repository,
    'listYears' | 'getYearEntries' | 'yearsVersion' | 'listPlannedUnitIds'
  > = {
    async listYears() {
      const rows = db.all<{ year: number }>(
        sql`SELECT year FROM ${plans} UNION SELECT year FROM ${actuals} ORDER BY year`,
      );
      return rows.map((r) => r.year);
    },
    async listPlannedUnitIds(year) {
      const rows = db
        .select({ unitId: plans.unitId })
        .from(plans)
        .where(eq(plans.year, year))
        .orderBy(asc(plans.unitId))
        .all();
      return rows.map((r) => r.unitId);
    },
    async yearsVersion(from, to) {
      // `+year`: a scan of the rows beats the year index here, which would fetch each row.
      const row = db.get<{ n: number; v: number }>(
        sql`SELECT (SELECT count(*) FROM ${plans} WHERE +year BETWEEN ${from} AND ${to})
                 + (SELECT count(*) FROM ${actuals} WHERE +year BETWEEN ${from} AND ${to}) AS n,
                   (SELECT coalesce(sum(version), 0) FROM ${plans} WHERE +year BETWEEN ${from} AND ${to})
                 + (SELECT coalesce(sum(version), 0) FROM ${actuals} WHERE +year BETWEEN ${from} AND ${to}) AS v`,
      );
      return `${row.n}.${row.v}`;
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
