import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseFileError } from './client';
import { contractOrg as org } from './repository.contract';
import { createSqliteRepository } from './sqlite-repository';

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
