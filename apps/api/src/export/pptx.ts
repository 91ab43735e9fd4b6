import type { ReportRecord, Summary, SummaryUnit } from '@targetline/contract';
import {
  buildSlides,
  fill,
  formatAmountFull,
  formatAmountShort,
  formatPercent,
  formatQuarter,
  gapRows,
  type Locale,
  QUARTERS,
  type Quarter,
  sumAmounts,
  wordsFor,
} from '@targetline/core';
import JSZip from 'jszip';
import PptxGenJS from 'pptxgenjs';
import { labels } from './labels';
import type { ReviewDirection } from './review-docx';
import { reviewHeadline } from './review-headline';
import { quarterNotes } from './summary-table';

// Arial covers Vietnamese on every machine that opens the deck (Windows, macOS, LibreOffice).
const FONT = 'Arial';
const NAVY = '0B4F8A';
const GREY = '555555';
const LIGHT = 'C9D3DF';
const ORANGE = 'C25E00';
const QUARTER_COLOURS = ['0B6FB0', 'E07B24', '2E9E6A', 'B2478F'];
const ROWS_PER_TABLE_SLIDE = 12;
// Amounts stay integer đồng in the charts' data; the format shows them in tỷ (each trailing
// comma divides by a thousand), so the embedded sheet keeps every digit.
const BN_AXIS = '#,##0,,,';
const BN_LABEL = '#,##0.0,,,';
// The longest part of a unit's report shown on its slide; the whole report is in the notes.
const SLIDE_TEXT_LIMIT = 260;

export type DeckInput = {
  /** The summary as `GET /api/summary?year=&asOf=quarter` answers it (with the analysis). */
  summary: Summary;
  quarter: Quarter;
  locale: Locale;
  organisation: string;
  /** The reporting units in the meeting's order (`meetingOrder`). */
  reportingUnitIds: readonly number[];
  /** The units' reports of the quarter; only submitted and approved ones are shown. */
  reports: readonly ReportRecord[];
  /** The directions given at this quarter's meeting. */
  directions: readonly ReviewDirection[];
  exportedAt: Date;
};

type Slide = PptxGenJS.Slide;

const text = (
  slide: Slide,
  value: string | PptxGenJS.TextProps[],
  box: { x: number; y: number; w: number; h: number },
  options: PptxGenJS.TextPropsOptions = {},
) =>
  slide.addText(value, {
    ...box,
    fontFace: FONT,
    fontSize: 14,
    color: '111111',
    valign: 'top',
    margin: 0,
    ...options,
  });

const title = (slide: Slide, value: string) =>
  text(
    slide,
    value,
    { x: 0.4, y: 0.25, w: 9.2, h: 0.6 },
    {
      fontSize: 22,
      bold: true,
      color: NAVY,
      valign: 'middle',
      fit: 'shrink',
    },
  );

function footer(slide: Slide, value: string) {
  text(slide, value, { x: 0.4, y: 5.3, w: 9.2, h: 0.25 }, { fontSize: 9, color: GREY });
}

/**
 * Text a unit typed, as it may go into the file: no control character (which XML cannot
 * hold) but line breaks and tabs. pptxgenjs escapes the rest: nothing in it is markup.
 */
