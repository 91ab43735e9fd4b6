import { EXPORT_FONT_STACK } from './font';
import { escapeXml, estimateTextWidth, wrapText } from './text';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Fill patterns the achievement chart gives its quarters; the legend repeats them. */
export type LegendPattern = 'solid' | 'stripes' | 'dots' | 'cross';

export type LegendItem = {
  label: string;
  color: string;
  /** Defaults to 'solid'. Pass the chart's pattern so the legend reads on a greyscale print. */
  pattern?: LegendPattern;
};

export type ExportLayoutInput = {
  /** Size of the chart's own <svg>, in CSS px. */
  width: number;
  height: number;
  title: string;
  subtitle: string;
  legend: readonly LegendItem[];
};

type TextLine = { text: string; y: number };
type LegendEntry = LegendItem & { x: number; y: number };

export type ExportLayout = {
  /** Size of the whole export: chart width; chart height + header + footer. */
  width: number;
  height: number;
  headerHeight: number;
  footerHeight: number;
  /** Top edge of the chart inside the export. */
  chartY: number;
  titleLines: TextLine[];
  subtitleLines: TextLine[];
  legendItems: LegendEntry[];
  footerBaseline: number;
};

// Sizes for a projector at the back of a meeting room: the title reads from 10 m on a
// 1280-px-wide chart, the footer is small but still legible in a PDF of the minutes.
const PAD_X = 32;
const PAD_TOP = 28;
const TITLE_SIZE = 26;
const SUBTITLE_SIZE = 17;
const LEGEND_SIZE = 15;
const FOOTER_SIZE = 13;
const SWATCH = 16;
const SWATCH_GAP = 8;
const LEGEND_ITEM_GAP = 28;
const LEGEND_ROW = 26;
// Vietnamese stacks marks above capitals ("Ấ", "Ổ"): line boxes are 1.4 em so they never touch
// the line above, and the baseline sits 1.1 em down.
const lineHeight = (size: number) => Math.round(size * 1.4);
const baselineOffset = (size: number) => Math.round(size * 1.1);
const FOOTER_HEIGHT = 48;

/**
 * Where everything goes. Pure; composeExportSvg draws exactly this, and callers that need the
 * final size (to rasterise) read `width` and `height` here.
 */
export function exportLayout(input: ExportLayoutInput): ExportLayout {
  const contentWidth = Math.max(input.width - 2 * PAD_X, 120);
  let y = PAD_TOP;

  const titleLines = wrapText({
    text: input.title,
    maxWidth: contentWidth,
    fontSize: TITLE_SIZE,
    isBold: true,
  }).map((text) => {
    const line = { text, y: y + baselineOffset(TITLE_SIZE) };
    y += lineHeight(TITLE_SIZE);
    return line;
  });
  if (titleLines.length > 0) y += 4;

  const subtitleLines = wrapText({
    text: input.subtitle,
    maxWidth: contentWidth,
    fontSize: SUBTITLE_SIZE,
  }).map((text) => {
    const line = { text, y: y + baselineOffset(SUBTITLE_SIZE) };
    y += lineHeight(SUBTITLE_SIZE);
    return line;
  });

  const legendItems: LegendEntry[] = [];
  if (input.legend.length > 0) {
    y += 12;
    let x = PAD_X;
    let rowTop = y;
    for (const item of input.legend) {
      const itemWidth =
        SWATCH + SWATCH_GAP + estimateTextWidth({ text: item.label, fontSize: LEGEND_SIZE });
      if (x > PAD_X && x + itemWidth > PAD_X + contentWidth) {
        x = PAD_X;
        rowTop += LEGEND_ROW;
      }
      legendItems.push({ ...item, x, y: rowTop });
      x += itemWidth + LEGEND_ITEM_GAP;
    }
    y = rowTop + LEGEND_ROW;
  }

  const headerHeight = Math.ceil(y + 12);
  const height = headerHeight + input.height + FOOTER_HEIGHT;
  return {
    width: input.width,
    height,
    headerHeight,
    footerHeight: FOOTER_HEIGHT,
    chartY: headerHeight,
    titleLines,
    subtitleLines,
    legendItems,
    footerBaseline: height - 18,
  };
}

