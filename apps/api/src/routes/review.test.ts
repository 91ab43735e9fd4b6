import type { ReportRecord, Review } from '@targetline/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, buildTestApp, login, snapshot } from '../test/helpers';
import { postImport } from '../test/import-helpers';

// The quarterly review through the API, on the suite's engine (api: SQLite, api-pg:
// PostgreSQL): every transition, and every refusal writing nothing (the snapshot holds the
// figures, the audit trail, locks, rounds and reports).

let clock = new Date('2023-07-05T03:00:00.000Z');
let ctx: Awaited<ReturnType<typeof buildTestApp>>;
let unitIdOf: (code: string) => number;
const agents: Record<string, Agent> = {};

beforeEach(async () => {
  clock = new Date('2023-07-05T03:00:00.000Z');
  ctx = await buildTestApp({ now: () => clock, isClockShared: true });
  const units = await ctx.repository.listUnits();
  unitIdOf = (code) => {
    const found = units.find((u) => u.code === code);
    if (!found) throw new Error(`no unit ${code}`);
    return found.id;
  };
  for (const name of ['lead-tt-atm', 'planner', 'director', 'admin', 'viewer']) {
    agents[name] = await login(ctx.app, name);
  }
});
afterEach(async () => {
  await ctx.app.close();
});

const as = (who: string) => agents[who] as Agent;

async function call(who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) {
  const agent = as(who);
  return ctx.app.inject({
    method,
    url,
    headers: payload === undefined ? { cookie: agent.cookie } : agent.headers,
    ...(payload !== undefined && { payload: JSON.stringify(payload) }),
  });
}

const reportUrl = (code: string, quarter = 2) => `/api/reports/${unitIdOf(code)}/2023/${quarter}`;
const readReport = async (code: string) =>
  (await call('viewer', 'GET', reportUrl(code))).json<ReportRecord>();
const readReview = async (quarter: number) =>
  (await call('viewer', 'GET', `/api/reviews/2023/${quarter}`)).json<Review>();

/** TT-ATM's Q2 target is 5 bn: 4 bn is 80%, below the at-risk threshold of 85%. */
const draftOf = (current: ReportRecord, fields: Partial<Record<string, unknown>> = {}) => ({
  amount: 4_000_000_000,
  basis: 'estimate',
  results: 'Kiểm định 95 thiết bị',
  causes: '',
  difficulties: 'Địa bàn rộng',
  proposals: '',
  nextQuarterExpected: 6_000_000_000,
  version: current.version,
  actualVersion: current.actualVersion,
  ...fields,
});

/** The request answers `status` (and matches `body`) and changes nothing at all. */
async function expectRefused(
  request: () => ReturnType<typeof call>,
  status: number,
  body: Record<string, unknown>,
) {
  const before = await snapshot(ctx.repository);
  const res = await request();
  expect(res.statusCode, res.body).toBe(status);
  expect(res.json()).toMatchObject(body);
  expect(await snapshot(ctx.repository)).toEqual(before);
  return res;
}

describe('the demo organisation', () => {
  it('has its Q1/2023 round approved, one unit late, and Q2 open with a deadline', async () => {
    const q1 = await readReview(1);
    expect(q1).toMatchObject({ deadline: '2023-04-10', version: 1 });
    // The institute's own plan is allocated to its units: it does not report itself.
    expect(q1.units.map((u) => u.code)).toEqual([
      'CTY-PTCN',
      'P-KTHL',
      'P-KTLT',
      'P-MTB',
      'P-TK',
      'P-XDCTN',
      'TT-ATM',
      'TT-MT',
    ]);
    expect(new Set(q1.units.map((u) => u.state))).toEqual(new Set(['approved']));
    expect(q1.units.filter((u) => u.isLate).map((u) => u.code)).toEqual(['CTY-PTCN']);
    expect(q1.units[0]).toMatchObject({ basis: 'final', decidedBy: 'planner' });
    const report = (await call('viewer', 'GET', reportUrl('TT-ATM', 1))).json<ReportRecord>();
    expect(report.causes).toMatch(/^\(Minh họa\) /);
    const q2 = await readReview(2);
    expect(q2).toMatchObject({ deadline: '2023-07-10', version: 1 });
    expect(q2.units.every((u) => u.state === 'not_started' && !u.isLate)).toBe(true);
    expect(await readReview(3)).toMatchObject({ deadline: null, version: 0, updatedAt: null });
  });
});

