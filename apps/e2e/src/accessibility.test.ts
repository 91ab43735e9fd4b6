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

const AXE = { isAxeAllowed: true };

/** Asserts that axe finds nothing serious or critical; the message lists rules and selectors. */
async function expectNoSeriousViolations(page: Page, where: string) {
  const problems = await seriousA11yViolations(page);
  expect(problems, `${where}:\n${problems.join('\n')}`).toEqual([]);
}

async function goTo(page: Page, link: string) {
  await page.getByRole('navigation', { name: 'Trang' }).getByRole('link', { name: link }).click();
}

describe('accessibility of the main pages (axe-core, serious and critical)', () => {
  it('the log-in page', async () => {
    const page = await harness.openLogIn(AXE);
    await expectNoSeriousViolations(page, 'log-in page');
    // The check can fail: a button without a name is reported with its selector.
    await page.evaluate(() => {
      const button = document.createElement('button');
      button.id = 'nameless';
      document.querySelector('main')?.append(button);
    });
    expect((await seriousA11yViolations(page)).join('\n')).toMatch(/^button-name .*#nameless/m);
    await page.evaluate(() => document.getElementById('nameless')?.remove());
    // With the demo accounts opened and a failed log-in's message shown.
    await page.getByText('Tài khoản dùng thử', { exact: true }).click();
    await page.locator('form button[type="submit"]').click();
    await page.getByRole('alert').waitFor();
    await expectNoSeriousViolations(page, 'log-in page with an error');
    await page.context().close();
  });

  it("the director's dashboard", async () => {
    const page = await harness.logIn('director', AXE);
    await page.getByRole('table', { name: 'Chi tiết theo đơn vị' }).waitFor();
    await expectNoSeriousViolations(page, 'director dashboard');
    await page.context().close();
  });

  it("a unit lead's page, with the editor open", async () => {
    const page = await harness.logIn('lead-p-ktlt', { ...AXE, landing: '/my-unit' });
    const edit = page.getByRole('button', { name: /^Sửa số thực hiện Quý II\/2023/ });
    await edit.click();
    await page.getByRole('textbox', { name: 'Doanh thu thực hiện' }).waitFor();
    await expectNoSeriousViolations(page, 'My unit');
    await page.context().close();
  });

  it('the import and administration pages', async () => {
    const page = await harness.logIn('admin', { ...AXE, landing: '/import' });
    await page.getByRole('heading', { name: 'Nhập từ Excel', level: 2 }).waitFor();
    await expectNoSeriousViolations(page, 'Import page');

    await goTo(page, 'Quản trị');
    await page.getByRole('table', { name: 'Người dùng' }).getByText('lead-p-ktlt').waitFor();
    await page.getByRole('table', { name: 'Đơn vị' }).getByText('P-KTLT').first().waitFor();
    await expectNoSeriousViolations(page, 'Admin page');
    await page.context().close();
  });
});
