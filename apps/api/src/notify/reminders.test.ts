import type { NotificationRecord } from '@targetline/contract';
import { afterEach, describe, expect, it } from 'vitest';
import type { MailSettings } from '../config';
import { buildTestApp, login } from '../test/helpers';
import { bodyOf, headerOf, startSmtp } from '../test/smtp';

// Reminders and their mail through a real SMTP server on loopback, on the suite's engine (api:
// SQLite, api-pg: PostgreSQL). The demo's Q2/2023 round is open with its deadline on 10 July;
// 8 units report, none has yet. Reminders go 3 days before (7 July) and on the day.

type Ctx = Awaited<ReturnType<typeof buildTestApp>>;
const opened: Array<{ close: () => Promise<unknown> }> = [];
afterEach(async () => {
  for (const thing of opened.splice(0)) await thing.close();
});

/** 09:00 in Hanoi on `day` of July 2023. */
const hanoi = (day: number, hour = 9) =>
  new Date(Date.UTC(2023, 6, day, hour - 7, 0, 0)).toISOString();

async function setUp({ smtpUrl }: { smtpUrl: string | null }) {
  let clock = new Date(hanoi(5));
  const mail: MailSettings = {
    smtpUrl,
    from: smtpUrl === null ? null : 'Targetline <targetline@vimsat.example>',
    publicUrl: 'https://targetline.example',
    intervalSeconds: 0,
  };
  const ctx: Ctx = await buildTestApp({ now: () => clock, isClockShared: true, mail });
  opened.push({ close: () => ctx.app.close() });
  const users = await ctx.repository.listUsers();
  const units = await ctx.repository.listUnits();
  const userOf = (username: string) => {
    const found = users.find((u) => u.username === username);
    if (!found) throw new Error(`no user ${username}`);
    return found;
  };
  const unitOf = (code: string) => units.find((u) => u.code === code)?.id as number;
  const address = async (username: string, email: string, locale: 'vi' | 'en') => {
    const user = userOf(username);
    await ctx.repository.updateUser({
      id: user.id,
      patch: { email, locale },
      actor: 'admin',
    });
  };
  await address('lead-tt-atm', 'atm@vimsat.example', 'vi');
  await address('lead-tt-mt', 'mt@vimsat.example', 'en');
  await address('lead-p-tk', 'tk@vimsat.example', 'vi');
  return {
    ctx,
    userOf,
    unitOf,
    setClock: (iso: string) => {
      clock = new Date(iso);
    },
  };
}

