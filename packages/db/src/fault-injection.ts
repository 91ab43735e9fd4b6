// Test support: storage faults produced by SQLite itself, so the API's answer to them can be
// tested without a full disk, a second server or a read-only mount.
import Database from 'better-sqlite3';
import { type StorageSettings, storageSettings } from './backup';
import { setSqliteOpenHookForTests } from './client';

export type FaultyConnection = {
  settings(): StorageSettings;
  /** How long a write waits for another process's lock before SQLITE_BUSY. */
  setBusyTimeout(ms: number): void;
  /** Writes fail with SQLITE_READONLY (query_only); reads go on. */
  setReadOnly(isReadOnly: boolean): void;
  /** The file may not grow past its current size: a write needing a new page gets SQLITE_FULL. */
  capSizeAtCurrent(): void;
  /** Lifts the cap. */
  uncapSize(): void;
};

/**
 * Captures every connection opened (by a repository) until `stop()`; open the repository
 * between the two. Each is handed out as a FaultyConnection.
 */
export function captureConnectionsForTests(): { connections: FaultyConnection[]; stop(): void } {
  const connections: FaultyConnection[] = [];
  setSqliteOpenHookForTests((sqlite) => {
    connections.push({
      settings: () => storageSettings(sqlite),
      setBusyTimeout: (ms) => {
        sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(ms))}`);
      },
      setReadOnly: (isReadOnly) => {
        sqlite.pragma(`query_only = ${isReadOnly ? 'ON' : 'OFF'}`);
      },
      // max_page_count cannot go below the current size: 1 means "as big as it is now".
      capSizeAtCurrent: () => {
        sqlite.pragma('max_page_count = 1');
      },
      uncapSize: () => {
        sqlite.pragma('max_page_count = 4294967294');
      },
    });
  });
  return { connections, stop: () => setSqliteOpenHookForTests(null) };
}

/**
 * Another process's write transaction, as a second server, a CLI or a careless sqlite3 shell
 * would hold it: `BEGIN EXCLUSIVE` on a connection of its own, until `release()`. In WAL mode
 * other connections can still read.
 */
export function holdWriteLockForTests(path: string): { release(): void } {
  const sqlite = new Database(path, { fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.exec('BEGIN EXCLUSIVE');
  return {
    release: () => {
      sqlite.exec('ROLLBACK');
      sqlite.close();
    },
  };
}
