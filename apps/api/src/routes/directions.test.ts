import type { Direction } from '@targetline/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, buildTestApp, login, snapshot } from '../test/helpers';

// The director's conclusions through the API, on the suite's engine (api: SQLite, api-pg:
// PostgreSQL): who records, who reports progress, who closes; versions; audit rows; and every
// refusal writing nothing (the snapshot holds the directions and the audit trail).

let ctx: Awaited<ReturnType<typeof buildTestApp>>;
let unitIdOf: (code: string) => number;
const agents: Record<string, Agent> = {};

beforeEach(async () => {
  ctx = await buildTestApp({ now: () => new Date('2023-07-14T03:00:00.000Z') });
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

async function call(who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  const agent = agents[who] as Agent;
  return ctx.app.inject({
    method,
    url,
    headers: payload === undefined ? { cookie: agent.cookie } : agent.headers,
    ...(payload !== undefined && { payload: JSON.stringify(payload) }),
  });
}

const given = (fields: Record<string, unknown> = {}) => ({
  unitId: unitIdOf('TT-ATM'),
  year: 2023,
  quarter: 2,
  text: 'Doanh thu Quý III phấn đấu đạt 6 tỷ đồng',
  dueYear: 2023,
  dueQuarter: 3,
  ...fields,
});

async function record(fields: Record<string, unknown> = {}, who = 'director') {
  const res = await call(who, 'POST', '/api/directions', given(fields));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Direction>();
}

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

describe('recording', () => {
  it('answers the direction with its unit, open at version 1, and lists it by meeting and due quarter', async () => {
    const d = await record();
    expect(d).toMatchObject({
      unitId: unitIdOf('TT-ATM'),
      unitCode: 'TT-ATM',
      year: 2023,
      quarter: 2,
      dueYear: 2023,
      dueQuarter: 3,
      status: 'open',
      progressNote: null,
      version: 1,
      createdBy: 'director',
    });
    const institute = await record({ unitId: null }, 'planner');
    expect(institute).toMatchObject({ unitId: null, unitCode: null, unitName: null });
    const meeting = await call('viewer', 'GET', '/api/directions?year=2023&quarter=2');
    expect(meeting.json<Direction[]>().map((x) => x.id)).toEqual([d.id, institute.id]);
    const due = await call(
      'lead-tt-atm',
      'GET',
      `/api/directions?unitId=${unitIdOf('TT-ATM')}&dueYear=2023&dueQuarter=3`,
    );
    expect(due.json<Direction[]>().map((x) => x.id)).toEqual([d.id]);
    expect((await call('viewer', 'GET', '/api/directions?year=2023&quarter=1')).json()).toEqual([]);
  });

  it('is for directors, the planning office and admins', async () => {
    await record({}, 'admin');
    for (const who of ['lead-tt-atm', 'viewer']) {
      await expectRefused(() => call(who, 'POST', '/api/directions', given()), 403, {
        error: 'forbidden',
      });
    }
  });

  it('audits the new direction under the meeting and the unit', async () => {
    const d = await record();
    const [row] = await ctx.repository.listAudit({ entity: 'direction' });
    expect(row).toMatchObject({
      actor: 'director',
      entityKey: `direction:${d.id}`,
      unitId: unitIdOf('TT-ATM'),
      year: 2023,
      quarter: 2,
      oldValue: null,
    });
  });

  it('refuses bad bodies naming the field, writing nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ text: '' }, 'text'],
      [{ text: '   ' }, 'text'],
      [{ text: 'x'.repeat(2001) }, 'text'],
      [{ text: 'Đạt 30 tỷ\u202E' }, 'text'],
      [{ dueQuarter: 1 }, 'dueQuarter'],
      [{ dueYear: 2022, dueQuarter: 4 }, 'dueQuarter'],
      [{ quarter: '2' }, 'quarter'],
      [{ colour: 'red' }, 'colour'],
      [{ unitId: 9999 }, 'unitId'],
    ];
    for (const [fields, field] of cases) {
      const res = await expectRefused(
        () => call('director', 'POST', '/api/directions', given(fields)),
        field === 'unitId' ? 404 : 400,
        {},
      );
      expect(res.json(), JSON.stringify(fields)).toMatchObject({ field });
    }
    const body = given();
    delete (body as Record<string, unknown>).text;
    const res = await expectRefused(() => call('director', 'POST', '/api/directions', body), 400, {
      field: 'text',
    });
    expect(res.json().message).toMatch(/text/);
  });

  it('refuses a quarter without its year in the query', async () => {
    const res = await call('viewer', 'GET', '/api/directions?quarter=2');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'year' });
  });
});

