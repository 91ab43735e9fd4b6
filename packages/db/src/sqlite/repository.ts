import { type Db, openSqlite, type SqliteHandle } from '../client';
import type { Repository } from '../repository';
import { createAudit } from './audit';
import { createFigureWrites, type SqliteContext } from './context';
import { createDataVersion } from './data-version';
import { createDirections } from './directions';
import { createFigures } from './figures';
import { createImport } from './import';
import { createLocks } from './locks';
import { createNotifications } from './notifications';
import { createPlans } from './plans';
import { createReports } from './reports';
import { createReviews } from './reviews';
import { createSeed } from './seed';
import { createSessions } from './sessions';
import { createSettings } from './settings';
import { createUnits } from './units';
import { createUsers } from './users';
import { createYears } from './years';

export type SqliteRepositoryOptions = {
  /** A file path, or ':memory:'. */
  path: string;
  /** Clock for timestamps; tests pass a fixed one. */
  now?: () => Date;
};

/**
 * The SQLite engine of the Repository: one connection, one writer at a time, every write in
 * its own transaction except single figures, which share one (group-commit.ts). Each concern
 * is a module of this folder with the same name as its PostgreSQL counterpart in ../pg/.
 */
export function createSqliteRepository({
  path,
  now = () => new Date(),
}: SqliteRepositoryOptions): Repository & {
  readonly db: Db;
  readonly sqlite: SqliteHandle['sqlite'];
} {
  const { db, sqlite } = openSqlite(path);
  const version = createDataVersion(sqlite);
  const ctx: SqliteContext = {
    db,
    sqlite,
    now,
    countWrite: version.count,
    written: version.written,
    figureWrites: createFigureWrites({ db, sqlite, onCommit: version.count }),
  };
  const audit = createAudit(ctx);
  const units = createUnits(ctx, { audit: audit.write });
  const locks = createLocks(ctx, { audit: audit.write });
  const figureChecks = { audit: audit.write, lockOf: locks.lockOf, requireUnit: units.requireUnit };
  const plans = createPlans(ctx, figureChecks);
  const figures = createFigures(ctx, figureChecks);

  return {
    db,
    sqlite,
    ...version.methods,
    ...units.methods,
    ...createYears(ctx).methods,
    ...plans.methods,
    ...figures.methods,
    ...createImport(ctx, {
      savePlanIn: plans.savePlanIn,
      saveActualIn: figures.saveActualIn,
    }).methods,
    ...audit.methods,
    ...createUsers(ctx, { audit: audit.write, requireUnits: units.requireUnits }).methods,
    ...createSessions(ctx).methods,
    ...locks.methods,
    ...createReviews(ctx, { audit: audit.write }).methods,
    ...createDirections(ctx, { audit: audit.write }).methods,
    ...createReports(ctx, {
      audit: audit.write,
      lockOf: locks.lockOf,
      requireUnit: units.requireUnit,
      saveActualIn: figures.saveActualIn,
    }).methods,
    ...createSettings(ctx, { audit: audit.write }).methods,
    ...createNotifications(ctx).methods,
    ...createSeed(ctx).methods,
    async close() {
      // Writes already accepted are committed, not dropped, by a clean shutdown.
      ctx.figureWrites.drain();
      sqlite.close();
    },
  };
}
