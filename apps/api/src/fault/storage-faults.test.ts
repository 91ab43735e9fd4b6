import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  captureConnectionsForTests,
  checkIntegrity,
  createSqliteRepository,
  type FaultyConnection,
  holdWriteLockForTests,
  isStorageUnavailable,
  storageFaultOf,
} from '@targetline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { seedDemo } from '../seed';
import {
  type Agent,
  DEMO_DATA,
  login,
  snapshot,
  TEST_ENGINE,
  TEST_SCRYPT_LOG2N,
} from '../test/helpers';

// The app on a real file (a lock needs a second connection to the same file), with its own
// connections captured so that SQLite itself can be made to refuse: the faults below are
// SQLite's real error codes, not mocks.
let dir: string;
let path: string;
let app: Awaited<ReturnType<typeof buildApp>>;
let repository: ReturnType<typeof createSqliteRepository>;
let connections: FaultyConnection[];
let admin: Agent;
let unitId: number;

// The faults are SQLite's own; a run of the API suite on PostgreSQL would only repeat this.

describe.runIf(TEST_ENGINE === 'sqlite')('the API on a SQLite file', () => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'targetline-faults-'));
    path = join(dir, 'targetline.db');
    const capture = captureConnectionsForTests();
    try {
      repository = createSqliteRepository({ path });
    } finally {
      capture.stop();
    }
    connections = capture.connections;
    expect(connections.length).toBeGreaterThan(0);
    await seedDemo(repository, DEMO_DATA, { hasAccounts: true, scryptLog2N: TEST_SCRYPT_LOG2N });
    app = await buildApp({ repository, auth: { scryptLog2N: TEST_SCRYPT_LOG2N } });
    await app.ready();
    admin = await login(app, 'admin');
    const unit = (await repository.listUnits()).find((u) => u.code === 'TT-ATM');
    if (!unit) throw new Error('demo unit TT-ATM missing');
    unitId = unit.id;
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const putActual = (quarter: number, amount: number, version: number, comment?: string) =>
    app.inject({
      method: 'PUT',
      url: `/api/actuals/${unitId}/2025/${quarter}`,
      headers: admin.headers,
      payload: JSON.stringify({ amount, version, ...(comment !== undefined && { comment }) }),
    });

  const readEntries = () =>
    app.inject({ method: 'GET', url: '/api/entries?year=2023', headers: { cookie: admin.cookie } });

  const expectUnavailable = (res: Awaited<ReturnType<typeof putActual>>, reason: RegExp): void => {
    expect(res.statusCode, res.body).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    const body = res.json<{ error: string; message: string }>();
    expect(body.error).toBe('unavailable');
    expect(body.message).toMatch(/cannot be written right now/);
    expect(body.message).toMatch(reason);
    expect(body.message).toMatch(/nothing was saved/);
  };

  describe('the connection the app opens at start-up', () => {
    it('is in WAL mode with synchronous=FULL, foreign keys on and a 5 s busy timeout', () => {
      // synchronous is the connection's, not the file's (better-sqlite3 builds with NORMAL as
      // WAL's default), so it is read from the repository's own connection.
      for (const c of connections) {
        expect(c.settings()).toEqual({
          journalMode: 'wal',
          synchronous: 2,
          isForeignKeysOn: true,
          busyTimeoutMs: 5000,
        });
      }
    });
  });

  describe('a database locked by another process', () => {
    it('answers a write 503 while the lock is held, keeps answering reads, and writes again after', async () => {
      for (const c of connections) c.setBusyTimeout(100);
      const before = await snapshot(repository);
      const lock = holdWriteLockForTests(path);
      try {
        expect((await readEntries()).statusCode).toBe(200);
        expectUnavailable(await putActual(1, 1_000_000, 0), /locked by another process/);
        expect((await readEntries()).statusCode).toBe(200);
      } finally {
        lock.release();
      }
      expect(await snapshot(repository)).toEqual(before);
      const res = await putActual(1, 1_000_000, 0);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ amount: 1_000_000, version: 1 });
      expect(checkIntegrity(path)).toEqual({ isOk: true, problems: [] });
    });
  });

  describe('a read whose session is due for its last-seen update', () => {
    it('still answers 200 while the database is locked (the update waits for the next read)', async () => {
      for (const c of connections) c.setBusyTimeout(100);
      // The same database seen two minutes later: the session's last-seen time is stale
      // enough to be written on this request. (Not closed: that would close the repository
      // the main app shares.)
      const later = await buildApp({
        repository,
        auth: { scryptLog2N: TEST_SCRYPT_LOG2N },
        now: () => new Date(Date.now() + 2 * 60_000),
      });
      const lock = holdWriteLockForTests(path);
      try {
        const res = await later.inject({
          method: 'GET',
          url: '/api/entries?year=2023',
          headers: { cookie: admin.cookie },
        });
        expect(res.statusCode, res.body).toBe(200);
      } finally {
        lock.release();
      }
    });
  });

  describe('a read-only database', () => {
    it('answers a write 503 naming the cause, and reads 200', async () => {
      const before = await snapshot(repository);
      for (const c of connections) c.setReadOnly(true);
      expectUnavailable(await putActual(2, 2_000_000, 0), /read-only/);
      const read = await readEntries();
      expect(read.statusCode).toBe(200);
      expect(await snapshot(repository)).toEqual(before);

      for (const c of connections) c.setReadOnly(false);
      expect((await putActual(2, 2_000_000, 0)).statusCode).toBe(200);
    });
  });

  describe('a full disk', () => {
    it('answers 503 on the write that does not fit, with nothing of it written', async () => {
      for (const c of connections) c.capSizeAtCurrent();
      // Writes fit into the free space of the last pages until one needs a new page; the audit
      // row carries a long comment so that happens within a few writes.
      let refused: { quarter: number; version: number } | null = null;
      for (let i = 0; i < 200 && refused === null; i++) {
        const quarter = (i % 4) + 1;
        const current = (await repository.getYearEntries(2025)).actuals.find(
          (a) => a.unitId === unitId && a.quarter === quarter,
        );
        const version = current?.version ?? 0;
        const before = await snapshot(repository);
        const res = await putActual(quarter, 10_000 + i, version, 'x'.repeat(400));
        if (res.statusCode === 503) {
          expectUnavailable(res, /disk is full/);
          expect(await snapshot(repository)).toEqual(before);
          refused = { quarter, version };
        } else {
          expect(res.statusCode, res.body).toBe(200);
        }
      }
      expect(refused, 'no write ever hit the size cap').not.toBeNull();
      if (!refused) return;

      for (const c of connections) c.uncapSize();
      const res = await putActual(refused.quarter, 99, refused.version, 'x'.repeat(400));
      expect(res.statusCode, res.body).toBe(200);
      expect(checkIntegrity(path).isOk).toBe(true);
    });
  });
});

