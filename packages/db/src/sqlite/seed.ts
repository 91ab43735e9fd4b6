import { sql } from 'drizzle-orm';
import type { Repository } from '../repository';
import { actuals, plans, reports, reviewRounds, units, users, userUnits } from '../schema';
import {
  seedActualRow,
  seedParentIdOf,
  seedPlanRow,
  seedReportRow,
  seedRoundRow,
  seedUnitIdOf,
  seedUnitRow,
  seedUserRow,
} from '../seed-rows';
import type { SqliteContext } from './context';

/** The seed: an organisation loaded into an empty database, in one transaction. */
export function createSeed({ db, now, written }: SqliteContext) {
  const methods: Pick<Repository, 'seedIfEmpty'> = {
    async seedIfEmpty(org) {
      return written(
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
          for (const round of org.rounds ?? []) {
            tx.insert(reviewRounds).values(seedRoundRow(round, at)).run();
          }
          for (const report of org.reports ?? []) {
            tx.insert(reports)
              .values(seedReportRow(report, unitIdOf(report.unitCode), at))
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
        }),
      );
    },
  };
  return { methods };
}
