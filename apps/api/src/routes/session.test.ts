import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../plugins/auth';
import { buildTestApp, login } from '../test/helpers';

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
