import { accessSync, closeSync, constants, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../drizzle');

export type SqliteHandle = {
  db: Db;
  sqlite: Database.Database;
};

type OpenHook = (sqlite: Database.Database) => void;
let openHookForTests: OpenHook | null = null;

/**
 * Test-only: `hook` sees every connection openSqlite opens from now on (after its pragmas,
 * before the migrations), until `null` is set again. Fault tests reach the connection of a
 * repository through it (a short busy_timeout, a page cap, query_only) without a back door in
 * the repository itself. Module state: vitest gives each test file its own.
 */
export function setSqliteOpenHookForTests(hook: OpenHook | null): void {
  openHookForTests = hook;
}

/** The database file, or one SQLite keeps beside it, cannot be written by this process. */
export class DatabaseFileError extends Error {}

/**
 * Refuses, before SQLite maps anything, a database this process could not write: the file,
 * its -wal and -shm companions (SQLite maps -shm into memory; one it cannot write has taken
 * the server down with SIGBUS instead of an error) and the directory they live in.
 */
export function checkDatabaseFiles(path: string): void {
  const file = resolve(path);
  const directory = dirname(file);
  const fix = `Give the user running Targetline write access to ${directory} and the database's files, or, with no Targetline process running, remove the -wal and -shm files; then start again.`;
  try {
    accessSync(directory, constants.W_OK);
  } catch (err) {
    throw new DatabaseFileError(
      `The database directory ${directory} cannot be written (${(err as NodeJS.ErrnoException).code}). ${fix}`,
    );
  }
  for (const candidate of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(candidate)) continue;
    try {
      closeSync(openSync(candidate, 'r+'));
    } catch (err) {
      throw new DatabaseFileError(
        `The database file ${candidate} cannot be written (${(err as NodeJS.ErrnoException).code}). ${fix}`,
      );
    }
  }
}

/**
 * Opens (creating if needed) the SQLite file, sets the pragmas every connection needs and
 * applies any pending migration. `:memory:` gives a private in-memory database.
 */
export function openSqlite(path: string): SqliteHandle {
  if (path !== ':memory:') {
    mkdirSync(dirname(resolve(path)), { recursive: true });
    checkDatabaseFiles(path);
  }
  const sqlite = new Database(path);
  // WAL lets readers go on while a write commits; synchronous=FULL fsyncs the WAL at every
  // commit, so an acknowledged figure survives a power cut and not only a process crash.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // A second process (a CLI, a backup) holding the write lock makes us wait, not fail.
  sqlite.pragma('busy_timeout = 5000');
  openHookForTests?.(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db, sqlite };
}
