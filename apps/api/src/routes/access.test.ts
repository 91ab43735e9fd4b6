import { type Action, isAllowed, type User } from '@targetline/core';
import type { UnitRecord } from '@targetline/db';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, buildTestApp, login, snapshot, type TestApp } from '../test/helpers';
import { importApply, postImport } from '../test/import-helpers';

// Every route of the table against every role, with what each may do taken from core's
// rules (`isAllowed`), never restated here. A route that is not in EXPECTED fails the first
// test: a new route cannot ship without saying who may use it.

type Ctx = Awaited<ReturnType<typeof buildTestApp>>;

/** The roles of the institute; the unit lead leads TT-ATM, which gets a sub-unit below. */
const ACTORS = ['viewer', 'lead-tt-atm', 'planner', 'director', 'admin'] as const;
type Actor = (typeof ACTORS)[number];

/** Units a unit-scoped request is aimed at, seen from the lead of TT-ATM. */
const TARGETS = {
  'own unit': 'TT-ATM',
  'sub-unit of own': 'TT-ATM-KD',
  'other unit': 'CTY-PTCN',
  'parent unit': 'VIMSAT',
} as const;
type Target = keyof typeof TARGETS;

type Request = {
  method: string;
  url: string;
  payload?: object;
  /** Rows of the import template after its header, sent as a CSV upload. */
  csv?: string;
};

type Env = {
  ctx: Ctx;
  unitId: (code: string) => number;
  /** The version a client would send back for an actual (0 when there is none yet). */
  actualVersion: (unitCode: string, year: number, quarter: number) => Promise<number>;
  planVersion: (unitCode: string, year: number) => Promise<number>;
};

type Case = {
  /** What the request asks to do, in core's terms. */
  actions: (target: Target) => Action[];
  /** Unit-scoped routes are tried against each of TARGETS; others once. */
  isUnitScoped?: boolean;
  /** `actor`: who sends it, for a request on what is their own (a notification). */
  request: (env: Env, target: Target, actor: Actor) => Request | Promise<Request>;
  setUp?: (env: Env, target: Target) => Promise<void>;
};

const read: Case['actions'] = () => [{ kind: 'read' }];
const get =
  (url: string | ((env: Env, target: Target) => string)): Case['request'] =>
  (env, target) => ({ method: 'GET', url: typeof url === 'string' ? url : url(env, target) });

/** A move of the 2023/Q2 report of a target unit, with the version it has now. */
const reportMove =
  (path: 'submit' | 'approve' | 'return' | 'reopen', reason?: string): Case['request'] =>
  async (env, t) => {
    const unitId = env.unitId(TARGETS[t]);
    const { version } = await env.ctx.repository.getReport({ unitId, year: 2023, quarter: 2 });
    return {
      method: 'POST',
      url: `/api/reports/${unitId}/2023/2/${path}`,
      payload: { version, ...(reason !== undefined && { reason }) },
    };
  };

/** A move of the latest direction, with the version it has now. */
const directionMove =
  (status: 'done' | 'in_progress' | 'carried_over'): Case['request'] =>
  async (env) => {
    const all = await env.ctx.repository.listDirections({});
    const latest = all[all.length - 1];
    return {
      method: 'PATCH',
      url: `/api/directions/${latest?.id ?? 0}`,
      payload: { status, progressNote: 'Đã thực hiện', version: latest?.version ?? 0 },
    };
  };

