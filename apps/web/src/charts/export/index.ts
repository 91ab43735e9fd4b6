/**
 * Export of a rendered Recharts chart as a standalone PNG or SVG file for meetings and
 * reports, with no third-party export library. Import it lazily (`await import(...)`) from the
 * click handler: the fonts are fetched only on the first export.
 */
export {
  type ComposeExportSvgInput,
  composeExportSvg,
  type ExportLayout,
  type ExportLayoutInput,
  exportLayout,
  type LegendItem,
  type LegendPattern,
} from './compose-svg';
export { downloadBlob, type ExportFileNameInput, exportFileName } from './download';
export { ChartExportError, type ChartExportErrorCode } from './errors';
export {
  type ExportChartInput,
  type ExportChartResult,
  exportChart,
  findChartSurface,
  measureChart,
} from './export-chart';
export { EXPORT_FONT_FAMILY, EXPORT_FONT_STACK, fontFaceCss } from './font';
export { svgToPngBlob } from './rasterise';
export { escapeXml, slugify } from './text';