describe('reporting rounds', () => {
  it('are opened and moved by directors, version-checked, and late after the day in Hanoi', async () => {
    const opened = await call('director', 'PUT', '/api/reviews/2023/3', {
      deadline: '2023-10-10',
      version: 0,
    });
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({ deadline: '2023-10-10', version: 1 });
    await expectRefused(
      () => call('director', 'PUT', '/api/reviews/2023/3', { deadline: '2023-10-11', version: 0 }),
      409,
      { error: 'conflict', field: 'version', current: { version: 1, deadline: '2023-10-10' } },
    );
    await expectRefused(
      () => call('planner', 'PUT', '/api/reviews/2023/3', { deadline: '2023-10-11', version: 1 }),
      403,
      { error: 'forbidden' },
    );
    await expectRefused(
      () => call('director', 'PUT', '/api/reviews/2023/3', { deadline: '2023-02-30', version: 1 }),
      400,
      { field: 'deadline' },
    );
    await expectRefused(
      () => call('director', 'PUT', '/api/reviews/2023/3', { deadline: '10/10/2023', version: 1 }),
      400,
      { field: 'deadline' },
    );
    const [audit] = await ctx.repository.listAudit({ limit: 1 });
    expect(audit).toMatchObject({ entity: 'review', actor: 'director', oldValue: null });

    // 23:59 in Hanoi on the deadline day is on time; a minute later every unsubmitted unit is late.
    clock = new Date('2023-10-10T16:59:00.000Z');
    agents.viewer = await login(ctx.app, 'viewer');
    expect((await readReview(3)).units.some((u) => u.isLate)).toBe(false);
    clock = new Date('2023-10-10T17:00:00.000Z');
    expect((await readReview(3)).units.every((u) => u.isLate)).toBe(true);
  });
});

