import { mkdir, readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, zipEntryNames } from './harness';

/** Set E2E_SHOTS_DIR to keep screenshots of the phone layout to look at by eye. */
const SHOTS_DIR = process.env.E2E_SHOTS_DIR;

async function keepScreenshot(page: Page, name: string) {
  if (!SHOTS_DIR) return;
  await mkdir(SHOTS_DIR, { recursive: true });
  await page.screenshot({ path: `${SHOTS_DIR}/${name}.png`, fullPage: true });
}

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

/** A headline card (a region named by its title) and the big figure it shows. */
async function cardValue(page: Page, title: string): Promise<string | null> {
  const value = page.getByRole('region', { name: title, exact: true }).locator('.card__value');
  await value.waitFor();
  return value.textContent();
}

/** Clicks a download link or button and returns the file's name and bytes. */
async function download(page: Page, name: string): Promise<{ fileName: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page
      .getByRole('link', { name, exact: true })
      .or(page.getByRole('button', { name, exact: true }))
      .click(),
  ]);
  const path = await file.path();
  if (!path) throw new Error(`the ${name} download failed: ${await file.failure()}`);
  return { fileName: file.suggestedFilename(), bytes: await readFile(path) };
}

describe('the dashboard in a real browser', () => {
  it('shows the director the 2023 demo at 7.2% of plan', async () => {
    const page = await harness.logIn('director', { isViaForm: true });
    await expect(page.getByText('7,2%').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('180 tỷ đồng').first().isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('exports the achievement chart as a PNG at twice its size, not blank', async () => {
    const page = await harness.logIn('director');
    // The chart's own surface is the largest svg in its frame (legend icons are svgs too).
    const box = await page.evaluate(() => {
      const surfaces = [
        ...document.querySelectorAll('[data-chart="achievement"] svg.recharts-surface'),
      ];
      const sizes = surfaces.map((s) => s.getBoundingClientRect());
      return sizes.sort((a, b) => b.width * b.height - a.width * a.height)[0] ?? null;
    });
    if (!box) throw new Error('the chart has no size');
    const { fileName, bytes: png } = await download(page, 'Biểu đồ PNG');
    expect(fileName).toMatch(/^targetline-2023-q1-.*\.png$/);
    const size = pngSize(png);
    expect(size.width).toBe(Math.round(box.width) * 2);
    // Title, subtitle, legend and footer add height above and below the chart.
    expect(size.height).toBeGreaterThan(Math.round(box.height) * 2);
    // Not blank: a good share of the pixels are neither white nor transparent.
    const inked = await page.evaluate(
      async (dataUrl) => {
        const image = new Image();
        image.src = dataUrl;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = image.width;
        canvas.height = image.height;
        const context = canvas.getContext('2d');
        if (!context) return 0;
        context.drawImage(image, 0, 0);
        const { data } = context.getImageData(0, 0, image.width, image.height);
        let count = 0;
        for (let i = 0; i < data.length; i += 4) {
          const isWhite =
            (data[i] ?? 0) > 245 && (data[i + 1] ?? 0) > 245 && (data[i + 2] ?? 0) > 245;
          if (!isWhite && (data[i + 3] ?? 0) > 0) count++;
        }
        return count / (image.width * image.height);
      },
      `data:image/png;base64,${png.toString('base64')}`,
    );
    expect(inked).toBeGreaterThan(0.02);
    await page.context().close();
  });

  it('exports the forecast chart too, as a PNG named after it', async () => {
    const page = await harness.logIn('director');
    const { fileName, bytes } = await download(
      page,
      'Biểu đồ PNG – Doanh thu theo quý và dự báo cả năm – Viện Khoa học Công nghệ Mỏ – Vinacomin',
    );
    expect(fileName).toMatch(/^targetline-2023-q1-doanh-thu-theo-quy-va-du-bao-ca-nam-.*\.png$/);
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(pngSize(bytes).width).toBeGreaterThan(400);
    await page.context().close();
  });

  it('downloads the Excel workbook and the PowerPoint deck from the export toolbar', async () => {
    const page = await harness.logIn('viewer');

    const xlsx = await download(page, 'Excel (.xlsx)');
    expect(xlsx.fileName).toMatch(/\.xlsx$/);
    // PK\3\4: a zip's first local file header, which every OOXML file is.
    expect(xlsx.bytes.subarray(0, 4).toString('hex')).toBe('504b0304');
    expect(xlsx.bytes.length).toBeGreaterThan(4 * 1024);
    expect(zipEntryNames(xlsx.bytes)).toContain('xl/worksheets/sheet1.xml');

    const pptx = await download(page, 'PowerPoint');
    expect(pptx.fileName).toMatch(/\.pptx$/);
    expect(pptx.bytes.subarray(0, 4).toString('hex')).toBe('504b0304');
    expect(pptx.bytes.length).toBeGreaterThan(4 * 1024);
    expect(zipEntryNames(pptx.bytes)).toContain('ppt/slides/slide1.xml');
    await page.context().close();
  });

  it('prints the selected quarter only, with no controls, and a real A4 PDF', async () => {
    const page = await harness.logIn('director');
    const table = page.locator('table.summary-table');
    await table.waitFor();
    const visibleQuarterCells = () =>
      table.evaluate((el) => {
        const shown = new Set<string>();
        for (const cell of el.querySelectorAll<HTMLElement>('[data-quarter]')) {
          if (cell.getClientRects().length > 0) shown.add(cell.dataset.quarter ?? '');
        }
        return [...shown].sort();
      });
    // On screen the quarter the dashboard is at (Q1); with every quarter asked for, the whole
    // year, and on paper Q1 only again.
    expect(await visibleQuarterCells()).toEqual(['1']);
    await page.getByRole('checkbox', { name: 'Hiện cả bốn quý' }).check();
    expect(await visibleQuarterCells()).toEqual(['1', '2', '3', '4']);
    await expect(page.locator('.export-toolbar').isVisible()).resolves.toBe(true);
    await expect(page.locator('.view-nav').isVisible()).resolves.toBe(true);
    await page.emulateMedia({ media: 'print' });
    expect(await visibleQuarterCells()).toEqual(['1']);
    await expect(page.locator('.export-toolbar').isVisible()).resolves.toBe(false);
    await expect(page.locator('.view-nav').isVisible()).resolves.toBe(false);
    // The headings are printed as text (buttons are left out of repeated table headers).
    await expect(
      table.locator('.sort-print-label', { hasText: 'Đơn vị' }).isVisible(),
    ).resolves.toBe(true);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.context().close();
  });

  it('switches between Vietnamese and English, labels and number formats alike', async () => {
    const page = await harness.logIn('viewer');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    expect(await cardValue(page, 'Kế hoạch năm 2023')).toBe('180 tỷ đồng');
    expect(await cardValue(page, '% hoàn thành kế hoạch năm')).toBe('7,2%');

    await page
      .getByRole('group', { name: 'Ngôn ngữ' })
      .getByRole('button', { name: 'EN', exact: true })
      .click();
    expect(await cardValue(page, 'Annual plan 2023')).toBe('VND 180 bn');
    expect(await cardValue(page, '% of annual plan')).toBe('7.2%');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    // The table's full amounts follow the locale's digit grouping too.
    const table = page.getByRole('table', { name: 'Detail by unit' });
    await table.getByText('180,000,000,000').first().waitFor();
    expect(
      await page
        .getByRole('table', { name: 'Detail by unit' })
        .getByText('180.000.000.000')
        .count(),
    ).toBe(0);
    expect(
      await page.getByRole('button', { name: 'EN', exact: true }).getAttribute('aria-pressed'),
    ).toBe('true');

    // The choice is remembered over a reload, whatever the browser's own language.
    await page.reload();
    expect(await cardValue(page, 'Annual plan 2023')).toBe('VND 180 bn');

    await page
      .getByRole('group', { name: 'Language' })
      .getByRole('button', { name: 'VI', exact: true })
      .click();
    expect(await cardValue(page, 'Kế hoạch năm 2023')).toBe('180 tỷ đồng');
    await page
      .getByRole('table', { name: 'Chi tiết theo đơn vị' })
      .getByText('180.000.000.000')
      .first()
      .waitFor();
    await page.context().close();
  });

  it('fits a phone: no sideways scrolling, the headline figures in view, the pages reachable', async () => {
    const width = 390;
    const page = await harness.logIn('lead-p-ktlt', {
      viewport: { width, height: 844 },
      landing: '/?year=2023',
    });
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await overflow()).toBeLessThanOrEqual(width + 1);

    // The headline cards are on screen and none sticks out past the right edge.
    const cards = page.getByRole('region', { name: 'Chỉ tiêu chính' }).locator('.card');
    expect(await cards.count()).toBeGreaterThanOrEqual(4);
    for (const card of await cards.all()) {
      const box = await card.boundingBox();
      expect(box, 'a headline card has no box').not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width + 1);
    }
    expect(await cardValue(page, '% hoàn thành kế hoạch năm')).toBe('7,2%');
    await keepScreenshot(page, 'dashboard-phone');

    // The page switch works by touch-sized links at this width.
    await page
      .getByRole('navigation', { name: 'Trang' })
      .getByRole('link', { name: 'Đơn vị của tôi' })
      .click();
    await page.getByRole('region', { name: /Phòng Công nghệ Khai thác Lộ thiên/ }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(width + 1);
    await keepScreenshot(page, 'my-unit-phone');
    await page.context().close();
  });
});
