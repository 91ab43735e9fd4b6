import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, buildTestApp, login } from '../test/helpers';

// Free text — unit names, display names, comments, reasons — is data wherever it goes: never
// markup in the deck's XML, never a formula in a workbook or a CSV. (The browser's side is the
// e2e test hostile-text.test.ts.)

const MARKUP = '<img src=x onerror="alert(1)"> & </a:t><a:t>';
const FORMULA = '=HYPERLINK("http://x","y")';

let ctx: Awaited<ReturnType<typeof buildTestApp>>;
let viewer: Agent;

beforeAll(async () => {
  ctx = await buildTestApp();
  const admin = await login(ctx.app, 'admin');
  const root = (await ctx.repository.listUnits()).find((u) => u.parentId === null);
  const created = [];
  for (const [code, name] of [
    ['MARKUP', `Phòng ${MARKUP}`],
    ['FORMULA', FORMULA],
  ] as const) {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: admin.headers,
      payload: { code, name, kind: 'department', parentId: root?.id, comment: MARKUP },
    });
    expect(res.statusCode, res.body).toBe(201);
    created.push(res.json<{ id: number }>());
  }
  for (const unit of created) {
    const plan = await ctx.app.inject({
      method: 'PUT',
      url: `/api/plans/${unit.id}/2023`,
      headers: admin.headers,
      payload: {
        annualPlan: 90_000_000_000,
        quarterTargets: [20_000_000_000, null, null, null],
        version: 0,
        comment: MARKUP,
      },
    });
    expect(plan.statusCode, plan.body).toBe(200);
    const actual = await ctx.app.inject({
      method: 'PUT',
      url: `/api/actuals/${unit.id}/2023/1`,
      headers: admin.headers,
      payload: { amount: 40_000_000_000, version: 0, comment: FORMULA },
    });
    expect(actual.statusCode, actual.body).toBe(200);
  }
  // The MARKUP unit submits a report whose texts are hostile too: they go on its slide and
  // in its speaker notes.
  const [markup] = created;
  if (!markup) throw new Error('no MARKUP unit');
  const draft = await ctx.repository.saveReport({
    unitId: markup.id,
    year: 2023,
    quarter: 1,
    results: `${MARKUP}\n${FORMULA}`,
    causes: '',
    difficulties: MARKUP,
    proposals: '',
    nextQuarterExpected: null,
    expectedVersion: 0,
    expectedActualVersion: 1,
    amount: 40_000_000_000,
    actor: 'admin',
  });
  await ctx.repository.moveReport({
    unitId: markup.id,
    year: 2023,
    quarter: 1,
    action: 'submit',
    expectedVersion: draft.version,
    reason: null,
    atRisk: 0,
    actor: 'admin',
  });
  viewer = await login(ctx.app, 'viewer');
});
afterAll(async () => {
  await ctx?.app.close();
});

const download = async (url: string) => {
  const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: viewer.cookie } });
  expect(res.statusCode, url).toBe(200);
  return res.rawPayload;
};

describe('free text in the exports', () => {
  it('is a plain string cell in the workbook, never a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await download('/api/export/summary.xlsx?year=2023')) as unknown as ArrayBuffer,
    );
    const names = new Map<string, ExcelJS.Cell>();
    workbook.getWorksheet('2023')?.eachRow((row) => {
      names.set(String(row.getCell(1).value), row.getCell(2));
    });
    for (const [code, name] of [
      ['MARKUP', `Phòng ${MARKUP}`],
      ['FORMULA', FORMULA],
    ] as const) {
      expect(names.get(code)?.type, code).toBe(ExcelJS.ValueType.String);
      expect(names.get(code)?.value, code).toBe(name);
    }
  });

  it('is escaped text in the Word report and its charts, never markup', async () => {
    // The charts are SVG with the units' names in them: a name read as markup would fail to
    // rasterise, so a 200 says they were escaped there too.
    const zip = await JSZip.loadAsync(
      await download('/api/export/review.docx?year=2023&quarter=1'),
    );
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    expect(xml).toContain('Phòng &lt;img src=x onerror=');
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain('</a:t><a:t>');
    expect(Object.keys(zip.files).filter((n) => n.startsWith('word/media/'))).toHaveLength(2);
  });

  it('is escaped text in every part of the deck, never markup', async () => {
    const zip = await JSZip.loadAsync(await download('/api/export/deck.pptx?year=2023&quarter=1'));
    const parts = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => n.endsWith('.xml'))
        .map(async (n) => [n, (await zip.file(n)?.async('string')) ?? ''] as const),
    );
    const all = parts.map(([, xml]) => xml).join('\n');
    // The unit is in the deck (the ranking, the chart's categories), as text.
    expect(all).toContain('&lt;img src=x onerror=');
    for (const [name, xml] of parts) {
      expect(xml, name).not.toContain('<img');
      expect(xml, name).not.toContain('</a:t><a:t>Phòng');
      expect(xml, name).not.toContain('</a:t><a:t>\n');
    }
    // Its report is in its slide's notes, escaped, the line break a break and nothing more.
    const notes = parts.filter(([n]) => n.startsWith('ppt/notesSlides/')).map(([, xml]) => xml);
    const its = notes.find((xml) => xml.includes('Phòng &lt;img'));
    expect(its).toContain(
      '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &lt;/a:t&gt;&lt;a:t&gt;</a:t></a:r><a:br/>',
    );
    expect(its).toContain(FORMULA.replaceAll('"', '&quot;'));
  });

  it('is a quoted, neutralised field in the CSV', async () => {
    const text = (await download('/api/export/summary.csv?year=2023')).toString('utf8');
    const markupLine = text.split('\r\n').find((l) => l.startsWith('MARKUP,'));
    expect(markupLine).toContain(`"Phòng ${MARKUP.replaceAll('"', '""')}"`);
    const formulaLine = text.split('\r\n').find((l) => l.startsWith('FORMULA,'));
    expect(formulaLine).toContain(`"'${FORMULA.replaceAll('"', '""')}"`);
  });
});
