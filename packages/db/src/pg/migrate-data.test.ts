import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Repository } from '../repository';
import { createSqliteRepository } from '../sqlite/repository';
import { migrateData } from './migrate-data';
import { createPgRepository } from './repository';
import { pgTestUrl, testSchemaName } from './test-database';

const url = pgTestUrl();
const clock = () => new Date('2024-01-05T03:04:05.678Z');

let cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

/** An organisation as the demo has it: a three-level tree, two years, revisions, the lot. */
async function buildSqliteOrganisation() {
  const dir = mkdtempSync(join(tmpdir(), 'targetline-migrate-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'targetline.db');
  const repo = createSqliteRepository({ path, now: clock });
  const units = [
    { code: 'VIEN', name: 'Viện Khoa học', kind: 'institute' as const, parentCode: null },
    { code: 'TT1', name: 'Trung tâm 1', kind: 'centre' as const, parentCode: 'VIEN' },
    { code: 'TT2', name: 'Trung tâm 2', kind: 'centre' as const, parentCode: 'VIEN' },
    { code: 'P11', name: 'Phòng 1.1', kind: 'department' as const, parentCode: 'TT1' },
    { code: 'P12', name: 'Phòng 1.2', kind: 'department' as const, parentCode: 'TT1' },
    { code: 'CT', name: 'Công ty', kind: 'company' as const, parentCode: 'TT2' },
  ];
  const codes = units.map((u) => u.code);
  await repo.seedIfEmpty({
    units,
    plans: [2023, 2024].flatMap((year) =>
      codes.map((unitCode, i) => ({
        unitCode,
        year,
        annualPlan: 120_000_000_000 + i * 1_000_000_007 + year,
        quarterTargets: [30_000_000_000 + i, null, 30_000_000_000, null] as [
          number,
          null,
          number,
          null,
        ],
      })),
    ),
    actuals: codes.flatMap((unitCode, i) =>
      ([1, 2, 3, 4] as const).map((quarter) => ({
        unitCode,
        year: 2023,
        quarter,
        amount: 31_500_000_000 + i * 999_999_937 + quarter,
      })),
    ),
    users: [
      {
        username: 'admin',
        displayName: 'Quản trị',
        role: 'admin',
        unitCodes: [],
        passwordHash: 'scrypt$admin',
      },
      {
        username: 'lan',
        displayName: 'Nguyễn Lan',
        role: 'unit_lead',
        unitCodes: ['TT1', 'CT'],
        passwordHash: 'scrypt$lan',
      },
    ],
  });
  // A revision (annual plan differs from the original, an assigned plan), new figures, audit,
  // locks, settings.
  await repo.savePlan({
    unitId: 2,
    year: 2024,
    annualPlan: 150_000_000_000,
    // The group's plan too, so that copying its column is compared below.
    assignedPlan: 160_000_000_000,
    quarterTargets: [40_000_000_000, null, 30_000_000_000, null],
    expectedVersion: 1,
    actor: 'admin',
    comment: 'revised at mid-year',
  });
  await repo.saveActual({ unitId: 4, year: 2024, quarter: 1, amount: 7, actor: 'lan' });
  // The review: a round, a report whose estimate a final figure then replaced.
  await repo.saveRound({ year: 2024, quarter: 1, deadline: '2024-04-10', actor: 'admin' });
  await repo.saveReport({
    unitId: 4,
    year: 2024,
    quarter: 1,
    amount: 9,
    basis: 'estimate',
    results: 'Kết quả',
    causes: '',
    difficulties: 'Khó khăn',
    proposals: '',
    nextQuarterExpected: 12,
    expectedVersion: 0,
    expectedActualVersion: 1,
    actor: 'lan',
  });
  await repo.saveActual({ unitId: 4, year: 2024, quarter: 1, amount: 8, actor: 'lan' });
  await repo.createUnit({
    code: 'P13',
    name: 'Phòng 1.3',
    kind: 'department',
    parentId: 2,
    actor: 'admin',
  });
  // A unit moved under one created after it: ids no longer follow the tree.
  await repo.updateUnit({ id: 5, patch: { parentId: 7 }, actor: 'admin' });
  await repo.lockQuarter({ year: 2023, quarter: 4, actor: 'admin', comment: 'year closed' });
  await repo.saveSetting({ key: 'thresholds', value: { onTrack: 0.9 }, actor: 'admin' });
  const lead = await repo.createUser({
    username: 'disabled.one',
    displayName: 'Đã nghỉ',
    role: 'viewer',
    unitIds: [],
    passwordHash: 'scrypt$x',
    actor: 'admin',
  });
  await repo.updateUser({ id: lead.id, patch: { isDisabled: true }, actor: 'admin' });
  await repo.createSession({
    tokenHash: 'hash-of-token',
    userId: 2,
    csrfToken: 'csrf',
    createdAt: '2024-01-05T03:00:00.000Z',
    lastSeenAt: '2024-01-05T03:04:00.000Z',
    expiresAt: '2024-01-12T03:00:00.000Z',
  });
  await repo.close();
  return path;
}

/** A target schema of its own on the test server, dropped after the test. */
function targetSchema() {
  const schema = testSchemaName();
  cleanups.push(async () => {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await pool.end();
    }
  });
  return schema;
}

async function everything(repo: Repository) {
  return {
    units: await repo.listUnits(),
    years: await repo.listYears(),
    entries: [await repo.getYearEntries(2023), await repo.getYearEntries(2024)],
    audit: await repo.listAudit({ limit: 10_000 }),
    users: await repo.listUsers(),
    logins: [await repo.findUserForLogin('admin'), await repo.findUserForLogin('lan')],
    session: await repo.findSession('hash-of-token'),
    locks: await repo.listLocks(),
    setting: await repo.getSetting('thresholds'),
    round: await repo.getRound(2024, 1),
    reports: await repo.listReports(2024, 1),
  };
}

describe.skipIf(url === undefined)('migrateData', () => {
  it('copies every table into PostgreSQL, reads back the same, and new ids continue', async () => {
    const fromSqlitePath = await buildSqliteOrganisation();
    const toSchema = targetSchema();
    const report = await migrateData({ fromSqlitePath, toUrl: url as string, toSchema });

    expect(report.rows).toEqual({
      units: 7,
      users: 3,
      user_units: 2,
      plans: 12,
      actuals: 25,
      quarter_locks: 1,
      settings: 1,
      audit_log: 12,
      sessions: 1,
      review_rounds: 1,
      reports: 1,
      directions: 0,
      notifications: 0,
      mail_outbox: 0,
      reminders_sent: 0,
    });
    const plans2023 = Array.from(
      { length: 6 },
      (_, i) => 120_000_000_000 + i * 1_000_000_007 + 2023,
    );
    expect(report.years[0]).toEqual({
      year: 2023,
      plans: 6,
      annualPlan: String(plans2023.reduce((a, b) => a + b, 0)),
      originalAnnualPlan: String(plans2023.reduce((a, b) => a + b, 0)),
      quarterTargets: String(6 * 60_000_000_000 + 15),
      actuals: 24,
      actualAmount: String(
        Array.from({ length: 6 }, (_, i) => 4 * (31_500_000_000 + i * 999_999_937) + 10).reduce(
          (a, b) => a + b,
          0,
        ),
      ),
    });
    expect(report.years.map((y) => y.year)).toEqual([2023, 2024]);

    const source = createSqliteRepository({ path: fromSqlitePath, now: clock });
    const target = await createPgRepository({ url: url as string, schema: toSchema, now: clock });
    cleanups.push(async () => {
      await target.close();
      await source.close();
    });
    const [before, after] = [await everything(source), await everything(target)];
    expect(after).toEqual(before);
    expect(JSON.stringify(after)).toBe(JSON.stringify(before));
    expect(after.entries[1]?.plans.find((p) => p.unitId === 2)).toMatchObject({
      annualPlan: 150_000_000_000,
      originalAnnualPlan: 120_000_000_000 + 1_000_000_007 + 2024,
      version: 2,
    });

    // The identity sequences continue after the copied ids, as SQLite's would.
    const unit = await target.createUnit({
      code: 'NEW',
      name: 'Mới',
      kind: 'centre',
      parentId: 1,
      actor: 'admin',
    });
    expect(unit.id).toBe(8);
    const user = await target.createUser({
      username: 'new',
      displayName: 'New',
      role: 'viewer',
      unitIds: [],
      passwordHash: 'h',
      actor: 'admin',
    });
    expect(user.id).toBe(4);
    expect((await target.listAudit({ limit: 1 }))[0]?.id).toBe(14);
  });

  it('refuses a target that already holds an organisation, writing nothing', async () => {
    const fromSqlitePath = await buildSqliteOrganisation();
    const toSchema = targetSchema();
    const existing = await createPgRepository({ url: url as string, schema: toSchema, now: clock });
    cleanups.push(() => existing.close());
    await existing.seedIfEmpty({
      units: [{ code: 'OTHER', name: 'Other', kind: 'institute', parentCode: null }],
      plans: [],
      actuals: [],
    });
    const before = await everything(existing);
    const version = await existing.dataVersion();

    await expect(migrateData({ fromSqlitePath, toUrl: url as string, toSchema })).rejects.toThrow(
      /not empty \(rows in units\): nothing was copied/,
    );
    expect(await everything(existing)).toEqual(before);
    expect(await existing.dataVersion()).toBe(version);
  });

  it('refuses a missing or foreign source file before touching the target', async () => {
    const toSchema = targetSchema();
    await expect(
      migrateData({ fromSqlitePath: '/nonexistent/targetline.db', toUrl: url as string, toSchema }),
    ).rejects.toThrow(/no SQLite file/);
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      const { rows } = await pool.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [
        toSchema,
      ]);
      expect(rows).toEqual([]);
    } finally {
      await pool.end();
    }
  });
});
