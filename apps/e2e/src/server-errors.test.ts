import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('what the server refuses, in the UI language', () => {
  it('a save answered 503 (storage busy) says so in Vietnamese, with the wait Retry-After asks', async () => {
    const unitName = 'Phòng Công nghệ Khai thác Lộ thiên';
    const page = await harness.logIn('lead-p-ktlt');
    // The API's real answer to a storage fault (plugins/errors.ts), its English sentence included.
    await page.route('**/api/actuals/**', (route) =>
      route.request().method() === 'PUT'
        ? route.fulfill({
            status: 503,
            headers: { 'retry-after': '2', 'content-type': 'application/json' },
            body: JSON.stringify({ error: 'unavailable', message: 'Storage is busy' }),
          })
        : route.fallback(),
    );
    await page
      .getByRole('navigation', { name: 'Trang' })
      .getByRole('link', { name: 'Đơn vị của tôi' })
      .click();
    const label = `Sửa số thực hiện Quý II/2023 của ${unitName}`;
    await page.getByRole('button', { name: label }).click();
    const editor = page.getByRole('region', { name: label });
    await editor.getByRole('textbox', { name: 'Doanh thu thực hiện' }).fill('25 tỷ');
    await editor.getByRole('button', { name: 'Lưu số thực hiện' }).click();

    const alert = editor.getByText(/Cơ sở dữ liệu đang bận/);
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain('Hãy thử lại sau 2 giây');
    expect(text).not.toContain('Storage is busy');
    expect(await page.getByText('Storage is busy').count()).toBe(0);
    expect(await page.getByText('Service Unavailable').count()).toBe(0);
    await page.context().close();
  });
});