// Attributes the browser resolves from stylesheets that the standalone file cannot see. Only
// copied where the element sets nothing itself, and skipped at their initial values so the
// file does not fill up with defaults.
const INHERITED_DEFAULTS: Record<string, string | undefined> = {
  fill: 'rgb(0, 0, 0)',
  'fill-opacity': '1',
  stroke: 'none',
  'stroke-width': '1px',
  'stroke-opacity': '1',
  'stroke-dasharray': 'none',
  opacity: '1',
  'font-weight': '400',
  'font-style': 'normal',
  'text-anchor': 'start',
  'dominant-baseline': 'auto',
  visibility: 'visible',
  // Always copied on text: the page's body font size would otherwise be lost.
  'font-size': undefined,
};
const TEXT_ONLY = new Set([
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
]);

function copyComputedPresentation(live: Element, copy: Element): void {
  const view = live.ownerDocument.defaultView;
  if (!live.isConnected || view === null) return;
  const isText = copy.localName === 'text' || copy.localName === 'tspan';
  const computed = view.getComputedStyle(live);
  const inlineStyle = (copy as SVGElement).style;
  for (const [property, initial] of Object.entries(INHERITED_DEFAULTS)) {
    if (TEXT_ONLY.has(property) && !isText) continue;
    if (copy.hasAttribute(property) || inlineStyle?.getPropertyValue(property)) continue;
    const value = computed.getPropertyValue(property).trim();
    // url(...) comes back absolute in some browsers and would point at the page, not the file.
    if (value === '' || value === initial || value.includes('url(')) continue;
    copy.setAttribute(property, value);
  }
}

// Interaction leftovers (hover cursor, active dots) and anything that is HTML inside the SVG:
// a foreignObject makes the canvas "tainted" in some browsers and renders nowhere else.
const REMOVE_SELECTOR = 'foreignObject, script, .recharts-tooltip-cursor, .recharts-active-dot';

/**
 * The chart's <svg> as a nested <svg> element: cloned, with stylesheet-resolved presentation
 * copied onto attributes, interaction leftovers and foreignObject removed, and the layout
 * style Recharts puts on its surface (`width: 100%`) dropped — CSS would otherwise override the
 * width/height attributes and stretch the chart over the whole export.
 */
function serialiseChart(chartSvg: SVGSVGElement, layout: ExportLayout, chartHeight: number) {
  const copy = chartSvg.cloneNode(true) as SVGSVGElement;
  const liveElements = chartSvg.querySelectorAll('*');
  const copiedElements = copy.querySelectorAll('*');
  liveElements.forEach((live, index) => {
    const copied = copiedElements[index];
    if (copied) copyComputedPresentation(live, copied);
  });
  for (const element of copy.querySelectorAll(REMOVE_SELECTOR)) element.remove();

  const viewBox = chartSvg.getAttribute('viewBox') ?? `0 0 ${layout.width} ${chartHeight}`;
  for (const attribute of ['style', 'class', 'tabindex', 'role', 'xmlns:xlink']) {
    copy.removeAttribute(attribute);
  }
  copy.setAttribute('x', '0');
  copy.setAttribute('y', String(layout.chartY));
  copy.setAttribute('width', String(layout.width));
  copy.setAttribute('height', String(chartHeight));
  copy.setAttribute('viewBox', viewBox);
  return new XMLSerializer().serializeToString(copy);
}

