import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Agent, buildTestApp, login, snapshot } from '../test/helpers';
import { importApply, postImport } from '../test/import-helpers';

let ctx: Awaited<ReturnType<typeof buildTestApp>>;
let admin: Agent;
beforeEach(async () => {
  ctx = await buildTestApp();
  admin = await login(ctx.app, 'admin');
});
afterEach(async () => {
  await ctx.app.close();
});

const upload = (
  mode: 'dry-run' | 'apply',
  fileName: string,
  content: Buffer | string,
  agent = admin,
  basis?: unknown,
) =>
  postImport(ctx.app, agent.headers, {
    mode,
    fileName,
    content,
    lang: 'en',
    ...(basis !== undefined && { basis }),
  });

/** The dry run, then the apply of the same file with the dry run's basis. */
const apply = (fileName: string, content: Buffer | string, agent = admin) =>
  importApply(ctx.app, agent.headers, content, { fileName, lang: 'en' });

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
    const res = await apply('entries.csv', exported.rawPayload);
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

    const applied = await upload('apply', 'quý II.csv', csv, admin, dry.json().basis);
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
    const res = await apply('q2.xlsx', file);
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
    const applied = await upload('apply', 'a.csv', csv, lead, dry.json().basis);
    expect(applied.statusCode).toBe(403);
    expect(applied.json()).toMatchObject({ error: 'forbidden', issues: expect.any(Array) });
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it("reports the rows' problems in Vietnamese when the page is in Vietnamese", async () => {
    const res = await postImport(ctx.app, admin.headers, {
      mode: 'dry-run',
      fileName: 'a.csv',
      content: `${HEADER}NOPE,2023,1,actual,5,\r\n`,
      lang: 'vi',
    });
    expect(res.json().issues).toEqual([
      { row: 2, column: 'unit_code', reason: 'không có đơn vị mã NOPE' },
    ]);
  });

  it('names a wrong file type in Vietnamese too', async () => {
    const res = await postImport(ctx.app, admin.headers, {
      mode: 'dry-run',
      fileName: 'report.pdf',
      content: '%PDF-1.4',
      lang: 'vi',
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

describe('the apply holds to the figures its dry run saw', () => {
  const unitId = async (code: string) => {
    const unit = (await ctx.repository.listUnits()).find((u) => u.code === code);
    if (!unit) throw new Error(`no unit ${code}`);
    return unit.id;
  };
  /** An admin's correction through the form's route, as another user would make it. */
  const correct = async (code: string, quarter: number, amount: number) => {
    const id = await unitId(code);
    const current = await ctx.app.inject({
      method: 'GET',
      url: `/api/actuals/${id}/2023/${quarter}`,
      headers: { cookie: admin.cookie },
    });
    const version = current.statusCode === 200 ? current.json().version : 0;
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/api/actuals/${id}/2023/${quarter}`,
      headers: admin.headers,
      payload: { amount, version },
    });
    expect(res.statusCode, res.body).toBe(200);
  };
  const amountOf = async (code: string, quarter: number) => {
    const id = await unitId(code);
    const { actuals } = await ctx.repository.getYearEntries(2023);
    return actuals.find((a) => a.unitId === id && a.quarter === quarter)?.amount;
  };
  const FILE = `${HEADER}TT-ATM,2023,1,actual,333,\r\nTT-MT,2023,2,actual,444,\r\n`;

  it('returns the version of every figure the file touches, changed or not, new ones as 0', async () => {
    await correct('TT-ATM', 1, 111);
    const csv = `${HEADER}TT-ATM,2023,1,actual,111,\r\nTT-ATM,2023,3,actual,5,\r\nP-TK,2023,,plan,11 tỷ,\r\nP-TK,2023,2,target,3 tỷ,\r\nNOPE,2023,1,actual,1,\r\n`;
    const dry = await upload('dry-run', 'a.csv', csv);
    expect(dry.statusCode, dry.body).toBe(200);
    const ptk = await unitId('P-TK');
    const plan = (await ctx.repository.getYearEntries(2023)).plans.find((p) => p.unitId === ptk);
    expect(dry.json().unchanged).toBe(1);
    // The plan row and its target are one figure; the unknown unit touches none.
    expect(dry.json().basis).toEqual([
      { kind: 'actual', unitId: await unitId('TT-ATM'), year: 2023, quarter: 1, version: 2 },
      { kind: 'actual', unitId: await unitId('TT-ATM'), year: 2023, quarter: 3, version: 0 },
      {
        kind: 'plan',
        unitId: await unitId('P-TK'),
        year: 2023,
        quarter: null,
        version: plan?.version,
      },
    ]);
  });

  it('refuses with 409 a file whose figure was corrected after the dry run, naming the row; the correction stays', async () => {
    await correct('TT-ATM', 1, 111);
    const dry = await upload('dry-run', 'q1.csv', FILE);
    expect(dry.json().changes[0]).toMatchObject({ row: 2, old: 111, new: 333 });
    await correct('TT-ATM', 1, 222);
    const before = await snapshot(ctx.repository);
    const res = await upload('apply', 'q1.csv', FILE, admin, dry.json().basis);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({
      error: 'conflict',
      field: 'basis',
      message: expect.stringContaining('rows 2'),
      moved: [{ row: 2, unitCode: 'TT-ATM', year: 2023, quarter: 1, kind: 'actual' }],
    });
    expect(await amountOf('TT-ATM', 1)).toBe(222);
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it('refuses with 409 when a figure the file leaves unchanged was corrected after the dry run', async () => {
    await correct('TT-ATM', 1, 333);
    const dry = await upload('dry-run', 'q1.csv', FILE);
    expect(dry.json()).toMatchObject({ unchanged: 1, changes: [{ row: 3 }] });
    await correct('TT-ATM', 1, 222);
    const before = await snapshot(ctx.repository);
    const res = await upload('apply', 'q1.csv', FILE, admin, dry.json().basis);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().moved).toEqual([
      { row: 2, unitCode: 'TT-ATM', year: 2023, quarter: 1, kind: 'actual' },
    ]);
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it('refuses with 409 a correction saved between the apply reading the figures and writing them', async () => {
    await correct('TT-ATM', 1, 111);
    const dry = await upload('dry-run', 'q1.csv', FILE);
    // The apply reads the figures as they were before the correction: only the version check
    // inside the write transaction can see it.
    const stale = await ctx.repository.getYearEntries(2023);
    await correct('TT-ATM', 1, 222);
    const before = await snapshot(ctx.repository);
    const original = ctx.repository.getYearEntries.bind(ctx.repository);
    ctx.repository.getYearEntries = async () => {
      ctx.repository.getYearEntries = original;
      return stale;
    };
    const res = await upload('apply', 'q1.csv', FILE, admin, dry.json().basis);
    ctx.repository.getYearEntries = original;
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json()).toMatchObject({
      field: 'basis',
      moved: [{ row: 2, unitCode: 'TT-ATM', quarter: 1 }],
    });
    expect(await amountOf('TT-ATM', 1)).toBe(222);
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it('lets exactly one of ten simultaneous applies of one file and basis write, with one set of audit rows', async () => {
    const dry = await upload('dry-run', 'q1.csv', FILE);
    expect(dry.json().changes).toHaveLength(2);
    const auditBefore = (await ctx.repository.listAudit({ limit: 10_000 })).length;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => upload('apply', 'q1.csv', FILE, admin, dry.json().basis)),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, ...Array(9).fill(409)]);
    const audit = await ctx.repository.listAudit({ limit: 10_000 });
    expect(audit.length - auditBefore).toBe(2);
    expect(await amountOf('TT-ATM', 1)).toBe(333);
  });

  it('answers an apply without a basis with 428, writing nothing', async () => {
    const before = await snapshot(ctx.repository);
    const res = await upload('apply', 'q1.csv', FILE);
    expect(res.statusCode, res.body).toBe(428);
    expect(res.json()).toMatchObject({
      error: 'precondition_required',
      field: 'basis',
      message: expect.stringContaining('dry-run'),
    });
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it.each([
    ['not JSON', '[{'],
    ['not an array', '{"kind":"actual"}'],
    ['an unknown kind', '[{"kind":"target","unitId":1,"year":2023,"quarter":1,"version":1}]'],
    ['a plan with a quarter', '[{"kind":"plan","unitId":1,"year":2023,"quarter":1,"version":1}]'],
    ['a negative version', '[{"kind":"actual","unitId":1,"year":2023,"quarter":1,"version":-1}]'],
    [
      'a figure twice',
      '[{"kind":"actual","unitId":1,"year":2023,"quarter":1,"version":1},{"kind":"actual","unitId":1,"year":2023,"quarter":1,"version":2}]',
    ],
  ])('refuses a malformed basis (%s) with 400 naming the field', async (_label, basisText) => {
    const before = await snapshot(ctx.repository);
    const res = await postImport(ctx.app, admin.headers, {
      mode: 'apply',
      content: FILE,
      basisText,
      lang: 'en',
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ field: 'basis' });
    expect(await snapshot(ctx.repository)).toEqual(before);
  });

  it('refuses with 409 a basis that does not list exactly the figures of the file', async () => {
    const dry = await upload('dry-run', 'q1.csv', FILE);
    const basis = dry.json().basis as Array<{ quarter: number }>;
    const before = await snapshot(ctx.repository);
    const short = await upload('apply', 'q1.csv', FILE, admin, basis.slice(1));
    expect(short.statusCode, short.body).toBe(409);
    expect(short.json()).toMatchObject({ field: 'basis', moved: [{ row: 2 }] });
    const extra = await upload('apply', 'q1.csv', FILE, admin, [
      ...basis,
      { kind: 'actual', unitId: await unitId('TT-ATM'), year: 2023, quarter: 4, version: 0 },
    ]);
    expect(extra.statusCode, extra.body).toBe(409);
    expect(extra.json()).toMatchObject({ field: 'basis', moved: [] });
    expect(await snapshot(ctx.repository)).toEqual(before);
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
    const dry = await upload('dry-run', name, await content());
    expect(dry.statusCode, dry.body).toBe(status);
    expect(dry.json()).toMatchObject(body);
    // A dry run that cannot read the file gives no basis; an apply with one is refused alike.
    const res = await upload('apply', name, await content(), admin, []);
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
      admin,
      [],
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
    const applied = await upload('apply', name, await content(), admin, dry.json().basis);
    expect(applied.statusCode).toBe(400);
    expect(await snapshot(ctx.repository)).toEqual(before);
  });
});

// Building the files (60 MB of zeros to deflate, a million cells) is what takes the time here.
describe('files too big to unpack or to check are refused before they are read', {
  timeout: 60_000,
}, () => {
  /** A real one-sheet workbook with `add` done to its zip. */
  const workbookZip = async (add: (zip: JSZip) => void, level = 6) => {
    const zip = await JSZip.loadAsync(
      await xlsx((sheet) => {
        sheet.addRow(['unit_code', 'year', 'quarter', 'type', 'amount']);
        sheet.addRow(['TT-ATM', 2023, 2, 'actual', 5]);
      }),
    );
    add(zip);
    return zip.generateAsync({
      type: 'nodebuffer',
      compression: 'DEFLATE',
      compressionOptions: { level },
    });
  };
  /** 60 MB of zeros as a workbook's picture, deflated to about 60 KB; built once. */
  let bomb: Promise<Buffer> | undefined;
  const zipBomb = () => {
    bomb ??= workbookZip(
      (zip) => zip.file('xl/media/image1.png', Buffer.alloc(60 * 1024 * 1024)),
      9,
    );
    return bomb;
  };

  const expectRefused = async (name: string, file: Buffer | string, message: string) => {
    const before = await snapshot(ctx.repository);
    const res = await upload('dry-run', name, file);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ field: 'file', message });
    const applied = await upload('apply', name, file, admin, []);
    expect(applied.statusCode, applied.body).toBe(400);
    expect(await snapshot(ctx.repository)).toEqual(before);
  };

  it('refuses a zip bomb: a small .xlsx whose parts unpack to more than 50 MB', async () => {
    const file = await zipBomb();
    expect(file.length).toBeLessThan(1024 * 1024);
    await expectRefused(
      'bomb.xlsx',
      file,
      'The workbook unpacks to more than 50 MB; save only the sheet of figures, without pictures or other sheets',
    );
  });

  it('refuses an .xlsx whose central directory understates what a part unpacks to', async () => {
    // The bomb's part declares 1 KB, in its local header and in the central directory.
    const lying = Buffer.from(await zipBomb());
    const name = Buffer.from('xl/media/image1.png');
    let patched = 0;
    for (let at = lying.indexOf(name); at !== -1; at = lying.indexOf(name, at + 1)) {
      if (lying.readUInt32LE(at - 30) === 0x04034b50) {
        lying.writeUInt32LE(1024, at - 30 + 22);
        patched++;
      } else if (lying.readUInt32LE(at - 46) === 0x02014b50) {
        lying.writeUInt32LE(1024, at - 46 + 24);
        patched++;
      }
    }
    expect(patched).toBe(2);
    await expectRefused(
      'lying.xlsx',
      lying,
      'The workbook is damaged (its parts do not match its index); save it again from Excel',
    );
  });

  it('refuses an .xlsx of more than 1,000 parts', async () => {
    const many = await workbookZip((zip) => {
      for (let i = 0; i < 1_000; i++) zip.file(`xl/media/image${i}.png`, 'x');
    });
    await expectRefused(
      'many.xlsx',
      many,
      'The workbook has more than 1,000 parts; save only the sheet of figures',
    );
  });

  it('refuses a worksheet of more than 1,000,000 cells before exceljs builds it', async () => {
    const cells = Array.from({ length: 1_000_001 }, (_, i) => `<c r="A${i + 1}"/>`).join('');
    const dense = await workbookZip((zip) =>
      zip.file(
        'xl/worksheets/sheet1.xml',
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">${cells}</row></sheetData></worksheet>`,
      ),
    );
    await expectRefused(
      'dense.xlsx',
      dense,
      "A sheet has more than 1,000,000 cells; keep only the template's columns",
    );
  });

  const TOO_MANY_ROWS =
    'More than 100,000 rows below the header; split the figures into several files';

  it('refuses a CSV of 100,001 rows', async () => {
    const csv = `${HEADER}${'TT-ATM,2023,2,actual,1,\r\n'.repeat(100_001)}`;
    await expectRefused('long.csv', csv, TOO_MANY_ROWS);
  });

  it('refuses an .xlsx of 100,001 rows', async () => {
    const rows = Array.from(
      { length: 100_002 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c></row>`,
    ).join('');
    const long = await workbookZip((zip) =>
      zip.file(
        'xl/worksheets/sheet1.xml',
        `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
      ),
    );
    await expectRefused('long.xlsx', long, TOO_MANY_ROWS);
  });

  it('refuses an .xlsx with a value in row 200,000, however few rows it writes', async () => {
    const file = await xlsx((sheet) => {
      sheet.addRow(['unit_code', 'year', 'quarter', 'type', 'amount']);
      sheet.getRow(200_000).getCell(1).value = 'TT-ATM';
    });
    await expectRefused('far.xlsx', file, TOO_MANY_ROWS);
  });

  it("refuses a viewer's dry run with 403 before reading the file", async () => {
    const viewer = await login(ctx.app, 'viewer');
    const res = await upload('dry-run', 'a.csv', `${HEADER}TT-ATM,2023,2,actual,1,\r\n`, viewer);
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json()).toEqual({
      error: 'forbidden',
      message: 'Your account may not import figures',
    });
    // Not even a file it cannot read gets further.
    const pdf = await upload('dry-run', 'a.pdf', '%PDF-1.4', viewer);
    expect(pdf.statusCode).toBe(403);
  });

  it('lists the first 200 problems and counts them all', async () => {
    const csv = `${HEADER}${Array.from({ length: 500 }, (_, i) => `TT-ATM,2023,${(i % 4) + 1},actual,không${i},`).join('\r\n')}\r\n`;
    const dry = await upload('dry-run', 'bad.csv', csv);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().issues).toHaveLength(200);
    expect(dry.json().issueCount).toBe(500);
    expect(dry.json().issues[199]).toMatchObject({ row: 201, column: 'amount' });
    const applied = await upload('apply', 'bad.csv', csv, admin, dry.json().basis);
    expect(applied.statusCode).toBe(400);
    expect(applied.json()).toMatchObject({ issueCount: 500, issues: expect.any(Array) });
    expect(applied.json().issues).toHaveLength(200);
  });
});
