import type { Db, SqliteHandle } from '../client';
import { createGroupCommit } from '../group-commit';

/** A transaction: on SQLite's one connection, the same object as the database. */
export type Tx = Db;

/** What every SQLite module of the repository works with. */
export type SqliteContext = {
  db: Db;
  sqlite: SqliteHandle['sqlite'];
  /** Clock for timestamps; tests pass a fixed one. */
  now: () => Date;
  /** Counts one commit of this process into the data version (data-version.ts). */
  countWrite: () => void;
  /** Counts the commit that returned `value`, and passes it on. */
  written: <T>(value: T) => T;
  /**
   * Single figures and report saves (the unit leads' PUTs at the end of a quarter) share
   * transactions and fsyncs; see group-commit.ts. Everything else commits on its own.
   */
  figureWrites: ReturnType<typeof createGroupCommit<Tx>>;
};

/** The group commit of single figure writes, counting each batch's commit as one write. */
export const createFigureWrites = ({
  db,
  sqlite,
  onCommit,
}: Pick<SqliteContext, 'db' | 'sqlite'> & { onCommit: () => void }) =>
  createGroupCommit<Tx>({
    transaction: (body) => db.transaction(body, { behavior: 'immediate' }),
    // By hand rather than drizzle's nested transaction: after an error that made SQLite undo
    // the whole transaction there is no savepoint to roll back to, and the original error
    // (SQLITE_FULL, say) must reach the caller, not "no such savepoint".
    savepoint: (tx, body) => {
      sqlite.exec('SAVEPOINT figure_write');
      try {
        const result = body(tx);
        sqlite.exec('RELEASE figure_write');
        return result;
      } catch (error) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK TO figure_write; RELEASE figure_write');
        throw error;
      }
    },
    isInTransaction: () => sqlite.inTransaction,
    onCommit,
  });
