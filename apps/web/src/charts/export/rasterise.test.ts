import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChartExportError } from './errors';
import { svgToPngBlob } from './rasterise';
import { stubCanvas } from './testing/canvas-stub';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200"/>';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('svgToPngBlob', () => {
  it('sizes the canvas at twice the SVG size by default', async () => {
    const stub = stubCanvas();
    await svgToPngBlob(SVG, 300, 200);
    expect(stub.canvases[0]?.width).toBe(600);
    expect(stub.canvases[0]?.height).toBe(400);
  });

  it('fills the canvas white before drawing the image over all of it', async () => {
    const stub = stubCanvas();
    await svgToPngBlob(SVG, 300, 200);
    expect(stub.calls.map(([name]) => name)).toEqual(['fillStyle', 'fillRect', 'drawImage']);
    expect(stub.calls[0]).toEqual(['fillStyle', '#ffffff']);
    expect(stub.calls[1]).toEqual(['fillRect', 0, 0, 600, 400]);
    expect(stub.calls[2]).toEqual(['drawImage', stub.images[0], 0, 0, 600, 400]);
  });

  it('loads the SVG from a UTF-8 SVG blob URL and revokes it afterwards', async () => {
    const stub = stubCanvas();
    const png = await svgToPngBlob(SVG, 300, 200);
    expect(png.type).toBe('image/png');
    expect(stub.created[0]?.type).toBe('image/svg+xml;charset=utf-8');
    expect(await stub.created[0]?.text()).toBe(SVG);
    expect(stub.images[0]?.src).toBe('blob:test/1');
    expect(stub.revokeObjectURL).toHaveBeenCalledWith('blob:test/1');
  });

  it('honours another scale', async () => {
    const stub = stubCanvas();
    await svgToPngBlob(SVG, 300, 200, 3);
    expect([stub.canvases[0]?.width, stub.canvases[0]?.height]).toEqual([900, 600]);
  });

  it('lowers the density rather than pass the 16.7-megapixel canvas limit', async () => {
    const stub = stubCanvas();
    await svgToPngBlob(SVG, 4000, 3000);
    const canvas = stub.canvases[0];
    expect((canvas?.width ?? 0) * (canvas?.height ?? 0)).toBeLessThanOrEqual(16_777_216);
    expect(canvas?.width).toBeGreaterThan(4000);
  });

  it('throws IMAGE_LOAD_FAILED and still revokes the URL when the SVG does not decode', async () => {
    const stub = stubCanvas({ isImageLoadable: false });
    await expect(svgToPngBlob(SVG, 300, 200)).rejects.toSatisfy(
      (error) => error instanceof ChartExportError && error.code === 'IMAGE_LOAD_FAILED',
    );
    expect(stub.revokeObjectURL).toHaveBeenCalledWith('blob:test/1');
  });

  it('throws RASTERISE_FAILED when the canvas cannot be encoded', async () => {
    stubCanvas({ isEncodable: false });
    await expect(svgToPngBlob(SVG, 300, 200)).rejects.toSatisfy(
      (error) => error instanceof ChartExportError && error.code === 'RASTERISE_FAILED',
    );
  });
});
