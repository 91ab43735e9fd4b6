import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './schema';

export type PgDb = NodePgDatabase<typeof schema>;

export const PG_MIGRATIONS_FOLDER = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../drizzle-pg',
);

export { isPostgresUrl } from './url';

/**
 * Advisory-lock keys of Targetline (first key), so that they cannot meet another
 * application's on a shared server. Second keys: ADVISORY_MIGRATIONS, and those of
 * context.ts (the unit tree, each quarter).
 */
export const ADVISORY_NAMESPACE = 0x54_47_4c; // "TGL"
export const ADVISORY_MIGRATIONS = 0;

export type PgOptions = {
  /** postgres://user:password@host:port/database */
  url: string;
  /**
   * The PostgreSQL schema holding Targetline's tables, created when missing; unset uses the
   * server's search_path (normally public). Tests give each repository its own.
   */
  schema?: string;
  /** Connections of this process's pool (default 10). */
  maxConnections?: number;
};

export type PgHandle = { db: PgDb; pool: pg.Pool };

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The startup options every connection gets: the schema (when given) and an ISO DateStyle, so
 * timestamps read back in the one format toIsoTimestamp parses. Options already in the URL
 * (?options=…) are kept. lock_timeout mirrors SQLite's busy_timeout: a writer waits for a lock
 * at most 5 s, then fails with 55P03, which the API answers as "busy, try again" (503).
 */
function connectionSettings(
  url: string,
  schemaName: string | undefined,
): { connectionString: string; options: string } {
  let connectionString = url;
  let fromUrl = '';
  try {
    const parsed = new URL(url);
    fromUrl = parsed.searchParams.get('options') ?? '';
    // node-postgres lets the URL's options win over ours: take them out and append them.
    parsed.searchParams.delete('options');
    connectionString = parsed.toString();
  } catch {
    // pg reports an unparsable URL itself, with a clearer message.
  }
  const options = [
    fromUrl,
    schemaName ? `-c search_path=${schemaName}` : '',
    '-c DateStyle=ISO',
    '-c lock_timeout=5000',
  ]
    .filter((part) => part !== '')
    .join(' ');
  return { connectionString, options };
}

/**
 * Opens a pool on the server and applies any pending migration before returning. Several API
 * processes may start at once: a session advisory lock makes them migrate one after another
 * (the second finds nothing left to do).
 */
export async function openPg({
  url,
  schema: schemaName,
  maxConnections,
}: PgOptions): Promise<PgHandle> {
  if (schemaName !== undefined && !SCHEMA_NAME.test(schemaName)) {
    throw new Error(`Invalid PostgreSQL schema name ${JSON.stringify(schemaName)}`);
  }
  const pool = new pg.Pool({
    ...connectionSettings(url, schemaName),
    max: maxConnections ?? 10,
  });
  // An idle connection the server drops (restart, failover) must not crash the process: the
  // pool discards it, and the next query opens a new one or reports the outage to its caller.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      // However long another process takes to migrate, wait for it (the session's 5 s
      // lock_timeout is for figures, not for start-up).
      await client.query('SET lock_timeout = 0');
      await client.query('SELECT pg_advisory_lock($1, $2)', [
        ADVISORY_NAMESPACE,
        ADVISORY_MIGRATIONS,
      ]);
      try {
        // Under the lock: two concurrent CREATE SCHEMA IF NOT EXISTS can still collide.
        if (schemaName) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schemaName}`);
        // The journal of applied migrations lives beside the tables, not in a "drizzle"
        // schema of its own: one schema holds all of Targetline.
        const current = await client.query<{ schema: string }>('SELECT current_schema() AS schema');
        const migrationsSchema = current.rows[0]?.schema;
        if (!migrationsSchema) {
          throw new Error(
            'PostgreSQL has no current schema: the search_path names no schema that exists',
          );
        }
        await migrate(drizzle(client, { schema }), {
          migrationsFolder: PG_MIGRATIONS_FOLDER,
          migrationsSchema,
        });
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [
          ADVISORY_NAMESPACE,
          ADVISORY_MIGRATIONS,
        ]);
        await client.query('RESET lock_timeout');
      }
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    throw err;
  }
  return { db: drizzle(pool, { schema }), pool };
}
