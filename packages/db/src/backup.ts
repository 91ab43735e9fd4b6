import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';

/** A problem with a backup or restore that the operator can act on; the message says how. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export type IntegrityReport = {
  /** `PRAGMA integrity_check` answered "ok". */
  isOk: boolean;
  /** Its findings when not ok (at most 20). */
  problems: string[];
};

/** Opens an existing database file read-only: nothing here may change what it checks. */
function openReadOnly(path: string): Database.Database {
  if (!existsSync(path)) throw new BackupError(`${path} does not exist`);
  try {
    return new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupError(`${path} cannot be opened as a database: ${(err as Error).message}`);
  }
}

/**
 * `PRAGMA integrity_check` of a database file, opened read-only (WAL lets this run while the
 * server writes). A file that is not a database at all reports its error as the problem.
 */
export function checkIntegrity(path: string): IntegrityReport {
  const sqlite = openReadOnly(path);
  try {
    const rows = sqlite.pragma('integrity_check(20)') as Array<{ integrity_check: string }>;
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    return { isOk: problems.length === 0, problems };
  } catch (err) {
    return { isOk: false, problems: [(err as Error).message] };
  } finally {
    sqlite.close();
  }
}

export type StorageSettings = {
  journalMode: string;
  /** 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA. */
  synchronous: number;
  isForeignKeysOn: boolean;
  busyTimeoutMs: number;
};

/**
 * The durability settings of a connection. synchronous, foreign_keys and busy_timeout belong to
 * the connection, not the file, so this reads the connection that does the work (one handed
 * out by setSqliteOpenHookForTests, in tests).
 */
export function storageSettings(sqlite: Database.Database): StorageSettings {
  return {
    journalMode: String(sqlite.pragma('journal_mode', { simple: true })),
    synchronous: Number(sqlite.pragma('synchronous', { simple: true })),
    isForeignKeysOn: Number(sqlite.pragma('foreign_keys', { simple: true })) === 1,
    busyTimeoutMs: Number(sqlite.pragma('busy_timeout', { simple: true })),
  };
}

/** journal_mode is stored in the file (WAL survives a reopen); read it without writing. */
export function journalModeOf(path: string): string {
  const sqlite = openReadOnly(path);
  try {
    return String(sqlite.pragma('journal_mode', { simple: true }));
  } finally {
    sqlite.close();
  }
}

/** Tables every Targetline database has; a file without them is not one of ours. */
const REQUIRED_TABLES = ['__drizzle_migrations', 'units', 'plans', 'actuals', 'audit_log', 'users'];

/**
 * Checks that a file is a sound Targetline database: integrity ok, our tables present and at
 * least one migration recorded. Throws BackupError saying what is wrong.
 */
export function verifyTargetlineDatabase(path: string): void {
  const report = checkIntegrity(path);
  if (!report.isOk) {
    throw new BackupError(`${path} is damaged (integrity check: ${report.problems.join('; ')})`);
  }
  const sqlite = openReadOnly(path);
  try {
    const tables = new Set(
      (
        sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{
          name: string;
        }>
      ).map((r) => r.name),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) {
      throw new BackupError(
        `${path} is not a Targetline database (no table ${missing.join(', ')})`,
      );
    }
    const row = sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as {
      n: number;
    };
    if (row.n === 0)
      throw new BackupError(`${path} records no migration: not a Targetline database`);
  } finally {
    sqlite.close();
  }
}

