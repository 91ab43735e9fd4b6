import latin400 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-400-normal.woff2?url';
import latin700 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-latin-700-normal.woff2?url';
import vietnamese400 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-400-normal.woff2?url';
import vietnamese700 from '@fontsource/be-vietnam-pro/files/be-vietnam-pro-vietnamese-700-normal.woff2?url';
import { ChartExportError } from './errors';

/** The family the export's @font-face rules declare. */
export const EXPORT_FONT_FAMILY = 'Be Vietnam Pro';

/**
 * What every text in the export asks for. The fallbacks matter only when the fonts could not
 * be embedded; all of them cover Vietnamese on Windows, macOS and Android.
 */
export const EXPORT_FONT_STACK = `'${EXPORT_FONT_FAMILY}', 'Noto Sans', 'Segoe UI', Arial, sans-serif`;

// Ranges as @fontsource declares them: Vietnamese needs both subsets ("ý", "ê" are Latin-1,
// "ồ", "ư", "đ" are in the vietnamese subset); the browser picks per character.
const LATIN_RANGE =
  'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD';
const VIETNAMESE_RANGE =
  'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB';

const FACES = [
  { url: latin400, weight: 400, unicodeRange: LATIN_RANGE },
  { url: vietnamese400, weight: 400, unicodeRange: VIETNAMESE_RANGE },
  { url: latin700, weight: 700, unicodeRange: LATIN_RANGE },
  { url: vietnamese700, weight: 700, unicodeRange: VIETNAMESE_RANGE },
] as const;

function bytesToBase64(bytes: Uint8Array): string {
  // Chunked: spreading a whole font into String.fromCharCode overflows the argument limit.
  const chunkSize = 0x8000;
  let binary = '';
  for (let start = 0; start < bytes.length; start += chunkSize) {
    binary += String.fromCharCode(...bytes.subarray(start, start + chunkSize));
  }
  return btoa(binary);
}

async function fetchAsDataUrl(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (cause) {
    throw new ChartExportError('FONT_LOAD_FAILED', `Could not fetch font ${url}`, { cause });
  }
  if (!response.ok) {
    throw new ChartExportError(
      'FONT_LOAD_FAILED',
      `Could not fetch font ${url}: HTTP ${response.status}`,
    );
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  return `data:font/woff2;base64,${bytesToBase64(bytes)}`;
}

let cached: Promise<string> | undefined;

/**
 * `@font-face` rules for Be Vietnam Pro 400 and 700 (Latin + Vietnamese subsets, ~67 kB of
 * woff2) with the files inlined as `data:` URLs, because an SVG drawn through an <img> — and an
 * SVG file opened on another computer — can load nothing from outside itself.
 *
 * The files are fetched on the first call only; later calls share the same promise. A failed
 * fetch is not cached, so the next export tries again. Throws ChartExportError
 * 'FONT_LOAD_FAILED'.
 */
export function fontFaceCss(): Promise<string> {
  if (cached === undefined) {
    cached = Promise.all(
      FACES.map(async (face) => {
        const dataUrl = await fetchAsDataUrl(face.url);
        return `@font-face{font-family:'${EXPORT_FONT_FAMILY}';font-style:normal;font-weight:${face.weight};src:url(${dataUrl}) format('woff2');unicode-range:${face.unicodeRange};}`;
      }),
    ).then(
      (rules) => rules.join('\n'),
      (error: unknown) => {
        cached = undefined;
        throw error;
      },
    );
  }
  return cached;
}

/** Forgets the cached CSS. For tests. */
export function resetFontFaceCssCache(): void {
  cached = undefined;
}
