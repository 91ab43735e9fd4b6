import { afterEach, describe, expect, it } from 'vitest';
import { composeExportSvg, exportLayout, type LegendItem } from './compose-svg';
import { mountFakeChart } from './testing/fake-chart';

const TITLE = 'Tỷ lệ hoàn thành chỉ tiêu quý theo đơn vị';
const LEGEND: LegendItem[] = [
  { label: 'Quý I', color: '#0072B2', pattern: 'solid' },
  { label: 'Quý II', color: '#D55E00', pattern: 'stripes' },
];
const FONT_CSS = "@font-face{font-family:'Be Vietnam Pro';src:url(data:font/woff2;base64,AAEC)}";

function compose(overrides: Partial<Parameters<typeof composeExportSvg>[0]> = {}) {
  const container = mountFakeChart({ width: 960, height: 400 });
  const chartSvg = container.querySelectorAll('svg.recharts-surface')[1] as SVGSVGElement;
  const input = {
    chartSvg,
    width: 960,
    height: 400,
    title: TITLE,
    subtitle: 'Năm 2023 · đến hết Quý I/2023',
    legend: LEGEND,
    footer: 'Targetline · Viện Khoa học Công nghệ Mỏ · exported 14/04/2023',
    fontCss: FONT_CSS,
    ...overrides,
  };
  const svg = composeExportSvg(input);
  const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
  return { svg, doc, root: doc.documentElement, input };
}

const texts = (doc: Document) => [...doc.querySelectorAll('text')].map((t) => t.textContent);

afterEach(() => {
  document.body.innerHTML = '';
});

describe('composeExportSvg', () => {
  it('produces well-formed standalone SVG', () => {
    const { doc, root } = compose();
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(root.localName).toBe('svg');
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
  });

  it('keeps the Vietnamese title with its diacritics, in NFC even when given NFD', () => {
    const { svg, doc } = compose({ title: TITLE.normalize('NFD') });
    expect(svg).toContain(TITLE.normalize('NFC'));
    expect(texts(doc)).toContain(TITLE);
    expect(doc.querySelector('title')?.textContent).toBe(TITLE);
  });

  it('escapes markup in every text so a unit name cannot break the file', () => {
    const { svg, doc } = compose({
      title: 'R&D <Viện> "Mỏ"',
      footer: "Targetline · Công ty 'A' & B",
      legend: [{ label: 'Q1 < Q2', color: '#000' }],
    });
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(svg).toContain('R&amp;D &lt;Viện&gt; &quot;Mỏ&quot;');
    expect(texts(doc)).toEqual(
      expect.arrayContaining(['R&D <Viện> "Mỏ"', "Targetline · Công ty 'A' & B", 'Q1 < Q2']),
    );
  });

  it('drops characters XML forbids instead of producing an unreadable file', () => {
    const { doc } = compose({ title: 'Đơn vị\u0001 A\u0007' });
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(texts(doc)).toContain('Đơn vị A');
  });

  it('draws the subtitle, the footer and every legend label', () => {
    const { doc } = compose();
    expect(texts(doc)).toEqual(
      expect.arrayContaining([
        'Năm 2023 · đến hết Quý I/2023',
        'Targetline · Viện Khoa học Công nghệ Mỏ · exported 14/04/2023',
        'Quý I',
        'Quý II',
      ]),
    );
  });

  it('gives each legend swatch its colour and fill pattern', () => {
    const { doc } = compose();
    const swatches = [...doc.querySelectorAll('rect[fill^="url(#export-legend-"]')];
    expect(swatches.map((s) => s.getAttribute('stroke'))).toEqual(['#0072B2', '#D55E00']);
    const stripes = doc.getElementById('export-legend-1');
    expect(stripes?.localName).toBe('pattern');
    expect(stripes?.querySelector('path')?.getAttribute('stroke')).toBe('#D55E00');
  });

  it('paints a white background over the whole export before anything else', () => {
    const { root } = compose();
    const background = root.querySelector(':scope > rect');
    expect(background?.getAttribute('fill')).toBe('#ffffff');
    expect(background?.getAttribute('width')).toBe(root.getAttribute('width'));
    expect(background?.getAttribute('height')).toBe(root.getAttribute('height'));
  });

  it('embeds the @font-face CSS and sets the font family on all text', () => {
    const { doc, root } = compose();
    const style = doc.querySelector('style')?.textContent ?? '';
    expect(style).toContain('@font-face');
    expect(style).toContain('data:font/woff2;base64,AAEC');
    expect(style).toMatch(/text, tspan \{ font-family: 'Be Vietnam Pro'/);
    expect(root.getAttribute('font-family')).toContain('Be Vietnam Pro');
  });

  it('removes foreignObject and hover leftovers, and keeps the chart and its patterns', () => {
    const { svg, doc } = compose();
    expect(svg).not.toMatch(/foreignObject/i);
    expect(doc.querySelector('.recharts-tooltip-cursor')).toBeNull();
    expect(doc.getElementById('achievement-r1-q2')?.localName).toBe('pattern');
    expect(doc.querySelector('path[fill="url(#achievement-r1-q2)"]')).not.toBeNull();
    expect(texts(doc)).toContain('ĐV1');
  });

  it('sizes the export as the chart plus header and footer, with the chart below the header', () => {
    const { root, input } = compose();
    const layout = exportLayout(input);
    expect(layout.headerHeight).toBeGreaterThan(0);
    expect(layout.footerHeight).toBeGreaterThan(0);
    expect(root.getAttribute('width')).toBe('960');
    expect(root.getAttribute('height')).toBe(
      String(400 + layout.headerHeight + layout.footerHeight),
    );
    expect(root.getAttribute('viewBox')).toBe(`0 0 960 ${layout.height}`);

    const chart = root.querySelector(':scope > svg');
    expect(chart?.getAttribute('y')).toBe(String(layout.headerHeight));
    expect(chart?.getAttribute('width')).toBe('960');
    expect(chart?.getAttribute('height')).toBe('400');
    expect(chart?.getAttribute('viewBox')).toBe('0 0 960 400');
    // Recharts' `width: 100%` would stretch the nested chart over the whole export.
    expect(chart?.hasAttribute('style')).toBe(false);
  });
});

describe('exportLayout', () => {
  const base = { width: 960, height: 400, title: TITLE, subtitle: 'Năm 2023', legend: LEGEND };

  it('wraps a long title on a narrow chart instead of clipping it', () => {
    expect(exportLayout(base).titleLines).toHaveLength(1);
    const narrow = exportLayout({ ...base, width: 320 });
    expect(narrow.titleLines.length).toBeGreaterThan(1);
    expect(narrow.titleLines.map((l) => l.text).join(' ')).toBe(TITLE);
    expect(narrow.headerHeight).toBeGreaterThan(exportLayout(base).headerHeight);
  });

  it('moves legend items to a new row when they do not fit', () => {
    const legend = Array.from({ length: 8 }, (_, i) => ({ label: `Quý ${i}`, color: '#000' }));
    const items = exportLayout({ ...base, width: 360, legend }).legendItems;
    expect(new Set(items.map((i) => i.y)).size).toBeGreaterThan(1);
    expect(Math.max(...items.map((i) => i.x))).toBeLessThan(360);
  });

  it('leaves no room for a legend or subtitle that is empty', () => {
    const full = exportLayout(base);
    const bare = exportLayout({ ...base, subtitle: '', legend: [] });
    expect(bare.subtitleLines).toEqual([]);
    expect(bare.legendItems).toEqual([]);
    expect(bare.headerHeight).toBeLessThan(full.headerHeight);
  });
});