describe('a report through the whole cycle', () => {
  it('saves, submits, is returned, resubmitted, approved and reopened, each audited', async () => {
    const empty = await readReport('TT-ATM');
    expect(empty).toMatchObject({
      state: 'not_started',
      amount: null,
      basis: null,
      results: '',
      causes: '',
      version: 0,
      actualVersion: 0,
    });

    const saved = await call('lead-tt-atm', 'PUT', reportUrl('TT-ATM'), draftOf(empty));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      state: 'draft',
      amount: 4_000_000_000,
      basis: 'estimate',
      version: 1,
      actualVersion: 1,
    });
    // The amount is the unit's actual, with its own audit row.
    const actual = await call('viewer', 'GET', `/api/actuals/${unitIdOf('TT-ATM')}/2023/2`);
    expect(actual.json()).toMatchObject({ amount: 4_000_000_000, basis: 'estimate', version: 1 });

    // 80% of the target, below the at-risk threshold: no submission without the causes.
    await expectRefused(
      () => call('lead-tt-atm', 'POST', `${reportUrl('TT-ATM')}/submit`, { version: 1 }),
      400,
      { error: 'causes_required', field: 'causes' },
    );
    const explained = await call(
      'lead-tt-atm',
      'PUT',
      reportUrl('TT-ATM'),
      draftOf(saved.json(), { causes: 'Hai hợp đồng kiểm định dời sang quý III' }),
    );
    expect(explained.json()).toMatchObject({ state: 'draft', version: 2, actualVersion: 1 });
    const submitted = await call('lead-tt-atm', 'POST', `${reportUrl('TT-ATM')}/submit`, {
      version: 2,
    });
    expect(submitted.json()).toMatchObject({ state: 'submitted', submittedBy: 'lead-tt-atm' });
    expect((await readReview(2)).units.find((u) => u.code === 'TT-ATM')).toMatchObject({
      state: 'submitted',
      basis: 'estimate',
      submittedBy: 'lead-tt-atm',
      isLate: false,
    });

    // Submitted: frozen for its lead.
    await expectRefused(
      () => call('lead-tt-atm', 'PUT', reportUrl('TT-ATM'), draftOf(submitted.json())),
      409,
      { error: 'state', field: 'state', current: { state: 'submitted' } },
    );

    const returned = await call('planner', 'POST', `${reportUrl('TT-ATM')}/return`, {
      version: 3,
      reason: 'Bổ sung số liệu hợp đồng tháng 6',
    });
    expect(returned.json()).toMatchObject({
      state: 'returned',
      decidedBy: 'planner',
      returnReason: 'Bổ sung số liệu hợp đồng tháng 6',
    });

    // Returned: editable again, and the lead corrects the figure.
    const fixed = await call(
      'lead-tt-atm',
      'PUT',
      reportUrl('TT-ATM'),
      draftOf(returned.json(), { amount: 4_600_000_000, causes: 'Hai hợp đồng dời sang quý III' }),
    );
    expect(fixed.json()).toMatchObject({ state: 'draft', amount: 4_600_000_000, actualVersion: 2 });
    await call('lead-tt-atm', 'POST', `${reportUrl('TT-ATM')}/submit`, { version: 5 });
    const approved = await call('director', 'POST', `${reportUrl('TT-ATM')}/approve`, {
      version: 6,
    });
    expect(approved.json()).toMatchObject({ state: 'approved', decidedBy: 'director' });
    await expectRefused(
      () => call('lead-tt-atm', 'POST', `${reportUrl('TT-ATM')}/submit`, { version: 7 }),
      409,
      { error: 'state' },
    );
    await expectRefused(
      () => call('planner', 'POST', `${reportUrl('TT-ATM')}/reopen`, { version: 7, reason: 'x' }),
      403,
      { error: 'forbidden' },
    );
    const reopened = await call('director', 'POST', `${reportUrl('TT-ATM')}/reopen`, {
      version: 7,
      reason: 'Đã có số chính thức',
    });
    expect(reopened.json()).toMatchObject({
      state: 'returned',
      returnReason: 'Đã có số chính thức',
    });

    const trail = await ctx.repository.listAudit({
      unitId: unitIdOf('TT-ATM'),
      year: 2023,
      quarter: 2,
      limit: 100,
    });
    const states = trail
      .filter((row) => row.entity === 'report')
      .map((row) => [
        (row.oldValue as ReportRecord | null)?.state ?? null,
        (row.newValue as ReportRecord).state,
        row.actor,
        row.comment,
      ]);
    expect(states).toEqual([
      ['approved', 'returned', 'director', 'Đã có số chính thức'],
      ['submitted', 'approved', 'director', null],
      ['draft', 'submitted', 'lead-tt-atm', null],
      ['returned', 'draft', 'lead-tt-atm', null],
      ['submitted', 'returned', 'planner', 'Bổ sung số liệu hợp đồng tháng 6'],
      ['draft', 'submitted', 'lead-tt-atm', null],
      ['draft', 'draft', 'lead-tt-atm', null],
      [null, 'draft', 'lead-tt-atm', null],
    ]);
    // Two figures written (4 bn, then 4.6 bn), each with its audit row, as PUT /actuals writes.
    expect(trail.filter((row) => row.entity === 'actual')).toHaveLength(2);
  });

  it('keeps the estimate when a final figure replaces it', async () => {
    const empty = await readReport('TT-ATM');
    await call(
      'lead-tt-atm',
      'PUT',
      reportUrl('TT-ATM'),
      draftOf(empty, { amount: 5_000_000_000 }),
    );
    const final = await call('lead-tt-atm', 'PUT', `/api/actuals/${unitIdOf('TT-ATM')}/2023/2`, {
      amount: 5_200_000_000,
      basis: 'final',
      version: 1,
    });
    expect(final.json()).toMatchObject({
      amount: 5_200_000_000,
      basis: 'final',
      estimateAmount: 5_000_000_000,
    });
    expect(await readReport('TT-ATM')).toMatchObject({
      amount: 5_200_000_000,
      basis: 'final',
      estimateAmount: 5_000_000_000,
      actualVersion: 2,
    });
    const [row] = await ctx.repository.listAudit({ entity: 'actual', limit: 1 });
    expect(row?.oldValue).toMatchObject({ basis: 'estimate', amount: 5_000_000_000 });
    expect(row?.newValue).toMatchObject({ basis: 'final', amount: 5_200_000_000 });
  });
});