/** Who may use each route, and a request that succeeds when they may. */
const EXPECTED: Record<string, Case[]> = {
  'GET /api/units': [{ actions: read, request: get('/api/units') }],
  'GET /api/years': [{ actions: read, request: get('/api/years') }],
  'GET /api/summary': [{ actions: read, request: get('/api/summary?year=2023&asOf=1') }],
  'GET /api/entries': [{ actions: read, request: get('/api/entries?year=2023') }],
  'GET /api/units/:id/history': [
    {
      actions: read,
      isUnitScoped: true,
      request: get((env, t) => `/api/units/${env.unitId(TARGETS[t])}/history`),
    },
  ],
  'GET /api/session': [{ actions: read, request: get('/api/session') }],
  'DELETE /api/session': [
    {
      actions: () => [{ kind: 'endOwnSession' }],
      request: () => ({ method: 'DELETE', url: '/api/session' }),
    },
  ],
  'GET /api/actuals': [{ actions: read, request: get('/api/actuals?year=2023') }],
  'GET /api/plans': [{ actions: read, request: get('/api/plans?year=2023') }],
  'GET /api/actuals/:unitId/:year/:quarter': [
    { actions: read, request: get((env) => `/api/actuals/${env.unitId('TT-ATM')}/2023/1`) },
  ],
  'GET /api/plans/:unitId/:year': [
    { actions: read, request: get((env) => `/api/plans/${env.unitId('TT-ATM')}/2023`) },
  ],
  'PUT /api/plans/:unitId/:year': [
    {
      actions: () => [{ kind: 'writePlan' }],
      isUnitScoped: true,
      request: async (env, t) => ({
        method: 'PUT',
        url: `/api/plans/${env.unitId(TARGETS[t])}/2023`,
        payload: {
          annualPlan: 31_000_000_000,
          quarterTargets: [null, 5_000_000_000, null, null],
          version: await env.planVersion(TARGETS[t], 2023),
        },
      }),
    },
  ],
  'PUT /api/actuals/:unitId/:year/:quarter': [
    {
      actions: (t) => [{ kind: 'writeActual', unitId: unitIdByTarget(t) }],
      isUnitScoped: true,
      request: async (env, t) => ({
        method: 'PUT',
        url: `/api/actuals/${env.unitId(TARGETS[t])}/2023/2`,
        payload: {
          amount: 1_000_000,
          version: await env.actualVersion(TARGETS[t], 2023, 2),
          comment: 'hợp đồng nghiệm thu',
        },
      }),
    },
  ],
  'GET /api/locks': [{ actions: read, request: get('/api/locks') }],
  'POST /api/locks': [
    {
      actions: () => [{ kind: 'lockQuarter' }],
      request: () => ({ method: 'POST', url: '/api/locks', payload: { year: 2023, quarter: 1 } }),
    },
  ],
  'DELETE /api/locks/:year/:quarter': [
    {
      actions: () => [{ kind: 'lockQuarter' }],
      setUp: async ({ ctx }) => {
        await ctx.repository.lockQuarter({ year: 2023, quarter: 4, actor: 'director' });
      },
      request: () => ({
        method: 'DELETE',
        url: '/api/locks/2023/4',
        payload: { reason: 'reopened for a late invoice' },
      }),
    },
  ],
  'GET /api/audit': [
    // The organisation-wide change log.
    { actions: () => [{ kind: 'viewChangeLog' }], request: get('/api/audit?limit=5') },
    { actions: () => [{ kind: 'viewChangeLog' }], request: get('/api/audit?entity=actual') },
    // The history of one unit's figures, read where one works with them.
    {
      actions: read,
      isUnitScoped: true,
      request: get((env, t) => `/api/audit?unitId=${env.unitId(TARGETS[t])}&year=2023&quarter=1`),
    },
  ],
  'GET /api/users': [{ actions: () => [{ kind: 'manageUsers' }], request: get('/api/users') }],
  'POST /api/users': [
    {
      actions: () => [{ kind: 'manageUsers' }],
      request: (env) => ({
        method: 'POST',
        url: '/api/users',
        payload: {
          username: 'new-lead',
          displayName: 'Trưởng phòng mới',
          role: 'unit_lead',
          unitIds: [env.unitId('P-TK')],
          password: 'long enough password',
        },
      }),
    },
  ],
  'PATCH /api/users/:id': [
    {
      actions: () => [{ kind: 'manageUsers' }],
      request: () => ({
        method: 'PATCH',
        url: '/api/users/3',
        payload: { version: 1, displayName: 'Người xem (đổi tên)' },
      }),
    },
  ],
  'POST /api/units': [
    {
      actions: () => [{ kind: 'manageUnits' }],
      request: (env) => ({
        method: 'POST',
        url: '/api/units',
        payload: {
          code: 'P-DC',
          name: 'Phòng Địa chất',
          kind: 'department',
          parentId: env.unitId('VIMSAT'),
        },
      }),
    },
  ],
  'PATCH /api/units/:id': [
    {
      actions: () => [{ kind: 'manageUnits' }],
      request: (env) => ({
        method: 'PATCH',
        url: `/api/units/${env.unitId('TT-MT')}`,
        payload: { version: 1, name: 'Trung tâm Môi trường & Địa chất Mỏ' },
      }),
    },
  ],
  'GET /api/export/summary.xlsx': [
    { actions: read, request: get('/api/export/summary.xlsx?year=2023') },
  ],
  'GET /api/export/summary.csv': [
    { actions: read, request: get('/api/export/summary.csv?year=2023') },
  ],
  'GET /api/export/entries.csv': [
    { actions: read, request: get('/api/export/entries.csv?year=2023') },
  ],
  'GET /api/export/deck.pptx': [
    { actions: read, request: get('/api/export/deck.pptx?year=2023&quarter=1') },
  ],
  'GET /api/export/review.docx': [
    { actions: read, request: get('/api/export/review.docx?year=2023&quarter=1') },
  ],
  'GET /api/import/template.csv': [{ actions: read, request: get('/api/import/template.csv') }],
  'POST /api/import': [
    {
      // A quarter's actual for each target unit.
      actions: (t) => [{ kind: 'import' }, { kind: 'writeActual', unitId: unitIdByTarget(t) }],
      isUnitScoped: true,
      request: (_env, t) => ({
        method: 'POST',
        url: '/api/import?mode=apply',
        csv: `${TARGETS[t]},2023,2,actual,25 tỷ`,
      }),
    },
    {
      actions: () => [{ kind: 'import' }, { kind: 'writePlan' }],
      request: () => ({
        method: 'POST',
        url: '/api/import?mode=apply',
        csv: 'TT-ATM,2023,,plan,31 tỷ',
      }),
    },
    {
      actions: () => [{ kind: 'import' }],
      request: () => ({
        method: 'POST',
        url: '/api/import?mode=dry-run',
        csv: 'TT-ATM,2023,2,actual,25 tỷ',
      }),
    },
  ],
  'GET /api/settings/pace': [{ actions: read, request: get('/api/settings/pace') }],
  'GET /api/settings/reminders': [{ actions: read, request: get('/api/settings/reminders') }],
  'PUT /api/settings/reminders': [
    {
      actions: () => [{ kind: 'setThresholds' }],
      request: () => ({
        method: 'PUT',
        url: '/api/settings/reminders',
        payload: { daysBefore: 5, version: 0 },
      }),
    },
  ],
  'GET /api/notifications': [
    { actions: () => [{ kind: 'ownNotifications' }], request: get('/api/notifications') },
  ],
  'POST /api/notifications/:id/read': [
    {
      actions: () => [{ kind: 'ownNotifications' }],
      // Each user has a reminder of their own to mark.
      setUp: async (env) => {
        const repository = env.ctx.repository;
        const claims = (await repository.listUsers()).map((u) => ({
          year: 2023,
          quarter: 2 as const,
          unitId: env.unitId('TT-ATM'),
          userId: u.id,
          kind: 'due' as const,
          day: '2023-07-10',
          deadline: '2023-07-10',
        }));
        await repository.claimReminders(claims);
      },
      request: async (env, _t, actor) => {
        const [mine] = await env.ctx.repository.listNotifications(users[actor].id, 1);
        return { method: 'POST', url: `/api/notifications/${mine?.id ?? 0}/read` };
      },
    },
  ],
  'GET /api/reviews/:year/:quarter': [{ actions: read, request: get('/api/reviews/2023/2') }],
  'PUT /api/reviews/:year/:quarter': [
    {
      actions: () => [{ kind: 'openRound' }],
      request: async (env) => ({
        method: 'PUT',
        url: '/api/reviews/2023/3',
        payload: {
          deadline: '2023-10-10',
          version: (await env.ctx.repository.getRound(2023, 3))?.version ?? 0,
        },
      }),
    },
  ],
  'GET /api/reports/:unitId/:year/:quarter': [
    {
      actions: read,
      isUnitScoped: true,
      request: get((env, t) => `/api/reports/${env.unitId(TARGETS[t])}/2023/2`),
    },
  ],
  'PUT /api/reports/:unitId/:year/:quarter': [
    {
      actions: (t) => [{ kind: 'writeReport', unitId: unitIdByTarget(t) }],
      isUnitScoped: true,
      request: async (env, t) => {
        const unitId = env.unitId(TARGETS[t]);
        const current = await env.ctx.repository.getReport({ unitId, year: 2023, quarter: 2 });
        return {
          method: 'PUT',
          url: `/api/reports/${unitId}/2023/2`,
          payload: {
            amount: 25_000_000_000,
            basis: 'estimate',
            results: 'Hoàn thành kiểm định 12 thiết bị',
            causes: 'Hai hợp đồng chậm nghiệm thu',
            difficulties: '',
            proposals: '',
            nextQuarterExpected: 30_000_000_000,
            version: current.version,
            actualVersion: current.actualVersion,
          },
        };
      },
    },
  ],
  'POST /api/reports/:unitId/:year/:quarter/submit': [
    {
      actions: (t) => [{ kind: 'writeReport', unitId: unitIdByTarget(t) }],
      isUnitScoped: true,
      setUp: (env, t) => reportIn(env, t, 'draft'),
      request: reportMove('submit'),
    },
  ],
  'POST /api/reports/:unitId/:year/:quarter/approve': [
    {
      actions: () => [{ kind: 'reviewReport' }],
      isUnitScoped: true,
      setUp: (env, t) => reportIn(env, t, 'submitted'),
      request: reportMove('approve'),
    },
  ],
  'POST /api/reports/:unitId/:year/:quarter/return': [
    {
      actions: () => [{ kind: 'reviewReport' }],
      isUnitScoped: true,
      setUp: (env, t) => reportIn(env, t, 'submitted'),
      request: reportMove('return', 'Thiếu số liệu tháng 6'),
    },
  ],
  'POST /api/reports/:unitId/:year/:quarter/reopen': [
    {
      actions: () => [{ kind: 'reopenReport' }],
      isUnitScoped: true,
      setUp: (env, t) => reportIn(env, t, 'approved'),
      request: reportMove('reopen', 'Số chính thức khác số ước'),
    },
  ],
  'GET /api/directions': [
    { actions: read, request: get('/api/directions?year=2023&quarter=2') },
    {
      actions: read,
      isUnitScoped: true,
      request: get(
        (env, t) => `/api/directions?unitId=${env.unitId(TARGETS[t])}&dueYear=2023&dueQuarter=3`,
      ),
    },
  ],
  'POST /api/directions': [
    {
      actions: () => [{ kind: 'recordDirection' }],
      isUnitScoped: true,
      request: (env, t) => ({
        method: 'POST',
        url: '/api/directions',
        payload: {
          unitId: env.unitId(TARGETS[t]),
          year: 2023,
          quarter: 2,
          text: 'Doanh thu Quý III phấn đấu đạt 6 tỷ đồng',
          dueYear: 2023,
          dueQuarter: 3,
        },
      }),
    },
  ],
  'PATCH /api/directions/:id': [
    {
      actions: (t) => [{ kind: 'reportDirection', unitId: unitIdByTarget(t) }],
      isUnitScoped: true,
      setUp: (env, t) => directionTo(env, env.unitId(TARGETS[t])),
      request: directionMove('done'),
    },
    {
      actions: () => [{ kind: 'reportDirection', unitId: null }],
      setUp: (env) => directionTo(env, null),
      request: directionMove('in_progress'),
    },
    {
      actions: () => [{ kind: 'decideDirection' }],
      isUnitScoped: true,
      setUp: (env, t) => directionTo(env, env.unitId(TARGETS[t])),
      request: directionMove('carried_over'),
    },
  ],
  'PUT /api/settings/pace': [
    {
      actions: () => [{ kind: 'setThresholds' }],
      request: () => ({
        method: 'PUT',
        url: '/api/settings/pace',
        payload: { onTrack: 0.95, atRisk: 0.8, version: 0 },
      }),
    },
  ],
};

