import {
  formatAmountFull,
  formatAmountShort,
  formatPercent,
  formatQuarter,
  type Locale,
  QUARTERS,
  type Quarter,
  type YearSummary,
} from '@targetline/core';
import JSZip from 'jszip';
import PptxGenJS from 'pptxgenjs';
import { labels } from './labels';
import { quarterNotes } from './summary-table';

// Arial covers Vietnamese on every machine that opens the deck (Windows, macOS, LibreOffice).
const FONT = 'Arial';
const NAVY = '0B4F8A';
const GREY = '555555';
const QUARTER_COLOURS = ['0B6FB0', 'E07B24', '2E9E6A', 'B2478F'];
const ROWS_PER_TABLE_SLIDE = 12;

export type DeckInput = {
  summary: YearSummary;
  quarter: Quarter;
  locale: Locale;
  organisation: string;
  exportedAt: Date;
};

function footer(slide: PptxGenJS.Slide, text: string) {
  slide.addText(text, {
    x: 0.4,
    y: 5.3,
    w: 9.2,
    h: 0.25,
    fontFace: FONT,
    fontSize: 9,
    color: GREY,
  });
}

/**
 * The quarterly review deck, 16:9: title; headline figures; % achieved per unit and quarter
 * as a native (editable) bar chart with its data embedded; the figures of every unit as
 * tables, twelve units a slide. Where some units have not reported the quarter yet, its
 * headline and tables say which (a star on each partial actual), and that estimates are.
 */
