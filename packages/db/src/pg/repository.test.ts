import { afterEach, describe, expect, it } from 'vitest';
import type { Repository } from '../repository';
import { contractOrg, fixedNow } from '../repository.contract';
import { createSqliteRepository } from '../sqlite/repository';
import { createPgRepository } from './repository';
import { DATA_VERSION_SHARDS } from './schema';
import { createPgTestRepository, pgTestUrl, testSchemaName } from './test-database';

const url = pgTestUrl();
type PgTestRepository = Awaited<ReturnType<typeof createPgTestRepository>>;

/** Everything opened by a test, closed after it whatever happened. */
let toClose: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  // Later ones first: a second repository on a schema closes before the one that drops it.
  for (const item of toClose.reverse()) await item.close();
  toClose = [];
});

const openTest = async (options: { now?: () => Date; maxConnections?: number } = {}) => {
  const repo = await createPgTestRepository({ now: fixedNow, ...options });
  toClose.push(repo);
  return repo;
};

/** A second "process" on the same database and schema: its own pool, nothing shared in memory. */
const openSibling = async (repo: PgTestRepository, now = fixedNow) => {
  const sibling = await createPgRepository({ url: url as string, schema: repo.schema, now });
  toClose.push(sibling);
  return sibling;
};

/**
 * Holds a row lock in a transaction of its own until release(): the writers started meanwhile
 * all reach the database before any of them can finish, so the test does not depend on timing.
 */
async function holdRow(repo: PgTestRepository, lockSql: string) {
  const client = await repo.pool.connect();
  await client.query('BEGIN');
  await client.query(lockSql);
  const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
  return {
    /** Resolves once `count` other connections wait for this one. */
    async waitForBlocked(count: number) {
      for (let i = 0; i < 500; i++) {
        // Waiters queue behind the first one, so count the whole tree blocked by the holder.
        const { rows } = await repo.pool.query<{ n: number }>(
          `WITH RECURSIVE blocked(pid) AS (
             SELECT a.pid FROM pg_stat_activity a WHERE $1 = ANY(pg_blocking_pids(a.pid))
             UNION
             SELECT a.pid FROM pg_stat_activity a JOIN blocked b ON b.pid = ANY(pg_blocking_pids(a.pid))
           ) SELECT count(*)::int AS n FROM blocked`,
          [pid],
        );
        if ((rows[0]?.n ?? 0) >= count) return;
        await new Promise((done) => setTimeout(done, 10));
      }
      throw new Error(`fewer than ${count} writers ever waited for the held row`);
    },
    async release() {
      await client.query('COMMIT');
      client.release();
    },
  };
}

