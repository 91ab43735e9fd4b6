import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkIntegrity, journalModeOf, verifyTargetlineDatabase } from './backup';
import { createSqliteRepository } from './sqlite/repository';

let dir: string;
let path: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'targetline-integrity-'));
  path = join(dir, 't.db');
  const repository = createSqliteRepository({ path });
  await repository.createUnit({
    code: 'ROOT',
    name: 'Viện',
    kind: 'institute',
    parentId: null,
    actor: null,
  });
  for (let quarter = 1; quarter <= 4; quarter++) {
    await repository.saveActual({
      unitId: 1,
      year: 2025,
      quarter: quarter as 1 | 2 | 3 | 4,
      amount: quarter,
      actor: 'test',
      comment: 'x'.repeat(3000),
    });
  }
  // Closing the last connection checkpoints the WAL into the file.
  await repository.close();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('checkIntegrity', () => {
  it('says ok for a sound database, read-only, in WAL mode as the server left it', () => {
    expect(checkIntegrity(path)).toEqual({ isOk: true, problems: [] });
    expect(journalModeOf(path)).toBe('wal');
    expect(() => verifyTargetlineDatabase(path)).not.toThrow();
  });

  it('reports the problems of a file with a damaged page', () => {
    const fd = openSync(path, 'r+');
    try {
      // Garbage over the headers of the b-tree pages after the schema page.
      const garbage = Buffer.alloc(16, 0xa5);
      for (let page = 1; page < statSync(path).size / 4096; page++) {
        writeSync(fd, garbage, 0, garbage.length, page * 4096);
      }
    } finally {
      closeSync(fd);
    }
    const report = checkIntegrity(path);
    expect(report.isOk).toBe(false);
    expect(report.problems.length).toBeGreaterThan(0);
    expect(() => verifyTargetlineDatabase(path)).toThrow(/is damaged/);
  });
});
