import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, buildTestApp, login, snapshot } from '../test/helpers';

let ctx: Awaited<ReturnType<typeof buildTestApp>>;
let admin: Agent;
beforeEach(async () => {
  ctx = await buildTestApp();
  admin = await login(ctx.app, 'admin');
});
afterEach(async () => {
  await ctx.app.close();
});

const BOUNDARY = '----targetline-test-boundary';
const multipart = (filename: string, content: Buffer | string) =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);

const upload = (
  mode: 'dry-run' | 'apply',
  filename: string,
  content: Buffer | string,
  agent = admin,
) =>
  ctx.app.inject({
    method: 'POST',
    url: `/api/import?mode=${mode}&lang=en`,
    headers: {
      cookie: agent.cookie,
      'x-csrf-token': agent.csrfToken,
      'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
    },
    payload: multipart(filename, content),
  });

const HEADER = 'unit_code,year,quarter,type,amount,unit_name\r\n';

const xlsx = async (build: (sheet: ExcelJS.Worksheet) => void) => {
  const workbook = new ExcelJS.Workbook();
  build(workbook.addWorksheet('Sheet1'));
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

describe('POST /api/import', () => {
  it('round-trips the exported entries CSV: nothing to change', async () => {
    const exported = await ctx.app.inject({
      method: 'GET',
      url: '/api/export/entries.csv?year=2023',
      headers: { cookie: admin.cookie },
    });
    expect(exported.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const before = await snapshot(ctx.repository);
    const res = await upload('apply', 'entries.csv', exported.rawPayload);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ isApplied: true, issues: [], changes: [], unchanged: 34 });
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it('lists the changes in a dry run without writing, then applies them with one audit row each', async () => {
    const csv = `${HEADER}TT-ATM,2023,2,actual,25 tỷ,\r\nTT-ATM,2023,1,actual,"2.500.000.000",\r\nP-TK,2023,,plan,11 tỷ,\r\n`;
    const before = await snapshot(ctx.repository);
    const dry = await upload('dry-run', 'quý II.csv', csv);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      isApplied: false,
      fileName: 'quý II.csv',
      issues: [],
      changes: [
        { row: 2, unitCode: 'TT-ATM', quarter: 2, kind: 'actual', old: null, new: 25_000_000_000 },
        {
          row: 3,
          unitCode: 'TT-ATM',
          quarter: 1,
          kind: 'actual',
          old: 2_413_000_000,
          new: 2_500_000_000,
        },
        {
          row: 4,
          unitCode: 'P-TK',
          quarter: null,
          kind: 'plan',
          old: 10_000_000_000,
          new: 11_000_000_000,
        },
      ],
    });
    expect(await snapshot(ctx.repository)).toEqual(before);

    const applied = await upload('apply', 'quý II.csv', csv);
    expect(applied.json()).toMatchObject({ isApplied: true });
    const audit = await ctx.repository.listAudit({ limit: 10 });
    expect(audit).toHaveLength(3);
    expect(audit.every((a) => a.actor === 'admin' && a.comment === 'import: quý II.csv')).toBe(
      true,
    );
    const summary = (
      await ctx.app.inject({
        method: 'GET',
        url: '/api/summary?year=2023',
        headers: { cookie: admin.cookie },
      })
    ).json();
    expect(summary.units[0].quarters[1].actual).toBe(25_000_000_000);
  });

  it('imports an .xlsx workbook', async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(['unit_code', 'year', 'quarter', 'type', 'amount']);
      sheet.addRow(['TT-MT', 2023, 2, 'actual', 2_100_000_000]);
    });
    const res = await upload('apply', 'q2.xlsx', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().changes).toHaveLength(1);
  });

  it("refuses a unit lead's rows for other units and plans, writing nothing", async () => {
    const lead = await login(ctx.app, 'lead-tt-atm');
    const csv = `${HEADER}TT-ATM,2023,2,actual,1 tỷ,\r\nCTY-PTCN,2023,2,actual,1 tỷ,\r\nTT-ATM,2023,,plan,40 tỷ,\r\n`;
    const before = await snapshot(ctx.repository);
    const dry = await upload('dry-run', 'a.csv', csv, lead);
    expect(dry.json().issues).toEqual([
      { row: 3, column: 'unit_code', reason: 'you may not enter figures for CTY-PTCN' },
      { row: 4, column: 'type', reason: 'only directors and admins set plans and targets' },
    ]);
    const applied = await upload('apply', 'a.csv', csv, lead);
    expect(applied.statusCode).toBe(403);
    expect(applied.json()).toMatchObject({ error: 'forbidden', issues: expect.any(Array) });
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it("reports the rows' problems in Vietnamese when the page is in Vietnamese", async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/import?mode=dry-run&lang=vi',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      },
      payload: multipart('a.csv', `${HEADER}NOPE,2023,1,actual,5,\r\n`),
    });
    expect(res.json().issues).toEqual([
      { row: 2, column: 'unit_code', reason: 'không có đơn vị mã NOPE' },
    ]);
  });

  it('names a wrong file type in Vietnamese too', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/import?mode=dry-run&lang=vi',
      headers: {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrfToken,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      },
      payload: multipart('report.pdf', '%PDF-1.4'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ field: 'file', message: 'Chỉ nhập được tệp .xlsx và .csv' });
  });

  it('refuses changes to a locked quarter', async () => {
    await ctx.repository.lockQuarter({ year: 2023, quarter: 1, actor: 'director' });
    const res = await upload('dry-run', 'a.csv', `${HEADER}TT-ATM,2023,1,actual,1,\r\n`);
    expect(res.json().issues).toEqual([
      { row: 2, column: 'quarter', reason: expect.stringContaining('locked by director') },
    ]);
  });

  it('answers 409 and writes nothing when a figure changed between reading and writing', async () => {
    const before = await snapshot(ctx.repository);
    // The version read for the import is older than the one saved in the same moment.
    const original = ctx.repository.getYearEntries.bind(ctx.repository);
    ctx.repository.getYearEntries = async (year) => {
      const entries = await original(year);
      return {
        ...entries,
        actuals: entries.actuals.map((a) => ({ ...a, version: a.version + 5 })),
      };
    };
    const res = await upload(
      'apply',
      'a.csv',
      `${HEADER}TT-ATM,2023,1,actual,7,\r\nTT-ATM,2023,3,actual,8,\r\n`,
    );
    ctx.repository.getYearEntries = original;
    expect(res.statusCode).toBe(409);
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it('keeps only the base name of a path-like file name', async () => {
    const res = await upload(
      'dry-run',
      '../../etc/passwd.csv',
      `${HEADER}TT-ATM,2023,2,actual,1,\r\n`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().fileName).toBe('passwd.csv');
  });
});

