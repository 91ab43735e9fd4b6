import type { Statement } from 'better-sqlite3';
import type { SqliteHandle } from '../client';
import type { Repository } from '../repository';

/**
 * The data version of a SQLite database: PRAGMA data_version moves when another connection
 * commits, the count of this process's own commits when we do. Only the writes that change
 * what reads return are counted (units, figures, locks, settings, seeds).
 */
export function createDataVersion(sqlite: SqliteHandle['sqlite']) {
  let ownWrites = 0;
  // Prepared when first asked: the tables exist by then (migrations run after this is made).
  let unitsVersionQuery: Statement<[]> | undefined;
  const count = () => {
    ownWrites++;
  };
  const dataVersion = async () =>
    `${String(sqlite.pragma('data_version', { simple: true }))}.${ownWrites}`;
  const methods: Pick<Repository, 'dataVersion' | 'unitsVersion'> = {
    dataVersion,
    // As on PostgreSQL: units are never deleted and each change raises the unit's version, so
    // the count and the sum of versions grow with every change of the tree, from any process.
    // A tenth of a millisecond for 1,000 units, where reading the tree again after every
    // figure write cost 6.
    async unitsVersion() {
      unitsVersionQuery ??= sqlite.prepare(
        'SELECT count(*) AS n, coalesce(sum(version), 0) AS v FROM units',
      );
      const row = unitsVersionQuery.get() as { n: number; v: number };
      return `${row.n}.${row.v}`;
    },
  };
  return {
    /** Counts one commit of this process. */
    count,
    /** Counts the commit that returned `value`, and passes it on. */
    written: <T>(value: T): T => {
      count();
      return value;
    },
    methods,
  };
}
