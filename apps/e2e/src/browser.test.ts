import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '@targetline/api/app';
import { ROOT_DIR } from '@targetline/api/config';
import { seedDemo } from '@targetline/api/seed';
import { createSqliteRepository } from '@targetline/db';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const WEB_DIST = join(ROOT_DIR, 'apps/web/dist');

/** Debian's Chromium, as .ci/run installs it; no browser download. */
function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  try {
    return execSync('command -v chromium', { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium is not installed: apt-get install chromium (or set CHROMIUM_PATH)');
  }
}

let dir: string;
let app: Awaited<ReturnType<typeof buildApp>>;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error('The web app is not built: run `pnpm build` first (`pnpm test` does)');
  }
  dir = await mkdtemp(join(tmpdir(), 'targetline-e2e-'));
  const repository = createSqliteRepository({ path: join(dir, 'e2e.db') });
  await seedDemo(repository, join(ROOT_DIR, 'data/demo-organisation.json'), {
    hasAccounts: true,
    scryptLog2N: 10,
  });
  app = await buildApp({ repository, webDistDir: WEB_DIST, auth: { scryptLog2N: 10 } });
  baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function logIn(username: string, locale = 'vi-VN'): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale,
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.goto(baseUrl);
  await page.locator('input[autocomplete="username"]').fill(username);
  await page.locator('input[type="password"]').fill('targetline-demo');
  await page.locator('form button[type="submit"]').click();
  await page.locator('[data-chart="achievement"] svg.recharts-surface').first().waitFor();
  return page;
}

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('the dashboard in a real browser', () => {
  it('shows the director the 2023 demo at 7.2% of plan', async () => {
    const page = await logIn('director');
    await expect(page.getByText('7,2%').first().isVisible()).resolves.toBe(true);
    await expect(page.getByText('180 tỷ đồng').first().isVisible()).resolves.toBe(true);
    await page.context().close();
  });

  it('exports the achievement chart as a PNG at twice its size, not blank', async () => {
    const page = await logIn('director');
    // The chart's own surface is the largest svg in its frame (legend icons are svgs too).
    const box = await page.evaluate(() => {
      const surfaces = [
        ...document.querySelectorAll('[data-chart="achievement"] svg.recharts-surface'),
      ];
      const sizes = surfaces.map((s) => s.getBoundingClientRect());
      return sizes.sort((a, b) => b.width * b.height - a.width * a.height)[0] ?? null;
    });
    if (!box) throw new Error('the chart has no size');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Biểu đồ PNG' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^targetline-2023-q1-.*\.png$/);
    const png = await readFile((await download.path()) as string);
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
});
