import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkIntegrity,
  createPgTestRepository,
  createSqliteRepository,
  journalModeOf,
  pgTestUrl,
  type Repository,
  withSearchPath,
} from '@targetline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from './auth/password';
import { CliError, runCli, runFileCli } from './cli';
import { seedDemo } from './seed';
import { DEMO_DATA, TEST_SCRYPT_LOG2N } from './test/helpers';

let repository: ReturnType<typeof createSqliteRepository>;
let printed: string[];
const run = (argv: string[], password = 'a long passphrase') =>
  runCli(argv, {
    repository,
    scryptLog2N: TEST_SCRYPT_LOG2N,
    io: { readPassword: async () => password, print: (line) => printed.push(line) },
  });

beforeEach(async () => {
  repository = createSqliteRepository({ path: ':memory:' });
  await seedDemo(repository, DEMO_DATA, { hasAccounts: true, scryptLog2N: TEST_SCRYPT_LOG2N });
  printed = [];
});
afterEach(async () => {
  await repository.close();
});

describe('targetline user add', () => {
  it('adds a unit lead of the units named by code', async () => {
    await run([
      'user',
      'add',
      'ketoan',
      '--name',
      'Kế toán trưởng',
      '--role',
      'unit_lead',
      '--unit',
      'TT-ATM',
    ]);
    const user = await repository.findUserForLogin('ketoan');
    const unit = (await repository.listUnits()).find((u) => u.code === 'TT-ATM');
    expect(user).toMatchObject({
      role: 'unit_lead',
      displayName: 'Kế toán trưởng',
      unitIds: [unit?.id],
    });
    expect(await verifyPassword('a long passphrase', user?.passwordHash ?? '')).toBe(true);
    expect(printed).toEqual(['Added ketoan (unit_lead)']);
  });

  it('adds a user of the planning office (planner)', async () => {
    await run(['user', 'add', 'kehoach', '--name', 'Phòng Kế hoạch', '--role', 'planner']);
    expect(await repository.findUserForLogin('kehoach')).toMatchObject({
      role: 'planner',
      unitIds: [],
    });
  });

  it('refuses an unknown role, an unknown unit and a short password', async () => {
    await expect(run(['user', 'add', 'x', '--name', 'X', '--role', 'boss'])).rejects.toThrow(
      /--role/,
    );
    await expect(
      run(['user', 'add', 'x', '--name', 'X', '--role', 'unit_lead', '--unit', 'NOPE']),
    ).rejects.toThrow(/NOPE/);
    await expect(
      run(['user', 'add', 'x', '--name', 'X', '--role', 'viewer'], 'short'),
    ).rejects.toBeInstanceOf(CliError);
    expect(await repository.findUserForLogin('x')).toBeNull();
  });

  it('refuses a hidden character in the username or the name, as the API does', async () => {
    await expect(
      run(['user', 'add', 'ad\u202Emin', '--name', 'X', '--role', 'admin']),
    ).rejects.toThrow(/username.*U\+202E/);
    await expect(
      run(['user', 'add', 'x', '--name', 'Nguyễn\u200BVăn A', '--role', 'viewer']),
    ).rejects.toThrow(/name.*U\+200B/);
    expect((await repository.listUsers()).map((u) => u.username)).not.toContain('x');
    expect((await repository.listUsers()).map((u) => u.username)).not.toContain('ad\u202emin');
  });
});

describe('targetline user add --email', () => {
  it('gives the user the address and language of their mail, refusing a bad address', async () => {
    await run([
      'user',
      'add',
      'ketoan',
      '--name',
      'Kế toán',
      '--role',
      'viewer',
      '--email',
      'kt@vimsat.example',
      '--locale',
      'en',
    ]);
    expect(await repository.findUserForLogin('ketoan')).toMatchObject({
      email: 'kt@vimsat.example',
      locale: 'en',
    });
    await expect(
      run([
        'user',
        'add',
        'other',
        '--name',
        'Khác',
        '--role',
        'viewer',
        '--email',
        'a@b, c@d.example',
      ]),
    ).rejects.toThrow('--email must be an e-mail address');
    await expect(
      run(['user', 'add', 'other', '--name', 'Khác', '--role', 'viewer', '--locale', 'fr']),
    ).rejects.toThrow('--locale must be vi or en');
    expect(await repository.findUserForLogin('other')).toBeNull();
  });
});

