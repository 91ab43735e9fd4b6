import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createSqliteRepository } from '@targetline/db';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../app';
import { hashPassword } from '../auth/password';
import { type Agent, buildTestApp, login, TEST_SCRYPT_LOG2N } from '../test/helpers';
import { acceptsGzip } from './read';

let ctx: Awaited<ReturnType<typeof buildTestApp>>;
let viewer: Agent;
beforeEach(async () => {
  ctx = await buildTestApp();
  viewer = await login(ctx.app, 'viewer');
});
const get = (url: string, app = ctx.app) =>
  app.inject({ method: 'GET', url, headers: { cookie: viewer.cookie } });
afterEach(async () => {
  await ctx.app.close();
});

describe('GET /api/health', () => {
  it('answers ok', async () => {
    const res = await get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });
});

describe('GET /api/units', () => {
  it('lists the demo tree with the institute as the only root', async () => {
    const res = await get('/api/units');
    expect(res.statusCode).toBe(200);
    const units =
      res.json<Array<{ id: number; code: string; name: string; parentId: number | null }>>();
    const roots = units.filter((u) => u.parentId === null);
    expect(roots.map((u) => u.name)).toEqual(['Viện Khoa học Công nghệ Mỏ – Vinacomin']);
    expect(units.map((u) => u.name)).toEqual(
      expect.arrayContaining([
        'Trung tâm An toàn Mỏ',
        'Công ty CP Phát triển Công nghệ & Thiết bị Mỏ',
        'Phòng Máy & Thiết bị Mỏ',
        'Phòng Công nghệ Xây dựng Công trình ngầm & Mỏ',
      ]),
    );
    expect(Object.keys(units[0] ?? {}).sort()).toEqual([
      'code',
      'id',
      'kind',
      'name',
      'parentId',
      'version',
    ]);
  });
});

describe('GET /api/years', () => {
  it('lists the years with figures, the demo history first', async () => {
    const res = await get('/api/years');
    expect(res.json()).toEqual([2021, 2022, 2023]);
  });

  it('is empty on an empty database', async () => {
    const empty = await buildTestApp({ isSeeded: false });
    await empty.repository.createUser({
      username: 'solo',
      displayName: 'Solo',
      role: 'viewer',
      unitIds: [],
      passwordHash: await hashPassword('password1', TEST_SCRYPT_LOG2N),
      actor: null,
    });
    const agent = await login(empty.app, 'solo', 'password1');
    const res = await empty.app.inject({
      method: 'GET',
      url: '/api/years',
      headers: { cookie: agent.cookie },
    });
    expect(res.json()).toEqual([]);
    await empty.app.close();
  });
});

