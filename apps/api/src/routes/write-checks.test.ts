import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, login, snapshot } from '../test/helpers';

let ctx: Awaited<ReturnType<typeof buildTestApp>>;
let unitIdOf: (code: string) => number;

beforeEach(async () => {
  ctx = await buildTestApp();
  const units = await ctx.repository.listUnits();
  unitIdOf = (code) => {
    const found = units.find((u) => u.code === code);
    if (!found) throw new Error(`no unit ${code}`);
    return found.id;
  };
});
afterEach(async () => {
  await ctx.app.close();
});

describe('CSRF', () => {
  const url = () => `/api/actuals/${unitIdOf('TT-ATM')}/2023/2`;
  const payload = JSON.stringify({ amount: 5, version: 0 });

  it('refuses a write without the x-csrf-token header', async () => {
    const lead = await login(ctx.app, 'lead-tt-atm');
    const before = await snapshot(ctx.repository);
    const res = await ctx.app.inject({
      method: 'PUT',
      url: url(),
      headers: { cookie: lead.cookie, 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'csrf' });
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it("refuses a write carrying another session's token", async () => {
    const lead = await login(ctx.app, 'lead-tt-atm');
    const other = await login(ctx.app, 'lead-tt-atm');
    const res = await ctx.app.inject({
      method: 'PUT',
      url: url(),
      headers: { ...lead.headers, 'x-csrf-token': other.csrfToken },
      payload,
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('versions', () => {
  it('answers a stale write with 409 and the current value, writing nothing', async () => {
    const lead = await login(ctx.app, 'lead-tt-atm');
    const url = `/api/actuals/${unitIdOf('TT-ATM')}/2023/1`;
    const first = await ctx.app.inject({
      method: 'PUT',
      url,
      headers: lead.headers,
      payload: { amount: 2_500_000_000, version: 1 },
    });
    expect(first.statusCode).toBe(200);
    const before = await snapshot(ctx.repository);
    const stale = await ctx.app.inject({
      method: 'PUT',
      url,
      headers: lead.headers,
      payload: { amount: 9, version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      error: 'conflict',
      field: 'version',
      current: { amount: 2_500_000_000, version: 2, updatedBy: 'lead-tt-atm' },
    });
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it('accepts the version as If-Match and sends it back as the ETag', async () => {
    const lead = await login(ctx.app, 'lead-tt-atm');
    const url = `/api/actuals/${unitIdOf('TT-ATM')}/2023/1`;
    const read = await ctx.app.inject({ method: 'GET', url, headers: { cookie: lead.cookie } });
    expect(read.headers.etag).toBe('"1"');
    const res = await ctx.app.inject({
      method: 'PUT',
      url,
      headers: { ...lead.headers, 'if-match': read.headers.etag as string },
      payload: { amount: 7 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
  });

  it('requires a version (428) and refuses a body and If-Match that disagree (400)', async () => {
    const lead = await login(ctx.app, 'lead-tt-atm');
    const url = `/api/actuals/${unitIdOf('TT-ATM')}/2023/1`;
    const none = await ctx.app.inject({
      method: 'PUT',
      url,
      headers: lead.headers,
      payload: { amount: 7 },
    });
    expect(none.statusCode).toBe(428);
    expect(none.json()).toMatchObject({ field: 'version' });
    const both = await ctx.app.inject({
      method: 'PUT',
      url,
      headers: { ...lead.headers, 'if-match': '"2"' },
      payload: { amount: 7, version: 1 },
    });
    expect(both.statusCode).toBe(400);
  });

  it('lets exactly one of twenty simultaneous writers holding the same version win', async () => {
    const lead = await login(ctx.app, 'lead-tt-atm');
    const url = `/api/actuals/${unitIdOf('TT-ATM')}/2023/1`;
    const auditBefore = (await ctx.repository.listAudit({ limit: 10_000 })).length;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.app.inject({
          method: 'PUT',
          url,
          headers: lead.headers,
          payload: { amount: 1_000 + i, version: 1 },
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    const audit = await ctx.repository.listAudit({ limit: 10_000 });
    expect(audit.length - auditBefore).toBe(1);
    const winner = results.find((r) => r.statusCode === 200)?.json();
    expect(audit[0]?.newValue).toMatchObject({ amount: winner.amount, version: 2 });
  });
});

describe('locked quarters', () => {
  it('refuses writes to a locked quarter with 423 naming who locked it, until unlocked with a reason', async () => {
    const director = await login(ctx.app, 'director');
    const lead = await login(ctx.app, 'lead-tt-atm');
    const locked = await ctx.app.inject({
      method: 'POST',
      url: '/api/locks',
      headers: director.headers,
      payload: { year: 2023, quarter: 1, comment: 'reported on 14/4/2023' },
    });
    expect(locked.statusCode).toBe(201);
    const url = `/api/actuals/${unitIdOf('TT-ATM')}/2023/1`;
    const refused = await ctx.app.inject({
      method: 'PUT',
      url,
      headers: lead.headers,
      payload: { amount: 1, version: 1 },
    });
    expect(refused.statusCode).toBe(423);
    expect(refused.json().message).toContain('director');
    expect(refused.json()).toMatchObject({
      error: 'locked',
      lock: { year: 2023, quarter: 1, lockedBy: 'director' },
    });

    const target = await ctx.app.inject({
      method: 'PUT',
      url: `/api/plans/${unitIdOf('TT-ATM')}/2023`,
      headers: director.headers,
      payload: {
        annualPlan: 30_000_000_000,
        quarterTargets: [1, 5_000_000_000, null, null],
        version: 1,
      },
    });
    expect(target.statusCode).toBe(423);

    const noReason = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/locks/2023/1',
      headers: director.headers,
      payload: {},
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ field: 'reason' });
    const unlocked = await ctx.app.inject({
      method: 'DELETE',
      url: '/api/locks/2023/1',
      headers: director.headers,
      payload: { reason: 'late invoice from Vinacomin' },
    });
    expect(unlocked.statusCode).toBe(204);
    const [unlockAudit] = await ctx.repository.listAudit({ limit: 1 });
    expect(unlockAudit).toMatchObject({
      entity: 'lock',
      actor: 'director',
      comment: 'late invoice from Vinacomin',
      newValue: null,
    });
    const after = await ctx.app.inject({
      method: 'PUT',
      url,
      headers: lead.headers,
      payload: { amount: 1, version: 1 },
    });
    expect(after.statusCode).toBe(200);
  });
});

describe('audit trail', () => {
  it('writes one row per change with who, old, new and the comment', async () => {
    const lead = await login(ctx.app, 'lead-tt-atm');
    const url = `/api/actuals/${unitIdOf('TT-ATM')}/2023/1`;
    await ctx.app.inject({
      method: 'PUT',
      url,
      headers: lead.headers,
      payload: { amount: 2_500_000_000, version: 1, comment: 'hợp đồng 12/2023 nghiệm thu' },
    });
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/audit?unitId=${unitIdOf('TT-ATM')}&year=2023&limit=10`,
      headers: { cookie: lead.cookie },
    });
    expect(res.statusCode).toBe(200);
    const { entries, nextCursor } = res.json();
    expect(entries).toHaveLength(1);
    expect(nextCursor).toBeNull();
    expect(entries[0]).toMatchObject({
      actor: 'lead-tt-atm',
      entity: 'actual',
      quarter: 1,
      oldValue: { amount: 2_413_000_000, version: 1 },
      newValue: { amount: 2_500_000_000, version: 2 },
      comment: 'hợp đồng 12/2023 nghiệm thu',
    });
  });

  it('pages with a cursor', async () => {
    const lead = await login(ctx.app, 'lead-tt-atm');
    const url = `/api/actuals/${unitIdOf('TT-ATM')}/2023/3`;
    for (let version = 0; version < 3; version++) {
      await ctx.app.inject({
        method: 'PUT',
        url,
        headers: lead.headers,
        payload: { amount: version, version },
      });
    }
    const page1 = (
      await ctx.app.inject({
        method: 'GET',
        url: `/api/audit?unitId=${unitIdOf('TT-ATM')}&quarter=3&limit=2`,
        headers: { cookie: lead.cookie },
      })
    ).json();
    expect(page1.entries).toHaveLength(2);
    const page2 = (
      await ctx.app.inject({
        method: 'GET',
        url: `/api/audit?unitId=${unitIdOf('TT-ATM')}&quarter=3&limit=2&cursor=${page1.nextCursor}`,
        headers: { cookie: lead.cookie },
      })
    ).json();
    expect(page2.entries).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
  });
});