describe('targetline remind', () => {
  // 09:00 in Hanoi on 7 July 2023: three days before the demo's Q2 deadline.
  const now = () => new Date('2023-07-07T02:00:00.000Z');
  const remind = (argv: string[]) =>
    runCli(argv, {
      repository,
      scryptLog2N: TEST_SCRYPT_LOG2N,
      io: { readPassword: async () => '', print: (line) => printed.push(line) },
      now,
    });

  it('lists with --dry-run what would be sent, changing nothing; then claims each once', async () => {
    const lead = await repository.findUserForLogin('lead-tt-mt');
    await repository.updateUser({
      id: lead?.id as number,
      patch: { email: 'mt@vimsat.example', locale: 'en' },
      actor: 'admin',
    });
    await remind(['remind', '--dry-run']);
    expect(printed).toHaveLength(9);
    expect(printed.find((line) => line.includes('lead-tt-mt'))).toContain(
      '<mt@vimsat.example> (en)\tReminder: report Q2 2023 due 10 Jul 2023',
    );
    expect(printed.at(-1)).toContain('8 reminder(s) due; 0 mail(s) already waiting');
    await remind(['remind', '--dry-run']);
    expect(printed).toHaveLength(18);

    printed = [];
    await remind(['remind']);
    expect(printed).toEqual(['8 reminder(s) claimed; mail is off (SMTP_URL is not set)']);
    expect(await repository.countPendingMail()).toBe(1);
    printed = [];
    await remind(['remind', '--dry-run']);
    expect(printed).toEqual([
      '0 reminder(s) due; 1 mail(s) already waiting in the outbox (mail is off: SMTP_URL is not set). Nothing was sent (--dry-run).',
    ]);
  });
});

describe('targetline user passwd / disable / enable', () => {
  it('changes a password and ends the sessions', async () => {
    await run(['user', 'passwd', 'director'], 'another passphrase');
    const user = await repository.findUserForLogin('director');
    expect(await verifyPassword('another passphrase', user?.passwordHash ?? '')).toBe(true);
    const [audit] = await repository.listAudit({ entity: 'user', limit: 1 });
    expect(audit).toMatchObject({ actor: 'cli', newValue: { passwordChanged: true } });
  });

  it('disables and enables a user', async () => {
    await run(['user', 'disable', 'viewer']);
    expect((await repository.findUserForLogin('viewer'))?.isDisabled).toBe(true);
    await run(['user', 'enable', 'viewer']);
    expect((await repository.findUserForLogin('viewer'))?.isDisabled).toBe(false);
  });

  it('refuses to disable the last enabled admin, saying what to do instead', async () => {
    const refused = run(['user', 'disable', 'admin']);
    await expect(refused).rejects.toBeInstanceOf(CliError);
    await expect(refused).rejects.toThrow(/admin is the last enabled administrator.*--role admin/);
    expect((await repository.findUserForLogin('admin'))?.isDisabled).toBe(false);
    expect(await repository.listAudit({ entity: 'user' })).toEqual([]);
    // With a second admin, the first may be disabled.
    await run(['user', 'add', 'admin2', '--name', 'Quản trị 2', '--role', 'admin']);
    await run(['user', 'disable', 'admin']);
    expect((await repository.findUserForLogin('admin'))?.isDisabled).toBe(true);
  });

  it('names an unknown user', async () => {
    await expect(run(['user', 'disable', 'ghost'])).rejects.toThrow('No user named ghost');
  });
});

describe('targetline user list', () => {
  it('lists every user with role and state, never a hash', async () => {
    await run(['user', 'list']);
    expect(printed).toHaveLength(12);
    expect(printed.join('\n')).not.toContain('scrypt');
    expect(printed[0]).toMatch(/^admin\tadmin\tactive\t/);
  });
});

