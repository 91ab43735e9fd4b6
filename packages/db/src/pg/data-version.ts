import { sql } from 'drizzle-orm';
import type { Repository } from '../repository';
import type { PgContext, Tx } from './context';
import { DATA_VERSION_SHARDS, dataVersion, units } from './schema';

/**
 * Counts a write into the data version: createWrite runs it as the last statement of every
 * write transaction. It row-locks its shard's counter until the commit; taken after every
 * other lock, it can never be part of a deadlock. The shards and epochs: dataVersion in
 * schema.ts.
 */
export const bumpDataVersion = async (tx: Tx) => {
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
};

/** The data version shared by every process on the database: the key of every read cache. */
export function createDataVersion({ db }: PgContext) {
  // Units are never deleted and every change bumps the unit's version, so the count and the
  // sum of versions grow with each committed change of the tree; the epoch keeps a re-created
  // database from repeating an old pair. One statement: one snapshot. Asked by every request
  // that checks rights, so prepared once (see sessions.ts).
  const unitsVersionQuery = db
    .select({
      epoch: sql<string | null>`(select min(${dataVersion.epoch}) from ${dataVersion})`,
      count: sql<string>`count(*)::text`,
      versions: sql<string>`coalesce(sum(${units.version}), 0)::text`,
    })
    .from(units)
    .prepare('units_version');
  const methods: Pick<Repository, 'dataVersion' | 'unitsVersion'> = {
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
    async unitsVersion() {
      const [row] = await unitsVersionQuery.execute();
      return `${row?.epoch ?? '0'}.${row?.count ?? '0'}.${row?.versions ?? '0'}`;
    },
  };
  return { methods };
}