/** A direction of the Q2/2023 meeting to `unitId` (null: the whole institute), due in Q3. */
async function directionTo(env: Env, unitId: number | null) {
  await env.ctx.repository.createDirection({
    unitId,
    year: 2023,
    quarter: 2,
    text: 'Hoàn thành kiểm định 100 thiết bị',
    dueYear: 2023,
    dueQuarter: 3,
    actor: 'director',
  });
}

/** The 2023/Q2 report of a target unit, brought by an admin to `state` before the request. */
async function reportIn(env: Env, target: Target, state: 'draft' | 'submitted' | 'approved') {
  const repository = env.ctx.repository;
  const key = { unitId: env.unitId(TARGETS[target]), year: 2023, quarter: 2 as const };
  const current = await repository.getReport(key);
  const draft = await repository.saveReport({
    ...key,
    amount: 2_000_000_000,
    basis: 'estimate',
    results: 'Nghiệm thu 2 hợp đồng',
    causes: 'Hợp đồng lớn chậm ký',
    difficulties: '',
    proposals: '',
    nextQuarterExpected: null,
    expectedVersion: current.version,
    expectedActualVersion: current.actualVersion,
    actor: 'admin',
  });
  if (state === 'draft') return;
  const move = (action: 'submit' | 'approve', expectedVersion: number) =>
    repository.moveReport({
      ...key,
      action,
      expectedVersion,
      reason: null,
      atRisk: 0.85,
      actor: 'admin',
    });
  const submitted = await move('submit', draft.version);
  if (state === 'approved') await move('approve', submitted.version);
}