describe('GET /api/summary', () => {
  it('shows the institute at 13 bn of 180 bn (7.2%) with the 30 bn Q2 target', async () => {
    const res = await get('/api/summary?year=2023');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      year: 2023,
      currency: 'VND',
      asOfQuarter: 1,
      // The demo's Q1 round is approved.
      asOfRule: 'round_complete',
    });
    // The institute's own plan is its units': the eight under it report, and all have for Q1.
    expect(body.reporting[0]).toEqual({
      quarter: 1,
      expectedUnits: 8,
      reportedUnits: 8,
      missingUnitIds: [],
      isEstimate: false,
    });
    const root = body.units[0];
    expect(root).toMatchObject({
      parentId: null,
      annualPlan: 180_000_000_000,
      ytdActual: 13_000_000_000,
    });
    expect(root.achieved).toBeCloseTo(0.07222, 5);
    expect(root.quarters).toHaveLength(4);
    expect(root.quarters[1]).toMatchObject({
      quarter: 2,
      target: 30_000_000_000,
      actual: null,
      achieved: null,
    });
    expect(body.units).toHaveLength(9);
  });

  it('is built once for readers who ask at the same moment, not once each', async () => {
    const reads = vi.spyOn(ctx.repository, 'getYearEntries');
    const years = vi.spyOn(ctx.repository, 'listYears');
    const responses = await Promise.all(
      Array.from({ length: 10 }, () => get('/api/summary?year=2023')),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(new Set(responses.map((r) => r.body)).size).toBe(1);
    // One build: the year and the demo's two earlier years (2021, 2022) read once each.
    expect(years).toHaveBeenCalledTimes(1);
    expect(reads).toHaveBeenCalledTimes(3);
    expect(reads.mock.calls.map(([year]) => year).sort()).toEqual([2021, 2022, 2023]);
    reads.mockRestore();
    years.mockRestore();
  });

  it('is sent gzipped to a client that takes gzip, with the same JSON', async () => {
    const plain = await get('/api/summary?year=2023');
    const zipped = await ctx.app.inject({
      method: 'GET',
      url: '/api/summary?year=2023',
      headers: { cookie: viewer.cookie, 'accept-encoding': 'br, gzip;q=0.8' },
    });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('accept-encoding');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(plain.json());
  });

  it.each([
    ['gzip', true],
    ['gzip;q=0', false],
    ['identity', false],
    ['deflate, *', true],
    [undefined, false],
  ])('reads accept-encoding %s as gzip %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });

  it('rolls every unit up so that the children sum to the published totals', async () => {
    const body = (await get('/api/summary?year=2023')).json();
    const children = body.units.filter((u: { depth: number }) => u.depth === 1);
    const sum = (pick: (u: { annualPlan: number; ytdActual: number }) => number) =>
      children.reduce(
        (acc: number, u: { annualPlan: number; ytdActual: number }) => acc + pick(u),
        0,
      );
    expect(sum((u) => u.annualPlan)).toBe(180_000_000_000);
    expect(sum((u) => u.ytdActual)).toBe(13_000_000_000);
  });

  it('answers a year without figures with the units and nulls', async () => {
    const body = (await get('/api/summary?year=2030')).json();
    expect(body.asOfQuarter).toBeNull();
    expect(body.units[0]).toMatchObject({ annualPlan: null, ytdActual: null, achieved: null });
  });

  it.each([
    ['missing', '/api/summary'],
    ['not a number', '/api/summary?year=abc'],
    ['a fraction', '/api/summary?year=2023.5'],
    ['before 2000', '/api/summary?year=1999'],
    ['after 2100', '/api/summary?year=2101'],
  ])('refuses a year that is %s with 400 naming the field', async (_label, url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_request', field: 'year' });
  });
});

describe('GET /api/entries', () => {
  it("gives each unit's own figures with versions", async () => {
    const body = (await get('/api/entries?year=2023')).json();
    expect(body.plans).toHaveLength(9);
    expect(body.actuals).toHaveLength(8);
    expect(body.actuals[0]).toMatchObject({ year: 2023, quarter: 1, version: 1 });
  });
});

describe('OpenAPI', () => {
  it('documents every route at /api/docs', async () => {
    const ui = await get('/api/docs');
    expect([200, 302]).toContain(ui.statusCode);
    const spec = (await get('/api/docs/json')).json();
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/units',
        '/api/years',
        '/api/summary',
        '/api/entries',
        '/api/plans/{unitId}/{year}',
        '/api/actuals/{unitId}/{year}/{quarter}',
      ]),
    );
  });
});

describe('unknown routes', () => {
  it('answer 404 in the error shape', async () => {
    const res = await get('/api/nope');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('the built web app', () => {
  it('is served at / and for client-side routes, while unknown API routes stay JSON 404s', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'targetline-web-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>Targetline</title>');
    await writeFile(join(dir, 'app.js'), 'console.log(1)');
    const app = await buildApp({
      repository: createSqliteRepository({ path: ':memory:' }),
      webDistDir: dir,
    });
    const home = await app.inject({ method: 'GET', url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<title>Targetline</title>');
    const deep = await app.inject({ method: 'GET', url: '/units/3' });
    expect(deep.headers['content-type']).toContain('text/html');
    // The files of the web app are public routes; nothing else is.
    const script = await app.inject({ method: 'GET', url: '/app.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toBe('console.log(1)');
    // A request that matches no route is a 404 (no session needed to learn that, no data read).
    const api = await app.inject({ method: 'GET', url: '/api/health/nope' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: 'not_found' });
    await app.close();
    await rm(dir, { recursive: true });
  });
});
