import type { Repository } from '../repository';
import { createAudit } from './audit';
import { openPg, type PgDb, type PgHandle, type PgOptions } from './client';
import { createSnapshot, createWrite, type PgContext } from './context';
import { createDataVersion } from './data-version';
import { createDirections } from './directions';
import { createFigures } from './figures';
import { createImport } from './import';
import { createLocks } from './locks';
import { createNotifications } from './notifications';
import { createPlans } from './plans';
import { createRateLimits } from './rate-limits';
import { createReports } from './reports';
import { createReviews } from './reviews';
import { createSeed } from './seed';
import { createSessions } from './sessions';
import { createSettings } from './settings';
import { createUnits } from './units';
import { createUsers } from './users';
import { createYears } from './years';

export type PgRepositoryOptions = PgOptions & {
  /** Clock for timestamps; tests pass a fixed one. */
  now?: () => Date;
};

/**
 * The PostgreSQL engine behind the same Repository as createSqliteRepository: same records,
 * same DbErrors, same transactions. Resolves once the migrations are applied. Each concern is
 * a module of this folder with the same name as its SQLite counterpart in ../sqlite/.
 *
 * Concurrency (READ COMMITTED): every save reads the figure FOR NO KEY UPDATE, so a second
 * writer waits for the first to commit and then sees its version (CONFLICT for a stale
 * expected version), and updates with `WHERE version = <read version>`; a figure created
 * meanwhile by another writer is found through INSERT … ON CONFLICT DO NOTHING and handled as
 * an existing one. An import row-locks all its figures up front in key order, checks its rows
 * in memory and writes them in a few statements. Quarter locks and the unit tree are guarded by
 * advisory locks. Deadlocks and serialisation failures, should any remain, rerun the whole
 * transaction; if they persist the write ends as CONFLICT, never as a half-applied change.
 */
export async function createPgRepository({
  now = () => new Date(),
  ...options
}: PgRepositoryOptions): Promise<
  Repository & { readonly db: PgDb; readonly pool: PgHandle['pool'] }
> {
  const { db, pool } = await openPg(options);
  const ctx: PgContext = { db, now, write: createWrite(db), snapshot: createSnapshot(db) };
  const plans = createPlans(ctx);
  const figures = createFigures(ctx);

  return {
    db,
    pool,
    ...createDataVersion(ctx).methods,
    ...createUnits(ctx).methods,
    ...createYears(ctx).methods,
    ...plans.methods,
    ...figures.methods,
    ...createImport(ctx, {
      savePlanIn: plans.savePlanIn,
      saveActualIn: figures.saveActualIn,
    }).methods,
    ...createAudit(ctx).methods,
    ...createUsers(ctx).methods,
    ...createSessions(ctx).methods,
    ...createLocks(ctx).methods,
    ...createReviews(ctx).methods,
    ...createDirections(ctx).methods,
    ...createReports(ctx, { saveActualIn: figures.saveActualIn }).methods,
    ...createSettings(ctx).methods,
    ...createNotifications(ctx).methods,
    ...createSeed(ctx).methods,
    ...createRateLimits(ctx).methods,
    async close() {
      // Writes already asked for are committed or refused before the pool goes.
      await figures.drain();
      await pool.end();
    },
  };
}