// Unit ids are the same in every fresh app (same seed, same order): read once.
let unitsOnce: UnitRecord[] = [];
const unitIdByTarget = (t: Target) => {
  const found = unitsOnce.find((u) => u.code === TARGETS[t]);
  if (!found) throw new Error(`no unit ${TARGETS[t]}`);
  return found.id;
};

/** A fresh demo organisation, with a sub-unit under TT-ATM so that a lead has a parent unit too. */
async function freshEnv(): Promise<Env> {
  const ctx = await buildTestApp();
  const root = (await ctx.repository.listUnits()).find((u) => u.code === 'TT-ATM');
  await ctx.repository.createUnit({
    code: 'TT-ATM-KD',
    name: 'Bộ phận Kiểm định',
    kind: 'department',
    parentId: root?.id ?? 0,
    actor: 'admin',
  });
  const units = await ctx.repository.listUnits();
  const unitId = (code: string) => {
    const found = units.find((u) => u.code === code);
    if (!found) throw new Error(`no unit ${code}`);
    return found.id;
  };
  return {
    ctx,
    unitId,
    actualVersion: async (code, year, quarter) =>
      (await ctx.repository.getYearEntries(year)).actuals.find(
        (a) => a.unitId === unitId(code) && a.quarter === quarter,
      )?.version ?? 0,
    planVersion: async (code, year) =>
      (await ctx.repository.getYearEntries(year)).plans.find((p) => p.unitId === unitId(code))
        ?.version ?? 0,
  };
}

