import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPgTestRepository, pgTestUrl, withSearchPath } from '@targetline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../seed';
import { DEMO_DATA, TEST_ENGINE, TEST_SCRYPT_LOG2N } from '../test/helpers';

// Two API processes behind one address share nothing but the PostgreSQL database: sessions,
// versions and the audit log must hold across them. Runs in the api-pg project only.
const API_DIR = join(dirname(fileURLToPath(import.meta.url)), '../..');
const WRITERS = 50;

type Server = { baseUrl: string; child: ChildProcess };

function startServer(databaseUrl: string): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      // Seeded once by the test, before either process starts.
      TARGETLINE_DEMO_DATA: 'off',
      TARGETLINE_SCRYPT_LOG2N: String(TEST_SCRYPT_LOG2N),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not listen within 60 s: ${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ baseUrl: match[1], child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening: ${output}`));
    });
  });
}

const stop = (server: Server | undefined) =>
  new Promise<void>((resolve) => {
    if (!server || server.child.exitCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });

describe.skipIf(TEST_ENGINE !== 'postgres')('two API processes on one PostgreSQL', () => {
  let repository: Awaited<ReturnType<typeof createPgTestRepository>>;
  let servers: Server[] = [];

  beforeAll(async () => {
    repository = await createPgTestRepository();
    await seedDemo(repository, DEMO_DATA, { hasAccounts: true, scryptLog2N: TEST_SCRYPT_LOG2N });
    const databaseUrl = withSearchPath(pgTestUrl() as string, repository.schema);
    servers = await Promise.all([startServer(databaseUrl), startServer(databaseUrl)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map(stop));
    await repository?.close();
  });

  it(`lets one of ${WRITERS} writers through, answers 409 to the others, and audits once`, async () => {
    const [a, b] = servers as [Server, Server];
    // Logged in on one process, the session works on the other: it lives in the database.
    const login = await fetch(`${a.baseUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const unit = (await repository.listUnits()).find((u) => u.code === 'TT-ATM');
    if (!unit) throw new Error('demo unit TT-ATM missing');
    const path = `/api/actuals/${unit.id}/2023/1`;
    const read = await fetch(`${b.baseUrl}${path}`, { headers: { cookie } });
    expect(read.status).toBe(200);
    const start = (await read.json()) as { amount: number; version: number };
    const key = `actual:${unit.id}/2023/1`;
    const auditOf = async () =>
      (
        await repository.listAudit({ unitId: unit.id, year: 2023, quarter: 1, limit: 10_000 })
      ).filter((entry) => entry.entityKey === key);
    const auditBefore = await auditOf();

    const amountOf = (writer: number) => 9_000_000_000 + writer * 1_000;
    const responses = await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        const server = writer % 2 === 0 ? a : b;
        const res = await fetch(`${server.baseUrl}${path}`, {
          method: 'PUT',
          headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify({ amount: amountOf(writer), version: start.version }),
        });
        return { writer, status: res.status, body: (await res.json()) as Record<string, unknown> };
      }),
    );

    const winners = responses.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    const losers = responses.filter((r) => r.status === 409);
    expect(losers).toHaveLength(WRITERS - 1);
    // Both processes answered: the writes really went through two of them.
    expect(new Set(responses.map((r) => r.writer % 2))).toEqual(new Set([0, 1]));
    const winner = winners[0]?.writer as number;
    for (const loser of losers) {
      expect(loser.body).toMatchObject({
        error: 'conflict',
        current: { amount: amountOf(winner) },
      });
    }
    const stored = await repository.getYearEntries(2023);
    expect(stored.actuals.find((x) => x.unitId === unit.id && x.quarter === 1)).toMatchObject({
      amount: amountOf(winner),
      version: start.version + 1,
    });
    const added = (await auditOf()).length - auditBefore.length;
    expect(added).toBe(1);
  }, 60_000);
});
