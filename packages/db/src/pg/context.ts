import type { QuarterLock } from '@targetline/contract';
import type { ReportState } from '@targetline/core';
import { type SQL, sql } from 'drizzle-orm';
import type { AuditRow } from '../audit-rows';
import { DbError, errorCodes } from '../errors';
import { ADVISORY_NAMESPACE, type PgDb } from './client';
import { bumpDataVersion } from './data-version';
import type { actuals, plans, units, users } from './schema';

export type PlanRow = typeof plans.$inferSelect;
export type ActualRow = typeof actuals.$inferSelect;
export type Tx = Parameters<Parameters<PgDb['transaction']>[0]>[0];
/** Anything that runs a query: the pool or a transaction. */
export type Q = PgDb | Tx;

/** What every PostgreSQL module of the repository works with. */
export type PgContext = {
  db: PgDb;
  /** Clock for timestamps; tests pass a fixed one. */
  now: () => Date;
  /** Runs one write transaction, retried on deadlock; see createWrite. */
  write: <T>(fn: (ctx: WriteCtx) => Promise<T>) => Promise<T>;
  /** Several reads seen from one snapshot, e.g. plans and actuals of the same year. */
  snapshot: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
};

/**
 * Second keys of the transaction-level advisory locks (first key ADVISORY_NAMESPACE).
 * TREE serialises changes to the unit tree (a concurrent move could otherwise close a cycle
 * each transaction alone would refuse; two seeds or two roots could both see an empty tree).
 * A quarter's key is taken shared by every save that checks the quarter's lock and exclusive
 * by lock/unlock, so a save never commits into a quarter locked after it looked.
 */
export const ADVISORY_TREE = 1;
export const advisoryQuarter = (year: number, quarter: number) => 100_000 + year * 10 + quarter;

/** Serialisation failure and deadlock: PostgreSQL undid the transaction; running it again is safe. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);
const MAX_ATTEMPTS = 4;

/** The SQLSTATE behind an error; drizzle wraps driver errors (DrizzleQueryError#cause). */
const sqlStateOf = (err: unknown): string | null =>
  errorCodes(err).find((code) => /^[0-9A-Z]{5}$/.test(code)) ?? null;

/** Text ordered by code point, as SQLite orders it, whatever the database's collation. */
export const byCodePoint = (column: typeof units.code | typeof users.username): SQL =>
  sql`${column} collate "C"`;

/** State of one write transaction. */
export type WriteCtx = {
  tx: Tx;
  /** Units seen to exist in this transaction (units are never deleted). */
  knownUnitIds: Set<number>;
  /** Quarter locks read under the shared advisory lock: they cannot change before the commit. */
  quarterLocks: Map<number, QuarterLock | null>;
  /**
   * An import's figures, read and row-locked up front in key order (null: did not exist), so
   * that two imports lock in the same order instead of deadlocking, in one statement per table.
   */
  plans: Map<string, PlanRow | null> | null;
  actuals: Map<string, ActualRow | null> | null;
  /** The states of an import's figures' reports, read FOR SHARE before its actuals. */
  reportStates: Map<string, ReportState> | null;
  /** An import's audit rows, inserted in order and in batches before its commit. */
  pendingAudits: AuditRow[] | null;
};

export const advisoryLock = async (tx: Tx, key: number, mode: 'shared' | 'exclusive') => {
  await tx.execute(
    mode === 'shared'
      ? sql`select pg_advisory_xact_lock_shared(${ADVISORY_NAMESPACE}, ${key})`
      : sql`select pg_advisory_xact_lock(${ADVISORY_NAMESPACE}, ${key})`,
  );
};

/**
 * Runs `attempt` again when PostgreSQL undid it for a deadlock or a serialisation failure (or
 * an import found a figure created meanwhile), a few times with jitter; then CONFLICT.
 */
export const withRetries = async <T>(attempt: () => Promise<T>): Promise<T> => {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      const state = sqlStateOf(err);
      const isRetryable =
        err instanceof CreatedMeanwhile || (state !== null && RETRYABLE_SQLSTATES.has(state));
      if (!isRetryable) throw err;
      if (n >= MAX_ATTEMPTS) {
        throw new DbError(
          'CONFLICT',
          'Other changes to the same figures were being saved at the same time; please try again',
        );
      }
      // A little jitter so that the two transactions that deadlocked do not meet again.
      await new Promise((done) => setTimeout(done, 5 + Math.random() * 20 * n));
    }
  }
};

/**
 * Runs one write transaction, bumping the data version as its last statement. The bump
 * row-locks its counter until the commit, so it is kept to the end, when the transaction
 * takes no other lock: a counter can then never be part of a deadlock.
 */
export const createWrite =
  (db: PgDb) =>
  <T>(fn: (ctx: WriteCtx) => Promise<T>): Promise<T> =>
    withRetries(() =>
      db.transaction(async (tx) => {
        const result = await fn({
          tx,
          knownUnitIds: new Set(),
          quarterLocks: new Map(),
          plans: null,
          actuals: null,
          reportStates: null,
          pendingAudits: null,
        });
        await bumpDataVersion(tx);
        return result;
      }),
    );

/** Several reads seen from one snapshot, e.g. plans and actuals of the same import. */
export const createSnapshot =
  (db: PgDb) =>
  <T>(fn: (tx: Tx) => Promise<T>): Promise<T> =>
    db.transaction(fn, { isolationLevel: 'repeatable read', accessMode: 'read only' });

/**
 * The row another writer changed between our locking read and our update: cannot happen
 * while we hold the row lock, and is reported as a conflict rather than written over if the
 * locking is ever loosened.
 */
export const lostRace = (what: string): never => {
  throw new DbError('CONFLICT', `This ${what} was changed by someone else at the same moment`, {
    field: 'version',
  });
};

/** A figure an import meant to create was created by another writer: run the import again. */
export class CreatedMeanwhile extends Error {}
