import type { ReportRecord, Summary } from '@targetline/contract';
import {
  fill,
  formatAmountCompact,
  formatAmountShort,
  formatPercent,
  formatQuarter,
  type Locale,
  type Quarter,
  vietnamDate,
  wordsFor,
} from '@targetline/core';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  type ITableCellBorders,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { achievementChart, type ChartImage, quarterChart } from './review-charts';
import { reviewHeadline } from './review-headline';

/**
 * A direction of the director's conclusions (kết luận chỉ đạo), as the report prints it:
 * `unitName` null for the whole institute; `status` is the direction's state, printed in words
 * where the catalogue knows it.
 */
export type ReviewDirection = {
  unitName: string | null;
  text: string;
  dueQuarter: Quarter;
  dueYear: number;
  status: string;
};

export type ReviewReportInput = {
  /** The summary as `GET /api/summary?year=&asOf=quarter` answers it. */
  summary: Summary;
  quarter: Quarter;
  locale: Locale;
  organisation: string;
  /** The units' reports of the quarter (`listReports`). */
  reports: readonly ReportRecord[];
  /** The meeting's conclusions; without them the report has no section for them. */
  directions?: readonly ReviewDirection[];
  exportedAt: Date;
};

// The administrative documents' font (Decree 30/2020/NĐ-CP); LibreOffice substitutes
// Liberation Serif, which covers Vietnamese, where Times New Roman is not installed.
const FONT = 'Times New Roman';
const BODY = 26; // half-points: 13 pt
const SMALL = 18; // 9 pt, the table
// A4 portrait; margins of Vietnamese administrative documents: left 30 mm, the others 20 mm.
const PAGE = { width: 11906, height: 16838 };
const MARGIN = { top: 20, right: 20, bottom: 20, left: 30 };
/** Millimetres to twips, rounded (docx's own helper truncates: 30 mm would be 1700). */
const mm = (millimetres: number) => Math.round((millimetres * 1440) / 25.4);
const TEXT_WIDTH = PAGE.width - mm(MARGIN.left) - mm(MARGIN.right);
// Image width in pixels at 96 dpi that fills the text width (160 mm).
const IMAGE_WIDTH = Math.round((160 / 25.4) * 96);

// The letterhead's left column (the organisation); the national title takes the rest.
const LEFT_COLUMN = 3600;

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS: ITableCellBorders = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
};

type Run = { text: string; bold?: boolean; italics?: boolean; size?: number };

const run = ({ text, bold, italics, size }: Run) =>
  new TextRun({ text, bold, italics, size, font: FONT });

/** A paragraph of body text, justified with the first line indented as reports are typed. */
const body = (runs: Run[], indent = true) =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: indent ? { firstLine: mm(10) } : undefined,
    spacing: { before: 60, after: 60, line: 300 },
    children: runs.map(run),
  });

const centred = (runs: Run[], after = 0, before = 0) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before, after },
    children: runs.map(run),
  });

const heading = (text: string) =>
  new Paragraph({
    keepNext: true,
    spacing: { before: 240, after: 120 },
    children: [run({ text, bold: true })],
  });

/** Free text as the unit wrote it: one paragraph per line, never interpreted. */
const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

function chartParagraphs(chart: ChartImage, title: string): Paragraph[] {
  const height = Math.round((chart.height * IMAGE_WIDTH) / chart.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120 },
      children: [
        new ImageRun({
          type: 'png',
          data: chart.png,
          transformation: { width: IMAGE_WIDTH, height },
          altText: { title, description: title, name: title },
        }),
      ],
    }),
    centred([{ text: title, italics: true, size: 24 }], 160),
  ];
}

function cell(
  text: string,
  width: number,
  options: { bold?: boolean; shade?: boolean; align?: 'left' | 'right' | 'center' } = {},
) {
  const alignment =
    options.align === 'right'
      ? AlignmentType.RIGHT
      : options.align === 'center'
        ? AlignmentType.CENTER
        : AlignmentType.LEFT;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 30, bottom: 30, left: 60, right: 60 },
    ...(options.shade && { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'DCE4EE' } }),
    children: [
      new Paragraph({
        alignment,
        children: [run({ text, bold: options.bold, size: SMALL })],
      }),
    ],
  });
}