function legendPattern(id: string, { color, pattern = 'solid' }: LegendItem): string {
  const c = escapeXml(color);
  const shapes = {
    solid: '',
    stripes: `<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="${c}" stroke-width="2.5"/>`,
    dots: `<circle cx="4" cy="4" r="2.2" fill="${c}"/>`,
    cross: `<path d="M0,4 h8 M4,0 v8" stroke="${c}" stroke-width="2"/>`,
  } satisfies Record<LegendPattern, string>;
  const opacity = pattern === 'solid' ? 1 : 0.35;
  return `<pattern id="${id}" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${c}" fill-opacity="${opacity}"/>${shapes[pattern]}</pattern>`;
}

export type ComposeExportSvgInput = {
  /** The chart's rendered root <svg> (`svg.recharts-surface`), still in the document. */
  chartSvg: SVGSVGElement;
  /** The chart's size in CSS px. */
  width: number;
  height: number;
  title: string;
  /** Year and period, e.g. "Năm 2023 · đến hết Quý I/2023". Empty for none. */
  subtitle: string;
  legend: readonly LegendItem[];
  /** Complete footer line, e.g. "Targetline · Viện Khoa học Mỏ · exported 14/04/2023". */
  footer: string;
  /** From fontFaceCss(); '' draws with the fallback stack of system fonts. */
  fontCss: string;
};

/**
 * A standalone SVG document: white background, title, subtitle and legend above the chart,
 * footer below, fonts embedded. Its size is `exportLayout(...)`: the chart's width, and the
 * chart's height plus header and footer. All text is NFC and XML-escaped.
 */
export function composeExportSvg(input: ComposeExportSvgInput): string {
  const layout = exportLayout(input);
  const { width, height } = layout;
  const chart = serialiseChart(input.chartSvg, layout, input.height);

  const title = layout.titleLines
    .map(
      (line) =>
        `<text x="${PAD_X}" y="${line.y}" font-size="${TITLE_SIZE}" font-weight="700" fill="#1b1f24">${escapeXml(line.text)}</text>`,
    )
    .join('');
  const subtitle = layout.subtitleLines
    .map(
      (line) =>
        `<text x="${PAD_X}" y="${line.y}" font-size="${SUBTITLE_SIZE}" fill="#3d444d">${escapeXml(line.text)}</text>`,
    )
    .join('');
  const patterns = layout.legendItems
    .map((item, index) => legendPattern(`export-legend-${index}`, item))
    .join('');
  const legend = layout.legendItems
    .map(
      (item, index) =>
        `<g><rect x="${item.x}" y="${item.y + (LEGEND_ROW - SWATCH) / 2}" width="${SWATCH}" height="${SWATCH}" fill="url(#export-legend-${index})" stroke="${escapeXml(item.color)}" stroke-width="1.5"/>` +
        `<text x="${item.x + SWATCH + SWATCH_GAP}" y="${item.y + LEGEND_ROW / 2 + Math.round(LEGEND_SIZE * 0.35)}" font-size="${LEGEND_SIZE}" fill="#1b1f24">${escapeXml(item.label)}</text></g>`,
    )
    .join('');
  const footerTop = height - layout.footerHeight;
  const footer =
    `<line x1="${PAD_X}" y1="${footerTop + 8}" x2="${width - PAD_X}" y2="${footerTop + 8}" stroke="#c8ccd2" stroke-width="1"/>` +
    `<text x="${PAD_X}" y="${layout.footerBaseline}" font-size="${FOOTER_SIZE}" fill="#57606a">${escapeXml(input.footer)}</text>`;

  // CSS beats presentation attributes, so this rule also moves Recharts' own tick labels onto
  // the embedded font.
  const style = `${input.fontCss}\ntext, tspan { font-family: ${EXPORT_FONT_STACK}; }`;

  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(EXPORT_FONT_STACK)}">` +
    `<title>${escapeXml(input.title)}</title>` +
    `<style>${escapeXml(style)}</style>` +
    `<defs>${patterns}</defs>` +
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>` +
    title +
    subtitle +
    legend +
    chart +
    footer +
    '</svg>'
  );
}
