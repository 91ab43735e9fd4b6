import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseFileError, MIGRATIONS_FOLDER } from '../client';
import { contractOrg as org } from '../repository.contract';
import { createSqliteRepository } from './repository';

// What only the SQLite engine has (pragmas, STRICT tables). The behaviour both engines share is
// the contract in repository.contract.ts, run on each engine by repository.test.ts.

const fixedNow = () => new Date('2023-04-14T08:00:00.000Z');
const open = () => createSqliteRepository({ path: ':memory:', now: fixedNow });
let repo: ReturnType<typeof open>;

afterEach(async () => {
  await repo?.close();
});

describe('openSqlite pragmas', () => {
  it('runs with foreign keys on and a busy timeout', () => {
    repo = open();
    expect(repo.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(repo.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    // 2 = FULL: an acknowledged write survives a power cut.
    expect(repo.sqlite.pragma('synchronous', { simple: true })).toBe(2);
  });
});

describe('the start-up check of the database files', () => {
  it('refuses, naming the file and the fix, a database whose -shm file cannot be written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'targetline-shm-'));
    try {
      const path = join(dir, 'targetline.db');
      (await createSqliteRepository({ path })).close();
      // Something that cannot be opened for writing, even by root: a directory in its place.
      mkdirSync(`${path}-shm`);
      let refusal: unknown;
      try {
        createSqliteRepository({ path });
      } catch (err) {
        refusal = err;
      }
      expect(refusal).toBeInstanceOf(DatabaseFileError);
      expect((refusal as Error).message).toContain(`${path}-shm cannot be written`);
      expect((refusal as Error).message).toContain('remove the -wal and -shm files');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('STRICT amount columns', () => {
  it.each([
    ['a fraction', 1.5],
    ['a string', "'13 tỷ'"],
    ['a negative', -1],
    ['more than 1e15', 1_000_000_000_000_001],
  ])('refuses %s in actuals.amount', async (_label, value) => {
    repo = open();
    await repo.seedIfEmpty(org);
    expect(() =>
      repo.sqlite
        .prepare(
          `INSERT INTO actuals (unit_id, year, quarter, amount, updated_at) VALUES (2, 2023, 2, ${value}, 'x')`,
        )
        .run(),
    ).toThrow(/constraint|cannot store/i);
  });
});

describe('plans.assigned_plan, added in place by migration 0006', () => {
  it.each([
    ['a fraction', 1.5],
    ['a string', "'200 tỷ'"],
    ['a negative', -1],
  ])('refuses %s, and the table stays STRICT', async (_label, value) => {
    repo = open();
    await repo.seedIfEmpty(org);
    expect(() =>
      repo.sqlite.prepare(`UPDATE plans SET assigned_plan = ${value} WHERE unit_id = 1`).run(),
    ).toThrow(/constraint|cannot store/i);
    const table = repo.sqlite
      .prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'plans'`)
      .get() as { sql: string };
    expect(table.sql).toMatch(/\) STRICT$/);
  });
});

describe('unit codes and usernames in the database itself', () => {
  const insertUnit = (code: string) =>
    repo.sqlite
      .prepare(
        `INSERT INTO units (code, name, kind, parent_id, created_at, updated_at) VALUES (?, 'x', 'department', 1, 'x', 'x')`,
      )
      .run(code);
  const insertUser = (username: string) =>
    repo.sqlite
      .prepare(
        `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES (?, 'x', 'viewer', 'h', 'x', 'x')`,
      )
      .run(username);

  it('refuses a second code or username that differs only in case, whoever writes it', async () => {
    repo = open();
    await repo.seedIfEmpty(org);
    expect(() => insertUnit('a')).toThrow(/UNIQUE/);
    expect(() => insertUnit('Root')).toThrow(/UNIQUE/);
    insertUser('admin');
    expect(() => insertUser('Admin')).toThrow(/UNIQUE/);
    expect(() => insertUser('ADMIN')).toThrow(/UNIQUE/);
  });

  it('logs in a user whose stored name has capitals (written before usernames were lower-cased)', async () => {
    repo = open();
    await repo.seedIfEmpty(org);
    insertUser('Legacy.Lead');
    expect(await repo.findUserForLogin('legacy.lead')).toMatchObject({ username: 'Legacy.Lead' });
    expect(await repo.findUserForLogin('LEGACY.LEAD')).toMatchObject({ username: 'Legacy.Lead' });
  });
});

/**
 * A database file as the version that ended with migration `lastTag` left it: the migrations
 * up to it applied from a copy of the folder whose journal stops there.
 */
function databaseAt(lastTag: string, prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const folder = join(dir, 'drizzle');
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
    entries: Array<{ tag: string }>;
  };
  const last = journal.entries.findIndex((e) => e.tag === lastTag);
  if (last < 0) throw new Error(`no migration ${lastTag}`);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(journalPath, JSON.stringify(journal));
  const path = join(dir, 'old.db');
  const sqlite = new Database(path);
  sqlite.pragma('foreign_keys = ON');
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  return { path, sqlite, cleanUp: () => rmSync(dir, { recursive: true, force: true }) };
}

const insertOldUnit = (sqlite: Database.Database, code: string, parentId: number | null) =>
  sqlite
    .prepare(
      `INSERT INTO units (code, name, kind, parent_id, created_at, updated_at) VALUES (?, 'x', ?, ?, 'x', 'x')`,
    )
    .run(code, parentId === null ? 'institute' : 'centre', parentId);

describe('the migration to codes and usernames unique without regard to case', () => {
  /** A database file as the version before this migration left it, holding `codes`. */
  const oldDatabase = async (codes: string[]) => {
    const old = databaseAt('0000_init', 'targetline-case-');
    insertOldUnit(old.sqlite, 'ROOT', null);
    for (const code of ['A', ...codes]) insertOldUnit(old.sqlite, code, 1);
    old.sqlite.close();
    return old;
  };
  const indexesOf = (path: string) => {
    const sqlite = new Database(path, { readonly: true });
    try {
      return (
        sqlite
          .prepare(
            `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('units', 'users') AND sql IS NOT NULL ORDER BY name`,
          )
          .all() as Array<{ name: string }>
      ).map((r) => r.name);
    } finally {
      sqlite.close();
    }
  };

  it('moves an organisation without look-alikes to the new indexes', async () => {
    const old = await oldDatabase(['B']);
    try {
      repo = createSqliteRepository({ path: old.path, now: fixedNow });
      expect((await repo.listUnits()).map((u) => u.code)).toEqual(['A', 'B', 'ROOT']);
      await repo.close();
      expect(indexesOf(old.path)).toEqual([
        'units_code_lower_unique',
        'units_parent_idx',
        'users_username_lower_unique',
      ]);
    } finally {
      old.cleanUp();
    }
  });

  it('fails on codes that differ only in case and leaves the database as it was', async () => {
    const old = await oldDatabase(['a']);
    try {
      const before = indexesOf(old.path);
      expect(() => createSqliteRepository({ path: old.path, now: fixedNow })).toThrow(/UNIQUE/);
      expect(indexesOf(old.path)).toEqual(before);
      expect(before).toContain('units_code_unique');
    } finally {
      old.cleanUp();
    }
  });
});

describe('the migration that adds the planner role', () => {
  it('rebuilds users STRICT and keeps every user, their units and their sessions', async () => {
    const old = databaseAt('0001_case_insensitive_names', 'targetline-planner-');
    try {
      insertOldUnit(old.sqlite, 'ROOT', null);
      insertOldUnit(old.sqlite, 'A', 1);
      old.sqlite.exec(`
        INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at)
          VALUES ('lead-a', 'Lead', 'unit_lead', 'h', 'x', 'x'), ('admin', 'Admin', 'admin', 'h', 'x', 'x');
        INSERT INTO user_units (user_id, unit_id) VALUES (1, 2);
        INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
          VALUES ('t', 1, 'c', 'x', 'x', 'x');`);
      expect(() =>
        old.sqlite
          .prepare(
            `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES ('p', 'P', 'planner', 'h', 'x', 'x')`,
          )
          .run(),
      ).toThrow(/CHECK/);
      old.sqlite.close();
      repo = createSqliteRepository({ path: old.path, now: fixedNow });
      expect((await repo.listUsers()).map((u) => [u.username, u.role, u.unitIds])).toEqual([
        ['admin', 'admin', []],
        ['lead-a', 'unit_lead', [2]],
      ]);
      expect(await repo.findSession('t')).toMatchObject({ user: { username: 'lead-a' } });
      const created = await repo.createUser({
        username: 'planner',
        displayName: 'Phòng Kế hoạch',
        role: 'planner',
        unitIds: [],
        passwordHash: 'h',
        actor: null,
      });
      expect(created.role).toBe('planner');
      expect(() =>
        repo.sqlite
          .prepare(
            `INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES ('q', 'Q', 'boss', 'h', 'x', 'x')`,
          )
          .run(),
      ).toThrow(/CHECK/);
      const strict = repo.sqlite
        .prepare(`SELECT strict FROM pragma_table_list WHERE name = 'users'`)
        .get() as { strict: number };
      expect(strict.strict).toBe(1);
      expect(repo.sqlite.pragma('foreign_key_check')).toEqual([]);
    } finally {
      await repo?.close();
      old.cleanUp();
    }
  });
});

describe('the migration of the review cycle', () => {
  it('rebuilds actuals STRICT, keeping every figure as a final one', async () => {
    const old = databaseAt('0002_planner_role', 'targetline-review-');
    try {
      insertOldUnit(old.sqlite, 'ROOT', null);
      insertOldUnit(old.sqlite, 'A', 1);
      old.sqlite.exec(`
        INSERT INTO actuals (unit_id, year, quarter, amount, version, updated_at, updated_by)
          VALUES (2, 2023, 1, 13, 3, '2023-04-10T03:00:00.000Z', 'lead-a');`);
      old.sqlite.close();
      repo = createSqliteRepository({ path: old.path, now: fixedNow });
      expect((await repo.getYearEntries(2023)).actuals).toEqual([
        {
          unitId: 2,
          year: 2023,
          quarter: 1,
          amount: 13,
          basis: 'final',
          estimateAmount: null,
          version: 3,
          updatedAt: '2023-04-10T03:00:00.000Z',
          updatedBy: 'lead-a',
        },
      ]);
      const strict = (table: string) =>
        (
          repo.sqlite.prepare(`SELECT strict FROM pragma_table_list WHERE name = ?`).get(table) as {
            strict: number;
          }
        ).strict;
      expect([
        strict('actuals'),
        strict('reports'),
        strict('review_rounds'),
        strict('directions'),
      ]).toEqual([1, 1, 1, 1]);
      expect(() =>
        repo.sqlite.prepare(`UPDATE actuals SET basis = 'guess' WHERE unit_id = 2`).run(),
      ).toThrow(/CHECK/);
      expect(() =>
        repo.sqlite.prepare(`UPDATE actuals SET estimate_amount = 1.5 WHERE unit_id = 2`).run(),
      ).toThrow(/constraint|cannot store/i);
    } finally {
      await repo?.close();
      old.cleanUp();
    }
  });
});