describe.skipIf(url === undefined)('PostgreSQL repository', () => {
  it('keeps amounts above 2^31 and up to 1e15 exact, as numbers', async () => {
    const repo = await openTest();
    await repo.seedIfEmpty(contractOrg);
    const plan = await repo.savePlan({
      unitId: 1,
      year: 2024,
      annualPlan: 180_000_000_000,
      quarterTargets: [45_000_000_000, null, 1_000_000_000_000_000, 2 ** 31 + 1],
      actor: 'director',
    });
    await repo.saveActual({
      unitId: 2,
      year: 2024,
      quarter: 1,
      amount: 999_999_999_999_999,
      actor: 'lead',
    });
    const { plans, actuals } = await repo.getYearEntries(2024);
    expect(plans).toEqual([plan]);
    expect(plans[0]?.annualPlan).toBe(180_000_000_000);
    expect(plans[0]?.quarterTargets).toEqual([
      45_000_000_000,
      null,
      1_000_000_000_000_000,
      2_147_483_649,
    ]);
    expect(actuals[0]?.amount).toBe(999_999_999_999_999);
    expect(typeof actuals[0]?.amount).toBe('number');
    const [audit] = await repo.listAudit({ entity: 'actual' });
    expect(audit?.newValue).toMatchObject({ amount: 999_999_999_999_999 });
  });

  it('refuses amounts the CHECKs forbid, writing nothing', async () => {
    const repo = await openTest();
    await repo.seedIfEmpty(contractOrg);
    for (const amount of [-1, 1_000_000_000_000_001, 1.5]) {
      await expect(
        repo.saveActual({ unitId: 2, year: 2023, quarter: 2, amount, actor: 'lead' }),
      ).rejects.toThrow();
    }
    expect((await repo.getYearEntries(2023)).actuals).toHaveLength(1);
    expect(await repo.listAudit({})).toEqual([]);
  });

  it('lets exactly one of the writers that read the same version win', async () => {
    const repo = await openTest({ maxConnections: 8 });
    await repo.seedIfEmpty(contractOrg);
    const held = await holdRow(
      repo,
      'SELECT * FROM actuals WHERE unit_id = 2 AND year = 2023 AND quarter = 1 FOR UPDATE',
    );
    // Writes that arrive together share one statement (group commit, pg/batch.ts): three of
    // them from this process, two from another, so that two connections race for the row.
    const sibling = await openSibling(repo);
    const writes = [31, 32, 33, 34, 35].map((amount) =>
      (amount <= 33 ? repo : sibling).saveActual({
        unitId: 2,
        year: 2023,
        quarter: 1,
        amount,
        actor: `lead${amount}`,
        expectedVersion: 1,
      }),
    );
    // Settled from the start: a loser refused while the lock is being released must not
    // count as an unhandled rejection.
    const settled = Promise.allSettled(writes);
    await held.waitForBlocked(2);
    await held.release();
    const results = await settled;
    const won = results.filter((r) => r.status === 'fulfilled');
    expect(won).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect(r.reason).toMatchObject({
        code: 'CONFLICT',
        field: 'version',
        details: { current: { version: 2 } },
      });
    }
    const [figure] = (await repo.getYearEntries(2023)).actuals;
    expect(figure).toEqual((won[0] as PromiseFulfilledResult<unknown>).value);
    expect(await repo.listAudit({ entity: 'actual' })).toHaveLength(1);
  });

  describe('figure writes that arrive together (one save_actuals statement)', () => {
    /** The sum of the data version's counters: one more for each committed transaction. */
    const commitsOf = async (repo: Repository) =>
      Number((await repo.dataVersion()).split('.')[1] ?? 0);

    it('lets the first of two writes of one figure win and refuses the second with 409', async () => {
      const repo = await openTest();
      await repo.seedIfEmpty(contractOrg);
      const before = await commitsOf(repo);
      const base = { unitId: 2, year: 2023, quarter: 2 as const, expectedVersion: 0 };
      const results = await Promise.allSettled([
        repo.saveActual({ ...base, amount: 1, actor: 'first' }),
        repo.saveActual({ ...base, amount: 2, actor: 'second' }),
      ]);
      expect(results[0]).toMatchObject({ status: 'fulfilled', value: { amount: 1, version: 1 } });
      expect(results[1]).toMatchObject({
        status: 'rejected',
        reason: {
          code: 'CONFLICT',
          field: 'version',
          details: { current: { amount: 1, version: 1, updatedBy: 'first' } },
        },
      });
      expect(await repo.listAudit({ entity: 'actual' })).toHaveLength(1);
      // Both were in one statement: one commit.
      expect(await commitsOf(repo)).toBe(before + 1);
    });

    it('fails a locked, an unknown, a stale and an impossible write alone and commits the rest', async () => {
      const repo = await openTest();
      await repo.seedIfEmpty(contractOrg);
      await repo.lockQuarter({ year: 2023, quarter: 4, actor: 'director' });
      const before = await commitsOf(repo);
      const base = { unitId: 2, year: 2023, actor: 'lead' };
      const results = await Promise.allSettled([
        repo.saveActual({ ...base, quarter: 2, amount: 2, expectedVersion: 0 }),
        repo.saveActual({ ...base, quarter: 4, amount: 4, expectedVersion: 0 }),
        repo.saveActual({ ...base, unitId: 99, quarter: 2, amount: 9, expectedVersion: 0 }),
        repo.saveActual({ ...base, quarter: 1, amount: 7, expectedVersion: 5 }),
        repo.saveActual({ ...base, quarter: 3, amount: -1, expectedVersion: 0 }),
        repo.saveActual({ ...base, quarter: 3, amount: 3, expectedVersion: 0 }),
      ]);
      expect(results.map((r) => (r.status === 'fulfilled' ? 'saved' : r.reason.code))).toEqual([
        'saved',
        'LOCKED',
        'NOT_FOUND',
        'CONFLICT',
        // The CHECK's own SQLSTATE (check_violation), which the API reads as the
        // one-transaction path's wrapped driver error.
        '23514',
        'saved',
      ]);
      expect((results[1] as PromiseRejectedResult).reason).toMatchObject({
        details: { year: 2023, quarter: 4, lockedBy: 'director' },
      });
      expect((results[3] as PromiseRejectedResult).reason).toMatchObject({
        details: { current: { amount: 13, version: 1 } },
      });
      const { actuals } = await repo.getYearEntries(2023);
      expect(actuals.map((a) => [a.quarter, a.amount])).toEqual([
        [1, 13],
        [2, 2],
        [3, 3],
      ]);
      expect(await repo.listAudit({ entity: 'actual' })).toHaveLength(2);
      expect(await commitsOf(repo)).toBe(before + 1);
    });

    it('writes the audit row the one-transaction path wrote: the same old and new values', async () => {
      const repo = await openTest();
      await repo.seedIfEmpty(contractOrg);
      const estimate = await repo.saveActual({
        unitId: 2,
        year: 2023,
        quarter: 1,
        amount: 20,
        basis: 'estimate',
        actor: 'lead',
        comment: 'ước',
      });
      const final = await repo.saveActual({
        unitId: 2,
        year: 2023,
        quarter: 1,
        amount: 21,
        actor: 'lead',
        expectedVersion: estimate.version,
      });
      expect(final).toMatchObject({ basis: 'final', estimateAmount: 20, version: 3 });
      const [last, first] = await repo.listAudit({ entity: 'actual' });
      expect(first).toMatchObject({
        entityKey: 'actual:2/2023/1',
        actor: 'lead',
        comment: 'ước',
        newValue: estimate,
      });
      expect(last).toMatchObject({ oldValue: estimate, newValue: final, comment: null });
      expect(Object.keys(last?.newValue as object)).toEqual(Object.keys(final));
    });
  });

  it('turns a figure created meanwhile by another writer into a CONFLICT with it', async () => {
    const repo = await openTest({ maxConnections: 8 });
    await repo.seedIfEmpty(contractOrg);
    // Another process inserts the figure and has not committed yet.
    const held = await holdRow(
      repo,
      `INSERT INTO actuals (unit_id, year, quarter, amount, version, updated_at, updated_by)
       VALUES (2, 2023, 4, 77, 1, '2023-04-14T09:00:00.000Z', 'other')`,
    );
    // Two from this process (one statement, pg/batch.ts) and one from another.
    const sibling = await openSibling(repo);
    const writes = [1, 2, 3].map((amount) =>
      (amount <= 2 ? repo : sibling).saveActual({
        unitId: 2,
        year: 2023,
        quarter: 4,
        amount,
        actor: 'a',
        expectedVersion: 0,
      }),
    );
    // Settled from the start: a write refused while the lock is being released must not
    // count as an unhandled rejection.
    const settled = Promise.allSettled(writes);
    await held.waitForBlocked(2);
    await held.release();
    const results = await settled;
    for (const r of results) {
      expect(r).toMatchObject({
        status: 'rejected',
        reason: { code: 'CONFLICT', details: { current: { amount: 77, updatedBy: 'other' } } },
      });
    }
    expect(await repo.listAudit({})).toEqual([]);
  });

  it('runs an import again when another writer created one of its new figures meanwhile', async () => {
    const repo = await openTest({ maxConnections: 8 });
    await repo.seedIfEmpty(contractOrg);
    const createMeanwhile = (quarter: number) =>
      holdRow(
        repo,
        `INSERT INTO actuals (unit_id, year, quarter, amount, version, updated_at, updated_by)
         VALUES (2, 2023, ${quarter}, 77, 1, '2023-04-14T09:00:00.000Z', 'other')`,
      );
    const row = { unitId: 2, year: 2023, actor: 'importer' };

    // From version 0: the figure is no longer new, so the whole import is a conflict.
    let held = await createMeanwhile(3);
    const stale = repo.applyImport({
      plans: [],
      actuals: [
        { ...row, quarter: 2, amount: 5, expectedVersion: 0 },
        { ...row, quarter: 3, amount: 6, expectedVersion: 0 },
      ],
    });
    await held.waitForBlocked(1);
    await held.release();
    await expect(stale).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { current: { quarter: 3, amount: 77, version: 1 } },
    });
    expect((await repo.getYearEntries(2023)).actuals.map((a) => a.quarter)).toEqual([1, 3]);
    expect(await repo.listAudit({})).toEqual([]);

    // Without a version check (a system import), the rerun replaces the figure.
    held = await createMeanwhile(4);
    const unchecked = repo.applyImport({
      plans: [],
      actuals: [{ ...row, quarter: 4, amount: 8 }],
    });
    await held.waitForBlocked(1);
    await held.release();
    const saved = await unchecked;
    expect(saved.actuals[0]).toMatchObject({ quarter: 4, amount: 8, version: 2 });
    const [audit] = await repo.listAudit({});
    expect(audit).toMatchObject({
      oldValue: { amount: 77, version: 1 },
      newValue: saved.actuals[0],
    });
  });

  it('finishes imports that cross each other (deadlocks are retried)', async () => {
    const repo = await openTest({ maxConnections: 8 });
    await repo.seedIfEmpty(contractOrg);
    const row = (quarter: 1 | 2 | 3 | 4, amount: number) => ({
      unitId: 2,
      year: 2023,
      quarter,
      amount,
      actor: 'importer',
    });
    const rounds = 3;
    for (let i = 0; i < rounds; i++) {
      await Promise.all([
        repo.applyImport({ plans: [], actuals: [row(1, i), row(2, i), row(3, i)] }),
        repo.applyImport({ plans: [], actuals: [row(3, i), row(2, i), row(1, i)] }),
      ]);
    }
    const { actuals } = await repo.getYearEntries(2023);
    // Quarter 1 started at version 1 (seeded); each import wrote each quarter once per round.
    expect(actuals.map((a) => [a.quarter, a.version])).toEqual([
      [1, 1 + 2 * rounds],
      [2, 2 * rounds],
      [3, 2 * rounds],
    ]);
    expect(await repo.listAudit({ limit: 1000 })).toHaveLength(6 * rounds);
  });

  it('shows a write of one process in the data version and reads of another', async () => {
    const a = await openTest();
    await a.seedIfEmpty(contractOrg);
    const b = await openSibling(a);
    const before = await b.dataVersion();
    expect(await a.dataVersion()).toBe(before);
    await a.saveActual({ unitId: 2, year: 2023, quarter: 2, amount: 5, actor: 'lead' });
    const after = await b.dataVersion();
    expect(after).not.toBe(before);
    expect(await a.dataVersion()).toBe(after);
    expect((await b.getYearEntries(2023)).actuals.map((x) => x.amount)).toEqual([13, 5]);
    // A refused write changes nothing anywhere.
    await expect(
      b.saveActual({
        unitId: 2,
        year: 2023,
        quarter: 2,
        amount: 6,
        actor: 'x',
        expectedVersion: 0,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await a.dataVersion()).toBe(after);
  });

  it('lets only one of two admins who demote each other at once succeed', async () => {
    const repo = await openTest({ maxConnections: 8 });
    await repo.seedIfEmpty(contractOrg);
    const admin = { displayName: 'x', role: 'admin' as const, unitIds: [], passwordHash: 'h' };
    const one = await repo.createUser({ ...admin, username: 'one', actor: null });
    const two = await repo.createUser({ ...admin, username: 'two', actor: null });
    // Every write bumps a data_version row as its last statement: holding them all keeps both
    // writes open until each has done everything else, so they overlap whatever the timing.
    const held = await holdRow(
      repo,
      `INSERT INTO data_version (shard, epoch, version)
         SELECT s, 'held', 1 FROM generate_series(0, ${DATA_VERSION_SHARDS - 1}) AS s
         ON CONFLICT DO NOTHING;
       SELECT * FROM data_version FOR UPDATE`,
    );
    const settled = Promise.allSettled([
      repo.updateUser({ id: two.id, patch: { role: 'director' }, actor: 'one' }),
      repo.updateUser({ id: one.id, patch: { role: 'director' }, actor: 'two' }),
    ]);
    await held.waitForBlocked(2);
    await held.release();
    const results = await settled;
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [refused] = results.filter((r) => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({
      code: 'CONFLICT',
      reason: 'last_admin',
      field: 'role',
    });
    const admins = (await repo.listUsers()).filter((u) => u.role === 'admin' && !u.isDisabled);
    expect(admins).toHaveLength(1);
  });

  it('does not show the data version of a write that has not committed', async () => {
    const repo = await openTest();
    await repo.seedIfEmpty(contractOrg);
    const before = await repo.dataVersion();
    const held = await holdRow(
      repo,
      'SELECT * FROM actuals WHERE unit_id = 2 AND year = 2023 AND quarter = 1 FOR UPDATE',
    );
    const write = repo.saveActual({ unitId: 2, year: 2023, quarter: 1, amount: 1, actor: 'a' });
    await held.waitForBlocked(1);
    expect(await repo.dataVersion()).toBe(before);
    await held.release();
    await write;
    expect(await repo.dataVersion()).not.toBe(before);
  });

  it('lets several processes start on one empty schema: one migrates, one seeds', async () => {
    const first = await openTest();
    // Start from nothing: no tables, no journal of migrations.
    await first.pool.query(`DROP SCHEMA ${first.schema} CASCADE`);
    const opened = await Promise.all(
      [1, 2, 3].map(() => createPgRepository({ url: url as string, schema: first.schema })),
    );
    toClose.push(...opened);
    const seeded = await Promise.all(opened.map((r) => r.seedIfEmpty(contractOrg)));
    expect(seeded.filter(Boolean)).toHaveLength(1);
    expect(await first.listUnits()).toHaveLength(2);
  });

  it('refuses a second code or username that differs only in case, whoever writes it', async () => {
    const repo = await openTest();
    await repo.seedIfEmpty(contractOrg);
    const insertUnit = (code: string) =>
      repo.pool.query(
        `INSERT INTO units (code, name, kind, parent_id, created_at, updated_at) VALUES ($1, 'x', 'department', 1, now(), now())`,
        [code],
      );
    const insertUser = (username: string) =>
      repo.pool.query(
        `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES ($1, 'x', 'viewer', 'h', now(), now())`,
        [username],
      );
    await expect(insertUnit('a')).rejects.toMatchObject({ code: '23505' });
    await expect(insertUnit('Root')).rejects.toMatchObject({ code: '23505' });
    await insertUser('admin');
    await expect(insertUser('Admin')).rejects.toMatchObject({ code: '23505' });
    // Written before usernames were lower-cased: still found at log-in, whatever the case typed.
    await insertUser('Legacy.Lead');
    expect(await repo.findUserForLogin('legacy.lead')).toMatchObject({ username: 'Legacy.Lead' });
    expect(await repo.findUserForLogin('LEGACY.LEAD')).toMatchObject({ username: 'Legacy.Lead' });
  });

  it('keeps a database whose codes differ only in case as it was when the migration to lower() fails', async () => {
    const repo = await openTest();
    await repo.seedIfEmpty(contractOrg);
    // Back to the schema before the migration (0002, the third), with a look-alike it would
    // refuse; the migrations after it are forgotten too, so that it is the next to run.
    await repo.pool.query(`
      DROP INDEX units_code_lower_unique;
      DROP INDEX users_username_lower_unique;
      ALTER TABLE units ADD CONSTRAINT units_code_unique UNIQUE (code);
      ALTER TABLE users ADD CONSTRAINT users_username_unique UNIQUE (username);
      DELETE FROM __drizzle_migrations WHERE created_at > (SELECT created_at FROM __drizzle_migrations ORDER BY created_at LIMIT 1 OFFSET 1);
      INSERT INTO units (code, name, kind, parent_id, created_at, updated_at) VALUES ('a', 'x', 'centre', 1, now(), now());`);
    const indexes = async () =>
      (
        await repo.pool.query<{ name: string }>(
          `SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('units', 'users') ORDER BY 1`,
        )
      ).rows.map((r) => r.name);
    const before = await indexes();
    expect(before).toContain('units_code_unique');
    await expect(
      createPgRepository({ url: url as string, schema: repo.schema }),
    ).rejects.toMatchObject({ cause: { code: '23505' } });
    expect(await indexes()).toEqual(before);
  });

  it('reads timestamps back as ISO strings in UTC whatever the session time zone', async () => {
    const schema = testSchemaName();
    const zoned = `${url}${url?.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c TimeZone=Asia/Ho_Chi_Minh')}`;
    const repo = await createPgRepository({ url: zoned, schema, now: fixedNow });
    toClose.push({
      close: async () => {
        await repo.pool.query(`DROP SCHEMA ${schema} CASCADE`);
        await repo.close();
      },
    });
    const { rows } = await repo.pool.query<{ tz: string }>(
      "SELECT current_setting('TimeZone') AS tz",
    );
    expect(rows[0]?.tz).toBe('Asia/Ho_Chi_Minh');
    await repo.seedIfEmpty(contractOrg);
    const lock = await repo.lockQuarter({ year: 2023, quarter: 1, actor: 'director' });
    expect(lock.lockedAt).toBe('2023-04-14T08:00:00.000Z');
    expect((await repo.listLocks())[0]?.lockedAt).toBe('2023-04-14T08:00:00.000Z');
  });

  it('counts attempts per key in fixed windows shared by every process, atomically', async () => {
    let clock = new Date('2023-04-14T08:00:00.000Z');
    const a = await openTest({ now: () => clock, maxConnections: 8 });
    const b = await openSibling(a, () => clock);
    const hit = (repo: Repository, key = 'login:lan') =>
      (repo.hitRateLimit as NonNullable<Repository['hitRateLimit']>)({ key, windowMs: 60_000 });
    expect(await hit(a)).toEqual({ count: 1, ttlMs: 60_000 });
    clock = new Date('2023-04-14T08:00:20.000Z');
    expect(await hit(b)).toEqual({ count: 2, ttlMs: 40_000 });
    expect(await hit(a, 'login:other')).toEqual({ count: 1, ttlMs: 60_000 });
    // Many at once: each attempt gets its own count, none is lost.
    const counts = await Promise.all(Array.from({ length: 12 }, () => hit(a)));
    expect(counts.map((c) => c.count).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 3),
    );
    // The window ends: counting starts again.
    clock = new Date('2023-04-14T08:01:00.000Z');
    expect(await hit(b)).toEqual({ count: 1, ttlMs: 60_000 });
  });

  it('gives the same records and errors as SQLite for the same story', async () => {
    const sqlite = createSqliteRepository({ path: ':memory:', now: fixedNow });
    toClose.push(sqlite);
    const pgRepo = await openTest();
    const [onSqlite, onPg] = await Promise.all([story(sqlite), story(pgRepo)]);
    expect(onPg).toEqual(onSqlite);
    // toEqual ignores key order; the API's JSON does not.
    expect(JSON.stringify(onPg)).toBe(JSON.stringify(onSqlite));
  });
});

