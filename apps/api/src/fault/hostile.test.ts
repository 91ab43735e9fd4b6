import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, buildTestApp, login, snapshot } from '../test/helpers';
import { importApply } from '../test/import-helpers';

// Input written to hurt: too big, too deep, strange text, paths, SQL, prototype keys, bad
// numbers. Each refused request must leave the database exactly as it was, and the server
// must go on answering. (Bad amounts on the figure routes and a path as an import file name
// in a dry run are covered in write.test.ts and import.test.ts; here they meet the routes
// and modes those files do not.)

let ctx: Awaited<ReturnType<typeof buildTestApp>>;
let admin: Agent;
let unitId: number;
let rootId: number;

beforeEach(async () => {
  ctx = await buildTestApp();
  admin = await login(ctx.app, 'admin');
  const units = await ctx.repository.listUnits();
  const unit = units.find((u) => u.code === 'TT-ATM');
  const root = units.find((u) => u.parentId === null);
  if (!unit || !root) throw new Error('demo units missing');
  unitId = unit.id;
  rootId = root.id;
});
afterEach(async () => {
  await ctx.app.close();
});

const send = (method: 'PUT' | 'POST' | 'PATCH', url: string, payload: string | object) =>
  ctx.app.inject({
    method,
    url,
    headers: admin.headers,
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

const get = (url: string) =>
  ctx.app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });

/** Runs a request that must be refused with `status`, and checks that nothing changed. */
const expectRefused = async (
  request: () => Promise<Awaited<ReturnType<typeof send>>>,
  status: number,
  field?: string,
) => {
  const before = await snapshot(ctx.repository);
  const res = await request();
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json<{ error: string; message: string; field?: string }>();
  expect(typeof body.error).toBe('string');
  expect(typeof body.message).toBe('string');
  if (field !== undefined) expect(body.field).toBe(field);
  expect(await snapshot(ctx.repository)).toEqual(before);
  return body;
};

const expectAlive = async () => {
  expect((await get('/api/health')).statusCode).toBe(200);
  expect((await get('/api/entries?year=2023')).statusCode).toBe(200);
};

describe('oversized bodies', () => {
  it('refuses a JSON body over 1 MB with 413', async () => {
    const body = await expectRefused(
      () =>
        send('PUT', `/api/actuals/${unitId}/2023/2`, {
          amount: 1,
          version: 0,
          comment: 'x'.repeat(1024 * 1024 + 1),
        }),
      413,
    );
    expect(body.error).toBe('payload_too_large');
    await expectAlive();
  });

  it('refuses an oversized log-in body with 413 before hashing anything', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'admin', password: 'p'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    await expectAlive();
  });
});

describe('deeply nested JSON', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

  it.each([10_000, 400_000])('refuses %i levels with 400 and keeps answering', async (depth) => {
    await expectRefused(
      () => send('PUT', `/api/actuals/${unitId}/2023/2`, `{"amount":${nested(depth)},"version":0}`),
      400,
    );
    await expectRefused(() => send('POST', '/api/units', `{"name":${nested(depth)}}`), 400);
    await expectAlive();
  });
});

