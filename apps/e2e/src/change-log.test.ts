import type { Session, UnitRecord } from '@targetline/contract';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, seriousA11yViolations, startHarness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

async function getJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`/api${path}`);
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

const COMMENT = 'Hợp đồng <img src=x onerror="window.__hacked=1"> mới';

describe('the change log in a real browser', () => {
  it("shows a unit lead's change to the director: who by name, the unit, old → new, the reason as text", async () => {
    const lead = await harness.logIn('lead-tt-atm');
    const { csrfToken, user } = await getJson<Session>(lead, '/session');
    const unit = (await getJson<UnitRecord[]>(lead, '/units')).find((u) => u.code === 'TT-ATM');
    const saved = await lead.request.put(`/api/actuals/${unit?.id}/2023/2`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { amount: 2_100_000_000, version: 0, comment: COMMENT },
    });
    expect(saved.status()).toBe(200);
    await lead.context().close();

    const director = await harness.logIn('director', { isAxeAllowed: true });
    await director
      .getByRole('navigation', { name: 'Trang' })
      .getByRole('link', { name: 'Nhật ký thay đổi' })
      .click();
    const table = director.getByRole('table', { name: 'Các thay đổi, mới nhất trước' });
    const row = table.getByRole('row').filter({ hasText: user.displayName });
    await row.first().waitFor();
    const text = (await row.first().textContent()) ?? '';
    expect(text).toContain('Số thực hiện · Quý II/2023');
    expect(text).toContain('Trung tâm An toàn Mỏ');
    expect(text).toContain('2.100.000.000');
    expect(text).toContain(COMMENT);
    // Vietnam time, as Vietnamese documents write it: 14:05 20/04/2023.
    expect(text).toMatch(/\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(
      await director.evaluate(() => (window as { __hacked?: number }).__hacked),
    ).toBeUndefined();
    expect(await seriousA11yViolations(director)).toEqual([]);

    // A filter is in the address, and narrows the log.
    await director.getByLabel('Loại thay đổi').selectOption('plan');
    await director.waitForURL(/\/changes\?kind=plan$/);
    await director.getByText('Chưa có thay đổi nào').waitFor();
    await director.context().close();
  });

  it('fits a phone: the log as cards, no sideways scrolling', async () => {
    const page = await harness.logIn('planner', {
      landing: '/changes',
      viewport: { width: 390, height: 844 },
    });
    await page.locator('.change-log__table').waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.context().close();
  });

  it('is not offered to a viewer, whose address of it opens the dashboard', async () => {
    const viewer = await harness.logIn('viewer', { landing: '/changes' });
    await viewer.waitForURL((url) => url.pathname === '/');
    expect(
      await viewer
        .getByRole('navigation', { name: 'Trang' })
        .getByRole('link', { name: 'Nhật ký thay đổi' })
        .count(),
    ).toBe(0);
    const refused = await viewer.request.get('/api/audit');
    expect(refused.status()).toBe(403);
    await viewer.context().close();
  });
});
