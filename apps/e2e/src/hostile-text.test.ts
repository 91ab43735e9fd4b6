import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

// Free text typed by one user is shown to all the others: unit names, display names,
// comments, lock reasons. Stored here as markup that would set window.__xss if it ever ran,
// and looked at with the CSP switched off, so only escaping stands between it and the page.

const marker = (n: number) => `<img src=x onerror="window.__xss=${n}">`;
const UNIT_NAME = `Phòng Thử ${marker(1)}`;
const DISPLAY_NAME = `Người xem <svg onload="window.__xss=2"></svg>`;
const COMMENT = `Hợp đồng <script>window.__xss=3</script> ${marker(3)}`;
const LOCK_COMMENT = `Đã họp ${marker(4)}`;
const REPORT_TEXT = `Kết quả ${marker(5)} <b onmouseover="window.__xss=5">đậm</b>`;
const RETURN_REASON = `Bổ sung ${marker(6)}`;

let harness: Harness;
let unitId = 0;

beforeAll(async () => {
  harness = await startHarness();
  const page = await harness.logIn('admin', { landing: '/admin' });
  const session = await (await page.request.get('/api/session')).json();
  const headers = { 'x-csrf-token': session.csrfToken as string };
  const units = (await (await page.request.get('/api/units')).json()) as {
    id: number;
    parentId: number | null;
  }[];
  const root = units.find((u) => u.parentId === null);
  const write = async (method: 'post' | 'put' | 'patch', path: string, data: object) => {
    const response = await page.request[method](`/api${path}`, { headers, data });
    expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
    return response.json();
  };
  unitId = (
    await write('post', '/units', {
      code: 'P-THU',
      name: UNIT_NAME,
      kind: 'department',
      parentId: root?.id,
      comment: COMMENT,
    })
  ).id;
  await write('put', `/plans/${unitId}/2023`, {
    annualPlan: 12_000_000_000,
    quarterTargets: [3_000_000_000, 3_000_000_000, null, null],
    version: 0,
    comment: COMMENT,
  });
  await write('put', `/actuals/${unitId}/2023/1`, {
    amount: 2_000_000_000,
    version: 0,
    comment: COMMENT,
  });
  await write('patch', '/users/3', { version: 1, displayName: DISPLAY_NAME });
  // A lock's comment is not shown on any page today; it is stored like the rest.
  await write('post', '/locks', { year: 2023, quarter: 4, comment: LOCK_COMMENT });
  // A unit's quarterly report, its four texts and the reason it was returned with.
  const report = await write('put', `/reports/${unitId}/2023/2`, {
    amount: 1_000_000_000,
    basis: 'estimate',
    results: REPORT_TEXT,
    causes: REPORT_TEXT,
    difficulties: REPORT_TEXT,
    proposals: REPORT_TEXT,
    nextQuarterExpected: null,
    version: 0,
    actualVersion: 0,
  });
  const submitted = await write('post', `/reports/${unitId}/2023/2/submit`, {
    version: report.version,
  });
  await write('post', `/reports/${unitId}/2023/2/return`, {
    version: submitted.version,
    reason: RETURN_REASON,
  });
  await page.context().close();
});

afterAll(async () => {
  await harness?.close();
});

/** Nothing of the stored markup became an element, and none of it ran. */
async function expectInert(page: Page, where: string) {
  const found = await page.evaluate(() => ({
    ran: (window as unknown as { __xss?: number }).__xss ?? null,
    elements: document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]').length,
    inlineScripts: [...document.scripts].filter((s) => s.textContent?.includes('__xss')).length,
  }));
  expect(found, where).toEqual({ ran: null, elements: 0, inlineScripts: 0 });
}

describe('stored markup in free text, in a real browser with the CSP off', () => {
  it('is shown as text on the dashboard, the unit page and the administration page', async () => {
    const page = await harness.logIn('admin', { isCspBypassed: true });
    await page.getByRole('link', { name: UNIT_NAME }).first().waitFor();
    await expectInert(page, 'dashboard');

    await page.goto(`/units/${unitId}`);
    await page.getByRole('heading', { name: UNIT_NAME }).first().waitFor();
    await expectInert(page, 'unit page');

    await page.goto('/admin');
    await page.getByRole('table', { name: 'Người dùng' }).getByText(DISPLAY_NAME).waitFor();
    await page.getByRole('table', { name: 'Đơn vị' }).getByText(UNIT_NAME).waitFor();
    await expectInert(page, 'admin page');
    await page.context().close();
  });

  it('is shown as text in the history of a figure', async () => {
    const page = await harness.logIn('admin', { isCspBypassed: true });
    // The actual entry form of the dashboard, on the unit, and its history.
    const form = page.getByRole('region', { name: 'Nhập số liệu thực hiện' });
    await form.getByLabel('Đơn vị').selectOption(String(unitId));
    await form.getByRole('button', { name: /^Lịch sử/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(COMMENT, { exact: false }).first().waitFor();
    await expectInert(page, 'history dialog');
    await page.context().close();
  });

  it('is shown as text on the review board and in a unit report', async () => {
    const page = await harness.logIn('admin', {
      isCspBypassed: true,
      landing: '/review?year=2023&quarter=2',
    });
    await page.getByRole('table').getByText(RETURN_REASON).waitFor();
    await page.getByRole('link', { name: UNIT_NAME }).waitFor();
    await expectInert(page, 'review board');

    await page.goto(`/reports/${unitId}/2023/2`);
    await page.getByText(`Báo cáo bị trả lại: ${RETURN_REASON}`).waitFor();
    // Returned: the form is open again, the texts in its fields.
    expect(await page.getByRole('textbox', { name: 'Kết quả thực hiện' }).inputValue()).toBe(
      REPORT_TEXT,
    );
    await expectInert(page, 'report page');
    await page.context().close();
  });

  it('is shown as text to the user whose display name it is', async () => {
    const page = await harness.logIn('viewer', { isCspBypassed: true });
    await page.getByText(DISPLAY_NAME).first().waitFor();
    await expectInert(page, 'header');
    await page.context().close();
  });

  it('would be stopped by the CSP too: the app is served with script-src self', async () => {
    const page = await harness.logIn('viewer');
    const response = await page.request.get('/');
    const directives = (response.headers()['content-security-policy'] ?? '').split(';');
    expect(directives.map((d) => d.trim())).toContain("script-src 'self'");
    await page.context().close();
  });
});
