import { addDays, type Quarter, vietnamDate } from '@targetline/core';
import { createPgTestRepository, pgTestUrl, withSearchPath } from '@targetline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed';
import { DEMO_DATA, TEST_ENGINE, TEST_SCRYPT_LOG2N } from '../test/helpers';
import { startSmtp } from '../test/smtp';
import { type Server, startServer, stop } from './server-process';

// Two API processes on one PostgreSQL schema, each running the reminder job every second with
// the real clock: every reminder is claimed by one of them and its mail sent by one of them,
// so each lead gets each reminder exactly once. Runs in the api-pg project only.

describe.skipIf(TEST_ENGINE !== 'postgres')('reminders from two API processes', () => {
  let repository: Awaited<ReturnType<typeof createPgTestRepository>>;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let servers: Server[] = [];
  const leads = ['lead-tt-atm', 'lead-tt-mt', 'lead-p-tk', 'lead-p-mtb', 'lead-cty-ptcn'];

  beforeAll(async () => {
    smtp = await startSmtp();
    repository = await createPgTestRepository();
    await seedDemo(repository, DEMO_DATA, { hasAccounts: true, scryptLog2N: TEST_SCRYPT_LOG2N });
    // A round of this year whose deadline is three days from today in Hanoi, with a plan for
    // each of the demo's units below the institute: their leads are due the first reminder.
    const today = vietnamDate(new Date());
    const year = Number(today.slice(0, 4));
    const units = (await repository.listUnits()).filter((u) => u.parentId !== null);
    for (const unit of units) {
      await repository.savePlan({
        unitId: unit.id,
        year,
        annualPlan: 10_000_000_000,
        quarterTargets: [null, null, null, null],
        actor: 'director',
      });
    }
    await repository.saveRound({
      year,
      quarter: 4 as Quarter,
      deadline: addDays(today, 3),
      expectedVersion: 0,
      actor: 'director',
    });
    for (const [i, username] of leads.entries()) {
      const user = await repository.findUserForLogin(username);
      await repository.updateUser({
        id: user?.id as number,
        patch: { email: `${username}@vimsat.example`, locale: i % 2 === 0 ? 'vi' : 'en' },
        actor: 'admin',
      });
    }
    const databaseUrl = withSearchPath(pgTestUrl() as string, repository.schema);
    const env = {
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Targetline <targetline@vimsat.example>',
      REMINDER_INTERVAL_SECONDS: '1',
    };
    servers = await Promise.all([startServer(databaseUrl, env), startServer(databaseUrl, env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map(stop));
    await repository?.close();
    await smtp?.close();
  });

  it('sends each reminder exactly once', async () => {
    const deadline = Date.now() + 30_000;
    while (smtp.received.length < leads.length && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 200));
    }
    // Both processes go on running the job several times more: nothing is sent again.
    await new Promise((done) => setTimeout(done, 4_000));
    expect(smtp.received.map((m) => m.to.join(',')).sort()).toEqual(
      leads.map((username) => `${username}@vimsat.example`).sort(),
    );
    expect(await repository.countPendingMail()).toBe(0);
    // 8 units, 8 leads: one notification each, mailed or not.
    const users = await repository.listUsers();
    for (const user of users.filter((u) => u.role === 'unit_lead')) {
      expect(await repository.listNotifications(user.id, 10), user.username).toHaveLength(1);
    }
  }, 60_000);
});
