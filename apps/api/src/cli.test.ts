import { createSqliteRepository } from '@targetline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyPassword } from './auth/password';
import { CliError, runCli } from './cli';
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

  it('names an unknown user', async () => {
    await expect(run(['user', 'disable', 'ghost'])).rejects.toThrow('No user named ghost');
  });
});

describe('targetline user list', () => {
  it('lists every user with role and state, never a hash', async () => {
    await run(['user', 'list']);
    expect(printed).toHaveLength(11);
    expect(printed.join('\n')).not.toContain('scrypt');
    expect(printed[0]).toMatch(/^admin\tadmin\tactive\t/);
  });
});