describe('unit names in Vietnamese, with emoji', () => {
  const names = [
    'Phòng Kỹ thuật Mỏ Hầm lò – Quảng Ninh',
    'Trung tâm Đổi mới 🚀⛏️',
    'Nhóm 👩‍💻 Dữ liệu', // a zero-width-joiner sequence
  ];

  it.each(names)('stores "%s" in NFC, given in NFD, and gives it back exactly', async (name) => {
    const res = await send('POST', '/api/units', {
      code: `U-${Math.random().toString(36).slice(2, 8)}`,
      name: name.normalize('NFD'),
      kind: 'department',
      parentId: rootId,
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json<{ id: number; name: string }>();
    expect(created.name).toBe(name.normalize('NFC'));
    const listed = (await get('/api/units')).json<Array<{ id: number; name: string }>>();
    expect(listed.find((u) => u.id === created.id)?.name).toBe(name.normalize('NFC'));
  });

  it('refuses a name of spaces only with 400 naming the field', async () => {
    // Names are stored trimmed: a blank one would become an empty unit name.
    await expectRefused(
      () =>
        send('POST', '/api/units', {
          code: 'U-BLANK',
          name: ' \u00a0 ',
          kind: 'department',
          parentId: rootId,
        }),
      400,
      'name',
    );
  });
});

describe('hidden characters in names, codes and usernames (look-alikes)', () => {
  const HIDDEN: Array<[string, string]> = [
    ['a right-to-left override', '\u202E'],
    ['a left-to-right isolate', '\u2066'],
    ['a pop directional isolate', '\u2069'],
    ['a zero-width space', '\u200B'],
    ['a zero-width joiner between letters', '\u200D'],
    ['a word joiner', '\u2060'],
    ['a byte-order mark', '\uFEFF'],
    ['NUL', '\u0000'],
    ['a line feed', '\n'],
    ['U+001F', '\u001F'],
  ];
  const VIETNAMESE = ['Trung tâm An toàn Mỏ', 'Công ty CP Phát triển Công nghệ & Thiết bị Mỏ'];

  const expectHidden = async (
    request: () => Promise<Awaited<ReturnType<typeof send>>>,
    field: string,
    char: string,
  ) => {
    const body = await expectRefused(request, 400, field);
    expect(body.error).toBe('hidden_character');
    const label = `U+${(char.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`;
    expect(body.message).toContain(field);
    expect(body.message).toContain(label);
  };

  it.each(HIDDEN)('refuses %s in a unit name, new or changed, naming the field', async (_l, c) => {
    const name = `Trung tâm An${c} toàn Mỏ`;
    const unit = { code: 'U-HID', kind: 'department', parentId: rootId };
    await expectHidden(() => send('POST', '/api/units', { ...unit, name }), 'name', c);
    await expectHidden(
      () => send('PATCH', `/api/units/${unitId}`, { version: 1, name }),
      'name',
      c,
    );
  });

  it.each(HIDDEN)(
    'refuses %s in a display name, new or changed, naming the field',
    async (_l, c) => {
      const displayName = `Nguyễn${c} Văn A`;
      const user = { username: 'u-hid', role: 'viewer', unitIds: [], password: 'long enough' };
      await expectHidden(
        () => send('POST', '/api/users', { ...user, displayName }),
        'displayName',
        c,
      );
      const lead = (await ctx.repository.listUsers()).find((u) => u.username === 'lead-tt-atm');
      await expectHidden(
        () => send('PATCH', `/api/users/${lead?.id}`, { version: lead?.version, displayName }),
        'displayName',
        c,
      );
    },
  );

  it.each(HIDDEN)('refuses %s in a unit code and a username, naming the field', async (_l, c) => {
    await expectHidden(
      () =>
        send('POST', '/api/units', {
          code: `TT-ATM${c}`,
          name: 'Bản sao',
          kind: 'department',
          parentId: rootId,
        }),
      'code',
      c,
    );
    await expectHidden(
      () =>
        send('POST', '/api/users', {
          username: `ad${c}min`,
          displayName: 'Bản sao',
          role: 'admin',
          unitIds: [],
          password: 'long enough',
        }),
      'username',
      c,
    );
  });

  it('still takes Vietnamese names in NFC, as units and as display names', async () => {
    // Beside the refusals above: the rule must not catch the organisation's own names.
    await expectHidden(
      () =>
        send('POST', '/api/units', {
          code: 'U-V',
          name: 'A\u202E',
          kind: 'centre',
          parentId: rootId,
        }),
      'name',
      '\u202E',
    );
    for (const [i, name] of VIETNAMESE.entries()) {
      const unit = await send('POST', '/api/units', {
        code: `U-VI-${i}`,
        name: name.normalize('NFC'),
        kind: 'company',
        parentId: rootId,
      });
      expect(unit.statusCode, unit.body).toBe(201);
      expect(unit.json<{ name: string }>().name).toBe(name);
      const user = await send('POST', '/api/users', {
        username: `vi-${i}`,
        displayName: name,
        role: 'viewer',
        unitIds: [],
        password: 'long enough',
      });
      expect(user.statusCode, user.body).toBe(201);
      expect(user.json<{ displayName: string }>().displayName).toBe(name);
    }
  });
});

describe('codes and usernames that differ only in case (look-alikes)', () => {
  it.each(['tt-atm', 'Tt-Atm'])(
    'refuses the unit code %s beside TT-ATM with 409 naming the field and the code that holds it',
    async (code) => {
      const body = await expectRefused(
        () =>
          send('POST', '/api/units', { code, name: 'Bản sao', kind: 'centre', parentId: rootId }),
        409,
        'code',
      );
      expect(body.error).toBe('conflict');
      expect(body.message).toContain('TT-ATM');
    },
  );
  // Usernames were already compared lower-cased (the contract's createUser test); the
  // database now guarantees it too (sqlite/repository.test.ts, pg/repository.test.ts).
});

describe('path-like upload file names', () => {
  // The dry run, then the apply with its basis, as the import page does.
  const upload = (fileName: string, csv: string) =>
    importApply(ctx.app, admin.headers, csv, { fileName, lang: 'en' });

  it.each([
    ['../../etc/passwd.csv', 'passwd.csv'],
    ['..\\..\\Windows\\win.ini.csv', 'win.ini.csv'],
    ['/var/lib/targetline/../../../root/.ssh/keys.csv', 'keys.csv'],
    // The "/" of the closing tag makes "script>.csv" the base name.
    ['<script>alert(1)</script>.csv', 'script.csv'],
  ])('applies "%s" keeping only a clean base name "%s" in the audit', async (name, clean) => {
    const res = await upload(
      name,
      'unit_code,year,quarter,type,amount\r\nTT-ATM,2023,2,actual,77\r\n',
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ fileName: clean, isApplied: true });
    const [row] = await ctx.repository.listAudit({ unitId, limit: 1 });
    expect(row?.comment).toBe(`import: ${clean}`);
  });
});

describe('SQL-looking text', () => {
  const SQL = "'; DROP TABLE actuals; --";

  it('is stored as plain text in a unit name and a comment, and every table is intact', async () => {
    const before = await snapshot(ctx.repository);
    const created = await send('POST', '/api/units', {
      code: 'U-SQL',
      name: SQL,
      kind: 'department',
      parentId: rootId,
      comment: SQL,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().name).toBe(SQL);
    const saved = await send('PUT', `/api/actuals/${unitId}/2023/2`, {
      amount: 5,
      version: 0,
      comment: `${SQL} "); DELETE FROM audit_log; --`,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = await snapshot(ctx.repository);
    // 2023's figures (the demo's earlier years come first in the snapshot).
    const of2023 = (shot: typeof before) => shot.entries[shot.years.indexOf(2023)]?.actuals;
    expect(of2023(after)).toHaveLength((of2023(before)?.length ?? 0) + 1);
    expect(after.audit).toHaveLength(before.audit.length + 2);
    expect(after.users).toEqual(before.users);
    expect(after.audit[0]?.comment).toBe(`${SQL} "); DELETE FROM audit_log; --`);
  });

  it('is refused in a username with 400 naming the field', async () => {
    await expectRefused(
      () =>
        send('POST', '/api/users', {
          username: "x'; DROP TABLE users; --",
          displayName: SQL,
          role: 'viewer',
          unitIds: [],
          password: 'a long passphrase',
        }),
      400,
      'username',
    );
  });

  it('does not log anybody in', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: "admin' OR '1'='1", password: "' OR '1'='1" },
    });
    expect(res.statusCode).toBe(401);
  });

  it.each([
    `/api/entries?year=2023';DROP TABLE actuals;--`,
    '/api/audit?unitId=1%20OR%201=1',
    `/api/summary?year=2023%20UNION%20SELECT%20*%20FROM%20users`,
  ])('is refused in a query parameter: %s', async (url) => {
    const before = await snapshot(ctx.repository);
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toMatch(/^(year|unitId)$/);
    expect(await snapshot(ctx.repository)).toEqual(before);
    await expectAlive();
  });
});

