import { vi } from 'vitest';

type Call = [string, ...unknown[]];

/**
 * jsdom has no canvas and never loads images: a 2D context that records its calls, a toBlob
 * that returns a PNG blob (or null), and an Image that "loads" any src. For tests only.
 */
export function stubCanvas({ isEncodable = true, isImageLoadable = true } = {}) {
  const calls: Call[] = [];
  const context = {
    set fillStyle(value: string) {
      calls.push(['fillStyle', value]);
    },
    fillRect: (...args: unknown[]) => calls.push(['fillRect', ...args]),
    drawImage: (...args: unknown[]) => calls.push(['drawImage', ...args]),
  };
  // mock.contexts records `this` of each call: the canvases that were asked for a context.
  const getContext = vi
    .spyOn(HTMLCanvasElement.prototype, 'getContext')
    .mockReturnValue(context as unknown as CanvasRenderingContext2D);
  const canvases = getContext.mock.contexts as HTMLCanvasElement[];
  vi.spyOn(HTMLCanvasElement.prototype, 'toBlob').mockImplementation((callback, type) => {
    queueMicrotask(() => callback(isEncodable ? new Blob(['png'], { type }) : null));
  });

  const images: FakeImage[] = [];
  class FakeImage {
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    decoding = 'auto';
    src = '';
    constructor(
      public width?: number,
      public height?: number,
    ) {
      images.push(this);
      queueMicrotask(() => (isImageLoadable ? this.onload?.() : this.onerror?.()));
    }
  }
  vi.stubGlobal('Image', FakeImage);

  const created: Blob[] = [];
  const createObjectURL = vi.fn((blob: Blob) => {
    created.push(blob);
    return `blob:test/${created.length}`;
  });
  const revokeObjectURL = vi.fn();
  vi.stubGlobal('URL', Object.assign(globalThis.URL, { createObjectURL, revokeObjectURL }));

  return { calls, canvases, images, created, createObjectURL, revokeObjectURL };
}
