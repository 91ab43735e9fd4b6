import { ChartExportError } from './errors';

// iOS Safari refuses canvases above 16.7 million pixels (toBlob then yields null); larger
// exports drop the density instead of failing.
const MAX_CANVAS_PIXELS = 16_777_216;

function loadImage(url: string, width: number, height: number): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image(width, height);
    image.decoding = 'async';
    image.onload = () => resolve(image);
    image.onerror = () =>
      reject(new ChartExportError('IMAGE_LOAD_FAILED', 'The composed SVG could not be decoded'));
    image.src = url;
  });
}

function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => {
      if (blob) resolve(blob);
      else reject(new ChartExportError('RASTERISE_FAILED', 'The canvas could not be encoded'));
    }, 'image/png');
  });
}

/**
 * Draws a standalone SVG (from composeExportSvg) onto a white canvas and encodes it as PNG.
 * `width`/`height` are the SVG's size in CSS px; the PNG has `scale` pixels per px (2 by
 * default: sharp on a projector and when pasted into slides), reduced only if the canvas would
 * pass 16.7 MP. Throws ChartExportError 'IMAGE_LOAD_FAILED' or 'RASTERISE_FAILED'.
 */
export async function svgToPngBlob(
  svg: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Blob> {
  if (!(width > 0 && height > 0 && scale > 0)) {
    throw new ChartExportError('RASTERISE_FAILED', `Nothing to draw at ${width}×${height}`);
  }
  const density = Math.min(scale, Math.sqrt(MAX_CANVAS_PIXELS / (width * height)));
  const canvas = document.createElement('canvas');
  // Rounded down: rounding up could put a capped canvas a few pixels over the limit.
  canvas.width = Math.max(1, Math.floor(width * density));
  canvas.height = Math.max(1, Math.floor(height * density));
  const context = canvas.getContext('2d');
  if (!context) throw new ChartExportError('RASTERISE_FAILED', 'No 2D canvas in this browser');

  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    // The embedded fonts are data: URLs inside the SVG; decode() after load makes the browser
    // finish laying out the image (fonts included) before it is drawn, so the first export does
    // not come out in a fallback font.
    await document.fonts?.ready;
    const image = await loadImage(url, width, height);
    await image.decode?.().catch(() => undefined);

    // PNG keeps transparency: without the white fill, slides with a dark theme show black text
    // on black.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await canvasToPng(canvas);
  } finally {
    URL.revokeObjectURL(url);
  }
}
