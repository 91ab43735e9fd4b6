import { sql } from 'drizzle-orm';
import type { Repository } from '../repository';
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
import { ADVISORY_TREE, advisoryLock, type PgContext } from './context';
import { actuals, plans, reports, reviewRounds, units, users, userUnits } from './schema';

/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;
const chunks = <T>(rows: T[]): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) out.push(rows.slice(i, i + INSERT_CHUNK));
  return out;
};

/** Ends the seed's transaction without bumping the data version: nothing was written. */
class NothingToSeed extends Error {}

/** The seed: an organisation loaded into an empty database, in one transaction. */
export function createSeed({ write, now }: PgContext) {
  const methods: Pick<Repository, 'seedIfEmpty'> = {
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
          const rounds = (org.rounds ?? []).map((round) => seedRoundRow(round, at));
          if (rounds.length > 0) await tx.insert(reviewRounds).values(rounds);
          const reportRows = (org.reports ?? []).map((report) =>
            seedReportRow(report, unitIdOf(report.unitCode), at),
          );
          for (const chunk of chunks(reportRows)) await tx.insert(reports).values(chunk);
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
  };
  return { methods };
}
