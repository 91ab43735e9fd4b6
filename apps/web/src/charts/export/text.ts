/**
 * Text helpers for the export. Vietnamese typed through some input methods arrives decomposed
 * (NFD: "a" + U+0302 + U+0301); renderers without good mark positioning draw the marks
 * detached, so everything written into the export is NFC first.
 */

function isXmlChar(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    codePoint >= 0x10000
  );
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Text safe for both XML text and attribute values: NFC, the five special characters as
 * entities, and characters XML 1.0 forbids (control characters, lone surrogates) dropped —
 * one of those in a unit name would otherwise make the whole file unreadable.
 */
export function escapeXml(text: string): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (!isXmlChar(codePoint)) continue;
    out += XML_ENTITIES[char] ?? char;
  }
  return out;
}

/**
 * ASCII slug for file names: "Tỷ lệ hoàn thành Quý I" → "ty-le-hoan-thanh-quy-i".
 * "đ"/"Đ" are letters of their own (not "d" + a mark), so they are mapped explicitly.
 */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

type TextMetricsInput = { text: string; fontSize: number; isBold?: boolean };

/**
 * A rough width of `text` in px: the export cannot measure text before the font is in the
 * rendered image, so wrapping uses an average advance per character. Measured in Chromium for
 * Be Vietnam Pro: 0.48 em (400) / 0.49 em (700) for a mixed-case Vietnamese title, 0.58 / 0.60
 * for one in capitals. The factors are the capitals' figures: erring wide only wraps a line
 * early, erring narrow would clip it.
 */
export function estimateTextWidth({ text, fontSize, isBold = false }: TextMetricsInput): number {
  const advance = isBold ? 0.6 : 0.58;
  return [...text.normalize('NFC')].length * fontSize * advance;
}

/** Greedy word wrap on the estimated width; a single over-long word keeps its own line. */
export function wrapText({
  text,
  maxWidth,
  fontSize,
  isBold = false,
}: TextMetricsInput & { maxWidth: number }): string[] {
  const words = text.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && estimateTextWidth({ text: candidate, fontSize, isBold }) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