describe('bytes that are not UTF-8 in a JSON body', () => {
  /** A body with raw bytes 0xC3 0x28 (a lead byte, then no continuation) in place of "ễ". */
  const withBadBytes = (before: string, after: string) =>
    Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from([0xc3, 0x28]), Buffer.from(after)]);
  const sendBytes = (method: 'POST' | 'PATCH', url: string, body: Buffer) =>
    ctx.app.inject({ method, url, headers: admin.headers, payload: body });

  it('is refused on a user change with 400 naming the field, and nothing changes', async () => {
    const lead = (await ctx.repository.listUsers()).find((u) => u.username === 'lead-tt-atm');
    if (!lead) throw new Error('demo user missing');
    const body = await expectRefused(
      () =>
        sendBytes(
          'PATCH',
          `/api/users/${lead.id}`,
          withBadBytes(`{"version":${lead.version},"displayName":"Nguy`, 'n Văn A"}'),
        ),
      400,
      'displayName',
    );
    expect(body.message).toMatch(/UTF-8/);
    expect((await ctx.repository.getUser(lead.id))?.displayName).toBe(lead.displayName);
  });

  it('is refused on a new unit with 400 naming the field, and nothing is created', async () => {
    await expectRefused(
      () =>
        sendBytes(
          'POST',
          '/api/units',
          withBadBytes(
            `{"code":"U-UTF","kind":"department","parentId":${rootId},"name":"Trung t`,
            'm"}',
          ),
        ),
      400,
      'name',
    );
    await expectAlive();
  });

  it('names the field with the bad bytes, not an earlier one holding a real U+FFFD', async () => {
    await expectRefused(
      () =>
        sendBytes(
          'POST',
          '/api/units',
          withBadBytes(
            `{"code":"U-UTF","name":"Ký hiệu \uFFFD và �","kind":"department","parentId":${rootId},"comment":"ghi ch`,
            '"}',
          ),
        ),
      400,
      'comment',
    );
  });

  it('is refused without a field where the bytes are outside any string', async () => {
    const body = await expectRefused(
      () => sendBytes('PATCH', `/api/units/${unitId}`, withBadBytes('{"version":1,', '}')),
      400,
    );
    expect(body.field).toBeUndefined();
    expect(body.message).toMatch(/UTF-8/);
  });
});

