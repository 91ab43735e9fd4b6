import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../plugins/auth';
import { buildTestApp, login, snapshot, TEST_ENGINE } from '../test/helpers';

let ctx: Awaited<ReturnType<typeof buildTestApp>> | undefined;
afterEach(async () => {
  await ctx?.app.close();
  ctx = undefined;
});

const postLogin = (
  app: NonNullable<typeof ctx>['app'],
  username: string,
  password: string,
  ip = '127.0.0.1',
) =>
  app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password },
    remoteAddress: ip,
  });

describe('POST /api/session', () => {
  it('logs in and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    ctx = await buildTestApp();
    const res = await postLogin(ctx.app, 'director', 'targetline-demo');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      user: { username: 'director', role: 'director', unitIds: [] },
    });
    expect(res.json().csrfToken).toEqual(expect.any(String));
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    expect(res.body).not.toContain('scrypt');
  });

  it('gives a unit lead the units they lead', async () => {
    ctx = await buildTestApp();
    const units = await ctx.repository.listUnits();
    const res = await postLogin(ctx.app, 'lead-tt-atm', 'targetline-demo');
    expect(res.json().user.unitIds).toEqual([units.find((u) => u.code === 'TT-ATM')?.id]);
  });

  it('answers an unknown user and a wrong password alike', async () => {
    ctx = await buildTestApp();
    const unknown = await postLogin(ctx.app, 'nobody', 'targetline-demo');
    const wrong = await postLogin(ctx.app, 'director', 'wrong-password');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(unknown.cookies).toHaveLength(0);
  });

  it('issues a new session at every log-in', async () => {
    ctx = await buildTestApp();
    const a = await login(ctx.app, 'viewer');
    const b = await login(ctx.app, 'viewer');
    expect(a.cookie).not.toBe(b.cookie);
    expect(a.csrfToken).not.toBe(b.csrfToken);
  });

  it('limits log-in attempts per username, from any address', async () => {
    ctx = await buildTestApp();
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      codes.push((await postLogin(ctx.app, 'director', `guess-${i}`, `10.0.0.${i}`)).statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
    const limited = await postLogin(ctx.app, 'director', 'targetline-demo', '10.0.0.99');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'too_many_requests' });
    // Another account is not locked out by attacks on this one.
    expect((await postLogin(ctx.app, 'viewer', 'targetline-demo', '10.0.0.98')).statusCode).toBe(
      200,
    );
  });

  it('limits log-in attempts per address, whatever the username', async () => {
    ctx = await buildTestApp();
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) {
      codes.push((await postLogin(ctx.app, `user-${i}`, 'x', '10.1.1.1')).statusCode);
    }
    expect(codes.filter((c) => c === 401)).toHaveLength(20);
    expect(codes.at(-1)).toBe(429);
  });

  it('refuses a disabled user', async () => {
    ctx = await buildTestApp();
    await ctx.repository.updateUser({ id: 3, patch: { isDisabled: true }, actor: 'admin' });
    expect((await postLogin(ctx.app, 'viewer', 'targetline-demo')).statusCode).toBe(401);
  });
});

describe('GET /api/session', () => {
  it('returns the user and the CSRF token, or 401', async () => {
    ctx = await buildTestApp();
    expect((await ctx.app.inject({ method: 'GET', url: '/api/session' })).statusCode).toBe(401);
    const agent = await login(ctx.app, 'viewer');
    const res = await ctx.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: agent.cookie },
    });
    expect(res.json()).toEqual({
      user: { id: 3, username: 'viewer', displayName: 'Người xem', role: 'viewer', unitIds: [] },
      csrfToken: agent.csrfToken,
    });
  });
});

