import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteEntry } from '../app';
import { type Agent, buildTestApp, login, snapshot } from '../test/helpers';

// Every route in the table, whatever its age: a route added tomorrow is walked by these
// tests without anyone adding a line. The requests go over a real socket, because
// `inject()` would tidy an absolute-form target into a path before the server saw it.

let ctx: Awaited<ReturnType<typeof buildTestApp>>;
let port: number;

beforeAll(async () => {
  ctx = await buildTestApp();
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  port = (ctx.app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await ctx?.app.close();
});

type Answer = { status: number; headers: IncomingHttpHeaders; body: string };

/** One request with the target exactly as given, as a client on the network could send it. */
function send(
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path: target,
        headers: {
          host: `127.0.0.1:${port}`,
          ...(body !== undefined && {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
          }),
          ...headers,
        },
        // A request that never answers is a finding too (handlers once returned no reply).
        timeout: 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${target}: no answer in 10 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A concrete path for a route: parameters filled with values that exist in the demo. */
const pathOf = (route: RouteEntry) =>
  route.url
    .replace(':year', '2023')
    .replace(':quarter', '2')
    .replace(/:[A-Za-z]+/g, '3')
    .replace('*', 'x');

/** The five spellings of one path that a router may take to the same route. */
const FORMS = {
  origin: (path: string) => path,
  'absolute, this host': (path: string) => `http://127.0.0.1:${port}${path}`,
  'absolute, another host': (path: string) => `http://any.host${path}`,
  '// prefix': (path: string) => `/${path}`,
  'percent-encoded': (path: string) => path.replace(/^\/api/, '/%61pi'),
} as const;

/** Query strings the routes require, so that a request passing every check would be served. */
const QUERY: Record<string, string> = {
  '/api/summary': '?year=2023',
  '/api/entries': '?year=2023',
  '/api/actuals': '?year=2023',
  '/api/plans': '?year=2023',
  '/api/import': '?mode=apply',
  '/api/directions': '?year=2023&quarter=2',
};

const routes = () => ctx.app.routeTable();
const privateRoutes = () => routes().filter((r) => !r.isPublic);

/** The headers Helmet sets, on every answer: HTML, JSON, errors alike. */
function expectSecurityHeaders(answer: Answer, what: string) {
  expect(answer.headers['content-security-policy'], what).toContain("default-src 'self'");
  expect(answer.headers['content-security-policy'], what).toContain("script-src 'self'");
  expect(answer.headers['x-content-type-options'], what).toBe('nosniff');
  expect(answer.headers['x-frame-options'], what).toBe('SAMEORIGIN');
  expect(answer.headers['referrer-policy'], what).toBe('no-referrer');
  // Plain HTTP: HSTS would be ignored by a browser, and is not sent.
  expect(answer.headers['strict-transport-security'], what).toBeUndefined();
}

describe('the route table', () => {
  it('is documented: every private route is in the OpenAPI document, and the other way round', async () => {
    const doc = ctx.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const served = routes().filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/api/docs'));
    expect(new Set(served.map((r) => `${r.method} ${r.url}`))).toEqual(documented);
    // Public by their own config: health and log-in (and the documentation itself).
    expect(
      routes()
        .filter((r) => r.isPublic && !r.url.startsWith('/api/docs'))
        .map((r) => `${r.method} ${r.url}`)
        .sort(),
    ).toEqual(['GET /api/health', 'HEAD /api/health', 'POST /api/session']);
    expect(privateRoutes().length).toBeGreaterThan(25);
  });
});

describe('without a session', () => {
  it('every private route, in every spelling of its target, answers 401 and changes nothing', async () => {
    const before = await snapshot(ctx.repository);
    let count = 0;
    for (const route of privateRoutes()) {
      const path = pathOf(route) + (QUERY[route.url] ?? '');
      for (const [form, spell] of Object.entries(FORMS)) {
        const what = `${route.method} ${route.url} (${form})`;
        const answer = await send(
          route.method,
          spell(path),
          {},
          UNSAFE.has(route.method) ? '{}' : undefined,
        );
        expect(answer.status, `${what}: ${answer.body}`).toBe(401);
        if (route.method !== 'HEAD') {
          expect(JSON.parse(answer.body), what).toMatchObject({ error: 'unauthorized' });
        }
        expectSecurityHeaders(answer, what);
        count++;
      }
    }
    expect(count).toBe(privateRoutes().length * Object.keys(FORMS).length);
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it('the user-role change of the attack report, in absolute form, is refused', async () => {
    const before = await snapshot(ctx.repository);
    const answer = await send(
      'PATCH',
      'http://any.host/api/users/3',
      {},
      JSON.stringify({ version: 1, role: 'admin', password: 'owned the organisation' }),
    );
    expect(answer.status).toBe(401);
    expect(await snapshot(ctx.repository)).toEqual(before);
  });
});

describe('with a session', () => {
  let admin: Agent;
  beforeAll(async () => {
    admin = await login(ctx.app, 'admin');
  });

  it('every unsafe method without the CSRF token answers 403, in every spelling', async () => {
    const before = await snapshot(ctx.repository);
    const unsafe = privateRoutes().filter((r) => UNSAFE.has(r.method));
    expect(unsafe.length).toBeGreaterThan(10);
    for (const route of unsafe) {
      const path = pathOf(route) + (QUERY[route.url] ?? '');
      for (const [form, spell] of Object.entries(FORMS)) {
        const what = `${route.method} ${route.url} (${form})`;
        const answer = await send(route.method, spell(path), { cookie: admin.cookie }, '{}');
        expect(answer.status, `${what}: ${answer.body}`).toBe(403);
        expect(JSON.parse(answer.body), what).toMatchObject({ error: 'csrf' });
      }
    }
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it('a target in another host’s absolute form or percent-encoded is refused with 400 on every route, public ones too', async () => {
    const before = await snapshot(ctx.repository);
    for (const route of routes()) {
      const path = pathOf(route) + (QUERY[route.url] ?? '');
      for (const form of ['absolute, another host', 'percent-encoded'] as const) {
        if (form === 'percent-encoded' && !path.startsWith('/api')) continue;
        const what = `${route.method} ${route.url} (${form})`;
        const answer = await send(
          route.method,
          FORMS[form](path),
          admin.headers,
          UNSAFE.has(route.method) ? '{}' : undefined,
        );
        expect(answer.status, `${what}: ${answer.body}`).toBe(400);
        if (route.method !== 'HEAD') {
          expect(JSON.parse(answer.body), what).toMatchObject({ error: 'bad_request_target' });
        }
      }
    }
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it('the spellings that name the same path are served like it', async () => {
    for (const form of ['origin', 'absolute, this host', '// prefix'] as const) {
      const answer = await send('GET', FORMS[form]('/api/years'), { cookie: admin.cookie });
      expect(answer.status, form).toBe(200);
      expect(JSON.parse(answer.body), form).toContain(2023);
    }
  });

  it('dot segments and encoded letters elsewhere in the path are refused too', async () => {
    for (const target of ['/api/./years', '/x/../api/years', '/api/%79ears', '/api//years']) {
      const answer = await send('GET', target, { cookie: admin.cookie });
      expect(answer.status, target).toBe(400);
    }
  });
});

describe('Helmet', () => {
  it('sets its headers on public answers and on 404s, and HSTS only over HTTPS', async () => {
    for (const target of ['/api/health', '/api/nope', '/api/docs/json']) {
      expectSecurityHeaders(await send('GET', target), target);
    }
    // Behind a proxy that terminates HTTPS (TRUST_PROXY), the browser is told to stay on it.
    const behindProxy = await buildTestApp({ isSeeded: false, auth: { trustProxy: 1 } });
    const https = await behindProxy.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(https.headers['strict-transport-security']).toContain('max-age=');
    await behindProxy.app.close();
  });
});
