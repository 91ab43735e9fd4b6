import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteRepository } from '@targetline/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, buildTestApp, login } from '../test/helpers';

let ctx: Awaited<ReturnType<typeof buildTestApp>>;
let director: Agent;
beforeEach(async () => {
  ctx = await buildTestApp();
  director = await login(ctx.app, 'director');
});
afterEach(async () => {
  await ctx.app.close();
});
const get = (url: string) =>
  ctx.app.inject({ method: 'GET', url, headers: { cookie: director.cookie } });

describe('GET /api/summary analysis', () => {
  it('shows the 2023 institute behind pace after Q1, needing 55.7 bn a quarter', async () => {
    const body = (await get('/api/summary?year=2023')).json();
    expect(body.selectedQuarter).toBe(1);
    expect(body.thresholds).toEqual({ onTrack: 1, atRisk: 0.85 });
    const root = body.units[0];
    expect(root.analysis).toMatchObject({
      asOfQuarter: 1,
      ytdActual: 13_000_000_000,
      expectedToDate: 20_000_000_000,
      status: 'behind',
      stillNeeded: 167_000_000_000,
      neededPerQuarter: 55_666_666_667,
      runRateForecast: 52_000_000_000,
    });
    expect(root.analysis.pace).toBeCloseTo(0.65, 10);
    expect(root).toMatchObject({ originalPlan: 180_000_000_000, unallocated: 0 });
    // The foundation's fields are still there.
    expect(root).toMatchObject({ annualPlan: 180_000_000_000, ytdActual: 13_000_000_000 });
  });

  it('computes as of the quarter asked for, naming the units that have not reported it', async () => {
    const body = (await get('/api/summary?year=2023&asOf=2')).json();
    expect(body.selectedQuarter).toBe(2);
    const root = body.units[0];
    expect(root.analysis.expectedToDate).toBe(50_000_000_000);
    // Nobody has reported Q2: counting that as zero would ask 83.5 bn a quarter.
    const departments = body.units.filter((u: { depth: number }) => u.depth === 1);
    expect(root.analysis).toMatchObject({
      neededPerQuarter: null,
      pace: null,
      unavailableReason: 'partly_reported',
      partialQuarters: [2],
      missingUnitIds: departments.map((u: { unitId: number }) => u.unitId),
    });
    expect(root.quarters[1]).toMatchObject({ expectedUnits: 8, reportedUnits: 0 });
  });

  it('moves the default as-of to Q2 when its round is complete: every unit submitted, not just every figure in', async () => {
    const admin = await login(ctx.app, 'admin');
    const first = (await get('/api/summary?year=2023')).json();
    const reporting = first.units
      .filter((u: { depth: number }) => u.depth === 1)
      .map((u: { unitId: number }) => u.unitId);
    expect(first.reporting[1].expectedUnits).toBe(reporting.length);
    const versions = new Map<number, number>();
    for (const unitId of reporting) {
      const saved = await ctx.app.inject({
        method: 'PUT',
        url: `/api/reports/${unitId}/2023/2`,
        headers: admin.headers,
        payload: {
          amount: 4_000_000_000,
          basis: 'estimate',
          results: 'Đã thực hiện',
          causes: 'Chậm nghiệm thu',
          difficulties: '',
          proposals: '',
          nextQuarterExpected: null,
          version: 0,
          actualVersion: 0,
        },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      versions.set(unitId, saved.json().version);
    }
    // Every figure is in, as drafts: the round is not complete, so Q1 stays the default.
    const drafts = (await get('/api/summary?year=2023')).json();
    expect(drafts).toMatchObject({ asOfQuarter: 1, asOfRule: 'round_complete' });
    expect(drafts.reporting[1]).toMatchObject({
      reportedUnits: reporting.length,
      isEstimate: true,
    });

    for (const [index, unitId] of reporting.entries()) {
      const submitted = await ctx.app.inject({
        method: 'POST',
        url: `/api/reports/${unitId}/2023/2/submit`,
        headers: admin.headers,
        payload: { version: versions.get(unitId) },
      });
      expect(submitted.statusCode, submitted.body).toBe(200);
      const now = (await get('/api/summary?year=2023')).json();
      // Only the last submission completes the round.
      expect(now.asOfQuarter).toBe(index === reporting.length - 1 ? 2 : 1);
    }
    const complete = (await get('/api/summary?year=2023')).json();
    expect(complete).toMatchObject({
      asOfQuarter: 2,
      asOfRule: 'round_complete',
      selectedQuarter: 2,
    });
    expect(complete.units[0].analysis).toMatchObject({ unavailableReason: null, isEstimate: true });
  });

  it('keeps the default as-of on Q1 when one centre enters Q2 early, and lists who is missing in Q2', async () => {
    const units = await ctx.repository.listUnits();
    const centre = units.find((u) => u.code === 'TT-ATM');
    if (!centre) throw new Error('no TT-ATM');
    const lead = await login(ctx.app, 'lead-tt-atm');
    const saved = await ctx.app.inject({
      method: 'PUT',
      url: `/api/actuals/${centre.id}/2023/2`,
      headers: lead.headers,
      payload: { amount: 4_000_000_000, version: 0 },
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const body = (await get('/api/summary?year=2023')).json();
    // The demo's Q1 round is approved: Q1 is the latest complete round.
    expect(body).toMatchObject({ asOfQuarter: 1, asOfRule: 'round_complete', selectedQuarter: 1 });
    const root = body.units[0];
    expect(root.analysis).toMatchObject({
      neededPerQuarter: 55_666_666_667,
      runRateForecast: 52_000_000_000,
      unavailableReason: null,
    });
    expect(root.analysis.pace).toBeCloseTo(0.65, 10);
    // As of Q1 the institute has 13 bn of 180; the early 4 bn shows in Q2 and in the total.
    expect(root.analysis).toMatchObject({ ytdActual: 13_000_000_000 });
    expect(root.analysis.achieved).toBeCloseTo(13 / 180, 10);
    expect(root.ytdActual).toBe(17_000_000_000);
    const others = body.units
      .filter((u: { depth: number; code: string }) => u.depth === 1 && u.code !== 'TT-ATM')
      .map((u: { unitId: number }) => u.unitId);
    expect(body.reporting[1]).toEqual({
      quarter: 2,
      expectedUnits: 8,
      reportedUnits: 1,
      missingUnitIds: others,
      isEstimate: false,
    });

    const asOf2 = (await get('/api/summary?year=2023&asOf=2')).json();
    expect(asOf2.units[0].analysis).toMatchObject({
      pace: null,
      status: null,
      neededPerQuarter: null,
      runRateForecast: null,
      targetProfileForecast: null,
      unavailableReason: 'partly_reported',
      missingUnitIds: others,
      // What is in, marked partial: 13 bn of Q1 and the centre's 4 bn.
      ytdActual: 17_000_000_000,
    });
    expect(asOf2.units[0].quarters[1]).toMatchObject({
      actual: 4_000_000_000,
      expectedUnits: 8,
      reportedUnits: 1,
      missingUnitIds: others,
    });
    // The centre itself has reported both quarters and is measured in full.
    const own = asOf2.units.find((u: { code: string }) => u.code === 'TT-ATM');
    expect(own.analysis).toMatchObject({ unavailableReason: null, ytdActual: 6_413_000_000 });
    expect(own.analysis.pace).toBeCloseTo(6_413 / 8_300, 10);
  });

  it('uses the thresholds the director sets', async () => {
    const res = await ctx.app.inject({
      method: 'PUT',
      url: '/api/settings/pace',
      headers: director.headers,
      payload: { onTrack: 0.6, atRisk: 0.5, version: 0 },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await get('/api/summary?year=2023')).json().units[0].analysis.status).toBe('on_track');
    const stale = await ctx.app.inject({
      method: 'PUT',
      url: '/api/settings/pace',
      headers: director.headers,
      payload: { onTrack: 1, atRisk: 0.9, version: 0 },
    });
    expect(stale.statusCode).toBe(409);
    const inverted = await ctx.app.inject({
      method: 'PUT',
      url: '/api/settings/pace',
      headers: director.headers,
      payload: { onTrack: 0.5, atRisk: 0.9, version: 1 },
    });
    expect(inverted.json()).toMatchObject({ field: 'atRisk' });
  });

  it('keeps the original plan beside a revision', async () => {
    const units = await ctx.repository.listUnits();
    const unitId = units.find((u) => u.code === 'TT-ATM')?.id;
    await ctx.app.inject({
      method: 'PUT',
      url: `/api/plans/${unitId}/2023`,
      headers: director.headers,
      payload: {
        annualPlan: 24_000_000_000,
        quarterTargets: [3_300_000_000, 5_000_000_000, null, null],
        version: 1,
        comment: 'contract 7/2023 cancelled',
      },
    });
    const unit = (await get('/api/summary?year=2023'))
      .json()
      .units.find((u: { code: string }) => u.code === 'TT-ATM');
    expect(unit).toMatchObject({ annualPlan: 24_000_000_000, originalPlan: 30_000_000_000 });
    expect(unit.achievedVsOriginal).toBeCloseTo(2_413 / 30_000, 10);
    const root = (await get('/api/summary?year=2023')).json().units[0];
    expect(root.unallocated).toBe(6_000_000_000);
  });
});

describe('GET /api/summary forecasts', () => {
  it('learns the seasons and the backtest from the earlier years there are', async () => {
    // TT-ATM (id 7) brought 2 + 4 + 6 + 8 = 20 bn in each of 2021 and 2022: shares .1 .2 .3 .4
    // (over the demo's illustrative figures for those years).
    for (const year of [2021, 2022]) {
      for (const [i, bn] of [2, 4, 6, 8].entries()) {
        await ctx.repository.saveActual({
          unitId: 7,
          year,
          quarter: (i + 1) as 1 | 2 | 3 | 4,
          amount: bn * 1_000_000_000,
          actor: 'x',
        });
      }
    }
    const units = (await get('/api/summary?year=2023')).json().units as Array<{
      unitId: number;
      forecasts: {
        seasonal: number | null;
        shares: number[] | null;
        assumptions: Record<string, unknown>;
        backtest: Record<string, number | null>;
        best: string | null;
      };
    }>;
    const centre = units.find((unit) => unit.unitId === 7);
    expect(centre?.forecasts).toMatchObject({
      // Q1/2023: 2,413,000,000 ÷ .1 = 24,130,000,000.
      seasonal: 24_130_000_000,
      assumptions: {
        runRate: { method: 'run_rate', quarters: 1 },
        seasonal: { method: 'seasonal', years: [2021, 2022] },
      },
      // On 2022 with 2021's shares the seasonal forecast is exact; the run-rate is off by
      // .6, .4 and .2 (8, 12, 16 bn against 20) in both years.
      backtest: { seasonal: 0 },
      best: 'seasonal',
    });
    expect(centre?.forecasts.backtest.run_rate).toBeCloseTo(0.4, 12);
    expect(centre?.forecasts.shares?.[3]).toBeCloseTo(0.4, 12);
  });

  it('has no seasons where there is no earlier year', async () => {
    // 2021 is the demo's first year.
    const first = (await get('/api/summary?year=2021')).json().units[0];
    expect(first.forecasts).toMatchObject({ seasonal: null, shares: null, best: null });
    // The demo sets targets for Q1 and Q2 of 2023 only: Q3 and Q4 are taken as a quarter of
    // the plan.
    const root = (await get('/api/summary?year=2023')).json().units[0];
    expect(root.forecasts.assumptions.targetProfile).toEqual({
      method: 'target_profile',
      quartersAtTarget: [2],
      quartersAtPlanShare: [3, 4],
    });
  });
});

describe('GET /api/units/{id}/history', () => {
  it("gives a unit's figures in every year", async () => {
    // 2020 is before the demo's history (2021, 2022): a year with an actual and no plan.
    await ctx.repository.saveActual({
      unitId: 7,
      year: 2020,
      quarter: 1,
      amount: 2_000_000_000,
      actor: 'x',
    });
    const body = (await get('/api/units/7/history')).json();
    expect(body.map((y: { year: number }) => y.year)).toEqual([2020, 2021, 2022, 2023]);
    expect(body[0]).toMatchObject({ year: 2020, annualPlan: null, ytdActual: 2_000_000_000 });
    expect(body[1].quarters).toHaveLength(4);
  });

  it('answers 404 for an unknown unit', async () => {
    expect((await get('/api/units/999/history')).statusCode).toBe(404);
  });
});

describe('the summary cache', () => {
  it('answers 304 to the same version and changes after every write', async () => {
    const first = await get('/api/summary?year=2023');
    const etag = first.headers.etag as string;
    const again = await ctx.app.inject({
      method: 'GET',
      url: '/api/summary?year=2023',
      headers: { cookie: director.cookie, 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    await ctx.repository.saveActual({
      unitId: 7,
      year: 2023,
      quarter: 2,
      amount: 1_000,
      actor: 'x',
    });
    const after = await get('/api/summary?year=2023');
    expect(after.headers.etag).not.toBe(etag);
    expect(after.json().units[0].quarters[1].actual).toBe(1_000);
  });

  it('sees a write made by another process on the same database file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'targetline-cache-'));
    const path = join(dir, 'shared.db');
    const a = createSqliteRepository({ path });
    const b = createSqliteRepository({ path });
    await a.seedIfEmpty({
      units: [{ code: 'R', name: 'R', kind: 'institute', parentCode: null }],
      plans: [],
      actuals: [],
    });
    const before = await a.dataVersion();
    await b.saveActual({ unitId: 1, year: 2023, quarter: 1, amount: 5, actor: 'x' });
    expect(await a.dataVersion()).not.toBe(before);
    await a.close();
    await b.close();
    await rm(dir, { recursive: true });
  });
});
