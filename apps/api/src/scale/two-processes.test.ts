import { createPgTestRepository, pgTestUrl, withSearchPath } from '@targetline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../seed';
import { DEMO_DATA, TEST_ENGINE, TEST_SCRYPT_LOG2N } from '../test/helpers';
import { type Server, startServer, stop } from './server-process';

// Two API processes behind one address share nothing but the PostgreSQL database: sessions,
// versions and the audit log must hold across them. Runs in the api-pg project only.
const WRITERS = 50;

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
