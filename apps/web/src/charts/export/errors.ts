export type ChartExportErrorCode =
  /** The container holds no rendered Recharts surface (not mounted yet, or zero size). */
  | 'NO_CHART'
  /** A bundled font file could not be fetched. */
  | 'FONT_LOAD_FAILED'
  /** The browser refused to decode the composed SVG as an image. */
  | 'IMAGE_LOAD_FAILED'
  /** No 2D canvas, or the canvas could not be encoded as PNG (usually: too large). */
  | 'RASTERISE_FAILED';

/** Every failure of the export module; `code` says which step failed. */
export class ChartExportError extends Error {
  readonly code: ChartExportErrorCode;

  constructor(code: ChartExportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChartExportError';
    this.code = code;
  }
}