/** A bit of everything, and everything that can be read back, errors included. */
async function story(repo: Repository) {
  const error = (err: unknown) => {
    const e = err as {
      name: string;
      code: string;
      field?: string;
      message: string;
      details: unknown;
    };
    return { name: e.name, code: e.code, field: e.field, message: e.message, details: e.details };
  };
  const errors: unknown[] = [];
  const attempt = async (write: Promise<unknown>) => {
    await write.then(
      () => errors.push('ok'),
      (err: unknown) => errors.push(error(err)),
    );
  };
  await repo.seedIfEmpty({
    ...contractOrg,
    users: [
      {
        username: 'Director',
        displayName: 'Giám đốc',
        role: 'director',
        unitCodes: [],
        passwordHash: 'h',
      },
    ],
  });
  const unit = await repo.createUnit({
    code: 'B',
    name: 'Phòng B',
    kind: 'department',
    parentId: 1,
    actor: 'admin',
    comment: 'new',
  });
  await repo.savePlan({
    unitId: unit.id,
    year: 2023,
    annualPlan: 120_000_000_000,
    quarterTargets: [30_000_000_000, null, null, null],
    actor: 'director',
    expectedVersion: 0,
  });
  await repo.saveActual({
    unitId: unit.id,
    year: 2023,
    quarter: 1,
    amount: 31_500_000_000,
    actor: 'lead',
    expectedVersion: 0,
  });
  await repo.lockQuarter({ year: 2023, quarter: 1, actor: 'director', comment: 'Q1 review' });
  await attempt(
    repo.saveActual({ unitId: unit.id, year: 2023, quarter: 1, amount: 1, actor: 'lead' }),
  );
  await attempt(
    repo.saveActual({
      unitId: unit.id,
      year: 2023,
      quarter: 2,
      amount: 1,
      actor: 'lead',
      expectedVersion: 4,
    }),
  );
  await attempt(
    repo.savePlan({
      unitId: unit.id,
      year: 2023,
      annualPlan: 1,
      quarterTargets: [30_000_000_000, null, null, null],
      actor: 'director',
      expectedVersion: 0,
    }),
  );
  await attempt(
    repo.updateUnit({ id: 2, patch: { parentId: unit.id }, actor: 'admin', expectedVersion: 3 }),
  );
  await attempt(repo.createUser({ ...newLead, username: 'DIRECTOR' }));
  await attempt(repo.unlockQuarter({ year: 2023, quarter: 3, actor: 'admin' }));
  await attempt(repo.lockQuarter({ year: 2023, quarter: 1, actor: 'admin' }));
  await repo.applyImport({
    plans: [
      {
        unitId: 2,
        year: 2023,
        annualPlan: 60,
        quarterTargets: [null, 15, 15, 15],
        actor: 'importer',
        expectedVersion: 0,
      },
    ],
    actuals: [
      { unitId: 2, year: 2023, quarter: 2, amount: 14, actor: 'importer', expectedVersion: 0 },
    ],
  });
  const lead = await repo.createUser(newLead);
  await repo.updateUser({
    id: lead.id,
    patch: { displayName: 'Trưởng phòng B', unitIds: [unit.id, 2] },
    actor: 'admin',
    expectedVersion: 1,
  });
  await repo.createSession({
    tokenHash: 't',
    userId: lead.id,
    csrfToken: 'c',
    createdAt: '2023-04-14T08:00:00.000Z',
    lastSeenAt: '2023-04-14T08:05:00.000Z',
    expiresAt: '2023-04-21T08:00:00.000Z',
  });
  await repo.saveSetting({
    key: 'thresholds',
    value: { onTrack: 0.95, atRisk: 0.8, note: 'Ngưỡng' },
    actor: 'admin',
    expectedVersion: 0,
  });
  await repo.updateUnit({
    id: unit.id,
    patch: { name: 'Trung tâm B', kind: 'centre' },
    actor: 'admin',
  });
  return {
    errors,
    units: await repo.listUnits(),
    years: await repo.listYears(),
    entries: await repo.getYearEntries(2023),
    audit: await repo.listAudit({ limit: 1000 }),
    users: await repo.listUsers(),
    login: await repo.findUserForLogin('director'),
    session: await repo.findSession('t'),
    locks: await repo.listLocks(),
    setting: await repo.getSetting('thresholds'),
  };
}

const newLead = {
  username: 'Lead.B',
  displayName: 'Trưởng phòng',
  role: 'unit_lead' as const,
  unitIds: [3],
  passwordHash: 'scrypt$x',
  actor: 'admin',
};