describe('bad files are refused, naming the row and column, and nothing is written', () => {
  type Case = [string, string, () => Promise<Buffer | string> | Buffer | string, number, object];
  const cases: Case[] = [
    [
      'not a CSV or XLSX',
      'report.pdf',
      () => '%PDF-1.4 ...',
      400,
      { field: 'file', message: 'Only .xlsx and .csv files can be imported' },
    ],
    [
      'binary named .csv',
      'x.csv',
      () => Buffer.from([0x00, 0x01, 0x02, 0x03]),
      400,
      { field: 'file' },
    ],
    ['text named .xlsx', 'x.xlsx', () => HEADER, 400, { field: 'file' }],
    ['an empty file', 'x.csv', () => '', 400, { message: 'The file is empty' }],
    [
      'merged cells',
      'x.xlsx',
      () =>
        xlsx((s) => {
          s.addRow(['unit_code', 'year', 'quarter', 'type', 'amount']);
          s.addRow(['TT-ATM', 2023, 1, 'actual', 5]);
          s.mergeCells('A2:B2');
        }),
      400,
      { message: expect.stringContaining('merged cells') },
    ],
  ];
  it.each(cases)('%s', async (_label, name, content, status, body) => {
    const before = await snapshot(ctx.repository);
    const res = await upload('apply', name, await content());
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json()).toMatchObject(body);
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it('a file over 10 MB gets 413', async () => {
    const before = await snapshot(ctx.repository);
    const res = await upload(
      'apply',
      'big.csv',
      `${HEADER}${'TT-ATM,2023,2,actual,1,\r\n'.repeat(450_000)}`,
    );
    expect(res.statusCode).toBe(413);
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  const rowCases: Array<
    [string, () => Promise<Buffer | string> | string, Array<[number, string]>]
  > = [
    [
      'wrong columns',
      () => 'unit,year,q,type,amount\r\nTT-ATM,2023,1,actual,5\r\n',
      [
        [1, 'unit'],
        [1, 'q'],
        [1, 'unit_code'],
        [1, 'quarter'],
      ],
    ],
    [
      'missing columns',
      () => 'unit_code,year,quarter\r\nTT-ATM,2023,1\r\n',
      [
        [1, 'type'],
        [1, 'amount'],
      ],
    ],
    [
      'a formula where an amount belongs',
      () =>
        xlsx((s) => {
          s.addRow(['unit_code', 'year', 'quarter', 'type', 'amount']);
          s.addRow(['TT-ATM', 2023, 1, 'actual', { formula: '1+1', result: 2 }]);
        }),
      [[2, 'amount']],
    ],
    [
      'text where an amount belongs',
      () => `${HEADER}TT-ATM,2023,1,actual,mười tỷ,\r\n`,
      [[2, 'amount']],
    ],
    [
      'duplicate rows for one unit-quarter',
      () => `${HEADER}TT-ATM,2023,1,actual,5,\r\nTT-ATM,2023,1,actual,6,\r\n`,
      [[3, 'unit_code']],
    ],
    ['an unknown unit code', () => `${HEADER}NOPE,2023,1,actual,5,\r\n`, [[2, 'unit_code']]],
    ['a year out of range', () => `${HEADER}TT-ATM,1999,1,actual,5,\r\n`, [[2, 'year']]],
    ['a quarter out of range', () => `${HEADER}TT-ATM,2023,5,actual,5,\r\n`, [[2, 'quarter']]],
    ['a header and no rows', () => HEADER, [[2, 'unit_code']]],
  ];
  it.each(rowCases)('%s', async (_label, content, where) => {
    const before = await snapshot(ctx.repository);
    const name = _label.includes('formula') ? 'x.xlsx' : 'x.csv';
    const dry = await upload('dry-run', name, await content());
    expect(dry.statusCode, dry.body).toBe(200);
    expect(
      dry.json().issues.map((i: { row: number; column: string }) => [i.row, i.column]),
    ).toEqual(where);
    const applied = await upload('apply', name, await content());
    expect(applied.statusCode).toBe(400);
    expect(await snapshot(ctx.repository)).toEqual(before);
  });
});
