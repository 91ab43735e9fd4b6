import { afterEach, describe, expect, it } from 'vitest';
import { DbError } from './errors';
import type { SeedOrganisation } from './repository';
import { createSqliteRepository } from './sqlite-repository';

const fixedNow = () => new Date('2023-04-14T08:00:00.000Z');
const open = () => createSqliteRepository({ path: ':memory:', now: fixedNow });
let repo: ReturnType<typeof open>;

afterEach(async () => {
  await repo?.close();
});

const org: SeedOrganisation = {
  units: [
    { code: 'ROOT', name: 'Viện', kind: 'institute', parentCode: null },
    { code: 'A', name: 'Phòng A', kind: 'department', parentCode: 'ROOT' },
  ],
  plans: [
    { unitCode: 'ROOT', year: 2023, annualPlan: 180, quarterTargets: [null, 30, null, null] },
  ],
  actuals: [{ unitCode: 'A', year: 2023, quarter: 1, amount: 13 }],
};

describe('openSqlite pragmas', () => {
  it('runs with foreign keys on and a busy timeout', () => {
    repo = open();
    expect(repo.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(repo.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    // 2 = FULL: an acknowledged write survives a power cut.
    expect(repo.sqlite.pragma('synchronous', { simple: true })).toBe(2);
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

describe('seedIfEmpty', () => {
  it('loads an empty database and leaves a non-empty one alone', async () => {
    repo = open();
    expect(await repo.seedIfEmpty(org)).toBe(true);
    await repo.saveActual({ unitId: 2, year: 2023, quarter: 1, amount: 99, actor: null });
    expect(await repo.seedIfEmpty(org)).toBe(false);
    const entries = await repo.getYearEntries(2023);
    expect(entries.actuals.map((a) => a.amount)).toEqual([99]);
  });

  it('writes nothing when a row of the file is wrong', async () => {
    repo = open();
    const bad = {
      ...org,
      actuals: [{ unitCode: 'NOPE', year: 2023, quarter: 1 as const, amount: 1 }],
    };
    await expect(repo.seedIfEmpty(bad)).rejects.toThrow(/NOPE/);
    expect(await repo.listUnits()).toEqual([]);
  });

  it('stores unit names in NFC whatever form they arrive in', async () => {
    repo = open();
    const nfd = 'Trung tâm An toàn Mỏ'.normalize('NFD');
    const [root0, ...rest] = org.units;
    if (!root0) throw new Error('fixture has no root');
    await repo.seedIfEmpty({ ...org, units: [{ ...root0, name: nfd }, ...rest] });
    const root = (await repo.listUnits()).find((u) => u.code === 'ROOT');
    expect(root?.name).toBe('Trung tâm An toàn Mỏ'.normalize('NFC'));
  });
});

describe('listYears', () => {
  it('lists every year with a plan or an actual, ascending', async () => {
    repo = open();
    await repo.seedIfEmpty(org);
    await repo.saveActual({ unitId: 2, year: 2021, quarter: 4, amount: 5, actor: null });
    expect(await repo.listYears()).toEqual([2021, 2023]);
  });
});

describe('savePlan', () => {
  it('bumps the version and writes the audit row with old and new values', async () => {
    repo = open();
    await repo.seedIfEmpty(org);
    const saved = await repo.savePlan({
      unitId: 1,
      year: 2023,
      annualPlan: 200,
      quarterTargets: [10, 30, null, null],
      actor: null,
      comment: 'revised',
    });
    expect(saved).toMatchObject({
      annualPlan: 200,
      version: 2,
      quarterTargets: [10, 30, null, null],
    });
    const [audit] = await repo.listAudit({ unitId: 1 });
    expect(audit).toMatchObject({
      entity: 'plan',
      comment: 'revised',
      oldValue: { annualPlan: 180, version: 1 },
      newValue: { annualPlan: 200, version: 2 },
    });
  });

  it('throws NOT_FOUND for an unknown unit and writes nothing', async () => {
    repo = open();
    await repo.seedIfEmpty(org);
    await expect(
      repo.savePlan({
        unitId: 99,
        year: 2023,
        annualPlan: 1,
        quarterTargets: [null, null, null, null],
        actor: null,
      }),
    ).rejects.toBeInstanceOf(DbError);
    expect(await repo.listAudit({})).toEqual([]);
  });
});

describe('saveActual', () => {
  it('creates then replaces one quarter, auditing both', async () => {
    repo = open();
    await repo.seedIfEmpty(org);
    const first = await repo.saveActual({
      unitId: 1,
      year: 2023,
      quarter: 2,
      amount: 7,
      actor: null,
    });
    const second = await repo.saveActual({
      unitId: 1,
      year: 2023,
      quarter: 2,
      amount: 8,
      actor: null,
    });
    expect([first.version, second.version]).toEqual([1, 2]);
    const audit = await repo.listAudit({ unitId: 1 });
    expect(
      audit.map((a) => [a.oldValue === null, (a.newValue as { amount: number }).amount]),
    ).toEqual([
      [false, 8],
      [true, 7],
    ]);
  });
});

describe('createUnit / updateUnit', () => {
  it('adds a unit under a parent, audited, and refuses a taken code or a second root', async () => {
    repo = open();
    await repo.seedIfEmpty(org);
    const created = await repo.createUnit({
      code: 'B',
      name: 'Phòng B',
      kind: 'department',
      parentId: 1,
      actor: 'admin',
    });
    expect(created).toMatchObject({ code: 'B', parentId: 1, version: 1 });
    await expect(
      repo.createUnit({ code: 'B', name: 'x', kind: 'department', parentId: 1, actor: 'admin' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', field: 'code' });
    await expect(
      repo.createUnit({ code: 'R2', name: 'x', kind: 'institute', parentId: null, actor: 'admin' }),
    ).rejects.toMatchObject({ field: 'parentId' });
    const [audit] = await repo.listAudit({ entity: 'unit' });
    expect(audit).toMatchObject({ actor: 'admin', oldValue: null, newValue: { code: 'B' } });
  });

  it('refuses to move a unit under its own descendant, keeping the tree a tree', async () => {
    repo = open();
    await repo.seedIfEmpty(org);
    const b = await repo.createUnit({
      code: 'B',
      name: 'B',
      kind: 'department',
      parentId: 2,
      actor: 'admin',
    });
    await expect(
      repo.updateUnit({ id: 2, patch: { parentId: b.id }, actor: 'admin' }),
    ).rejects.toMatchObject({ field: 'parentId' });
    await expect(
      repo.updateUnit({ id: 2, patch: { parentId: 2 }, actor: 'admin' }),
    ).rejects.toMatchObject({ field: 'parentId' });
    const moved = await repo.updateUnit({
      id: b.id,
      patch: { parentId: 1, name: 'Trung tâm B' },
      expectedVersion: 1,
      actor: 'admin',
    });
    expect(moved).toMatchObject({ parentId: 1, name: 'Trung tâm B', version: 2 });
    await expect(
      repo.updateUnit({ id: b.id, patch: { name: 'late' }, expectedVersion: 1, actor: 'admin' }),
    ).rejects.toMatchObject({ code: 'CONFLICT', field: 'version' });
  });
});

describe('applyImport', () => {
  it('writes everything or nothing: a stale version undoes the rows before it', async () => {
    repo = open();
    await repo.seedIfEmpty(org);
    const before = await repo.getYearEntries(2023);
    await expect(
      repo.applyImport({
        plans: [
          {
            unitId: 2,
            year: 2023,
            annualPlan: 9,
            quarterTargets: [null, null, null, null],
            expectedVersion: 0,
            actor: 'a',
          },
        ],
        actuals: [{ unitId: 2, year: 2023, quarter: 1, amount: 1, expectedVersion: 7, actor: 'a' }],
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await repo.getYearEntries(2023)).toEqual(before);
    expect(await repo.listAudit({})).toEqual([]);
  });

  it('saves each figure with its own audit row', async () => {
    repo = open();
    await repo.seedIfEmpty(org);
    const saved = await repo.applyImport({
      plans: [
        {
          unitId: 2,
          year: 2023,
          annualPlan: 9,
          quarterTargets: [1, null, null, null],
          expectedVersion: 0,
          actor: 'a',
        },
      ],
      actuals: [
        { unitId: 2, year: 2023, quarter: 1, amount: 1, expectedVersion: 1, actor: 'a' },
        { unitId: 2, year: 2023, quarter: 2, amount: 2, expectedVersion: 0, actor: 'a' },
      ],
    });
    expect(saved.actuals.map((a) => a.version)).toEqual([2, 1]);
    expect(await repo.listAudit({})).toHaveLength(3);
  });
});