const printable = (value: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what is removed.
  value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');

const shortened = (value: string) => {
  const flat = printable(value).replace(/\s+/g, ' ').trim();
  return flat.length > SLIDE_TEXT_LIMIT
    ? `${flat.slice(0, SLIDE_TEXT_LIMIT - 1).trimEnd()}…`
    : flat;
};

/**
 * A quarter whose figure is shown but is not the whole: some reporting unit of the subtree
 * has not reported it yet. (A quarter nobody has reported shows no figure to star.)
 */
const isPartial = (q: SummaryUnit['quarters'][number] | undefined) =>
  q !== undefined && q.actual !== null && q.missingUnitIds.length > 0;

/**
 * The forecast as cumulative lines over the year: the bars are what has come in to each
 * quarter up to the as-of one; from the as-of quarter on, the run-rate forecast and the path
 * that meets the plan (the API's needed per quarter) start from the actual so far. Integer
 * đồng, all from the summary's analysis; a series that has nothing is left out.
 */
export function forecastSeries(unit: SummaryUnit) {
  const { asOfQuarter, ytdActual, runRateForecast, neededPerQuarter } = unit.analysis;
  const targets = unit.quarters.map((q) => q.target);
  const cumulative = (values: ReadonlyArray<number | null>, q: Quarter) =>
    values.slice(0, q).some((v) => v === null) ? null : sumAmounts(values.slice(0, q));
  const after = (q: Quarter, value: (steps: number) => number) =>
    q < asOfQuarter || ytdActual === null ? null : value(q - asOfQuarter);
  return {
    actual: QUARTERS.map((q) =>
      q <= asOfQuarter
        ? cumulative(
            unit.quarters.map((x) => x.actual),
            q,
          )
        : null,
    ),
    target: QUARTERS.map((q) => cumulative(targets, q)),
    plan: QUARTERS.map(() => unit.annualPlan),
    runRate:
      runRateForecast === null || ytdActual === null || asOfQuarter === 4
        ? null
        : QUARTERS.map((q) =>
            after(q, (steps) => (steps === 0 ? ytdActual : Math.round((runRateForecast * q) / 4))),
          ),
    needed:
      neededPerQuarter === null || ytdActual === null
        ? null
        : QUARTERS.map((q) => after(q, (steps) => ytdActual + neededPerQuarter * steps)),
  };
}

/**
 * The quarterly review deck, 16:9, telling the meeting's story as the projector does
 * (`buildSlides`): the title; the headline as the report writes it (with who has not
 * reported, the status, what is still needed, estimates); the cumulative forecast and the
 * "% by unit" chart, both native charts with their data embedded; one slide per reporting
 * unit with its quarter and its year as native bullet-style charts, its status and its
 * report, the whole report in the speaker notes; what each unit must still bring in; next
 * quarter's targets and the directions; and every unit's figures as tables. A quarter some
 * units have not reported is starred wherever its figures are shown, with a note naming them.
 */
export async function buildDeck({
  summary,
  quarter,
  locale,
  organisation,
  reportingUnitIds,
  reports,
  directions,
  exportedAt,
}: DeckInput) {
  const w = labels(locale);
  const all = wordsFor(locale);
  const p = all.present;
  const d = w.deck;
  const root = summary.units[0];
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = `${organisation} – ${w.review(quarter, summary.year)}`;
  pptx.company = organisation;
  pptx.author = 'Targetline';
  const stamp = `Targetline · ${organisation} · ${w.exported} ${exportedAt.toISOString().slice(0, 10)}`;
  const quarterName = formatQuarter(quarter, summary.year, locale);
  // Said on every slide that shows the quarter's figures: who has not reported, estimates.
  const notes = quarterNotes(summary, quarter, locale);
  const byId = new Map(summary.units.map((u) => [u.unitId, u]));
  const shown = new Map(
    reports
      .filter((r) => r.state === 'submitted' || r.state === 'approved')
      .map((r) => [r.unitId, r]),
  );
  const statusOf = (unit: SummaryUnit) =>
    `${p.status}${all.analysis.status[unit.analysis.status ?? 'none']}${
      unit.analysis.pace === null
        ? ''
        : ` · ${fill(p.pace, { pace: formatPercent(unit.analysis.pace, locale) })}`
    }`;
  const axisOptions = {
    catAxisLabelFontFace: FONT,
    catAxisLabelFontSize: 11,
    valAxisLabelFontFace: FONT,
    valAxisLabelFontSize: 10,
    legendFontFace: FONT,
    legendFontSize: 11,
  };

  const slides = buildSlides({ units: summary.units, reportingUnitIds });
  for (const slide of slides) {
    switch (slide.kind) {
      case 'title': {
        const s = pptx.addSlide();
        s.background = { color: NAVY };
        text(
          s,
          organisation,
          { x: 0.6, y: 1.5, w: 8.8, h: 0.9 },
          {
            fontSize: 26,
            bold: true,
            color: 'FFFFFF',
            valign: 'bottom',
          },
        );
        text(
          s,
          w.review(quarter, summary.year),
          { x: 0.6, y: 2.6, w: 8.8, h: 0.6 },
          {
            fontSize: 24,
            color: 'FFFFFF',
          },
        );
        text(s, p.subtitle, { x: 0.6, y: 3.2, w: 8.8, h: 0.5 }, { fontSize: 16, color: 'DDE6F0' });
        text(s, stamp, { x: 0.6, y: 4.9, w: 8.8, h: 0.3 }, { fontSize: 10, color: 'DDE6F0' });
        break;
      }
      case 'headline': {
        headlineSlide(pptx.addSlide());
        forecastSlide(pptx.addSlide());
        achievementSlide(pptx.addSlide());
        break;
      }
      case 'unit': {
        const unit = byId.get(slide.unitId);
        if (unit) unitSlide(pptx.addSlide(), unit);
        break;
      }
      case 'gap':
        gapSlide(pptx.addSlide());
        break;
      case 'next':
        nextSlide(pptx.addSlide());
        break;
    }
  }
  tableSlides();

  function headlineSlide(s: Slide) {
    title(s, w.headline);
    const said = reviewHeadline(summary, quarter, locale);
    text(
      s,
      said.headline,
      { x: 0.4, y: 0.95, w: 9.2, h: 1.1 },
      {
        fontSize: 19,
        bold: true,
        fit: 'shrink',
      },
    );
    const facts = [said.partly, said.status, said.needed, said.basis].filter(
      (fact): fact is string => fact !== null,
    );
    text(
      s,
      facts.map((fact) => ({ text: fact, options: { bullet: true, breakLine: true } })),
      { x: 0.4, y: 2.1, w: 9.2, h: 1.5 },
      { fontSize: 14, paraSpaceAfter: 4, fit: 'shrink' },
    );
    const q = root?.quarters[quarter - 1];
    const cards: Array<[string, string, string]> = [
      [
        `${w.annualPlan} ${summary.year}`,
        formatAmountShort(root?.annualPlan ?? null, locale),
        formatAmountFull(root?.annualPlan ?? null, locale),
      ],
      [
        w.ytdActual,
        formatAmountShort(root?.analysis.ytdActual ?? null, locale),
        `${w.ofPlan}: ${formatPercent(root?.analysis.achieved ?? null, locale)}`,
      ],
      [
        w.quarterVsTarget(quarter),
        `${formatAmountShort(q?.actual ?? null, locale)}${isPartial(q) ? ' *' : ''}`,
        q?.target == null
          ? w.noTarget
          : `${w.target} ${formatAmountShort(q.target, locale)} · ${formatPercent(q.achieved, locale)}`,
      ],
    ];
    cards.forEach(([label, big, small], i) => {
      const x = 0.4 + i * 3.1;
      s.addShape('rect', {
        x,
        y: 3.65,
        w: 2.9,
        h: 1.3,
        fill: { color: 'F2F5F9' },
        line: { color: LIGHT },
      });
      text(s, label, { x: x + 0.15, y: 3.72, w: 2.6, h: 0.3 }, { fontSize: 11, color: GREY });
      text(
        s,
        big,
        { x: x + 0.15, y: 4.02, w: 2.6, h: 0.5 },
        {
          fontSize: 20,
          bold: true,
          fit: 'shrink',
        },
      );
      text(s, small, { x: x + 0.15, y: 4.55, w: 2.6, h: 0.3 }, { fontSize: 10, color: GREY });
    });
    if (notes.length > 0)
      text(
        s,
        notes.join(' '),
        { x: 0.4, y: 5.0, w: 9.2, h: 0.3 },
        {
          fontSize: 9,
          italic: true,
          color: 'A4262C',
          fit: 'shrink',
        },
      );
    footer(s, stamp);
  }

  function forecastSlide(s: Slide) {
    title(s, fill(d.forecastTitle, { year: summary.year }));
    if (!root) return footer(s, stamp);
    const series = forecastSeries(root);
    const categories = root.quarters.map(
      (q) => `${formatQuarter(q.quarter, summary.year, locale)}${isPartial(q) ? '*' : ''}`,
    );
    // A point with nothing to draw is left out of the chart (see `dropEmptyChartPoints`).
    const values = (list: ReadonlyArray<number | null>) => list as number[];
    // Solid: what was set (the cumulative target, the plan); dashed: what is projected.
    const lineGroup = (
      dash: 'solid' | 'dash',
      lines: Array<{ name: string; values: Array<number | null> | null; colour: string }>,
    ): PptxGenJS.IChartMulti[] => {
      const drawn = lines.filter(
        (line): line is typeof line & { values: Array<number | null> } =>
          line.values?.some((v) => v !== null) === true,
      );
      return drawn.length === 0
        ? []
        : [
            {
              type: pptx.ChartType.line,
              data: drawn.map((line) => ({
                name: line.name,
                labels: categories,
                values: values(line.values),
              })),
              options: {
                chartColors: drawn.map((line) => line.colour),
                lineDataSymbol: 'circle' as const,
                lineDataSymbolSize: 7,
                lineSize: 2,
                lineDash: dash,
              },
            },
          ];
    };
    s.addChart(
      [
        {
          type: pptx.ChartType.bar,
          data: [{ name: d.cumulativeActual, labels: categories, values: values(series.actual) }],
          options: {
            barDir: 'col',
            chartColors: [NAVY],
            barGapWidthPct: 40,
            showValue: true,
            dataLabelFormatCode: BN_LABEL,
            dataLabelPosition: 'inEnd',
            dataLabelColor: 'FFFFFF',
            dataLabelFontSize: 11,
          },
        },
        ...lineGroup('solid', [
          { name: d.cumulativeTarget, values: series.target, colour: '7A8794' },
          { name: d.plan, values: series.plan, colour: '111111' },
        ]),
        ...lineGroup('dash', [
          { name: d.runRate, values: series.runRate, colour: ORANGE },
          { name: d.needed, values: series.needed, colour: '2E7D32' },
        ]),
      ],
      // A chart of several types takes its options where the data would go (pptxgenjs's
      // types ask for data there; it reads `data || options`).
      undefined as unknown as [],
      {
        x: 0.4,
        y: 0.9,
        w: 9.2,
        h: 3.85,
        showLegend: true,
        legendPos: 'b',
        valAxisLabelFormatCode: BN_AXIS,
        valAxisMinVal: 0,
        showValAxisTitle: true,
        valAxisTitle: d.billions,
        valAxisTitleFontSize: 10,
        valAxisTitleFontFace: FONT,
        ...axisOptions,
      },
    );
    const said =
      root.analysis.unavailableReason === 'partly_reported'
        ? [fill(d.noForecast, { quarter: quarterName }), ...notes]
        : [fill(d.forecastNote, { quarter: quarterName }), ...notes];
    text(
      s,
      said.join(' '),
      { x: 0.4, y: 4.78, w: 9.2, h: 0.5 },
      {
        fontSize: 10,
        italic: true,
        color: GREY,
        fit: 'shrink',
      },
    );
    footer(s, stamp);
  }

  function achievementSlide(s: Slide) {
    title(s, `${w.chartTitle} – ${summary.year}`);
    const units = summary.units;
    // Quarters with no bar at all are left out of the legend too.
    const drawn = QUARTERS.filter((qq) => units.some((u) => u.quarters[qq - 1]?.achieved != null));
    s.addChart(
      pptx.ChartType.bar,
      (drawn.length > 0 ? drawn : QUARTERS).map((qq) => ({
        name: formatQuarter(qq, summary.year, locale),
        // A unit with a quarter not fully reported is starred; the note below names who.
        labels: units.map((u) => `${u.code}${u.quarters.some(isPartial) ? '*' : ''}`),
        // A quarter without a target or an actual has no bar, not a bar at 0%.
        values: units.map((u) => u.quarters[qq - 1]?.achieved ?? (null as unknown as number)),
      })),
      {
        x: 0.4,
        y: 0.9,
        w: 9.2,
        h: 3.9,
        barDir: 'col',
        barGrouping: 'clustered',
        chartColors:
          drawn.length > 0 ? drawn.map((qq) => QUARTER_COLOURS[qq - 1] ?? NAVY) : QUARTER_COLOURS,
        showLegend: true,
        legendPos: 'b',
        valAxisLabelFormatCode: '0%',
        valAxisMinVal: 0,
        dataLabelFormatCode: '0%',
        ...axisOptions,
        catAxisLabelFontSize: 10,
      },
    );
    text(
      s,
      [d.chartNote, ...notes].join(' '),
      { x: 0.4, y: 4.82, w: 9.2, h: 0.45 },
      {
        fontSize: 10,
        italic: true,
        color: GREY,
        fit: 'shrink',
      },
    );
    footer(s, stamp);
  }

  /** One bullet-style bar: the target (or plan) as a light bar, the actual over it in navy. */
  function bullet(
    s: Slide,
    box: { x: number; y: number; w: number; h: number },
    heading: string,
    actual: number | null,
    target: number | null,
    targetName: string,
    achieved: number | null,
    partial: boolean,
  ) {
    text(s, heading, { x: box.x, y: box.y, w: box.w, h: 0.3 }, { fontSize: 13, bold: true });
    const said =
      actual === null
        ? d.notReported
        : `${formatAmountShort(actual, locale)}${partial ? ' *' : ''} / ${
            target === null ? w.noTarget : formatAmountShort(target, locale)
          }${achieved === null ? '' : ` = ${formatPercent(achieved, locale)}`}`;
    text(s, said, { x: box.x, y: box.y + 0.32, w: box.w, h: 0.3 }, { fontSize: 12, color: GREY });
    s.addChart(
      pptx.ChartType.bar,
      [
        { name: targetName, labels: [''], values: [target as number] },
        { name: p.actual, labels: [''], values: [actual as number] },
      ],
      {
        x: box.x,
        y: box.y + 0.6,
        w: box.w,
        h: box.h - 0.6,
        barDir: 'bar',
        barGrouping: 'clustered',
        barOverlapPct: 100,
        barGapWidthPct: 40,
        chartColors: [LIGHT, NAVY],
        showLegend: true,
        legendPos: 'b',
        showValue: true,
        dataLabelFormatCode: BN_LABEL,
        dataLabelPosition: 'inEnd',
        dataLabelFontSize: 10,
        valAxisLabelFormatCode: BN_AXIS,
        valAxisMinVal: 0,
        catAxisHidden: true,
        ...axisOptions,
      },
    );
  }

  function unitSlide(s: Slide, unit: SummaryUnit) {
    title(s, `${unit.name} (${unit.code})`);
    const q = unit.quarters[quarter - 1];
    bullet(
      s,
      { x: 0.4, y: 0.95, w: 4.4, h: 1.95 },
      fill(p.quarterVsTarget, { quarter: quarterName }),
      q?.actual ?? null,
      q?.target ?? null,
      p.target,
      q?.achieved ?? null,
      isPartial(q),
    );
    bullet(
      s,
      { x: 0.4, y: 3.0, w: 4.4, h: 1.95 },
      p.yearVsPlan,
      unit.analysis.ytdActual,
      unit.annualPlan,
      p.plan,
      unit.analysis.achieved,
      unit.analysis.partialQuarters.length > 0,
    );
    const facts: PptxGenJS.TextProps[] = [
      { text: statusOf(unit), options: { bold: true, breakLine: true } },
    ];
    if (unit.analysis.neededPerQuarter !== null && unit.analysis.stillNeeded !== null)
      facts.push({
        text: fill(p.stillNeeded, {
          amount: formatAmountShort(unit.analysis.stillNeeded, locale),
          perQuarter: formatAmountShort(unit.analysis.neededPerQuarter, locale),
        }),
        options: { breakLine: true },
      });
    if (unit.analysis.missingUnitIds.length > 0)
      facts.push({
        text: fill(p.partial, {
          units: unit.analysis.missingUnitIds.map((id) => byId.get(id)?.code ?? id).join(', '),
        }),
        options: { breakLine: true, color: 'A4262C' },
      });
    const report = shown.get(unit.unitId);
    const parts: Array<[string, string]> = report
      ? [
          [p.results, report.results],
          [p.difficulties, report.difficulties],
          [p.proposals, report.proposals],
        ]
      : [];
    for (const [label, value] of parts) {
      if (value.trim() === '') continue;
      facts.push({ text: `${label}: `, options: { bold: true, color: NAVY } });
      facts.push({ text: shortened(value), options: { breakLine: true } });
    }
    facts.push({
      text: report ? d.seeNotes : p.noReport,
      options: { italic: true, color: GREY },
    });
    text(
      s,
      facts,
      { x: 5.1, y: 0.95, w: 4.5, h: 4.3 },
      {
        fontSize: 12,
        paraSpaceAfter: 6,
        fit: 'shrink',
      },
    );
    s.addNotes(unitNotes(unit, report));
    footer(s, stamp);
  }

  /** The speaker notes of a unit's slide: its whole report, as the unit wrote it. */
  function unitNotes(unit: SummaryUnit, report: ReportRecord | undefined): string {
    const head = `${unit.name} – ${quarterName}`;
    if (!report) return `${head}\n${p.noReport}`;
    const r = w.reviewReport;
    const lines = [head];
    for (const [label, value] of [
      [r.results, report.results],
      [r.causes, report.causes],
      [r.difficulties, report.difficulties],
      [r.proposals, report.proposals],
    ] as const) {
      if (value.trim() !== '') lines.push(`${label}: ${printable(value).trim()}`);
    }
    if (report.nextQuarterExpected !== null)
      lines.push(
        fill(r.nextQuarter, { amount: formatAmountShort(report.nextQuarterExpected, locale) }),
      );
    return lines.join('\n');
  }

  function gapSlide(s: Slide) {
    title(s, p.gapTitle);
    const rows = gapRows(summary.units, reportingUnitIds);
    s.addTable(
      [
        [p.gapUnit, p.gapStillNeeded, p.gapPerQuarter].map((h, i) => ({
          text: h,
          options: { bold: true, fill: { color: 'E4EAF2' }, align: i === 0 ? 'left' : 'right' },
        })),
        ...rows.map((unit) => [
          { text: unit.name },
          {
            text: formatAmountShort(unit.analysis.stillNeeded, locale),
            options: { align: 'right' as const },
          },
          {
            text: formatAmountShort(unit.analysis.neededPerQuarter, locale),
            options: { align: 'right' as const, bold: true },
          },
        ]),
      ] as PptxGenJS.TableRow[],
      {
        x: 0.4,
        y: 0.95,
        w: 9.2,
        colW: [5.2, 2, 2],
        fontFace: FONT,
        fontSize: 13,
        border: { type: 'solid', pt: 0.5, color: LIGHT },
        valign: 'middle',
        autoPage: false,
      },
    );
    if (notes.length > 0)
      text(
        s,
        notes.join(' '),
        { x: 0.4, y: 4.95, w: 9.2, h: 0.3 },
        {
          fontSize: 9,
          italic: true,
          color: GREY,
          fit: 'shrink',
        },
      );
    footer(s, stamp);
  }

  function nextSlide(s: Slide) {
    const next = quarter < 4 ? ((quarter + 1) as Quarter) : null;
    const nextName = next ? formatQuarter(next, summary.year, locale) : '';
    title(s, next ? fill(p.nextTitle, { quarter: nextName }) : p.directions);
    let y = 0.95;
    if (next && root) {
      const units = [root, ...reportingUnitIds.map((id) => byId.get(id))].filter(
        (unit): unit is SummaryUnit => unit !== undefined,
      );
      s.addTable(
        units.map((unit, i) => [
          { text: unit.name, options: { bold: i === 0 } },
          {
            text: formatAmountShort(unit.quarters[next - 1]?.target ?? null, locale),
            options: { align: 'right' as const, bold: i === 0 },
          },
        ]),
        {
          x: 0.4,
          y,
          w: 5.6,
          colW: [4, 1.6],
          fontFace: FONT,
          fontSize: 11,
          border: { type: 'solid', pt: 0.5, color: LIGHT },
          valign: 'middle',
          autoPage: false,
        },
      );
    } else {
      text(s, p.noNextQuarter, { x: 0.4, y, w: 5.6, h: 0.4 });
    }
    y = 0.95;
    text(s, p.directions, { x: 6.2, y, w: 3.4, h: 0.35 }, { bold: true, color: NAVY });
    const known = w.reviewReport.directionStatus as Record<string, string>;
    text(
      s,
      directions.length === 0
        ? [{ text: p.noDirections, options: { italic: true, color: GREY } }]
        : directions.flatMap((direction) => [
            {
              text: `${direction.unitName ?? p.wholeInstitute}: `,
              options: { bold: true, bullet: true },
            },
            { text: printable(direction.text) },
            {
              text: ` (${formatQuarter(direction.dueQuarter, direction.dueYear, locale)}; ${
                known[direction.status] ?? direction.status
              })`,
              options: { italic: true, color: GREY, breakLine: true },
            },
          ]),
      { x: 6.2, y: y + 0.4, w: 3.4, h: 3.9 },
      { fontSize: 12, paraSpaceAfter: 6, fit: 'shrink' },
    );
    footer(s, stamp);
  }

  function tableSlides() {
    const units = summary.units;
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
      const s = pptx.addSlide();
      title(s, `${w.tableTitle} – ${quarterName}`);
      const rows = units.slice(start, start + ROWS_PER_TABLE_SLIDE).map((u) => {
        const uq = u.quarters[quarter - 1];
        const bold = u.depth === 0;
        const right = { align: 'right' as const, bold };
        // The note under the table names the units behind the star.
        const star = isPartial(uq) ? ' *' : '';
        return [
          { text: `${'  '.repeat(u.depth)}${u.name}`, options: { bold } },
          { text: formatAmountFull(u.annualPlan, locale), options: right },
          { text: formatAmountFull(u.analysis.ytdActual, locale), options: right },
          { text: formatPercent(u.analysis.achieved, locale), options: right },
          { text: formatAmountFull(uq?.target ?? null, locale), options: right },
          { text: `${formatAmountFull(uq?.actual ?? null, locale)}${star}`, options: right },
          { text: formatPercent(uq?.achieved ?? null, locale), options: right },
        ];
      });
      s.addTable(
        [
          header.map((h) => ({ text: h, options: { bold: true, fill: { color: 'E4EAF2' } } })),
          ...rows,
        ],
        {
          x: 0.3,
          y: 0.85,
          w: 9.4,
          colW: [3.1, 1.15, 1.15, 0.75, 1.15, 1.15, 0.95],
          fontFace: FONT,
          fontSize: 9,
          border: { type: 'solid', pt: 0.5, color: LIGHT },
          valign: 'middle',
        },
      );
      text(
        s,
        [w.unitNote, ...notes].join(' · '),
        { x: 0.4, y: 5.05, w: 9.2, h: 0.25 },
        {
          fontSize: 9,
          italic: true,
          color: GREY,
        },
      );
      footer(s, stamp);
    }
  }

  return tidy((await pptx.write({ outputType: 'nodebuffer' })) as Buffer);
}

/**
 * Two things pptxgenjs writes that the file should not hold: a missing value as an empty
 * `<c:v>`, which is not a number (leaving the point out is how OOXML says "no bar"; ptCount
 * keeps the category count); and a line break inside the notes' one text run, which
 * PowerPoint does not show as one (each line becomes its own run with `<a:br/>` between).
 */
async function tidy(deck: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(deck);
  for (const chart of zip.file(/^ppt\/charts\/chart\d+\.xml$/)) {
    const xml = await chart.async('string');
    zip.file(chart.name, xml.replace(/<c:pt idx="\d+"><c:v><\/c:v><\/c:pt>/g, ''));
  }
  for (const notes of zip.file(/^ppt\/notesSlides\/notesSlide\d+\.xml$/)) {
    const xml = await notes.async('string');
    zip.file(
      notes.name,
      xml.replace(
        /<a:t>([^<]*)<\/a:t>/g,
        (_, body: string) =>
          `<a:t>${body.replace(/\r?\n/g, '</a:t></a:r><a:br/><a:r><a:rPr lang="en-US" dirty="0"/><a:t>')}</a:t>`,
      ),
    );
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
