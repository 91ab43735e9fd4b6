import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

/** The slide counter's "n of total", read off the screen. */
async function counter(page: Page): Promise<{ n: number; total: number }> {
  const text = (await page.getByRole('navigation').locator('[aria-live]').textContent()) ?? '';
  const [n, total] = (text.match(/\d+/g) ?? []).map(Number);
  if (n === undefined || total === undefined) throw new Error(`no counter in "${text}"`);
  return { n, total };
}

async function expectSlide(page: Page, n: number) {
  await expect.poll(async () => (await counter(page)).n).toBe(n);
}

describe('presenting the quarterly review', () => {
  it('opens Q1/2023 from the dashboard and pages through every slide with the keys a clicker sends', async () => {
    const page = await harness.logIn('director', { viewport: { width: 1920, height: 1080 } });
    // The meeting's conclusion, as the director records it, closes the deck.
    const session = await (await page.request.get('/api/session')).json();
    const recorded = await page.request.post('/api/directions', {
      headers: { 'x-csrf-token': session.csrfToken as string },
      data: {
        unitId: null,
        year: 2023,
        quarter: 1,
        text: 'Doanh thu Quý II phấn đấu đạt 30 tỷ đồng',
        dueYear: 2023,
        dueQuarter: 2,
      },
    });
    expect(recorded.status(), await recorded.text()).toBe(201);
    await page.getByRole('link', { name: 'Trình chiếu sơ kết Quý I/2023' }).click();
    await page.getByRole('heading', { name: 'Sơ kết Quý I/2023' }).waitFor();
    const { total } = await counter(page);
    // Title, headline, the eight reporting units, the gap, next quarter.
    expect(total).toBe(12);

    await page.keyboard.press('ArrowRight');
    await page
      .getByText(
        'Doanh thu toàn Viện Quý I/2023 đạt 13 tỷ đồng, bằng 7,2% kế hoạch năm (180 tỷ đồng).',
      )
      .waitFor();
    await page
      .getByText('Còn phải thực hiện 167 tỷ đồng, bình quân 55,7 tỷ đồng mỗi quý còn lại.')
      .waitFor();

    // Every slide in turn, with each key a clicker may send.
    const keys = ['Space', 'PageDown', 'ArrowRight'];
    const seen: string[] = [];
    for (let n = 3; n <= total; n++) {
      await page.keyboard.press(keys[n % keys.length] ?? 'Space');
      await expectSlide(page, n);
      seen.push((await page.getByRole('heading', { level: 2 }).first().textContent()) ?? '');
    }
    expect(seen[0]).toContain('Công ty CP Phát triển Công nghệ & Thiết bị Mỏ');
    expect(seen.at(-2)).toBe('Các đơn vị còn phải thực hiện');
    expect(seen.at(-1)).toBe('Chỉ tiêu Quý II/2023 và kết luận chỉ đạo');

    // Back to the company's slide: its difficulties, as its report says them.
    await page.keyboard.press('Home');
    await expectSlide(page, 1);
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await expectSlide(page, 3);
    await page.getByText('(Minh họa) Vốn lưu động hạn chế.').waitFor();
    await page.keyboard.press('PageUp');
    await expectSlide(page, 2);
    await page.keyboard.press('End');
    await expectSlide(page, total);
    await page.getByText('Doanh thu Quý II phấn đấu đạt 30 tỷ đồng').waitFor();
    await page.getByText('Toàn Viện', { exact: true }).waitFor();

    // Esc leaves for the dashboard, as of the quarter presented.
    await page.keyboard.press('Escape');
    await page.getByRole('heading', { name: 'Xếp hạng theo tiến độ' }).waitFor();
    expect(new URL(page.url()).searchParams.get('asOf')).toBe('1');
    await page.context().close();
  });

  it('speaks English, and keeps the loaded figures on screen when the network drops', async () => {
    const page = await harness.logIn('planner', {
      locale: 'en-GB',
      viewport: { width: 1366, height: 768 },
      landing: '/present?year=2023&quarter=1&slide=2',
    });
    const headline =
      "The institute's revenue in Q1 2023 was VND 13 bn, 7.2% of the annual plan (VND 180 bn).";
    await page.getByText(headline).waitFor();
    await page.keyboard.press('ArrowRight');
    await expectSlide(page, 3);
    await page.getByText('Difficulties').waitFor();

    await page.context().setOffline(true);
    await page.getByText(/Connection lost: showing the figures loaded at/).waitFor();
    await page.keyboard.press('ArrowLeft');
    await page.getByText(headline).waitFor();
    await page.context().setOffline(false);
    await page.context().close();
  });
});
