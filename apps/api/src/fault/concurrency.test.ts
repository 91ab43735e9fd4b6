import type { ActualRecord } from '@targetline/contract';
import type { AuditEntry } from '@targetline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, buildTestApp, login } from '../test/helpers';

// Fifty clients at once on one figure, through the whole HTTP stack: the version check must
// let exactly one writer through per version, and the audit log must tell the same story.
const CLIENTS = 50;

let ctx: Awaited<ReturnType<typeof buildTestApp>>;
let admin: Agent;
let unitId: number;
let url: string;
let key: string;

beforeEach(async () => {
  ctx = await buildTestApp();
  admin = await login(ctx.app, 'admin');
  const unit = (await ctx.repository.listUnits()).find((u) => u.code === 'TT-ATM');
  if (!unit) throw new Error('demo unit TT-ATM missing');
  unitId = unit.id;
  url = `/api/actuals/${unitId}/2023/1`;
  key = `actual:${unitId}/2023/1`;
});
afterEach(async () => {
  await ctx.app.close();
});

type Figure = Pick<ActualRecord, 'amount' | 'version'>;

const current = async (): Promise<Figure> => {
  const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Figure>();
};

const put = (amount: number, version: number) =>
  ctx.app.inject({
    method: 'PUT',
    url,
    headers: admin.headers,
    payload: JSON.stringify({ amount, version }),
  });

const auditOfFigure = async (): Promise<AuditEntry[]> =>
  (await ctx.repository.listAudit({ unitId, year: 2023, quarter: 1, limit: 10_000 }))
    .filter((a) => a.entityKey === key)
    .reverse();

/** Distinct amounts, so that the stored value tells which client wrote it. */
const amountOf = (client: number) => 7_000_000_000 + client * 1_000;

describe(`${CLIENTS} clients writing one figure at once`, () => {
  it('lets exactly one of them through when all start from the same version', async () => {
    const start = await current();
    const auditBefore = await auditOfFigure();
    const responses = await Promise.all(
      Array.from({ length: CLIENTS }, (_, client) => put(amountOf(client), start.version)),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(CLIENTS - 1);

    const winner = responses.findIndex((r) => r.statusCode === 200);
    const stored = await current();
    expect(stored).toMatchObject({ amount: amountOf(winner), version: start.version + 1 });
    // Every loser is shown the winner's figure, to decide what to do with their own.
    for (const res of responses.filter((r) => r.statusCode === 409)) {
      expect(res.json().current).toMatchObject({ amount: amountOf(winner) });
    }
    const added = (await auditOfFigure()).slice(auditBefore.length);
    expect(added).toHaveLength(1);
    expect(added[0]?.newValue).toMatchObject({ amount: amountOf(winner) });
  }, 30_000);

  it('loses no update when each client retries on 409 from the version it is shown', async () => {
    const start = await current();
    const auditBefore = await auditOfFigure();
    let conflicts = 0;
    const client = async (n: number) => {
      let version = start.version;
      for (let attempt = 0; attempt < CLIENTS * 2; attempt++) {
        const res = await put(amountOf(n), version);
        if (res.statusCode === 200) return res.json<Figure>();
        expect(res.statusCode, res.body).toBe(409);
        conflicts++;
        version = res.json<{ current: Figure }>().current.version;
      }
      throw new Error(`client ${n} never got through`);
    };
    const saved = await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    expect(conflicts).toBeGreaterThan(0);

    // Each success took its own version: start+1 … start+50, none twice.
    expect(saved.map((s) => s.version).sort((a, b) => a - b)).toEqual(
      Array.from({ length: CLIENTS }, (_, i) => start.version + 1 + i),
    );
    const stored = await current();
    expect(stored.version).toBe(start.version + CLIENTS);
    const sent = Array.from({ length: CLIENTS }, (_, n) => amountOf(n));
    expect(sent).toContain(stored.amount);

    // The audit chain is unbroken: each row starts from the figure the previous one left.
    const added = (await auditOfFigure()).slice(auditBefore.length);
    expect(added).toHaveLength(CLIENTS);
    let previous: Figure = start;
    for (const row of added) {
      const oldValue = row.oldValue as Figure;
      const newValue = row.newValue as Figure;
      expect(oldValue).toMatchObject({ amount: previous.amount, version: previous.version });
      expect(newValue.version).toBe(previous.version + 1);
      previous = newValue;
    }
    expect(previous).toMatchObject({ amount: stored.amount, version: stored.version });
    expect(added.map((r) => (r.newValue as Figure).amount).sort()).toEqual([...sent].sort());
  }, 30_000);
});
