import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, buildTestApp, login, snapshot } from '../test/helpers';

let ctx: Awaited<ReturnType<typeof buildTestApp>>;
let unitId: number;
let admin: Agent;
beforeEach(async () => {
  ctx = await buildTestApp();
  admin = await login(ctx.app, 'admin');
  const units = await ctx.repository.listUnits();
  const safety = units.find((u) => u.name === 'Trung tâm An toàn Mỏ');
  if (!safety) throw new Error('demo unit missing');
  unitId = safety.id;
});
afterEach(async () => {
  await ctx.app.close();
});

const put = (url: string, payload: string | object) =>
  ctx.app.inject({
    method: 'PUT',
    url,
    headers: admin.headers,
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

describe('PUT /api/actuals/{unitId}/{year}/{quarter}', () => {
  it('saves the amount, audits it and shows it in the roll-up', async () => {
    const res = await put(`/api/actuals/${unitId}/2023/2`, { amount: 25_000_000_000, version: 0 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      unitId,
      year: 2023,
      quarter: 2,
      amount: 25_000_000_000,
      version: 1,
    });
    const summary = (
      await ctx.app.inject({ method: 'GET', url: '/api/summary?year=2023', headers: admin.headers })
    ).json();
    expect(summary.units[0].quarters[1].actual).toBe(25_000_000_000);
    expect(summary.units[0].ytdActual).toBe(38_000_000_000);
    const [audit] = await ctx.repository.listAudit({ unitId });
    expect(audit).toMatchObject({ entity: 'actual', quarter: 2, oldValue: null });
  });

  it('corrects an entered amount and bumps its version', async () => {
    const res = await put(`/api/actuals/${unitId}/2023/1`, { amount: 2_500_000_000, version: 1 });
    expect(res.json()).toMatchObject({ amount: 2_500_000_000, version: 2 });
  });

  it('accepts the largest amount, 1e15', async () => {
    const res = await put(`/api/actuals/${unitId}/2023/3`, {
      amount: 1_000_000_000_000_000,
      version: 0,
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('PUT /api/plans/{unitId}/{year}', () => {
  it('saves the plan with its quarterly targets', async () => {
    const body = {
      annualPlan: 32_000_000_000,
      quarterTargets: [3_000_000_000, 5_000_000_000, null, 0],
    };
    const res = await put(`/api/plans/${unitId}/2023`, { ...body, version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ...body, unitId, year: 2023, version: 2 });
  });

  it('saves the assigned plan, keeps it when absent, clears it with null, and /api/entries returns it', async () => {
    const plan = { annualPlan: 32_000_000_000, quarterTargets: [null, null, null, null] };
    const set = await put(`/api/plans/${unitId}/2023`, {
      ...plan,
      assignedPlan: 35_000_000_000,
      version: 1,
    });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ assignedPlan: 35_000_000_000, version: 2 });
    const kept = await put(`/api/plans/${unitId}/2023`, { ...plan, version: 2 });
    expect(kept.json()).toMatchObject({ assignedPlan: 35_000_000_000, version: 3 });
    const entriesOf = async () =>
      (
        await ctx.app.inject({
          method: 'GET',
          url: '/api/entries?year=2023',
          headers: admin.headers,
        })
      )
        .json()
        .plans.find((p: { unitId: number }) => p.unitId === unitId);
    expect(await entriesOf()).toMatchObject({ assignedPlan: 35_000_000_000, version: 3 });
    const cleared = await put(`/api/plans/${unitId}/2023`, {
      ...plan,
      assignedPlan: null,
      version: 3,
    });
    expect(cleared.json()).toMatchObject({ assignedPlan: null, version: 4 });
    expect(await entriesOf()).toMatchObject({ assignedPlan: null });
    const history = await ctx.repository.listAudit({ unitId });
    expect(
      history
        .filter((a) => a.entity === 'plan')
        .map((a) => (a.newValue as { assignedPlan: number | null }).assignedPlan),
    ).toEqual(expect.arrayContaining([35_000_000_000, 35_000_000_000, null]));
  });

  it("gives the institute's achievement against the group's assigned plan in /api/summary", async () => {
    const units = await ctx.repository.listUnits();
    const root = units.find((u) => u.parentId === null);
    if (!root) throw new Error('no root');
    const own = (await ctx.repository.getYearEntries(2023)).plans.find((p) => p.unitId === root.id);
    if (!own) throw new Error('the demo institute has no 2023 plan');
    const res = await put(`/api/plans/${root.id}/2023`, {
      annualPlan: own.annualPlan,
      quarterTargets: own.quarterTargets,
      assignedPlan: 200_000_000_000,
      version: own.version,
    });
    expect(res.statusCode).toBe(200);
    const summary = (
      await ctx.app.inject({
        method: 'GET',
        url: '/api/summary?year=2023&asOf=1',
        headers: admin.headers,
      })
    ).json();
    const institute = summary.units[0];
    expect(institute).toMatchObject({ unitId: root.id, assignedPlan: 200_000_000_000 });
    // The demo's Q1: 13 bn of the institute's 180 bn (7.2%) and of the group's 200 bn (6.5%).
    expect(institute.analysis.ytdActual).toBe(13_000_000_000);
    expect(institute.analysis.achieved).toBeCloseTo(13 / 180, 10);
    expect(institute.analysis.achievedVsAssigned).toBeCloseTo(0.065, 10);
    expect(summary.units[1]).toMatchObject({ assignedPlan: null, achievedVsAssigned: null });
  });

  it('creates a plan for a new year, which then appears in /api/years', async () => {
    const res = await put(`/api/plans/${unitId}/2024`, {
      annualPlan: 1,
      quarterTargets: [null, null, null, null],
      version: 0,
    });
    expect(res.statusCode).toBe(200);
    const years = await ctx.app.inject({
      method: 'GET',
      url: '/api/years',
      headers: admin.headers,
    });
    expect(years.json()).toEqual([2021, 2022, 2023, 2024]);
  });
});

const goodPlan = { annualPlan: 1_000, quarterTargets: [null, null, null, null], version: 1 };

describe('bad input is refused with 400 naming the field, and nothing is written', () => {
  const actualCases: Array<[string, string, string | object, string]> = [
    ['a string amount', '2023/2', { amount: '123' }, 'amount'],
    ['a numeric text amount with a unit', '2023/2', { amount: '25 tỷ' }, 'amount'],
    ['NaN', '2023/2', '{"amount": NaN}', 'amount'],
    ['Infinity', '2023/2', '{"amount": Infinity}', 'amount'],
    ['null', '2023/2', { amount: null }, 'amount'],
    ['true', '2023/2', { amount: true }, 'amount'],
    ['a fraction', '2023/2', { amount: 1.5 }, 'amount'],
    ['a negative', '2023/2', { amount: -1 }, 'amount'],
    ['more than 1e15', '2023/2', { amount: 1_000_000_000_000_001 }, 'amount'],
    ['a huge number', '2023/2', '{"amount": 1e300}', 'amount'],
    ['a missing amount', '2023/2', {}, 'amount'],
    ['an unknown field', '2023/2', { amount: 1, version: 0, updatedBy: 'x' }, 'updatedBy'],
    ['a negative version', '2023/2', { amount: 1, version: -1 }, 'version'],
    ['quarter 0', '2023/0', { amount: 1 }, 'quarter'],
    ['quarter 5', '2023/5', { amount: 1 }, 'quarter'],
    ['a year before 2000', '1999/1', { amount: 1 }, 'year'],
    ['a year after 2100', '2101/1', { amount: 1 }, 'year'],
    ['a year that is not a number', 'abc/1', { amount: 1 }, 'year'],
  ];

  it.each(actualCases)('actual: %s', async (_label, path, payload, field) => {
    const before = await snapshot(ctx.repository);
    const res = await put(`/api/actuals/${unitId}/${path}`, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_request', field });
    expect(res.json().message).toContain(field);
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  const planCases: Array<[string, object | string, string]> = [
    ['a string plan', { ...goodPlan, annualPlan: '180000000000' }, 'annualPlan'],
    ['a fraction plan', { ...goodPlan, annualPlan: 0.5 }, 'annualPlan'],
    ['a negative plan', { ...goodPlan, annualPlan: -5 }, 'annualPlan'],
    ['a plan above 1e15', { ...goodPlan, annualPlan: 2e15 }, 'annualPlan'],
    ['a missing plan', { quarterTargets: goodPlan.quarterTargets }, 'annualPlan'],
    ['missing targets', { annualPlan: 1 }, 'quarterTargets'],
    ['three targets', { annualPlan: 1, quarterTargets: [null, null, null] }, 'quarterTargets'],
    ['five targets', { annualPlan: 1, quarterTargets: [1, 2, 3, 4, 5] }, 'quarterTargets'],
    [
      'a string target',
      { annualPlan: 1, quarterTargets: [null, '3', null, null] },
      'quarterTargets[1]',
    ],
    [
      'a negative target',
      { annualPlan: 1, quarterTargets: [null, null, -3, null] },
      'quarterTargets[2]',
    ],
    [
      'a fraction target',
      { annualPlan: 1, quarterTargets: [0.1, null, null, null] },
      'quarterTargets[0]',
    ],
    ['an unknown field', { ...goodPlan, updatedBy: 'x' }, 'updatedBy'],
    ['a string assigned plan', { ...goodPlan, assignedPlan: '200000000000' }, 'assignedPlan'],
    ['an assigned plan as typed', { ...goodPlan, assignedPlan: '200 tỷ' }, 'assignedPlan'],
    ['a fraction assigned plan', { ...goodPlan, assignedPlan: 0.5 }, 'assignedPlan'],
    ['a negative assigned plan', { ...goodPlan, assignedPlan: -1 }, 'assignedPlan'],
    ['an assigned plan above 1e15', { ...goodPlan, assignedPlan: 2e15 }, 'assignedPlan'],
    ['a boolean assigned plan', { ...goodPlan, assignedPlan: true }, 'assignedPlan'],
    ['NaN in a target', '{"annualPlan": 1, "quarterTargets": NaN}', 'quarterTargets'],
  ];

  it.each(planCases)('plan: %s', async (_label, payload, field) => {
    const before = await snapshot(ctx.repository);
    const res = await put(`/api/plans/${unitId}/2023`, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_request', field });
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it('refuses a body that is not an object', async () => {
    const before = await snapshot(ctx.repository);
    const res = await put(`/api/actuals/${unitId}/2023/2`, '[1]');
    expect(res.statusCode).toBe(400);
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it('refuses a body that is not JSON at all', async () => {
    const res = await put(`/api/actuals/${unitId}/2023/2`, '{"amount": ');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_request' });
  });

  it('refuses a unit id that is not a number', async () => {
    const res = await put('/api/actuals/abc/2023/2', { amount: 1, version: 0 });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'unitId' });
  });
});

describe('an unknown unit', () => {
  it('gets 404 for an actual and nothing is written', async () => {
    const before = await snapshot(ctx.repository);
    const res = await put('/api/actuals/9999/2023/2', { amount: 1, version: 0 });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: 'not_found', field: 'unitId' });
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it('gets 404 for a plan and nothing is written', async () => {
    const before = await snapshot(ctx.repository);
    const res = await put('/api/plans/9999/2023', goodPlan);
    expect(res.statusCode).toBe(404);
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  // Existence before the version: a client that cannot know a version for a unit that does
  // not exist must be told it does not exist, not to send a version.
  it.each([
    ['an actual', '/api/actuals/9999/2023/1', { amount: 1 }],
    ['a plan', '/api/plans/9999/2023', { annualPlan: 1, quarterTargets: [null, null, null, null] }],
  ])(
    'gets 404 naming unitId for %s sent with no version and no If-Match',
    async (_l, url, body) => {
      const before = await snapshot(ctx.repository);
      const res = await put(url, body);
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found', field: 'unitId' });
      expect(await snapshot(ctx.repository)).toEqual(before);
    },
  );

  it('still gets 428 for a known unit sent with no version', async () => {
    const res = await put(`/api/actuals/${unitId}/2023/2`, { amount: 1 });
    expect(res.statusCode).toBe(428);
    expect(res.json()).toMatchObject({ field: 'version' });
  });
});
