import type { SqliteHandle } from '../client';
import type { Repository } from '../repository';

/**
 * The data version of a SQLite database: PRAGMA data_version moves when another connection
 * commits, the count of this process's own commits when we do. Only the writes that change
 * what reads return are counted (units, figures, locks, settings, seeds).
 */
export function createDataVersion(sqlite: SqliteHandle['sqlite']) {
  let ownWrites = 0;
  const count = () => {
    ownWrites++;
  };
  const dataVersion = async () =>
    `${String(sqlite.pragma('data_version', { simple: true }))}.${ownWrites}`;
  const methods: Pick<Repository, 'dataVersion' | 'unitsVersion'> = {
    dataVersion,
    // Reading the unit tree again costs little in the process that holds the file.
    unitsVersion: dataVersion,
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
