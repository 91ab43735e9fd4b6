import type { UnitRecord } from '@targetline/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe('addresses', () => {
  it('opens the unit page of TT-ATM for 2023 as of Q2 from its link, and again after a reload', async () => {
    const page = await harness.logIn('director');
    const units = (await (await page.request.get('/api/units')).json()) as UnitRecord[];
    const atm = units.find((unit) => unit.code === 'TT-ATM');
    if (!atm) throw new Error('no TT-ATM in the demo');

    const link = `/units/${atm.id}?year=2023&asOf=2`;
    for (const open of [() => page.goto(link), () => page.reload()]) {
      await open();
      await page.getByRole('heading', { level: 2, name: new RegExp(atm.name) }).waitFor();
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(link);
      expect(await page.getByLabel('Số liệu tính đến').inputValue()).toBe('2');
      expect(await page.getByLabel('Năm', { exact: true }).inputValue()).toBe('2023');
      // The cards are the unit's own, as of Q2.
      await page.getByRole('region', { name: 'Tiến độ đến hết Quý II/2023' }).waitFor();
    }

    // Back to the dashboard keeps the year and the quarter; Back in the browser returns.
    await page.getByRole('link', { name: /Quay lại bảng theo dõi/ }).click();
    await page.getByRole('heading', { name: 'Xếp hạng theo tiến độ' }).waitFor();
    const back = new URL(page.url());
    expect(back.pathname).toBe('/');
    expect(Object.fromEntries(back.searchParams)).toEqual({ year: '2023', asOf: '2' });
    await page.goBack();
    await page.getByRole('heading', { level: 2, name: new RegExp(atm.name) }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/units/${atm.id}`);
    await page.context().close();
  });

  it('keeps the old hash links working, and shows a not-found page for an unknown address', async () => {
    const page = await harness.logIn('lead-tt-atm', { landing: '/#/my-unit' });
    await page.getByRole('navigation', { name: 'Trang' }).waitFor();
    await page.waitForURL((url) => url.pathname === '/my-unit' && url.hash === '');
    expect(
      await page
        .getByRole('navigation', { name: 'Trang' })
        .getByRole('link', { name: 'Đơn vị của tôi' })
        .getAttribute('aria-current'),
    ).toBe('page');

    const response = await page.goto('/no/such/page');
    // The server answers every page address with the app; the app says it has no such page.
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { name: 'Không có trang này' }).waitFor();
    await page.getByRole('link', { name: 'Về Bảng theo dõi' }).click();
    await page.getByRole('heading', { name: 'Xếp hạng theo tiến độ' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.context().close();
  });
});
