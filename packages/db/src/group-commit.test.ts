import { describe, expect, it } from 'vitest';
import { createGroupCommit } from './group-commit';
import { createSqliteRepository } from './sqlite/repository';

const seed = {
  units: [
    { code: 'ROOT', name: 'Root', kind: 'institute' as const, parentCode: null },
    { code: 'A', name: 'A', kind: 'department' as const, parentCode: 'ROOT' },
  ],
  plans: [],
  actuals: [],
};

async function setUp() {
  const repository = createSqliteRepository({ path: ':memory:' });
  await repository.seedIfEmpty(seed);
  const unitId = (await repository.listUnits()).find((u) => u.code === 'A')?.id ?? 0;
  return { repository, unitId };
}

describe('writes that arrive together', () => {
  it('commit together, and a stale one among them fails alone', async () => {
    const { repository, unitId } = await setUp();
    const base = { unitId, year: 2023, actor: 'lead' };
    const results = await Promise.allSettled([
      repository.saveActual({ ...base, quarter: 1, amount: 1, expectedVersion: 0 }),
      repository.saveActual({ ...base, quarter: 2, amount: 2, expectedVersion: 0 }),
      // Same figure and version as the first: loses, without undoing the others.
      repository.saveActual({ ...base, quarter: 1, amount: 9, expectedVersion: 0 }),
      repository.saveActual({ ...base, quarter: 3, amount: 3, expectedVersion: 0 }),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const rejected = results[2] as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ code: 'CONFLICT', field: 'version' });
    const { actuals } = await repository.getYearEntries(2023);
    expect(actuals.map((a) => [a.quarter, a.amount])).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
    ]);
    // One audit row per committed change; none for the refused one.
    expect(await repository.listAudit({ entity: 'actual' })).toHaveLength(3);
    await repository.close();
  });

  it('are committed by close() rather than dropped', async () => {
    const { repository, unitId } = await setUp();
    const pending = repository.saveActual({
      unitId,
      year: 2023,
      quarter: 1,
      amount: 5,
      actor: 'lead',
      expectedVersion: 0,
    });
    // Read before the flush runs: the write is still queued.
    const { sqlite } = repository;
    await repository.close();
    await expect(pending).resolves.toMatchObject({ amount: 5, version: 1 });
    expect(sqlite.open).toBe(false);
  });

  it('move the data version once the batch committed', async () => {
    const { repository, unitId } = await setUp();
    const before = await repository.dataVersion();
    await repository.saveActual({ unitId, year: 2023, quarter: 1, amount: 5, actor: 'lead' });
    expect(await repository.dataVersion()).not.toBe(before);
    await repository.close();
  });
});

describe('a batch whose transaction the engine undid', () => {
  it('fails as a whole, with the engine error, the writes before the failure included', async () => {
    let isOpen = true;
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const committer = createGroupCommit<null>({
      transaction: (body) => {
        isOpen = true;
        body(null);
        if (!isOpen) throw new Error('cannot commit - no transaction is active');
      },
      savepoint: (tx, body) => body(tx),
      isInTransaction: () => isOpen,
    });
    const results = await Promise.allSettled([
      committer.run(() => 'first'),
      committer.run(() => {
        isOpen = false;
        throw full;
      }),
      committer.run(() => 'third'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const r of results) expect((r as PromiseRejectedResult).reason).toBe(full);
  });
});
