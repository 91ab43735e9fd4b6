// The server as `pnpm start` runs it: the esbuild bundle (dist/server.js) under plain node.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteRepository } from '@targetline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from './auth/password';
import { ROOT_DIR } from './config';
import { hashToken, SESSION_COOKIE } from './plugins/auth';
import { type Server, startBuiltServer, stop } from './scale/server-process';
import { TEST_ENGINE, TEST_SCRYPT_LOG2N } from './test/helpers';

let dir = '';
let databasePath = '';
let server: Server | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'targetline-built-'));
  databasePath = join(dir, 'built.db');
  // `pnpm test` has built everything already, and this finds it up to date; run alone, it
  // builds what is missing or stale, as `pnpm start` would.
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT_DIR, stdio: 'ignore' });
}, 180_000);

afterAll(async () => {
  await stop(server);
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

// About the build, not the engine: run once, on SQLite.
describe.skipIf(TEST_ENGINE === 'postgres')('the built server', () => {
  it('starts on an empty database, finding its migrations, the demo data and the web app', async () => {
    server = await startBuiltServer({
      NODE_ENV: 'production',
      DATABASE_URL: '',
      DATABASE_PATH: databasePath,
      TARGETLINE_DEMO_DATA: 'on',
      // Production refuses the tests' scrypt cost; without accounts nothing is hashed.
      TARGETLINE_DEMO_ACCOUNTS: 'off',
      REMINDER_INTERVAL_SECONDS: '0',
    });
    const health = await fetch(`${server.baseUrl}/api/health`);
    expect(health.status).toBe(200);
    const page = await fetch(`${server.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it("builds the dashboard's summary in its thread, from its own bundle", async () => {
    // A viewer's session made in the database, as a log-in would (production's scrypt cost
    // is not what this test is about).
    const repository = createSqliteRepository({ path: databasePath });
    const token = randomBytes(32).toString('base64url');
    try {
      const viewer = await repository.createUser({
        username: 'built-viewer',
        displayName: 'Viewer',
        role: 'viewer',
        unitIds: [],
        passwordHash: await hashPassword('not-used-built-viewer', TEST_SCRYPT_LOG2N),
        actor: null,
      });
      const now = new Date();
      await repository.createSession({
        tokenHash: hashToken(token),
        userId: viewer.id,
        csrfToken: randomBytes(32).toString('base64url'),
        createdAt: now.toISOString(),
        lastSeenAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
      });
    } finally {
      await repository.close();
    }
    const res = await fetch(`${server?.baseUrl}/api/summary?year=2023`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    expect(res.status).toBe(200);
    const summary = (await res.json()) as { year: number; units: Array<{ code: string }> };
    expect(summary.year).toBe(2023);
    expect(summary.units.map((u) => u.code)).toContain('TT-ATM');
  });

  it('exits 0 on SIGTERM, saying so, with the demo organisation stored', async () => {
    expect(server).toBeDefined();
    expect(await stop(server)).toBe(0);
    expect(server?.output()).toMatch(/"msg":"stopped"/);
    const repository = createSqliteRepository({ path: databasePath });
    try {
      expect((await repository.listUnits()).length).toBeGreaterThan(0);
    } finally {
      await repository.close();
    }
  });
});