/** The letterhead: the organisation on the left, the national title and the date on the right. */
function letterhead(organisation: string, locale: Locale, exportedAt: Date, w: Words) {
  const [year, month, day] = vietnamDate(exportedAt).split('-').map(Number);
  const column = (paragraphs: Paragraph[], width: number) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      borders: NO_BORDERS,
      children: paragraphs,
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [LEFT_COLUMN, TEXT_WIDTH - LEFT_COLUMN],
    borders: {
      top: NO_BORDER,
      bottom: NO_BORDER,
      left: NO_BORDER,
      right: NO_BORDER,
      insideHorizontal: NO_BORDER,
      insideVertical: NO_BORDER,
    },
    rows: [
      new TableRow({
        children: [
          column(
            [
              centred([{ text: organisation.toLocaleUpperCase(locale), bold: true, size: 24 }]),
              centred([{ text: '———', size: 20 }]),
            ],
            LEFT_COLUMN,
          ),
          column(
            [
              centred([{ text: w.nation, bold: true, size: 24 }]),
              centred([{ text: w.motto, bold: true, size: 26 }]),
              centred([{ text: '———', size: 20 }], 80),
              centred([
                {
                  text: fill(w.dated, {
                    day: day ?? '',
                    month:
                      locale === 'vi'
                        ? String(month ?? '')
                        : new Date(Date.UTC(2000, (month ?? 1) - 1, 1)).toLocaleString('en', {
                            month: 'long',
                            timeZone: 'UTC',
                          }),
                    year: year ?? '',
                  }),
                  italics: true,
                  size: 26,
                },
              ]),
            ],
            TEXT_WIDTH - LEFT_COLUMN,
          ),
        ],
      }),
    ],
  });
}

type Words = ReturnType<typeof wordsFor>['exports']['reviewReport'];

/**
 * The quarterly review's Word report ("Báo cáo sơ kết Quý I/2023"), the file the institute
 * sends to its parent group: the headline as the report writes it, with the status, what is
 * still needed and whether figures are estimates (all from the summary's analysis, none
 * computed here); a table with a row per unit; the charts as images; each unit's report; and
 * the director's conclusions when given. A4 portrait, administrative margins, Times New Roman.
 * Every name and explanation goes in as a text run, which `docx` escapes: nothing in them is
 * read as markup.
 */