/** TT-ATM's lead saves and submits the Q2 report: their unit is no longer reminded. */
async function submitTtAtm(ctx: Ctx, unitId: number) {
  const agent = await login(ctx.app, 'lead-tt-atm');
  const url = `/api/reports/${unitId}/2023/2`;
  const saved = await ctx.app.inject({
    method: 'PUT',
    url,
    headers: agent.headers,
    payload: JSON.stringify({
      amount: 6_000_000_000,
      basis: 'estimate',
      results: 'Kiểm định 120 thiết bị',
      causes: '',
      difficulties: '',
      proposals: '',
      nextQuarterExpected: null,
      version: 0,
      actualVersion: 0,
    }),
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const submitted = await ctx.app.inject({
    method: 'POST',
    url: `${url}/submit`,
    headers: agent.headers,
    payload: JSON.stringify({ version: 1 }),
  });
  expect(submitted.statusCode, submitted.body).toBe(200);
}

describe('reminders by mail', () => {
  it('reaches each lead of a unit that has not submitted once, in their language, and nobody else', async () => {
    const smtp = await startSmtp();
    opened.push(smtp);
    const { ctx, unitOf, userOf, setClock } = await setUp({ smtpUrl: smtp.url });
    await submitTtAtm(ctx, unitOf('TT-ATM'));

    // 5 July: too early.
    expect((await ctx.app.runReminders()).claimed).toEqual([]);
    expect(smtp.received).toEqual([]);

    setClock(hanoi(7));
    const first = await ctx.app.runReminders();
    // 7 leads of the 7 units that have not submitted: a notification each…
    expect(first.claimed).toHaveLength(7);
    expect(first.claimed.map((c) => c.userId)).not.toContain(userOf('lead-tt-atm').id);
    // …and a mail to the two of them with an address.
    expect(first.mail).toEqual({ sent: 2, failed: 0, dropped: 0 });
    // Run again, later the same day and the next: nothing more.
    expect(await ctx.app.runReminders()).toMatchObject({ claimed: [], mail: { sent: 0 } });
    setClock(hanoi(8, 23));
    expect(await ctx.app.runReminders()).toMatchObject({ claimed: [], mail: { sent: 0 } });

    expect(smtp.received.map((m) => m.to).sort()).toEqual([
      ['mt@vimsat.example'],
      ['tk@vimsat.example'],
    ]);
    const en = smtp.received.find((m) => m.to[0] === 'mt@vimsat.example')?.raw ?? '';
    const vi = smtp.received.find((m) => m.to[0] === 'tk@vimsat.example')?.raw ?? '';
    expect(headerOf(en, 'subject')).toBe('Reminder: report Q2 2023 due 10 Jul 2023');
    expect(bodyOf(en)).toContain('is due by 10 Jul 2023 (3 days left)');
    expect(bodyOf(en)).toContain(`https://targetline.example/reports/${unitOf('TT-MT')}/2023/2`);
    expect(headerOf(vi, 'subject')).toBe('Nhắc nhở: hạn nộp báo cáo Quý II/2023 là 10/07/2023');
    expect(bodyOf(vi)).toContain('phải nộp trước 10/07/2023 (còn 3 ngày)');
    expect(headerOf(vi, 'from')).toContain('targetline@vimsat.example');
    // Plain text only: no markup for anything typed to become.
    expect(headerOf(vi, 'content-type')).toMatch(/^text\/plain/);

    // The deadline day: the second reminder, once.
    setClock(hanoi(10, 8));
    expect((await ctx.app.runReminders()).claimed).toHaveLength(7);
    expect((await ctx.app.runReminders()).claimed).toHaveLength(0);
    expect(smtp.received).toHaveLength(4);
    const list = await ctx.repository.listNotifications(userOf('lead-p-tk').id, 10);
    expect(list.map((n: NotificationRecord) => [n.kind, n.daysLeft])).toEqual([
      ['deadline_near', 0],
      ['deadline_near', 3],
    ]);

    // After the deadline day: none (the status board shows who is late).
    setClock(hanoi(11));
    expect((await ctx.app.runReminders()).claimed).toHaveLength(0);
  });

  it('sends nothing and fails nothing without SMTP_URL, still writing the notifications', async () => {
    const { ctx, userOf, setClock } = await setUp({ smtpUrl: null });
    setClock(hanoi(7));
    const run = await ctx.app.runReminders();
    expect(run.claimed).toHaveLength(8);
    expect(run.mail).toBeNull();
    expect(await ctx.repository.listNotifications(userOf('lead-tt-mt').id, 10)).toHaveLength(1);
  });

  it('keeps the mail while the SMTP server is down and sends it once when it is back', async () => {
    const smtp = await startSmtp();
    opened.push(smtp);
    const { ctx, setClock } = await setUp({ smtpUrl: smtp.url });
    smtp.state.isDown = true;
    setClock(hanoi(7));
    expect((await ctx.app.runReminders()).mail).toEqual({ sent: 0, failed: 3, dropped: 0 });
    expect(await ctx.repository.countPendingMail()).toBe(3);
    smtp.state.isDown = false;
    // Not before the retry time (a minute after the first try)…
    expect((await ctx.app.runReminders()).mail).toEqual({ sent: 0, failed: 0, dropped: 0 });
    // …then each once.
    setClock(new Date(Date.parse(hanoi(7)) + 2 * 60_000).toISOString());
    expect((await ctx.app.runReminders()).mail).toEqual({ sent: 3, failed: 0, dropped: 0 });
    expect((await ctx.app.runReminders()).mail).toEqual({ sent: 0, failed: 0, dropped: 0 });
    expect(smtp.received.map((m) => m.to[0]).sort()).toEqual([
      'atm@vimsat.example',
      'mt@vimsat.example',
      'tk@vimsat.example',
    ]);
    expect(await ctx.repository.countPendingMail()).toBe(0);
  });
});