describe('session revocation and time-outs', () => {
  const isLoggedIn = async (cookie: string) =>
    (await ctx?.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } }))
      ?.statusCode === 200;

  it('ends the session at log-out', async () => {
    ctx = await buildTestApp();
    const agent = await login(ctx.app, 'viewer');
    const res = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: agent.headers,
    });
    expect(res.statusCode).toBe(204);
    expect(await isLoggedIn(agent.cookie)).toBe(false);
  });

  it('ends every session of a user who is disabled or whose password changes', async () => {
    ctx = await buildTestApp();
    const admin = await login(ctx.app, 'admin');
    const viewer = await login(ctx.app, 'viewer');
    const lead = await login(ctx.app, 'lead-tt-atm');
    const users = (
      await ctx.app.inject({ method: 'GET', url: '/api/users', headers: admin.headers })
    ).json();
    const byName = (name: string) => users.find((u: { username: string }) => u.username === name);
    expect(JSON.stringify(users)).not.toContain('scrypt');
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${byName('viewer').id}`,
      headers: admin.headers,
      payload: { version: byName('viewer').version, isDisabled: true },
    });
    await ctx.app.inject({
      method: 'PATCH',
      url: `/api/users/${byName('lead-tt-atm').id}`,
      headers: admin.headers,
      payload: { version: byName('lead-tt-atm').version, password: 'a brand new passphrase' },
    });
    expect(await isLoggedIn(viewer.cookie)).toBe(false);
    expect(await isLoggedIn(lead.cookie)).toBe(false);
    expect(await isLoggedIn(admin.cookie)).toBe(true);
    expect((await postLogin(ctx.app, 'lead-tt-atm', 'a brand new passphrase')).statusCode).toBe(
      200,
    );
  });

  it('ends a session left idle longer than the idle time-out', async () => {
    let clock = Date.parse('2023-04-14T08:00:00Z');
    ctx = await buildTestApp({ now: () => new Date(clock) });
    const agent = await login(ctx.app, 'viewer');
    clock += 59 * 60_000;
    expect(await isLoggedIn(agent.cookie)).toBe(true);
    clock += 59 * 60_000;
    expect(await isLoggedIn(agent.cookie)).toBe(true);
    clock += 61 * 60_000;
    expect(await isLoggedIn(agent.cookie)).toBe(false);
  });

  it('ends even an active session at the absolute time-out', async () => {
    let clock = Date.parse('2023-04-14T08:00:00Z');
    ctx = await buildTestApp({ now: () => new Date(clock) });
    const agent = await login(ctx.app, 'viewer');
    for (let minutes = 0; minutes < 12 * 60 - 30; minutes += 30) {
      clock += 30 * 60_000;
      expect(await isLoggedIn(agent.cookie)).toBe(true);
    }
    clock += 60 * 60_000;
    expect(await isLoggedIn(agent.cookie)).toBe(false);
  });
});

describe('user administration', () => {
  it('creates a unit lead who can then log in, refusing a taken username', async () => {
    ctx = await buildTestApp();
    const admin = await login(ctx.app, 'admin');
    const payload = {
      username: 'Lead-New',
      displayName: 'Trưởng phòng mới',
      role: 'unit_lead',
      unitIds: [2],
      password: 'mật khẩu đủ dài',
    };
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload,
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      username: 'lead-new',
      unitIds: [2],
      isDisabled: false,
      version: 1,
    });
    expect(created.body).not.toContain('mật khẩu');
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ field: 'username' });
    expect((await postLogin(ctx.app, 'lead-new', 'mật khẩu đủ dài')).statusCode).toBe(200);
    const [audit] = await ctx.repository.listAudit({ entity: 'user', limit: 1 });
    expect(JSON.stringify(audit)).not.toContain('scrypt');
  });

  it('refuses a short password and an unknown unit with the field named', async () => {
    ctx = await buildTestApp();
    const admin = await login(ctx.app, 'admin');
    const base = {
      username: 'x-lead',
      displayName: 'X',
      role: 'unit_lead',
      unitIds: [2],
      password: 'long enough',
    };
    const short = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { ...base, password: 'short' },
    });
    expect(short.json()).toMatchObject({ field: 'password' });
    const unknown = await ctx.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { ...base, unitIds: [999] },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ field: 'unitIds' });
  });
});

type PgClient = {
  query<R>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
  release(): void;
};

/** PostgreSQL: every user row share-locked by a transaction of our own until release(). */
async function holdUserRows(repository: unknown) {
  const pool = (repository as { pool: { connect(): Promise<PgClient> } & PgClient }).pool;
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query('SELECT id FROM users FOR SHARE');
  const [me] = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
  return {
    async waitForBlocked(count: number) {
      for (let i = 0; i < 500; i++) {
        // Waiters queue behind the first one: count the whole tree blocked by the holder.
        const { rows } = await pool.query<{ n: number }>(
          `WITH RECURSIVE blocked(pid) AS (
             SELECT a.pid FROM pg_stat_activity a WHERE $1 = ANY(pg_blocking_pids(a.pid))
             UNION
             SELECT a.pid FROM pg_stat_activity a JOIN blocked b ON b.pid = ANY(pg_blocking_pids(a.pid))
           ) SELECT count(*)::int AS n FROM blocked`,
          [me?.pid],
        );
        if ((rows[0]?.n ?? 0) >= count) return;
        await new Promise((done) => setTimeout(done, 10));
      }
      throw new Error(`fewer than ${count} requests ever waited for the held rows`);
    },
    async release() {
      await client.query('COMMIT');
      client.release();
    },
  };
}

describe('the last enabled admin', () => {
  const patchUser = (
    app: NonNullable<typeof ctx>['app'],
    headers: Record<string, string>,
    user: { id: number; version: number },
    patch: object,
  ) =>
    app.inject({
      method: 'PATCH',
      url: `/api/users/${user.id}`,
      headers,
      payload: { version: user.version, ...patch },
    });

  it.each([
    ['demote themselves', { role: 'director' }, 'role'],
    ['disable themselves', { isDisabled: true }, 'isDisabled'],
  ])(
    'may not %s: 409 last_admin naming the field, and nothing changes',
    async (_l, patch, field) => {
      ctx = await buildTestApp();
      const admin = await login(ctx.app, 'admin');
      const me = (await ctx.repository.findUserForLogin('admin')) as {
        id: number;
        version: number;
      };
      const before = await snapshot(ctx.repository);
      const res = await patchUser(ctx.app, admin.headers, me, patch);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json()).toMatchObject({ error: 'last_admin', field });
      expect(res.json().message).toContain('last enabled administrator');
      expect(await snapshot(ctx.repository)).toEqual(before);
      const session = await ctx.app.inject({
        method: 'GET',
        url: '/api/session',
        headers: { cookie: admin.cookie },
      });
      expect(session.statusCode).toBe(200);
    },
  );

  it('stays with one of two admins who demote each other at the same moment', async () => {
    ctx = await buildTestApp();
    const app = ctx.app;
    const first = await login(app, 'admin');
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: first.headers,
      payload: {
        username: 'admin2',
        displayName: 'Quản trị 2',
        role: 'admin',
        unitIds: [],
        password: 'a long passphrase',
      },
    });
    expect(created.statusCode).toBe(201);
    const second = await login(app, 'admin2', 'a long passphrase');
    const one = (await ctx.repository.findUserForLogin('admin')) as { id: number; version: number };
    const two = created.json<{ id: number; version: number }>();
    // On PostgreSQL, both requests are let in and then held at their first lock on a user row
    // until both wait there, so that they overlap in the database whatever the timing.
    const held = TEST_ENGINE === 'postgres' ? await holdUserRows(ctx.repository) : null;
    const sent = Promise.all([
      patchUser(app, first.headers, two, { role: 'viewer' }),
      patchUser(app, second.headers, one, { role: 'viewer' }),
    ]);
    if (held) {
      await held.waitForBlocked(2);
      await held.release();
    }
    const answers = await sent;
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    // The other one is refused: as the last admin, or, if the first change committed before
    // it was even let in, as no admin any more.
    const refused = answers.find((a) => a.statusCode !== 200);
    expect([403, 409]).toContain(refused?.statusCode);
    if (refused?.statusCode === 409) expect(refused.json()).toMatchObject({ error: 'last_admin' });
    const admins = (await ctx.repository.listUsers()).filter(
      (u) => u.role === 'admin' && !u.isDisabled,
    );
    expect(admins).toHaveLength(1);
  });
});
