import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

// Reading the year: the dashboard's headline sentence in both languages, and the unit search
// that does not need the accents typed.

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('the dashboard reads the year for the director', () => {
  it('opens with the headline sentence in Vietnamese, and in English', async () => {
    const vi = await harness.logIn('director', { viewport: { width: 1366, height: 768 } });
    const sentence = vi.locator('.headline-sentence');
    expect(await sentence.textContent()).toBe(
      'Quý I/2023: 13 tỷ đồng, đạt 7,2% kế hoạch năm (180 tỷ) · thấp hơn chỉ tiêu lũy kế 7 tỷ · cần bình quân 55,7 tỷ mỗi quý còn lại',
    );
    // Above the cards, first on the page after the as-of choice.
    const [sentenceTop, cardsTop] = await Promise.all([
      sentence.evaluate((element) => element.getBoundingClientRect().top),
      vi.locator('.cards').evaluate((element) => element.getBoundingClientRect().top),
    ]);
    expect(sentenceTop).toBeLessThan(cardsTop);
    expect(sentenceTop).toBeLessThan(768);
    await vi.context().close();

    const en = await harness.logIn('director', {
      locale: 'en-GB',
      viewport: { width: 390, height: 844 },
    });
    expect(await en.locator('.headline-sentence').textContent()).toBe(
      'Q1 2023: VND 13 bn, 7.2% of the annual plan (180 bn) · 7 bn below the cumulative target · 55.7 bn needed on average in each remaining quarter',
    );
    await en.context().close();
  });

  it('finds "Trung tâm An toàn Mỏ" when "an toan" is typed without accents', async () => {
    const page = await harness.logIn('director', { viewport: { width: 1366, height: 768 } });
    const table = page.getByRole('table', { name: 'Chi tiết theo đơn vị' });
    await page.getByRole('searchbox', { name: 'Tìm đơn vị' }).fill('an toan');
    await table.getByRole('row').filter({ hasText: 'Trung tâm An toàn Mỏ' }).waitFor();
    // Only the centre is left (the header row aside).
    await expect
      .poll(async () => (await table.locator('tbody tr').allTextContents()).length)
      .toBe(1);
    await page.context().close();
  });
});
