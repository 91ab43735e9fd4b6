import { render } from '@testing-library/react';
import { Bar, BarChart, Legend, XAxis, YAxis } from 'recharts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ChartExportError } from './errors';
import { exportChart, findChartSurface, measureChart } from './export-chart';
import { resetFontFaceCssCache } from './font';
import { stubCanvas } from './testing/canvas-stub';
import { mountFakeChart } from './testing/fake-chart';

const INPUT = {
  title: 'Tỷ lệ hoàn thành chỉ tiêu quý theo đơn vị',
  subtitle: 'Năm 2023 · đến hết Quý I/2023',
  legend: [{ label: 'Quý I', color: '#0072B2' }],
  footer: 'Targetline · Viện Khoa học Công nghệ Mỏ · exported 14/04/2023',
};

/** A real Recharts 3 chart, drawn by jsdom at a fixed size, as the app will pass it. */
function RealChart() {
  const rows = [
    { code: 'ĐV1', q1: 0.4 },
    { code: 'ĐV2', q1: 1.1 },
  ];
  return (
    <BarChart width={720} height={360} data={rows} accessibilityLayer>
      <defs>
        <pattern id="p-q1" width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill="#0072B2" />
        </pattern>
      </defs>
      <XAxis dataKey="code" />
      <YAxis />
      <Legend />
      <Bar dataKey="q1" name="Quý I" fill="url(#p-q1)" isAnimationActive={false} />
    </BarChart>
  );
}

let downloads: Blob[];
let canvases: HTMLCanvasElement[];

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(new Uint8Array([1, 2, 3]))),
  );
  const stub = stubCanvas();
  downloads = stub.created;
  canvases = stub.canvases;
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
  resetFontFaceCssCache();
  document.body.innerHTML = '';
});

describe('findChartSurface', () => {
  it('picks the chart, not a legend icon that is also svg.recharts-surface', () => {
    const container = mountFakeChart({ width: 640, height: 360 });
    expect(findChartSurface(container)?.getAttribute('width')).toBe('640');
  });
});

describe('measureChart', () => {
  it('reads the size Recharts writes on the surface', () => {
    const container = mountFakeChart({ width: 640, height: 360 });
    const svg = findChartSurface(container);
    expect(svg && measureChart(svg)).toEqual({ width: 640, height: 360 });
  });
});

describe('exportChart', () => {
  it('downloads a real Recharts chart as a standalone SVG with fonts embedded', async () => {
    const { container } = render(<RealChart />);
    const result = await exportChart({
      container,
      format: 'svg',
      fileName: 'targetline-2023-q1-ty-le-hoan-thanh.svg',
      ...INPUT,
    });

    expect(result).toEqual({
      fileName: 'targetline-2023-q1-ty-le-hoan-thanh.svg',
      isFontEmbedded: true,
    });
    const file = downloads.at(-1);
    expect(file?.type).toBe('image/svg+xml;charset=utf-8');
    const doc = new DOMParser().parseFromString((await file?.text()) ?? '', 'image/svg+xml');
    expect(doc.querySelector('parsererror')).toBeNull();
    expect(doc.documentElement.getAttribute('width')).toBe('720');
    expect(doc.querySelector('style')?.textContent).toContain('data:font/woff2;base64,AQID');
    const texts = [...doc.querySelectorAll('text')].map((t) => t.textContent);
    expect(texts).toEqual(expect.arrayContaining([INPUT.title, 'ĐV1', 'ĐV2']));
    expect(doc.getElementById('p-q1')).not.toBeNull();
    expect(doc.querySelectorAll('.recharts-bar-rectangle').length).toBeGreaterThan(0);
  });

  it('downloads a PNG drawn at twice the export size', async () => {
    const { container } = render(<RealChart />);
    await exportChart({ container, format: 'png', fileName: 'chart.png', ...INPUT });
    const file = downloads.at(-1);
    expect(file?.type).toBe('image/png');
    const svg = downloads.find((blob) => blob.type.startsWith('image/svg+xml'));
    const doc = new DOMParser().parseFromString((await svg?.text()) ?? '', 'image/svg+xml');
    const height = Number(doc.documentElement.getAttribute('height'));
    expect(height).toBeGreaterThan(360);
    expect([canvases[0]?.width, canvases[0]?.height]).toEqual([1440, height * 2]);
  });

  it('still exports, with system fonts, when the font files cannot be fetched', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('', { status: 503 })),
    );
    const container = mountFakeChart();
    const result = await exportChart({ container, format: 'svg', fileName: 'c.svg', ...INPUT });
    expect(result.isFontEmbedded).toBe(false);
    expect(await downloads.at(-1)?.text()).not.toContain('@font-face');
  });

  it('throws NO_CHART when the container holds no rendered chart', async () => {
    const container = document.createElement('div');
    await expect(
      exportChart({ container, format: 'png', fileName: 'c.png', ...INPUT }),
    ).rejects.toSatisfy((error) => error instanceof ChartExportError && error.code === 'NO_CHART');
  });
});
