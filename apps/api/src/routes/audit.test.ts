import type { AuditPage } from '@targetline/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, buildTestApp, login } from '../test/helpers';

// The change log through the API on the suite's engine: who may read it, its filters, and the
// names it answers with.

let ctx: Awaited<ReturnType<typeof buildTestApp>>;
let unitIdOf: (code: string) => number;
const agents: Record<string, Agent> = {};

beforeEach(async () => {
  ctx = await buildTestApp();
  const units = await ctx.repository.listUnits();
  unitIdOf = (code) => units.find((u) => u.code === code)?.id as number;
  for (const name of ['lead-tt-atm', 'planner', 'director', 'admin', 'viewer']) {
    agents[name] = await login(ctx.app, name);
  }
  const saved = await ctx.app.inject({
    method: 'PUT',
    url: `/api/actuals/${unitIdOf('TT-ATM')}/2023/2`,
    headers: agents['lead-tt-atm']?.headers ?? {},
    payload: { amount: 2_000_000_000, version: 0, comment: 'Hợp đồng <b>mới</b>' },
  });
  expect(saved.statusCode).toBe(200);
});
afterEach(async () => {
  await ctx.app.close();
});

const read = async (who: string, query = '') => {
  const res = await ctx.app.inject({
    method: 'GET',
    url: `/api/audit${query}`,
    headers: { cookie: agents[who]?.cookie ?? '' },
  });
  return { status: res.statusCode, body: res.json<AuditPage>() };
};

describe('GET /api/audit', () => {
  it('names who made the change and the unit, as they are now', async () => {
    const { status, body } = await read('director', '?limit=1');
    expect(status).toBe(200);
    const users = await ctx.repository.listUsers();
    const lead = users.find((u) => u.username === 'lead-tt-atm');
    expect(body.entries[0]).toMatchObject({
      actor: 'lead-tt-atm',
      actorName: lead?.displayName,
      entity: 'actual',
      unitId: unitIdOf('TT-ATM'),
      unitName: 'Trung tâm An toàn Mỏ',
      comment: 'Hợp đồng <b>mới</b>',
    });
    expect(body.actors).toContainEqual({ username: 'lead-tt-atm', displayName: lead?.displayName });
  });

  it('filters by user and by kind of change', async () => {
    const byLead = await read('director', '?actor=lead-tt-atm');
    expect(byLead.body.entries.map((e) => e.actor)).toEqual(['lead-tt-atm']);
    const plans = await read('director', '?entity=plan&actor=lead-tt-atm');
    expect(plans.body.entries).toEqual([]);
    const actuals = await read('planner', '?entity=actual');
    expect(new Set(actuals.body.entries.map((e) => e.entity))).toEqual(new Set(['actual']));
    expect((await read('director', '?entity=bogus')).status).toBe(400);
  });

  it('refuses the organisation-wide log to viewers and unit leads, not a unit’s history', async () => {
    expect((await read('viewer')).status).toBe(403);
    expect((await read('lead-tt-atm', '?entity=actual')).status).toBe(403);
    const history = await read('viewer', `?unitId=${unitIdOf('TT-ATM')}&year=2023&quarter=2`);
    expect(history.status).toBe(200);
    expect(history.body.entries).toHaveLength(1);
  });

  it('keeps changes to accounts out of a non-admin’s log, even asked for', async () => {
    const director = await read('director', '?entity=user');
    expect(director.body.entries).toEqual([]);
    const admin = await read('admin', '?entity=user');
    expect(admin.status).toBe(200);
  });
});