export async function buildReviewReport({
  summary,
  quarter,
  locale,
  organisation,
  reports,
  directions,
  exportedAt,
}: ReviewReportInput): Promise<Buffer> {
  const all = wordsFor(locale);
  const w = all.exports.reviewReport;
  const status = all.analysis.status;
  const year = summary.year;
  const quarterName = formatQuarter(quarter, year, locale);

  const children: Array<Paragraph | Table> = [
    letterhead(organisation, locale, exportedAt, w),
    centred(
      [
        {
          text: fill(w.title, { quarter: quarterName }).toLocaleUpperCase(locale),
          bold: true,
          size: 28,
        },
      ],
      0,
      480,
    ),
    centred([{ text: fill(w.subtitle, { year }), bold: true }], 240),
  ];

  // I. The headline, in the report's own sentence.
  children.push(heading(w.section1));
  const amount = (a: number | null) => formatAmountShort(a, locale);
  const said = reviewHeadline(summary, quarter, locale);
  children.push(body([{ text: said.headline }]));
  if (said.partly !== null) children.push(body([{ text: said.partly, italics: true }]));
  if (said.status !== null) children.push(body([{ text: said.status }]));
  if (said.needed !== null) children.push(body([{ text: said.needed }]));
  children.push(body([{ text: said.basis, italics: true }]));

  // II. The units: one table, a row per unit, then the charts.
  children.push(heading(w.section2));
  children.push(
    new Paragraph({
      keepNext: true,
      alignment: AlignmentType.CENTER,
      children: [run({ text: fill(w.tableTitle, { quarter: quarterName }), bold: true, size: 24 })],
    }),
    new Paragraph({
      keepNext: true,
      alignment: AlignmentType.RIGHT,
      spacing: { after: 60 },
      children: [run({ text: w.amounts, italics: true, size: SMALL })],
    }),
  );
  const c = w.columns;
  const widths = [1900, 760, 760, 760, 680, 760, 680, 920, 1000, 0];
  widths[9] = TEXT_WIDTH - widths.slice(0, 9).reduce((a, b) => a + b, 0);
  const width = (i: number) => widths[i] ?? 600;
  const headers = [
    c.unit,
    c.plan,
    c.target,
    c.actual,
    c.quarterAchieved,
    c.ytd,
    c.ofPlan,
    c.perQuarter,
    c.status,
    c.basis,
  ];
  const compact = (a: number | null) => formatAmountCompact(a, locale);
  const rows = summary.units.map((u) => {
    const q = u.quarters[quarter - 1];
    const basis =
      !q || q.expectedUnits === 0
        ? '—'
        : q.actual === null
          ? w.notReported
          : q.missingUnitIds.length > 0
            ? fill(all.analysis.table.partial, {
                reported: q.reportedUnits,
                expected: q.expectedUnits,
              })
            : q.isEstimate
              ? w.estimate
              : w.finalFigure;
    const isRoot = u.depth === 0;
    const cells = [
      `${'  '.repeat(Math.max(u.depth - 1, 0))}${u.name}`,
      compact(u.annualPlan),
      compact(q?.target ?? null),
      compact(q?.actual ?? null),
      formatPercent(q?.achieved ?? null, locale),
      compact(u.analysis.ytdActual),
      formatPercent(u.analysis.achieved, locale),
      compact(u.analysis.neededPerQuarter),
      status[u.analysis.status ?? 'none'],
      basis,
    ];
    return new TableRow({
      cantSplit: true,
      children: cells.map((text, i) =>
        cell(text, width(i), {
          bold: isRoot,
          shade: isRoot,
          align: i === 0 || i >= 8 ? 'left' : 'right',
        }),
      ),
    });
  });
  children.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: headers.map((h, i) =>
            cell(h, width(i), { bold: true, shade: true, align: 'center' }),
          ),
        }),
        ...rows,
      ],
    }),
  );
  const figure1 = fill(w.chartTitle, { n: 1, quarter: quarterName });
  children.push(
    ...chartParagraphs(
      achievementChart(summary, quarter, locale, {
        legendBar: w.chartLegendBar,
        legendLine: w.chartLegendLine,
        noTarget: all.exports.noTarget,
        notReported: w.notReported.toLocaleLowerCase(locale),
      }),
      figure1,
    ),
    ...chartParagraphs(
      quarterChart(summary, locale, { actual: w.chartQuarterActual, target: w.chartQuarterTarget }),
      fill(w.chartQuarterTitle, { n: 2, year }),
    ),
  );

  // III. What each unit wrote, in the table's order.
  children.push(heading(w.section3));
  const byUnit = new Map(reports.map((r) => [r.unitId, r]));
  const written = summary.units.flatMap((u) => {
    const report = byUnit.get(u.unitId);
    const hasText =
      report &&
      [report.results, report.causes, report.difficulties, report.proposals].some((t) => t.trim());
    return report && hasText ? [{ unit: u, report }] : [];
  });
  if (written.length === 0) children.push(body([{ text: w.noReports, italics: true }]));
  written.forEach(({ unit, report }, i) => {
    children.push(
      new Paragraph({
        keepNext: true,
        spacing: { before: 160, after: 60 },
        children: [run({ text: `${i + 1}. ${unit.name}`, bold: true })],
      }),
    );
    const parts: Array<[string, string]> = [
      [w.results, report.results],
      [w.causes, report.causes],
      [w.difficulties, report.difficulties],
      [w.proposals, report.proposals],
    ];
    for (const [label, text] of parts) {
      const [head, ...rest] = lines(text);
      if (head === undefined) continue;
      children.push(body([{ text: `${label}: `, italics: true }, { text: head }]));
      for (const line of rest) children.push(body([{ text: line }]));
    }
    if (report.nextQuarterExpected !== null)
      children.push(
        body([
          {
            text: fill(w.nextQuarter, { amount: amount(report.nextQuarterExpected) }),
            italics: true,
          },
        ]),
      );
  });

  // IV. The director's conclusions, when the caller has them.
  if (directions !== undefined) {
    children.push(heading(w.section4));
    if (directions.length === 0) children.push(body([{ text: w.noDirections, italics: true }]));
    const known = w.directionStatus as Record<string, string>;
    for (const d of directions) {
      const due = fill(w.due, { quarter: formatQuarter(d.dueQuarter, d.dueYear, locale) });
      children.push(
        body([
          { text: `– ${d.unitName ?? w.wholeInstitute}: `, bold: true },
          { text: d.text },
          { text: ` (${due}; ${known[d.status] ?? d.status})`, italics: true },
        ]),
      );
    }
  }

  const footer = new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          run({
            text: `${fill(w.footer, {
              organisation,
              quarter: quarterName,
              date: vietnamDate(exportedAt),
            })} `,
            size: 16,
          }),
          new TextRun({ children: [PageNumber.CURRENT], size: 16, font: FONT }),
        ],
      }),
    ],
  });

  const doc = new Document({
    creator: 'Targetline',
    title: `${organisation} – ${fill(w.title, { quarter: quarterName })}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          page: {
            size: { ...PAGE, orientation: PageOrientation.PORTRAIT },
            margin: {
              top: mm(MARGIN.top),
              right: mm(MARGIN.right),
              bottom: mm(MARGIN.bottom),
              left: mm(MARGIN.left),
            },
          },
        },
        footers: { default: footer },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