describe('prototype keys in bodies', () => {
  it.each([
    ['__proto__', `{"amount":1,"version":0,"__proto__":{"isAdmin":true}}`],
    [
      'constructor.prototype',
      `{"amount":1,"version":0,"constructor":{"prototype":{"isAdmin":true}}}`,
    ],
  ])('refuses %s with 400 and pollutes nothing', async (_label, payload) => {
    await expectRefused(() => send('PUT', `/api/actuals/${unitId}/2023/2`, payload), 400);
    await expectRefused(
      () =>
        send(
          'POST',
          '/api/units',
          payload.replace(
            '"amount":1,"version":0',
            `"code":"U-P","name":"P","kind":"department","parentId":${rootId}`,
          ),
        ),
      400,
    );
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    await expectAlive();
  });
});

describe('bad numbers on the routes beside the figures', () => {
  it.each([
    ['a fractional parent', { parentId: 1.5 }, 'parentId'],
    ['a negative parent', { parentId: -1 }, 'parentId'],
  ])('unit: %s is refused with 400 naming the field', async (_label, patch, field) => {
    await expectRefused(
      () =>
        send('POST', '/api/units', {
          code: 'U-NUM',
          name: 'Numbers',
          kind: 'department',
          ...patch,
        }),
      400,
      field,
    );
  });

  it('unit: a huge parent id (1e300, a whole number to JSON Schema) is refused naming the field', async () => {
    const before = await snapshot(ctx.repository);
    const res = await send('POST', '/api/units', {
      code: 'U-NUM',
      name: 'Numbers',
      kind: 'department',
      parentId: 1e300,
    });
    // Ids are 32-bit integers on PostgreSQL: anything larger is refused by the schema, on
    // both engines alike (it once reached PostgreSQL and came back a 500).
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'parentId' });
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it.each([
    ['a negative amount', '-5'],
    ['a fractional amount', '1.5'],
    ['a huge amount', '1e300'],
    ['an amount over 1e15', '1000000000000001'],
  ])('import: %s is refused, naming the row and the amount column', async (_label, amount) => {
    const before = await snapshot(ctx.repository);
    const res = await importApply(
      ctx.app,
      admin.headers,
      `unit_code,year,quarter,type,amount\r\nTT-ATM,2023,2,actual,${amount}\r\n`,
      { fileName: 'n.csv', lang: 'en' },
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().issues).toContainEqual(expect.objectContaining({ row: 2, column: 'amount' }));
    expect(await snapshot(ctx.repository)).toEqual(before);
  });
});