const CSV_HEADER = 'unit_code,year,quarter,type,amount\r\n';

async function send(app: TestApp, agent: Agent, request: Request) {
  const headers: Record<string, string> = { ...agent.headers };
  if (request.csv !== undefined) {
    const csv = `${CSV_HEADER}${request.csv}\r\n`;
    // An apply goes as the import page sends it: after its dry run, with the dry run's basis.
    if (request.url.endsWith('mode=apply')) return importApply(app, headers, csv);
    return postImport(app, headers, { mode: 'dry-run', content: csv });
  }
  if (request.payload === undefined) delete headers['content-type'];
  return app.inject({
    method: request.method as 'GET',
    url: request.url,
    headers,
    ...(request.payload !== undefined && { payload: JSON.stringify(request.payload) }),
  });
}

let shared: Env;
let agents: Record<Actor, Agent>;
let users: Record<Actor, User>;

beforeAll(async () => {
  shared = await freshEnv();
  unitsOnce = await shared.ctx.repository.listUnits();
  agents = {} as Record<Actor, Agent>;
  users = {} as Record<Actor, User>;
  for (const actor of ACTORS) {
    agents[actor] = await login(shared.ctx.app, actor);
    const session = await shared.ctx.app.inject({
      method: 'GET',
      url: '/api/session',
      headers: { cookie: agents[actor].cookie },
    });
    users[actor] = { ...session.json().user, isDisabled: false };
  }
});
afterAll(async () => {
  await shared?.ctx.app.close();
});

const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

describe('the expectation table', () => {
  it('has an entry for every private route, and none for a route that is gone', () => {
    const routes = shared.ctx.app
      .routeTable()
      .filter((r) => !r.isPublic && r.method !== 'HEAD')
      .map(keyOf);
    for (const key of routes)
      expect(EXPECTED[key], `${key} has no entry in EXPECTED`).toBeDefined();
    expect(Object.keys(EXPECTED).sort()).toEqual([...new Set(routes)].sort());
  });
});

const READ_KEYS = Object.keys(EXPECTED).filter((k) => k.startsWith('GET '));
const WRITE_KEYS = Object.keys(EXPECTED).filter((k) => !k.startsWith('GET '));
const targetsOf = (c: Case): Target[] =>
  c.isUnitScoped ? (Object.keys(TARGETS) as Target[]) : ['own unit'];

