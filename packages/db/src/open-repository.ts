import { createPgRepository } from './pg/lazy';
import { isPostgresUrl } from './pg/url';
import type { Repository } from './repository';
import { createSqliteRepository } from './sqlite/repository';

export type RepositoryConfig = {
  /**
   * DATABASE_URL. A postgres:// (or postgresql://) URL selects PostgreSQL; unset or empty
   * keeps the embedded SQLite file. Anything else is refused rather than silently ignored.
   */
  databaseUrl?: string | null;
  /** The SQLite file used when there is no URL (DATABASE_PATH), or ':memory:'. */
  sqlitePath: string;
  /** PostgreSQL only: connections this process keeps to the server (default 10). */
  maxConnections?: number;
  /** Clock for timestamps; tests pass a fixed one. */
  now?: () => Date;
};

export type DatabaseEngine = 'sqlite' | 'postgres';

/** Which engine a configuration selects, or an Error naming the variable when it is wrong. */
export function engineOf(databaseUrl: string | null | undefined): DatabaseEngine {
  if (databaseUrl === undefined || databaseUrl === null || databaseUrl.trim() === '') {
    return 'sqlite';
  }
  if (isPostgresUrl(databaseUrl)) return 'postgres';
  throw new Error(
    'DATABASE_URL must be a postgres:// URL; leave it unset to use the SQLite file (DATABASE_PATH)',
  );
}

/**
 * The one way the API opens storage: PostgreSQL for a postgres:// URL, otherwise the SQLite
 * file. Either way the pending migrations are applied before it resolves.
 */
export async function openRepository({
  databaseUrl,
  sqlitePath,
  maxConnections,
  now,
}: RepositoryConfig): Promise<Repository> {
  if (engineOf(databaseUrl) === 'postgres') {
    return createPgRepository({
      url: (databaseUrl as string).trim(),
      ...(maxConnections !== undefined && { maxConnections }),
      ...(now && { now }),
    });
  }
  return createSqliteRepository({ path: sqlitePath, ...(now && { now }) });
}
