import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createSqliteRepository, type Repository } from '@targetline/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { seedDemo } from '../seed';
import { DEMO_DATA, login, TEST_SCRYPT_LOG2N } from '../test/helpers';
import { createSummaryWorker } from './summary-builder';

// The summary built in its own thread, on the SQLite file the app writes to.
describe('the summary worker', () => {
  let dir: string;
  let repository: Repository;
  let worker: ReturnType<typeof createSummaryWorker>;
  let withWorker: Awaited<ReturnType<typeof buildApp>>;
  let inProcess: Awaited<ReturnType<typeof buildApp>>;
  const agents = new Map<unknown, Awaited<ReturnType<typeof login>>>();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'targetline-summary-worker-'));
    const path = join(dir, 't.db');
    repository = createSqliteRepository({ path });
    await seedDemo(repository, DEMO_DATA, { hasAccounts: true, scryptLog2N: TEST_SCRYPT_LOG2N });
    worker = createSummaryWorker({ sqlitePath: path });
    const auth = { scryptLog2N: TEST_SCRYPT_LOG2N };
    withWorker = await buildApp({ repository, auth, buildSummary: worker.build });
    inProcess = await buildApp({ repository, auth });
    // One log-in each: the route allows a few a minute per username.
    agents.set(withWorker, await login(withWorker, 'director'));
    agents.set(inProcess, await login(inProcess, 'director'));
  }, 60_000);

  afterAll(async () => {
    await withWorker?.close();
    await inProcess?.close();
    await worker?.close();
    await repository?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const summaryOf = async (app: typeof withWorker, url: string, gzip = false) => {
    const { cookie } = agents.get(app) as Awaited<ReturnType<typeof login>>;
    return app.inject({
      method: 'GET',
      url,
      headers: { cookie, ...(gzip && { 'accept-encoding': 'gzip' }) },
    });
  };

  it('answers with the bytes the route builds itself, plain and gzipped', async () => {
    for (const url of ['/api/summary?year=2023', '/api/summary?year=2023&asOf=1']) {
      const mine = await summaryOf(inProcess, url);
      const fromWorker = await summaryOf(withWorker, url);
      expect(fromWorker.statusCode).toBe(200);
      expect(fromWorker.body).toBe(mine.body);
      const zipped = await summaryOf(withWorker, url, true);
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(zipped.rawPayload).toString()).toBe(mine.body);
    }
    expect(JSON.parse((await summaryOf(withWorker, '/api/summary?year=2023')).body)).toMatchObject({
      year: 2023,
    });
  });

  it('sees a write the app has just acknowledged', async () => {
    const before = JSON.parse((await summaryOf(withWorker, '/api/summary?year=2023')).body);
    const unit = before.units.find((u: { code: string }) => u.code === 'TT-ATM');
    const current = (await repository.getYearEntries(2023)).actuals.find(
      (a) => a.unitId === unit.unitId && a.quarter === 1,
    );
    // Written through the app's own connection, as a PUT would.
    await repository.saveActual({
      unitId: unit.unitId,
      year: 2023,
      quarter: 1,
      amount: 777_000_000,
      expectedVersion: current?.version ?? 0,
      actor: 'director',
    });
    const after = JSON.parse((await summaryOf(withWorker, '/api/summary?year=2023&asOf=1')).body);
    const q1 = after.units.find((u: { code: string }) => u.code === 'TT-ATM').quarters[0];
    expect(q1.actual).toBe(777_000_000);
  });

  it('starts a new thread after one was stopped, and answers a year without figures as the route does', async () => {
    await worker.close();
    const again = await summaryOf(withWorker, '/api/summary?year=2023');
    expect(again.statusCode).toBe(200);
    const empty = await summaryOf(withWorker, '/api/summary?year=2031');
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toBe((await summaryOf(inProcess, '/api/summary?year=2031')).body);
  });

  it('fails the builds of a thread that cannot open the database, and tries again with the next', async () => {
    // A directory where the file should be: SQLite cannot open it.
    const broken = createSummaryWorker({ sqlitePath: dir });
    try {
      await expect(broken.build(2023, undefined)).rejects.toThrow();
      await expect(broken.build(2023, undefined)).rejects.toThrow();
    } finally {
      await broken.close();
    }
  });
});
