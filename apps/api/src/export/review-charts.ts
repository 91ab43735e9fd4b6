import { Resvg } from '@resvg/resvg-js';
import type { Summary } from '@targetline/contract';
import {
  formatAmountCompact,
  formatPercent,
  formatQuarter,
  type Locale,
  QUARTERS,
  type Quarter,
} from '@targetline/core';

/** A chart drawn for the Word report: the SVG, its PNG, and its size in CSS pixels. */
export type ChartImage = { svg: string; png: Buffer; width: number; height: number };

// Fonts the rasteriser finds on the server; DejaVu and Liberation cover Vietnamese.
const FONT = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";
const INK = '#1F2933';
const ACTUAL = '#0B4F8A';
const GRID = '#C9D3DF';
const WIDTH = 640;

/** Names and labels are data: every piece of text put into the SVG is escaped. */
const esc = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** Splits a unit's name into at most two lines of about `max` characters, on spaces. */
function wrap(text: string, max: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [''];
  for (const word of words) {
    const last = lines.length - 1;
    const current = lines[last] ?? '';
    if (current && current.length + word.length + 1 > max && lines.length < 2) lines.push(word);
    else lines[last] = current ? `${current} ${word}` : word;
  }
  return lines;
}

function rasterise(svg: string, width: number, height: number): ChartImage {
  // Twice the size it is shown at, so that it prints sharply.
  const png = new Resvg(svg, {
    fitTo: { mode: 'width', value: width * 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: '#FFFFFF',
  })
    .render()
    .asPng();
  return { svg, png, width, height };
}

/**
 * Achievement of the quarter's target by unit, as the dashboard shows it: units down the side
 * (the institute first), one solid bar per unit with its percentage written at its end, a
 * dashed line at 100%, and "no target" or "not reported" written where there is no bar —
 * nothing said by colour alone.
 */
export function achievementChart(
  summary: Summary,
  quarter: Quarter,
  locale: Locale,
  words: { legendBar: string; legendLine: string; noTarget: string; notReported: string },
): ChartImage {
  const rows = summary.units.map((u) => ({
    name: u.name,
    isRoot: u.depth === 0,
    achieved: u.quarters[quarter - 1]?.achieved ?? null,
    // Why there is no bar: no target to measure against, or no figure yet.
    missing: u.quarters[quarter - 1]?.target == null ? words.noTarget : words.notReported,
  }));
  const labelWidth = 230;
  const valueRoom = 70;
  const top = 16;
  const rowHeight = 36;
  const plot = WIDTH - labelWidth - valueRoom;
  const max = Math.max(1, ...rows.map((r) => r.achieved ?? 0)) * 1.05;
  const x = (ratio: number) => labelWidth + (Math.min(ratio, max) / max) * plot;
  const bottom = top + rows.length * rowHeight;
  const height = bottom + 56;
  const parts: string[] = [];
  rows.forEach((row, i) => {
    const y = top + i * rowHeight;
    const lines = wrap(row.name, 34);
    const weight = row.isRoot ? 'bold' : 'normal';
    lines.forEach((line, l) => {
      const ly = y + rowHeight / 2 + 4 + (l - (lines.length - 1) / 2) * 13;
      parts.push(
        `<text x="${labelWidth - 8}" y="${ly}" text-anchor="end" font-size="11" font-weight="${weight}" fill="${INK}">${esc(line)}</text>`,
      );
    });
    if (row.achieved === null) {
      parts.push(
        `<text x="${labelWidth + 4}" y="${y + rowHeight / 2 + 4}" font-size="11" font-style="italic" fill="${INK}">${esc(row.missing)}</text>`,
      );
      return;
    }
    const end = x(row.achieved);
    parts.push(
      `<rect x="${labelWidth}" y="${y + 8}" width="${Math.max(end - labelWidth, 1)}" height="${rowHeight - 16}" fill="${ACTUAL}"/>`,
      `<text x="${end + 4}" y="${y + rowHeight / 2 + 4}" font-size="11" font-weight="bold" fill="${INK}">${esc(formatPercent(row.achieved, locale))}</text>`,
    );
  });
  const hundred = x(1);
  parts.push(
    `<line x1="${labelWidth}" y1="${top - 4}" x2="${labelWidth}" y2="${bottom}" stroke="${INK}"/>`,
    `<line x1="${hundred}" y1="${top - 4}" x2="${hundred}" y2="${bottom}" stroke="${INK}" stroke-dasharray="5 3"/>`,
    `<text x="${hundred}" y="${bottom + 14}" text-anchor="middle" font-size="10" fill="${INK}">100%</text>`,
    `<rect x="${labelWidth}" y="${bottom + 26}" width="14" height="10" fill="${ACTUAL}"/>`,
    `<text x="${labelWidth + 20}" y="${bottom + 35}" font-size="10" fill="${INK}">${esc(words.legendBar)}</text>`,
    `<line x1="${labelWidth}" y1="${bottom + 47}" x2="${labelWidth + 14}" y2="${bottom + 47}" stroke="${INK}" stroke-dasharray="5 3"/>`,
    `<text x="${labelWidth + 20}" y="${bottom + 51}" font-size="10" fill="${INK}">${esc(words.legendLine)}</text>`,
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${esc(FONT)}">${parts.join('')}</svg>`;
  return rasterise(svg, WIDTH, height);
}

/**
 * The institute's revenue by quarter: time runs across, the actual solid and the quarter's
 * target outlined beside it (IBCS: actual solid dark, plan outlined), each with its amount.
 */
export function quarterChart(
  summary: Summary,
  locale: Locale,
  words: { actual: string; target: string },
): ChartImage {
  const root = summary.units[0];
  const height = 260;
  const left = 20;
  const top = 24;
  const bottom = height - 62;
  const plotWidth = WIDTH - left * 2;
  const values = QUARTERS.map((q) => ({
    q,
    actual: root?.quarters[q - 1]?.actual ?? null,
    target: root?.quarters[q - 1]?.target ?? null,
  }));
  const max = Math.max(1, ...values.flatMap((v) => [v.actual ?? 0, v.target ?? 0])) * 1.1;
  const h = (amount: number) => ((bottom - top) * amount) / max;
  const slot = plotWidth / 4;
  const bar = slot * 0.3;
  const parts: string[] = [];
  for (const v of values) {
    const cx = left + slot * (v.q - 1) + slot / 2;
    const bars: Array<[number | null, boolean, number]> = [
      [v.actual, true, cx - bar - 3],
      [v.target, false, cx + 3],
    ];
    for (const [amount, isActual, bx] of bars) {
      if (amount === null) continue;
      const y = bottom - h(amount);
      parts.push(
        isActual
          ? `<rect x="${bx}" y="${y}" width="${bar}" height="${h(amount)}" fill="${ACTUAL}"/>`
          : `<rect x="${bx + 1}" y="${y + 1}" width="${bar - 2}" height="${Math.max(h(amount) - 2, 0)}" fill="#FFFFFF" stroke="${INK}" stroke-width="2"/>`,
        `<text x="${bx + bar / 2}" y="${y - 5}" text-anchor="middle" font-size="10" fill="${INK}">${esc(formatAmountCompact(amount, locale))}</text>`,
      );
    }
    parts.push(
      `<text x="${cx}" y="${bottom + 16}" text-anchor="middle" font-size="11" fill="${INK}">${esc(formatQuarter(v.q, undefined, locale))}</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" y1="${bottom}" x2="${WIDTH - left}" y2="${bottom}" stroke="${GRID}" stroke-width="1.5"/>`,
    `<rect x="${left + 100}" y="${bottom + 32}" width="14" height="10" fill="${ACTUAL}"/>`,
    `<text x="${left + 120}" y="${bottom + 41}" font-size="10" fill="${INK}">${esc(words.actual)}</text>`,
    `<rect x="${left + 330}" y="${bottom + 32}" width="14" height="10" fill="#FFFFFF" stroke="${INK}" stroke-width="2"/>`,
    `<text x="${left + 350}" y="${bottom + 41}" font-size="10" fill="${INK}">${esc(words.target)}</text>`,
  );
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${esc(FONT)}">${parts.join('')}</svg>`;
  return rasterise(svg, WIDTH, height);
}
