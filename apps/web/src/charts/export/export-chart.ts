import { composeExportSvg, exportLayout, type LegendItem } from './compose-svg';
import { downloadBlob } from './download';
import { ChartExportError } from './errors';
import { fontFaceCss } from './font';
import { svgToPngBlob } from './rasterise';

/**
 * The chart's root surface. Recharts also renders every legend icon and tooltip as
 * `svg.recharts-surface`, so those are skipped.
 */
export function findChartSurface(container: HTMLElement): SVGSVGElement | null {
  for (const svg of container.querySelectorAll<SVGSVGElement>('svg.recharts-surface')) {
    if (!svg.closest('.recharts-legend-wrapper, .recharts-tooltip-wrapper')) return svg;
  }
  return null;
}

/**
 * The chart's size in CSS px: the width/height attributes Recharts writes (its own coordinate
 * space), else the rendered box.
 */
export function measureChart(svg: SVGSVGElement): { width: number; height: number } {
  const width = Number.parseFloat(svg.getAttribute('width') ?? '');
  const height = Number.parseFloat(svg.getAttribute('height') ?? '');
  if (width > 0 && height > 0) return { width, height };
  const box = svg.getBoundingClientRect();
  return { width: box.width, height: box.height };
}

export type ExportChartInput = {
  /** An element that contains exactly one rendered Recharts chart. */
  container: HTMLElement;
  format: 'png' | 'svg';
  title: string;
  subtitle: string;
  legend: readonly LegendItem[];
  footer: string;
  /** From exportFileName(); should end in `.png` or `.svg` to match `format`. */
  fileName: string;
};

export type ExportChartResult = {
  fileName: string;
  /**
   * False when the bundled font could not be fetched and the export uses system fonts; the
   * caller may tell the user (Vietnamese still renders on common systems, but looks different).
   */
  isFontEmbedded: boolean;
};

/**
 * Exports the chart in `container` as a standalone PNG or SVG file with title, subtitle,
 * legend and footer, and starts the download.
 *
 * The chart must be rendered with `isAnimationActive={false}` on its series while exporting:
 * otherwise bars are captured half-grown (Recharts animates them from zero). Throws
 * ChartExportError: 'NO_CHART' when no chart is rendered in `container`, 'IMAGE_LOAD_FAILED'
 * or 'RASTERISE_FAILED' from the PNG step.
 */
export async function exportChart(input: ExportChartInput): Promise<ExportChartResult> {
  const chartSvg = findChartSurface(input.container);
  if (!chartSvg) {
    throw new ChartExportError('NO_CHART', 'No rendered chart in the container');
  }
  const { width, height } = measureChart(chartSvg);
  if (!(width > 0 && height > 0)) {
    throw new ChartExportError('NO_CHART', 'The chart has no size (hidden or not laid out)');
  }

  // A chart without the brand font is still worth more in a meeting than no chart.
  const fontCss = await fontFaceCss().catch(() => '');
  const svg = composeExportSvg({
    chartSvg,
    width,
    height,
    title: input.title,
    subtitle: input.subtitle,
    legend: input.legend,
    footer: input.footer,
    fontCss,
  });

  const size = exportLayout({ ...input, width, height });
  const blob =
    input.format === 'svg'
      ? new Blob([svg], { type: 'image/svg+xml;charset=utf-8' })
      : await svgToPngBlob(svg, size.width, size.height);
  downloadBlob(blob, input.fileName);
  return { fileName: input.fileName, isFontEmbedded: fontCss !== '' };
}