describe('refusals write nothing', () => {
  /** TT-ATM's Q2 report, brought to `state` by its lead and the planner. */
  async function reportIn(state: 'draft' | 'submitted') {
    const empty = await readReport('TT-ATM');
    const draft = await call(
      'lead-tt-atm',
      'PUT',
      reportUrl('TT-ATM'),
      draftOf(empty, { causes: 'Hợp đồng dời quý' }),
    );
    if (state === 'draft') return draft.json<ReportRecord>();
    const submitted = await call('lead-tt-atm', 'POST', `${reportUrl('TT-ATM')}/submit`, {
      version: draft.json<ReportRecord>().version,
    });
    return submitted.json<ReportRecord>();
  }

  it('refuses the roles that may not, and a lead on another unit', async () => {
    const draft = await reportIn('draft');
    await expectRefused(() => call('viewer', 'PUT', reportUrl('TT-ATM'), draftOf(draft)), 403, {
      error: 'forbidden',
    });
    await expectRefused(() => call('planner', 'PUT', reportUrl('TT-ATM'), draftOf(draft)), 403, {
      error: 'forbidden',
    });
    await expectRefused(
      () => call('director', 'POST', `${reportUrl('TT-ATM')}/submit`, { version: 1 }),
      403,
      { error: 'forbidden' },
    );
    const other = await readReport('CTY-PTCN');
    await expectRefused(
      () => call('lead-tt-atm', 'PUT', reportUrl('CTY-PTCN'), draftOf(other)),
      403,
      { error: 'forbidden' },
    );
    await expectRefused(
      () => call('lead-tt-atm', 'POST', `${reportUrl('TT-ATM')}/approve`, { version: 1 }),
      403,
      { error: 'forbidden' },
    );
    await expectRefused(
      () => call('viewer', 'POST', `${reportUrl('TT-ATM')}/return`, { version: 1, reason: 'x' }),
      403,
      { error: 'forbidden' },
    );
  });

  it('refuses a stale version with the current report', async () => {
    const draft = await reportIn('draft');
    await expectRefused(
      () => call('lead-tt-atm', 'PUT', reportUrl('TT-ATM'), draftOf(draft, { version: 0 })),
      409,
      { error: 'conflict', field: 'version', current: { version: 1, state: 'draft' } },
    );
    await expectRefused(
      () => call('lead-tt-atm', 'PUT', reportUrl('TT-ATM'), draftOf(draft, { actualVersion: 0 })),
      409,
      { error: 'conflict', field: 'actualVersion', current: { actualVersion: 1 } },
    );
    await expectRefused(
      () => call('lead-tt-atm', 'POST', `${reportUrl('TT-ATM')}/submit`, { version: 0 }),
      409,
      { error: 'conflict', field: 'version' },
    );
  });

  it('refuses a move the state does not allow', async () => {
    await expectRefused(
      () => call('planner', 'POST', `${reportUrl('TT-ATM')}/approve`, { version: 0 }),
      409,
      { error: 'state' },
    );
    const draft = await reportIn('draft');
    for (const [path, who] of [
      ['approve', 'planner'],
      ['return', 'director'],
      ['reopen', 'director'],
    ] as const) {
      await expectRefused(
        () =>
          call(who, 'POST', `${reportUrl('TT-ATM')}/${path}`, {
            version: draft.version,
            ...(path !== 'approve' && { reason: 'Lý do' }),
          }),
        409,
        { error: 'state', field: 'state', current: { state: 'draft' } },
      );
    }
  });

  it('refuses everything in a locked quarter with 423', async () => {
    const submitted = await reportIn('submitted');
    const other = await readReport('TT-MT');
    await ctx.repository.lockQuarter({ year: 2023, quarter: 2, actor: 'director' });
    await expectRefused(
      () => call('planner', 'POST', `${reportUrl('TT-ATM')}/approve`, { version: 2 }),
      423,
      { error: 'locked', lock: { year: 2023, quarter: 2 } },
    );
    await expectRefused(() => call('admin', 'PUT', reportUrl('TT-MT'), draftOf(other)), 423, {
      error: 'locked',
    });
    expect(submitted.state).toBe('submitted');
  });

  it('freezes the figure of a submitted report for PUT /actuals too', async () => {
    const submitted = await reportIn('submitted');
    await expectRefused(
      () =>
        call('lead-tt-atm', 'PUT', `/api/actuals/${unitIdOf('TT-ATM')}/2023/2`, {
          amount: 9,
          version: submitted.actualVersion,
        }),
      409,
      { error: 'state', field: 'amount' },
    );
  });

  it('refuses to import a figure whose report is under review', async () => {
    await reportIn('submitted');
    const dry = await postImport(ctx.app, as('admin').headers, {
      mode: 'dry-run',
      content: 'unit_code,year,quarter,type,amount\r\nTT-ATM,2023,2,actual,9 tỷ\r\n',
    });
    expect(dry.json().issues).toEqual([
      {
        row: 2,
        column: 'amount',
        reason:
          'báo cáo Quý II/2023 của TT-ATM đã nộp và đang được xem xét: số liệu chỉ thay đổi được khi báo cáo được trả lại',
      },
    ]);
  });

  it('names the missing reason, and refuses a blank one', async () => {
    await reportIn('submitted');
    for (const payload of [
      { version: 2 },
      { version: 2, reason: '' },
      { version: 2, reason: '  ' },
    ]) {
      await expectRefused(
        () => call('planner', 'POST', `${reportUrl('TT-ATM')}/return`, payload),
        400,
        { field: 'reason' },
      );
    }
  });

  it('validates bodies without coercion and refuses unknown fields and units', async () => {
    const empty = await readReport('TT-ATM');
    await expectRefused(
      () => call('lead-tt-atm', 'PUT', reportUrl('TT-ATM'), draftOf(empty, { amount: '25 tỷ' })),
      400,
      { field: 'amount' },
    );
    await expectRefused(
      () => call('lead-tt-atm', 'PUT', reportUrl('TT-ATM'), draftOf(empty, { amount: 1.5 })),
      400,
      { field: 'amount' },
    );
    await expectRefused(
      () => call('lead-tt-atm', 'PUT', reportUrl('TT-ATM'), draftOf(empty, { state: 'approved' })),
      400,
      { field: 'state' },
    );
    await expectRefused(
      () => call('admin', 'PUT', '/api/reports/999/2023/2', draftOf(empty)),
      404,
      { field: 'unitId' },
    );
    expect((await call('viewer', 'GET', '/api/reports/999/2023/2')).statusCode).toBe(404);
  });

  it('keeps free text as typed: markup is data, not markup', async () => {
    const empty = await readReport('TT-ATM');
    const text = '<script>alert(1)</script> & "quotes"';
    const res = await call(
      'lead-tt-atm',
      'PUT',
      reportUrl('TT-ATM'),
      draftOf(empty, { results: text }),
    );
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect((await readReport('TT-ATM')).results).toBe(text);
  });
});
