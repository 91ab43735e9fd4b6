import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChartExportError } from './errors';
import { fontFaceCss, resetFontFaceCssCache } from './font';

function stubFetch(response: () => Response) {
  const fetchMock = vi.fn(async (_url: string) => response());
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  resetFontFaceCssCache();
});

describe('fontFaceCss', () => {
  it('inlines each font file as a base64 woff2 data URL', async () => {
    const fetchMock = stubFetch(() => new Response(new Uint8Array([0, 1, 2, 250, 251, 252])));
    const css = await fontFaceCss();
    expect(css).toContain('data:font/woff2;base64,AAEC+vv8');
    expect(css.match(/@font-face/g)).toHaveLength(4);
    expect(css).toContain("font-family:'Be Vietnam Pro'");
    expect(css).toContain('font-weight:400');
    expect(css).toContain('font-weight:700');
    // The Vietnamese subset must be declared for ư, ơ, đ and the stacked tone marks.
    expect(css).toContain('U+1EA0-1EF9');
    expect(fetchMock.mock.calls.map(([url]) => url)).toEqual(
      expect.arrayContaining([expect.stringContaining('be-vietnam-pro-vietnamese-700-normal')]),
    );
  });

  it('encodes files larger than one String.fromCharCode chunk', async () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    stubFetch(() => new Response(bytes));
    const css = await fontFaceCss();
    const base64 = /base64,([^)]+)\)/.exec(css)?.[1] ?? '';
    const decoded = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    expect(decoded).toEqual(bytes);
  });

  it('fetches the files once and serves later calls from the cache', async () => {
    const fetchMock = stubFetch(() => new Response(new Uint8Array([1])));
    const first = await fontFaceCss();
    const second = await fontFaceCss();
    expect(second).toBe(first);
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });

  it('throws FONT_LOAD_FAILED on an HTTP error and tries again on the next call', async () => {
    stubFetch(() => new Response('gone', { status: 404 }));
    await expect(fontFaceCss()).rejects.toSatisfy(
      (error) => error instanceof ChartExportError && error.code === 'FONT_LOAD_FAILED',
    );
    const fetchMock = stubFetch(() => new Response(new Uint8Array([1])));
    await expect(fontFaceCss()).resolves.toContain('@font-face');
    expect(fetchMock).toHaveBeenCalled();
  });
});
