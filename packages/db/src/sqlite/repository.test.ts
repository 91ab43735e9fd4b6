import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseFileError } from '../client';
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

describe('the migration to codes and usernames unique without regard to case', () => {
  /** A database file as the version before this migration left it, holding `codes`. */
  const oldDatabase = async (codes: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'targetline-case-'));
    const path = join(dir, 'old.db');
    const current = createSqliteRepository({ path, now: fixedNow });
    await current.seedIfEmpty(org);
    await current.close();
    const sqlite = new Database(path);
    sqlite.exec(`
      DROP INDEX units_code_lower_unique;
      DROP INDEX users_username_lower_unique;
      CREATE UNIQUE INDEX units_code_unique ON units (code);
      CREATE UNIQUE INDEX users_username_unique ON users (username);
      DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations);`);
    for (const code of codes) {
      sqlite
        .prepare(
          `INSERT INTO units (code, name, kind, parent_id, created_at, updated_at) VALUES (?, 'x', 'centre', 1, 'x', 'x')`,
        )
        .run(code);
    }
    sqlite.close();
    return { path, cleanUp: () => rmSync(dir, { recursive: true, force: true }) };
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