describe('isStorageUnavailable', () => {
  const sqliteError = (code: string) => Object.assign(new Error(code), { code });

  it('recognises SQLite busy, locked, read-only, full, I/O and cannot-open codes, extended ones too', () => {
    expect(storageFaultOf(sqliteError('SQLITE_BUSY'))).toBe('busy');
    expect(storageFaultOf(sqliteError('SQLITE_BUSY_SNAPSHOT'))).toBe('busy');
    expect(storageFaultOf(sqliteError('SQLITE_LOCKED_SHAREDCACHE'))).toBe('busy');
    expect(storageFaultOf(sqliteError('SQLITE_READONLY'))).toBe('read_only');
    expect(storageFaultOf(sqliteError('SQLITE_READONLY_DBMOVED'))).toBe('read_only');
    expect(storageFaultOf(sqliteError('SQLITE_FULL'))).toBe('full');
    expect(storageFaultOf(sqliteError('SQLITE_IOERR_FSYNC'))).toBe('io');
    expect(storageFaultOf(sqliteError('SQLITE_CANTOPEN'))).toBe('unreachable');
  });

  it('recognises the PostgreSQL codes of a full disk, a read-only standby, a lock timeout and a lost connection', () => {
    expect(storageFaultOf(sqliteError('53100'))).toBe('full');
    expect(storageFaultOf(sqliteError('25006'))).toBe('read_only');
    expect(storageFaultOf(sqliteError('55P03'))).toBe('busy');
    expect(storageFaultOf(sqliteError('57P03'))).toBe('unreachable');
    expect(storageFaultOf(sqliteError('08006'))).toBe('unreachable');
    expect(storageFaultOf(sqliteError('ECONNREFUSED'))).toBe('unreachable');
  });

  it('finds the driver error inside a wrapping query error', () => {
    const wrapped = Object.assign(new Error('Failed query: insert …'), {
      cause: sqliteError('SQLITE_FULL'),
    });
    expect(storageFaultOf(wrapped)).toBe('full');
  });

  it('leaves constraint violations, prefix look-alikes, bugs and non-errors alone', () => {
    expect(isStorageUnavailable(sqliteError('SQLITE_CONSTRAINT_UNIQUE'))).toBe(false);
    expect(isStorageUnavailable(sqliteError('SQLITE_BUSYNESS'))).toBe(false);
    expect(isStorageUnavailable(sqliteError('23505'))).toBe(false);
    expect(isStorageUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isStorageUnavailable(null)).toBe(false);
    expect(isStorageUnavailable('SQLITE_BUSY')).toBe(false);
  });
});