export async function buildDeck({ summary, quarter, locale, organisation, exportedAt }: DeckInput) {
  const w = labels(locale);
  const root = summary.units[0];
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = `${organisation} – ${w.review(quarter, summary.year)}`;
  pptx.company = organisation;
  pptx.author = 'Targetline';
  const stamp = `Targetline · ${organisation} · ${w.exported} ${exportedAt.toISOString().slice(0, 10)}`;
  const q = root?.quarters[quarter - 1];
  // Said on every slide that shows the quarter's figures: who has not reported, estimates.
  const notes = quarterNotes(summary, quarter, locale);

  const title = pptx.addSlide();
  title.background = { color: NAVY };
  title.addText(organisation, {
    x: 0.6,
    y: 1.6,
    w: 8.8,
    h: 0.9,
    fontFace: FONT,
    fontSize: 26,
    bold: true,
    color: 'FFFFFF',
  });
  title.addText(w.review(quarter, summary.year), {
    x: 0.6,
    y: 2.6,
    w: 8.8,
    h: 0.7,
    fontFace: FONT,
    fontSize: 22,
    color: 'FFFFFF',
  });
  title.addText(stamp, {
    x: 0.6,
    y: 4.9,
    w: 8.8,
    h: 0.3,
    fontFace: FONT,
    fontSize: 10,
    color: 'DDE6F0',
  });

  const headline = pptx.addSlide();
  headline.addText(w.headline, {
    x: 0.4,
    y: 0.3,
    w: 9.2,
    h: 0.6,
    fontFace: FONT,
    fontSize: 24,
    bold: true,
    color: NAVY,
  });
  const cards: Array<[string, string, string]> = [
    [
      `${w.annualPlan} ${summary.year}`,
      formatAmountShort(root?.annualPlan ?? null, locale),
      formatAmountFull(root?.annualPlan ?? null, locale),
    ],
    [
      w.ytdActual,
      formatAmountShort(root?.ytdActual ?? null, locale),
      formatAmountFull(root?.ytdActual ?? null, locale),
    ],
    [w.ofPlan, formatPercent(root?.achieved ?? null, locale), ''],
    [
      w.quarterVsTarget(quarter),
      formatAmountShort(q?.actual ?? null, locale),
      q?.target == null
        ? w.noTarget
        : `${w.target} ${formatAmountShort(q.target, locale)} · ${formatPercent(q.achieved, locale)}`,
    ],
  ];
  cards.forEach(([label, big, small], i) => {
    const x = 0.4 + (i % 2) * 4.7;
    const y = 1.2 + Math.floor(i / 2) * 2;
    headline.addShape('rect', {
      x,
      y,
      w: 4.4,
      h: 1.8,
      fill: { color: 'F2F5F9' },
      line: { color: 'C9D3DF' },
    });
    headline.addText(label, {
      x: x + 0.2,
      y: y + 0.1,
      w: 4,
      h: 0.4,
      fontFace: FONT,
      fontSize: 14,
      color: GREY,
    });
    headline.addText(big, {
      x: x + 0.2,
      y: y + 0.5,
      w: 4,
      h: 0.7,
      fontFace: FONT,
      fontSize: 30,
      bold: true,
      color: '111111',
    });
    headline.addText(small, {
      x: x + 0.2,
      y: y + 1.2,
      w: 4,
      h: 0.4,
      fontFace: FONT,
      fontSize: 12,
      color: GREY,
    });
  });
  if (notes.length > 0) {
    headline.addText(notes.join(' '), {
      x: 0.4,
      y: 5.0,
      w: 9.2,
      h: 0.3,
      fontFace: FONT,
      fontSize: 9,
      italic: true,
      color: 'A4262C',
    });
  }
  footer(headline, stamp);

  const chart = pptx.addSlide();
  chart.addText(`${w.chartTitle} – ${summary.year}`, {
    x: 0.4,
    y: 0.25,
    w: 9.2,
    h: 0.6,
    fontFace: FONT,
    fontSize: 20,
    bold: true,
    color: NAVY,
  });
  const units = summary.units;
  chart.addChart(
    pptx.ChartType.bar,
    QUARTERS.map((qq) => ({
      name: formatQuarter(qq, summary.year, locale),
      labels: units.map((u) => u.code),
      // A quarter without a target or an actual has no bar, not a bar at 0%.
      values: units.map((u) => u.quarters[qq - 1]?.achieved ?? (null as unknown as number)),
    })),
    {
      x: 0.4,
      y: 0.9,
      w: 9.2,
      h: 4.3,
      barDir: 'col',
      barGrouping: 'clustered',
      chartColors: QUARTER_COLOURS,
      showLegend: true,
      legendPos: 'b',
      legendFontFace: FONT,
      catAxisLabelFontFace: FONT,
      catAxisLabelFontSize: 10,
      valAxisLabelFontFace: FONT,
      valAxisLabelFormatCode: '0%',
      valAxisMinVal: 0,
      dataLabelFormatCode: '0%',
    },
  );
  footer(chart, stamp);

  const header = [
    w.unit,
    w.annualPlan,
    w.ytdActual,
    w.ofPlan,
    `${formatQuarter(quarter, undefined, locale)} – ${w.target}`,
    `${formatQuarter(quarter, undefined, locale)} – ${w.actual}`,
    w.achieved,
  ];
  for (let start = 0; start < units.length; start += ROWS_PER_TABLE_SLIDE) {
    const slide = pptx.addSlide();
    slide.addText(`${w.tableTitle} – ${formatQuarter(quarter, summary.year, locale)}`, {
      x: 0.4,
      y: 0.25,
      w: 9.2,
      h: 0.5,
      fontFace: FONT,
      fontSize: 20,
      bold: true,
      color: NAVY,
    });
    const rows = units.slice(start, start + ROWS_PER_TABLE_SLIDE).map((u) => {
      const uq = u.quarters[quarter - 1];
      const bold = u.depth === 0;
      // The note under the table names the units behind the star.
      const isPartial = uq !== undefined && uq.actual !== null && uq.missingUnitIds.length > 0;
      return [
        { text: `${'  '.repeat(u.depth)}${u.name}`, options: { bold } },
        {
          text: formatAmountFull(u.annualPlan, locale),
          options: { align: 'right' as const, bold },
        },
        { text: formatAmountFull(u.ytdActual, locale), options: { align: 'right' as const, bold } },
        { text: formatPercent(u.achieved, locale), options: { align: 'right' as const, bold } },
        {
          text: formatAmountFull(uq?.target ?? null, locale),
          options: { align: 'right' as const, bold },
        },
        {
          text: `${formatAmountFull(uq?.actual ?? null, locale)}${isPartial ? ' *' : ''}`,
          options: { align: 'right' as const, bold },
        },
        {
          text: formatPercent(uq?.achieved ?? null, locale),
          options: { align: 'right' as const, bold },
        },
      ];
    });
    slide.addTable(
      [
        header.map((text) => ({ text, options: { bold: true, fill: { color: 'E4EAF2' } } })),
        ...rows,
      ],
      {
        x: 0.3,
        y: 0.85,
        w: 9.4,
        colW: [3.1, 1.15, 1.15, 0.75, 1.15, 1.15, 0.95],
        fontFace: FONT,
        fontSize: 9,
        border: { type: 'solid', pt: 0.5, color: 'C9D3DF' },
        valign: 'middle',
      },
    );
    slide.addText([w.unitNote, ...notes].join(' · '), {
      x: 0.4,
      y: 5.05,
      w: 9.2,
      h: 0.25,
      fontFace: FONT,
      fontSize: 9,
      italic: true,
      color: GREY,
    });
    footer(slide, stamp);
  }

  return dropEmptyChartPoints((await pptx.write({ outputType: 'nodebuffer' })) as Buffer);
}

/**
 * pptxgenjs writes a missing value as an empty `<c:v>`, which is not a number; leaving the
 * point out is how OOXML says "no bar" (ptCount keeps the category count).
 */
async function dropEmptyChartPoints(deck: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(deck);
  const charts = zip.file(/^ppt\/charts\/chart\d+\.xml$/);
  for (const chart of charts) {
    const xml = await chart.async('string');
    zip.file(chart.name, xml.replace(/<c:pt idx="\d+"><c:v><\/c:v><\/c:pt>/g, ''));
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