describe('reads, per role (and HEAD like GET)', () => {
  for (const key of READ_KEYS) {
    for (const actor of ACTORS) {
      it(`${key}: ${actor}`, async () => {
        for (const c of EXPECTED[key] ?? []) {
          for (const target of targetsOf(c)) {
            const units = await shared.ctx.repository.listUnits();
            const allowed = c.actions(target).every((a) => isAllowed(users[actor], a, units));
            const request = await c.request(shared, target, actor);
            for (const method of ['GET', 'HEAD']) {
              const res = await send(shared.ctx.app, agents[actor], { ...request, method });
              const what = `${method} ${request.url} as ${actor} (${target})`;
              expect(res.statusCode, `${what}: ${res.body}`).toBe(allowed ? 200 : 403);
            }
          }
        }
      });
    }
  }
});

describe('writes, per role', () => {
  let env: Env | undefined;
  beforeEach(() => {
    env = undefined;
  });
  afterEach(async () => {
    await env?.ctx.app.close();
  });

  for (const key of WRITE_KEYS) {
    for (const actor of ACTORS) {
      it(`${key}: ${actor}`, async () => {
        env = await freshEnv();
        const agent = await login(env.ctx.app, actor);
        const units = await env.ctx.repository.listUnits();
        for (const c of EXPECTED[key] ?? []) {
          for (const target of targetsOf(c)) {
            await c.setUp?.(env, target);
            const allowed = c.actions(target).every((a) => isAllowed(users[actor], a, units));
            const request = await c.request(env, target, actor);
            const what = `${request.method} ${request.url} as ${actor} (${target})`;
            const before = await snapshot(env.ctx.repository);
            const auditBefore = before.audit.length;
            const res = await send(env.ctx.app, agent, request);
            if (allowed) {
              expect(res.statusCode, `${what}: ${res.body}`).toBeGreaterThanOrEqual(200);
              expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(300);
              // A write that changed something left its audit row, naming who did it.
              const audit = await env.ctx.repository.listAudit({ limit: 10_000 });
              for (const row of audit.slice(0, audit.length - auditBefore)) {
                expect(row.actor, what).toBe(actor);
              }
            } else {
              expect(res.statusCode, `${what}: ${res.body}`).toBe(403);
              expect(res.json(), what).toMatchObject({ error: 'forbidden' });
              expect(await snapshot(env.ctx.repository), what).toEqual(before);
            }
            if (key === 'DELETE /api/session' && allowed) return;
          }
        }
      });
    }
  }
});

describe('user administration', () => {
  it('lets nobody raise their own role: a director making themselves admin is refused', async () => {
    const env = await freshEnv();
    try {
      const director = await login(env.ctx.app, 'director');
      const self = users.director;
      const before = await snapshot(env.ctx.repository);
      const res = await env.ctx.app.inject({
        method: 'PATCH',
        url: `/api/users/${self.id}`,
        headers: director.headers,
        payload: { version: 1, role: 'admin' },
      });
      expect(res.statusCode).toBe(403);
      expect(await snapshot(env.ctx.repository)).toEqual(before);
    } finally {
      await env.ctx.app.close();
    }
  });

  it("keeps account changes out of non-admins' audit trail", async () => {
    const env = await freshEnv();
    try {
      const admin = await login(env.ctx.app, 'admin');
      await env.ctx.app.inject({
        method: 'PATCH',
        url: '/api/users/3',
        headers: admin.headers,
        payload: { version: 1, displayName: 'Renamed' },
      });
      const planner = await login(env.ctx.app, 'planner');
      const seen = (who: Agent, query = '') =>
        env.ctx.app
          .inject({ method: 'GET', url: `/api/audit${query}`, headers: { cookie: who.cookie } })
          .then((r) => r.json().entries.map((e: { entity: string }) => e.entity));
      expect(await seen(admin)).toContain('user');
      expect(await seen(admin, '?entity=user')).toEqual(['user']);
      // The planning office reads the change log, but not the accounts' changes, even asked.
      expect(await seen(planner)).not.toContain('user');
      expect(await seen(planner, '?entity=user')).toEqual([]);
    } finally {
      await env.ctx.app.close();
    }
  });
});