describe('targetline backup / restore', () => {
  let dir: string;
  let live: string;
  let liveRepository: ReturnType<typeof createSqliteRepository> | null;
  const runFile = (argv: string[]) =>
    runFileCli(argv, { databasePath: live, cwd: dir, print: (line) => printed.push(line) });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'targetline-backup-'));
    live = join(dir, 'live.db');
    liveRepository = createSqliteRepository({ path: live });
    await seedDemo(liveRepository, DEMO_DATA, {
      hasAccounts: true,
      scryptLog2N: TEST_SCRYPT_LOG2N,
    });
  });
  afterEach(async () => {
    await liveRepository?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Opens a copy, so that checking a backup cannot change it. */
  const openCopy = (path: string) => {
    const copy = join(dir, `check-${Math.random().toString(36).slice(2)}.db`);
    copyFileSync(path, copy);
    return createSqliteRepository({ path: copy });
  };

  /** The audit log agrees with the figures: each figure's newest audit row is its value. */
  const expectConsistent = async (repo: Repository, expectedPlanSum: number) => {
    const { plans, actuals } = await repo.getYearEntries(2025);
    expect(plans.reduce((sum, p) => sum + p.annualPlan, 0)).toBe(expectedPlanSum);
    const audit = await repo.listAudit({ year: 2025, limit: 100_000 });
    for (const figure of [...plans, ...actuals]) {
      const key =
        'quarter' in figure
          ? `actual:${figure.unitId}/2025/${figure.quarter}`
          : `plan:${figure.unitId}/2025`;
      const rows = audit.filter((a) => a.entityKey === key);
      // Every version of the figure has its audit row, the newest one first.
      expect(rows.map((r) => (r.newValue as { version: number }).version)).toEqual(
        Array.from({ length: figure.version }, (_, i) => figure.version - i),
      );
      expect(rows[0]?.newValue).toEqual(figure);
    }
  };

  it('copies the live database while writes go on, into a consistent, sound file', async () => {
    const repo = liveRepository as Repository;
    const units = (await repo.listUnits()).slice(0, 4);
    // Plans that always sum to 4e9: each write moves an amount from one unit to another in
    // one transaction, so a backup holding half a write would show another sum.
    for (const unit of units) {
      await repo.savePlan({
        unitId: unit.id,
        year: 2025,
        annualPlan: 1_000_000_000,
        quarterTargets: [null, null, null, null],
        expectedVersion: 0,
        actor: 'test',
      });
    }
    let isWriting = true;
    let writes = 0;
    const writer = (async () => {
      while (isWriting) {
        const { plans } = await repo.getYearEntries(2025);
        const [from, to] = [plans[writes % 4], plans[(writes + 1) % 4]];
        if (!from || !to) throw new Error('plans missing');
        const moved = Math.min(from.annualPlan, 1_000 + writes);
        const save = (p: typeof from, annualPlan: number) => ({
          unitId: p.unitId,
          year: 2025,
          annualPlan,
          quarterTargets: p.quarterTargets,
          expectedVersion: p.version,
          actor: 'test',
        });
        await repo.applyImport({
          plans: [save(from, from.annualPlan - moved), save(to, to.annualPlan + moved)],
          actuals: [],
        });
        await repo.saveActual({
          unitId: from.unitId,
          year: 2025,
          quarter: ((writes % 4) + 1) as 1 | 2 | 3 | 4,
          amount: writes,
          actor: 'test',
        });
        writes++;
      }
    })();
    try {
      // Let the writes get going, then back up in the middle of them.
      while (writes < 20) await new Promise((r) => setTimeout(r, 5));
      await runFile(['backup', 'backups-1.db']);
      const atBackup = writes;
      while (writes < atBackup + 20) await new Promise((r) => setTimeout(r, 5));
    } finally {
      isWriting = false;
      await writer;
    }
    const backup = join(dir, 'backups-1.db');
    expect(printed[0]).toContain(`to ${backup}`);
    expect(checkIntegrity(backup)).toEqual({ isOk: true, problems: [] });
    // One self-contained file: no WAL to carry along.
    expect(journalModeOf(backup)).toBe('delete');
    expect(existsSync(`${backup}-wal`) || existsSync(`${backup}-shm`)).toBe(false);
    const copy = openCopy(backup);
    try {
      await expectConsistent(copy, 4_000_000_000);
      // The backup is a moment of the live data, not a copy taken after the writes stopped.
      const backedUp = (await copy.listAudit({ year: 2025, limit: 100_000 })).length;
      const now = (await repo.listAudit({ year: 2025, limit: 100_000 })).length;
      expect(backedUp).toBeGreaterThan(4);
      expect(backedUp).toBeLessThan(now);
    } finally {
      await copy.close();
    }
    await expectConsistent(repo, 4_000_000_000);
  });

  it('never overwrites an existing file with a backup', async () => {
    writeFileSync(join(dir, 'taken.db'), 'mine');
    await expect(runFile(['backup', 'taken.db'])).rejects.toThrow(/already exists/);
  });

  it('restores only with --force and only once the server has stopped, then the data is the backup', async () => {
    const repo = liveRepository as Repository;
    await runFile(['backup', 'before.db']);
    const backedUp = await repo.getYearEntries(2023);
    const [first] = backedUp.actuals;
    if (!first) throw new Error('demo actuals missing');
    await repo.saveActual({ ...first, amount: first.amount + 1, actor: 'test' });

    await expect(runFile(['restore', 'before.db'])).rejects.toThrow(
      /exists and would be replaced\. Stop the server first.*--force/,
    );
    // The live repository is the running server: its connection would go on writing into
    // the replaced file.
    await expect(runFile(['restore', 'before.db', '--force'])).rejects.toThrow(
      /in use by another process\. Stop the server first/,
    );
    expect((await repo.getYearEntries(2023)).actuals[0]?.amount).toBe(first.amount + 1);

    await repo.close();
    liveRepository = null;
    // A stale shared-memory file beside the target must not survive into the restored one.
    writeFileSync(`${live}-shm`, 'stale');
    await runFile(['restore', 'before.db', '--force']);
    expect(printed.at(-1)).toMatch(/^Restored .*live\.db from .*before\.db/);
    expect(existsSync(`${live}-shm`)).toBe(false);
    expect(checkIntegrity(live).isOk).toBe(true);
    liveRepository = createSqliteRepository({ path: live });
    expect(await liveRepository.getYearEntries(2023)).toEqual(backedUp);
  });

  it('refuses to restore a file that is not a sound Targetline database', async () => {
    await liveRepository?.close();
    liveRepository = null;
    writeFileSync(join(dir, 'garbage.db'), 'SQLite format 3\0 but not really');
    await expect(runFile(['restore', 'garbage.db', '--force'])).rejects.toThrow(
      /cannot be opened|damaged/,
    );
    // An empty file is a sound, empty SQLite database, but without our tables.
    const foreign = join(dir, 'foreign.db');
    writeFileSync(foreign, '');
    await expect(runFile(['restore', 'foreign.db', '--force'])).rejects.toThrow(
      /not a Targetline database \(no table __drizzle_migrations/,
    );
    await expect(runFile(['restore', 'missing.db', '--force'])).rejects.toThrow(/does not exist/);
    // Another live database: the file alone lacks what is still in its -wal.
    const other = createSqliteRepository({ path: join(dir, 'other.db') });
    try {
      await expect(runFile(['restore', 'other.db', '--force'])).rejects.toThrow(
        /other\.db-wal beside it/,
      );
    } finally {
      await other.close();
    }
    expect(checkIntegrity(live).isOk).toBe(true);
  });

  it('names both commands in the usage, and needs a file name', async () => {
    await expect(runFile(['backup'])).rejects.toThrow(/backup needs one file name/);
    await expect(runFile(['restore'])).rejects.toThrow(/restore <file> --force/);
  });
});

describe.skipIf(pgTestUrl() === undefined)('targetline migrate-data', () => {
  it('copies the SQLite organisation into an empty PostgreSQL database, checked, and refuses to do it twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'targetline-migrate-'));
    const source = join(dir, 'source.db');
    const sqlite = createSqliteRepository({ path: source });
    await seedDemo(sqlite, DEMO_DATA, { hasAccounts: true, scryptLog2N: TEST_SCRYPT_LOG2N });
    await sqlite.saveActual({
      unitId: 2,
      year: 2023,
      quarter: 2,
      amount: 25_000_000_000,
      actor: 'lead',
    });
    const expected = {
      units: await sqlite.listUnits(),
      users: await sqlite.listUsers(),
      entries: await sqlite.getYearEntries(2023),
      audit: await sqlite.listAudit({ limit: 10_000 }),
    };
    await sqlite.close();
    const target = await createPgTestRepository();
    const toUrl = withSearchPath(pgTestUrl() as string, target.schema);
    const migrate = () =>
      runFileCli(['migrate-data', '--from', 'source.db', '--to', toUrl], {
        databasePath: join(dir, 'unused.db'),
        cwd: dir,
        print: (line) => printed.push(line),
      });
    try {
      await migrate();
      expect(printed.join('\n')).toMatch(/units: 9 rows/);
      // Totals of the rows as stored (the institute's own plan beside its units' plans), not
      // rolled up: 180 bn twice; 13 bn of Q1 plus the 25 bn entered above.
      expect(printed.join('\n')).toContain(
        '2023: 9 plans, annual plan 360000000000 đồng; 9 actuals, 38000000000 đồng',
      );
      // The password of the URL is not printed.
      expect(printed.join('\n')).not.toContain('targetline:targetline@');
      expect(await target.listUnits()).toEqual(expected.units);
      expect(await target.listUsers()).toEqual(expected.users);
      expect(await target.getYearEntries(2023)).toEqual(expected.entries);
      expect(await target.listAudit({ limit: 10_000 })).toEqual(expected.audit);
      // The demo accounts log in on PostgreSQL with the passwords they had.
      const director = await target.findUserForLogin('director');
      expect(await verifyPassword('targetline-demo', director?.passwordHash ?? '')).toBe(true);

      await expect(migrate()).rejects.toThrow(CliError);
      expect(await target.listUnits()).toHaveLength(9);
    } finally {
      await target.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