describe('progress and decisions', () => {
  const patch = (who: string, d: Direction, body: Record<string, unknown>) =>
    call(who, 'PATCH', `/api/directions/${d.id}`, { version: d.version, ...body });

  it("takes the unit lead's progress with its note, audited with the note as the comment", async () => {
    const d = await record();
    const res = await patch('lead-tt-atm', d, {
      status: 'done',
      progressNote: 'Đã nghiệm thu 2 hợp đồng, 6,2 tỷ đồng',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'done',
      progressNote: 'Đã nghiệm thu 2 hợp đồng, 6,2 tỷ đồng',
      version: 2,
      updatedBy: 'lead-tt-atm',
    });
    const [row] = await ctx.repository.listAudit({ entity: 'direction' });
    expect(row).toMatchObject({
      actor: 'lead-tt-atm',
      comment: 'Đã nghiệm thu 2 hợp đồng, 6,2 tỷ đồng',
      oldValue: { status: 'open', version: 1 },
      newValue: { status: 'done', version: 2 },
    });
  });

  it("refuses progress from a lead of another unit, the planning office on a unit's, and viewers", async () => {
    const other = await record({ unitId: unitIdOf('CTY-PTCN') });
    const own = await record();
    await expectRefused(
      () => patch('lead-tt-atm', other, { status: 'done', progressNote: '' }),
      403,
      { error: 'forbidden' },
    );
    for (const who of ['planner', 'viewer', 'director']) {
      await expectRefused(() => patch(who, own, { status: 'in_progress', progressNote: '' }), 403, {
        error: 'forbidden',
      });
    }
    const admin = await patch('admin', own, { status: 'in_progress', progressNote: '' });
    expect(admin.statusCode, admin.body).toBe(200);
  });

  it("leaves the whole institute's directions to the office, directors and admins", async () => {
    const d = await record({ unitId: null });
    await expectRefused(() => patch('lead-tt-atm', d, { status: 'done', progressNote: '' }), 403, {
      error: 'forbidden',
    });
    const res = await patch('planner', d, { status: 'in_progress', progressNote: 'Đang làm' });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('lets only directors and admins close or carry over; carrying over moves the due quarter', async () => {
    const d = await record({ dueQuarter: 4 });
    for (const who of ['lead-tt-atm', 'planner']) {
      for (const status of ['closed', 'carried_over']) {
        await expectRefused(() => patch(who, d, { status, progressNote: '' }), 403, {
          error: 'forbidden',
        });
      }
    }
    const carried = await patch('director', d, {
      status: 'carried_over',
      progressNote: 'Chưa đạt',
    });
    expect(carried.json()).toMatchObject({
      status: 'carried_over',
      dueYear: 2024,
      dueQuarter: 1,
      version: 2,
    });
    const due = await call(
      'viewer',
      'GET',
      `/api/directions?unitId=${unitIdOf('TT-ATM')}&dueYear=2024&dueQuarter=1`,
    );
    expect(due.json<Direction[]>().map((x) => x.id)).toEqual([d.id]);
    const closed = await patch('admin', carried.json<Direction>(), {
      status: 'closed',
      progressNote: '',
    });
    expect(closed.json()).toMatchObject({ status: 'closed', version: 3 });
    await expectRefused(
      () => patch('lead-tt-atm', closed.json<Direction>(), { status: 'done', progressNote: '' }),
      409,
      { error: 'state', field: 'status' },
    );
  });

  it('refuses a stale version with the current direction, writing nothing', async () => {
    const d = await record();
    await patch('lead-tt-atm', d, { status: 'in_progress', progressNote: '' });
    const res = await expectRefused(
      () => patch('lead-tt-atm', d, { status: 'done', progressNote: 'xong' }),
      409,
      { error: 'conflict', field: 'version' },
    );
    expect(res.json().current).toMatchObject({
      id: d.id,
      version: 2,
      status: 'in_progress',
      unitCode: 'TT-ATM',
    });
  });

  it('refuses a bad body naming the field, an unknown id, and a move back to open', async () => {
    const d = await record();
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ status: 'finished', progressNote: '' }, 'status'],
      [{ status: 'done', progressNote: 'x'.repeat(2001) }, 'progressNote'],
      [{ status: 'done', progressNote: 'ok\u200B' }, 'progressNote'],
      [{ status: 'done', progressNote: '', version: '1' }, 'version'],
      [{ status: 'done', progressNote: '', extra: 1 }, 'extra'],
      [{ status: 'open', progressNote: '' }, 'status'],
    ];
    for (const [body, field] of bad) {
      const res = await expectRefused(() => patch('lead-tt-atm', d, body), 400, {});
      expect(res.json(), JSON.stringify(body)).toMatchObject({ field });
    }
    await expectRefused(
      () =>
        call('lead-tt-atm', 'PATCH', '/api/directions/9999', {
          status: 'done',
          progressNote: '',
          version: 1,
        }),
      404,
      { field: 'id' },
    );
  });
});