/** fsyncs a directory, so that a rename in it survives a power cut. */
function syncDirectory(dir: string) {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot open a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function syncFile(path: string) {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const sidecars = (path: string) => [`${path}-wal`, `${path}-shm`, `${path}-journal`];

/**
 * Online backup of a live database into a new file, with SQLite's backup API on a connection
 * of its own: the server keeps reading and writing. The pages are copied in one step, so the
 * copy is the database as of one moment (a step never restarts halfway because of a write).
 * Written under a temporary name and renamed, so `destPath` is complete or absent; refuses an
 * existing `destPath`. Returns the number of pages copied.
 */
export async function backupSqlite(sourcePath: string, destPath: string): Promise<number> {
  const source = resolve(sourcePath);
  const dest = resolve(destPath);
  if (source === dest) throw new BackupError('The backup must go to another file');
  if (existsSync(dest)) throw new BackupError(`${dest} already exists; choose a new file name`);
  if (!existsSync(dirname(dest)))
    throw new BackupError(`The folder ${dirname(dest)} does not exist`);
  const sqlite = openReadOnly(source);
  const temp = join(dirname(dest), `.${basename(dest)}.${process.pid}.partial`);
  try {
    sqlite.pragma('busy_timeout = 5000');
    const progress = await sqlite.backup(temp, {
      // The first step only measures; the next copies everything at once.
      progress: () => 0x7fffffff,
    });
    // The copy keeps the source's WAL mode in its header; a backup is one self-contained file,
    // so it goes back to the rollback journal (the server sets WAL again when it opens it).
    const copy = new Database(temp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    verifyTargetlineDatabase(temp);
    syncFile(temp);
    renameSync(temp, dest);
    syncDirectory(dirname(dest));
    return progress.totalPages;
  } finally {
    sqlite.close();
    for (const path of [temp, ...sidecars(temp)]) rmSync(path, { force: true });
  }
}

/**
 * Puts a backup in place of the database at `targetPath`. The backup is verified first; an
 * existing target is replaced only with `isForced`, and never while any process has it open
 * (the server must be stopped: its open connection would keep writing into the old file).
 * The copy is written beside the target and renamed over it, so the target is the old
 * database or the new one, never half of each.
 */
export function restoreSqlite({
  backupPath,
  targetPath,
  isForced,
}: {
  backupPath: string;
  targetPath: string;
  isForced: boolean;
}): void {
  const backup = resolve(backupPath);
  const target = resolve(targetPath);
  if (backup === target) throw new BackupError('The backup and the database are the same file');
  if (existsSync(`${backup}-wal`)) {
    throw new BackupError(
      `${backup} has a ${basename(backup)}-wal beside it: it is in use or was not closed cleanly, and the file alone is not the whole database. Make a backup with "targetline backup" and restore that`,
    );
  }
  // Opening a WAL-mode file, even read-only, leaves sidecar files: remove the ones we made.
  const existing = sidecars(backup).filter((path) => existsSync(path));
  try {
    verifyTargetlineDatabase(backup);
  } finally {
    for (const path of sidecars(backup)) {
      if (!existing.includes(path)) rmSync(path, { force: true });
    }
  }
  if (existsSync(target)) {
    if (!isForced) {
      throw new BackupError(
        `${target} exists and would be replaced. Stop the server first, then run the restore again with --force`,
      );
    }
    ensureNotInUse(target);
  }
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.restoring`);
  try {
    copyFileSync(backup, temp);
    syncFile(temp);
    // A -wal left beside the target would be replayed onto the restored file and corrupt it.
    for (const path of sidecars(target)) rmSync(path, { force: true });
    renameSync(temp, target);
    syncDirectory(dirname(target));
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * Leaving WAL mode needs the only connection to the file: it fails with SQLITE_BUSY while a
 * server (or any other process) has it open, and otherwise checkpoints and removes the -wal.
 */
function ensureNotInUse(target: string) {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(target, { fileMustExist: true });
  } catch (err) {
    throw new BackupError(`${target} cannot be opened: ${(err as Error).message}`);
  }
  try {
    sqlite.pragma('busy_timeout = 0');
    const mode = String(sqlite.pragma('journal_mode = DELETE', { simple: true }));
    if (mode !== 'delete') throw new Error(mode);
  } catch {
    throw new BackupError(
      `${target} is in use by another process. Stop the server first, then run the restore again`,
    );
  } finally {
    sqlite.close();
  }
}
