import type { AdminUser, NotificationRecord } from '@targetline/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, buildTestApp, login } from '../test/helpers';

// Notifications through the API on the suite's engine (api: SQLite, api-pg: PostgreSQL):
// written with the writes that cause them, each user's own, marked read only by their owner.

let clock = new Date('2023-07-05T03:00:00.000Z');
let ctx: Awaited<ReturnType<typeof buildTestApp>>;
let unitIdOf: (code: string) => number;
const agents: Record<string, Agent> = {};

beforeEach(async () => {
  clock = new Date('2023-07-05T03:00:00.000Z');
  ctx = await buildTestApp({ now: () => clock, isClockShared: true });
  const units = await ctx.repository.listUnits();
  unitIdOf = (code) => units.find((u) => u.code === code)?.id as number;
  for (const name of ['lead-tt-atm', 'lead-tt-mt', 'planner', 'director', 'admin', 'viewer']) {
    agents[name] = await login(ctx.app, name);
  }
});
afterEach(async () => {
  await ctx.app.close();
});

async function call(
  who: string,
  method: 'GET' | 'PUT' | 'POST' | 'PATCH',
  url: string,
  payload?: unknown,
) {
  const agent = agents[who] as Agent;
  return ctx.app.inject({
    method,
    url,
    headers:
      payload === undefined
        ? { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken }
        : agent.headers,
    ...(payload !== undefined && { payload: JSON.stringify(payload) }),
  });
}
const mine = async (who: string) =>
  (await call(who, 'GET', '/api/notifications')).json<NotificationRecord[]>();

const url = () => `/api/reports/${unitIdOf('TT-ATM')}/2023/2`;
async function draftAndSubmit() {
  const saved = await call('lead-tt-atm', 'PUT', url(), {
    amount: 6_000_000_000,
    basis: 'estimate',
    results: 'Kiểm định 120 thiết bị',
    causes: '',
    difficulties: '',
    proposals: '',
    nextQuarterExpected: null,
    version: 0,
    actualVersion: 0,
  });
  expect(saved.statusCode, saved.body).toBe(200);
  const submitted = await call('lead-tt-atm', 'POST', `${url()}/submit`, { version: 1 });
  expect(submitted.statusCode, submitted.body).toBe(200);
}

describe('notifications', () => {
  it('tell the leads of every reporting unit that a round opened, and nobody else', async () => {
    const res = await call('director', 'PUT', '/api/reviews/2023/3', {
      deadline: '2023-10-10',
      version: 0,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await mine('lead-tt-atm')).toEqual([
      {
        id: expect.any(Number),
        kind: 'round_opened',
        createdAt: clock.toISOString(),
        readAt: null,
        year: 2023,
        quarter: 3,
        unitId: unitIdOf('TT-ATM'),
        unitCode: 'TT-ATM',
        unitName: expect.any(String),
        reason: null,
        deadline: '2023-10-10',
        daysLeft: null,
      },
    ]);
    for (const who of ['planner', 'director', 'viewer', 'admin'])
      expect(await mine(who)).toEqual([]);
    // Moving the deadline tells nobody again.
    await call('director', 'PUT', '/api/reviews/2023/3', { deadline: '2023-10-12', version: 1 });
    expect(await mine('lead-tt-mt')).toHaveLength(1);
  });

  it('tell the reviewers of a submission and the leads of a return, with its reason as typed', async () => {
    await draftAndSubmit();
    for (const who of ['planner', 'director']) {
      expect(await mine(who)).toMatchObject([
        { kind: 'report_submitted', unitId: unitIdOf('TT-ATM'), quarter: 2 },
      ]);
    }
    expect(await mine('lead-tt-atm')).toEqual([]);
    const reason = '<b>Thiếu</b> nguyên nhân & số liệu tháng 6';
    clock = new Date('2023-07-05T03:10:00.000Z');
    const returned = await call('planner', 'POST', `${url()}/return`, { version: 2, reason });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(await mine('lead-tt-atm')).toMatchObject([{ kind: 'report_returned', reason }]);
    // Only the unit's own lead.
    expect(await mine('lead-tt-mt')).toEqual([]);
    // Resubmitted: the reviewers see it again, newest first.
    clock = new Date('2023-07-05T03:20:00.000Z');
    await call('lead-tt-atm', 'POST', `${url()}/submit`, { version: 3 });
    const planner = await mine('planner');
    expect(planner.map((n) => n.createdAt)).toEqual([
      '2023-07-05T03:20:00.000Z',
      '2023-07-05T03:00:00.000Z',
    ]);
  });

  it('are not written by a refused write', async () => {
    await draftAndSubmit();
    const stale = await call('planner', 'POST', `${url()}/return`, { version: 1, reason: 'x' });
    expect(stale.statusCode).toBe(409);
    const noReason = await call('planner', 'POST', `${url()}/return`, { version: 2 });
    expect(noReason.statusCode).toBe(400);
    expect(await mine('lead-tt-atm')).toEqual([]);
  });

  it("are marked read by their owner only; another's is not found", async () => {
    await draftAndSubmit();
    const [notification] = await mine('planner');
    const id = notification?.id as number;
    for (const who of ['director', 'lead-tt-atm', 'admin']) {
      const res = await call(who, 'POST', `/api/notifications/${id}/read`);
      expect(res.statusCode, who).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found' });
    }
    expect((await mine('planner'))[0]?.readAt).toBeNull();
    const read = await call('planner', 'POST', `/api/notifications/${id}/read`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ id, readAt: clock.toISOString() });
    // Read twice: the first reading is kept.
    clock = new Date('2023-07-05T03:30:00.000Z');
    const again = await call('planner', 'POST', `/api/notifications/${id}/read`);
    expect(again.json()).toMatchObject({ readAt: '2023-07-05T03:00:00.000Z' });
    expect((await call('planner', 'POST', '/api/notifications/999999/read')).statusCode).toBe(404);
    const noSession = await ctx.app.inject({ method: 'GET', url: '/api/notifications' });
    expect(noSession.statusCode).toBe(401);
  });
});

describe('users’ e-mail and language', () => {
  it('are set by admins, validated with a 400 naming email', async () => {
    const created = await call('admin', 'POST', '/api/users', {
      username: 'ke-toan',
      displayName: 'Kế toán',
      role: 'viewer',
      unitIds: [],
      password: 'long enough password',
      email: 'ketoan@vimsat.example',
      locale: 'en',
    });
    expect(created.statusCode, created.body).toBe(201);
    const user = created.json<AdminUser>();
    expect(user).toMatchObject({ email: 'ketoan@vimsat.example', locale: 'en' });
    for (const email of ['not-an-address', 'a@b', 'x@y.z, other@evil.example', 'a b@c.de']) {
      const bad = await call('admin', 'PATCH', `/api/users/${user.id}`, { version: 1, email });
      expect(bad.statusCode, email).toBe(400);
      expect(bad.json()).toMatchObject({ field: 'email' });
    }
    const badLocale = await call('admin', 'PATCH', `/api/users/${user.id}`, {
      version: 1,
      locale: 'fr',
    });
    expect(badLocale.json()).toMatchObject({ field: 'locale' });
    const cleared = await call('admin', 'PATCH', `/api/users/${user.id}`, {
      version: 1,
      email: null,
    });
    expect(cleared.json()).toMatchObject({ email: null, version: 2 });
  });
});
