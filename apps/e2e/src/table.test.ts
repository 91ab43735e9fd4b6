import type { PlanRecord, Session, UnitRecord, YearEntries } from '@targetline/contract';
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

/** How far the detail table's scrolling box reaches past its visible width (0: it fits). */
const overflowOf = (page: Page) =>
  page
    .locator('.table-scroll:has(table.detail-table)')
    .evaluate((box) => box.scrollWidth - box.clientWidth);

/** The heading text that reaches outside its heading cell (clipped or overlapping). */
const headingsOutsideTheirCells = (page: Page) =>
  page.locator('table.detail-table thead').evaluate((head) => {
    const outside: string[] = [];
    for (const cell of head.querySelectorAll('th')) {
      const box = cell.getBoundingClientRect();
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) {
          if (rect.width === 0) continue;
          if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5) {
            outside.push(node.textContent ?? '');
          }
        }
      }
    }
    return outside;
  });

describe('the detail table', () => {
  it("fits a 1366×768 laptop in Vietnamese with the selected quarter's columns", async () => {
    const page = await harness.logIn('director', { viewport: { width: 1366, height: 768 } });
    const table = page.getByRole('table', { name: 'Chi tiết theo đơn vị' });
    await table.waitFor();
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    expect(await headingsOutsideTheirCells(page)).toEqual([]);
    // Last year's quarter over the same-period column (the demo has 2022's figures).
    await table
      .getByRole('columnheader', { name: /^Cùng kỳ năm trước \(Quý\sI\/2022\)/ })
      .waitFor();
    // Figures in tỷ; the full đồng when pointed at, and for screen readers.
    const root = table.getByRole('row').filter({ hasText: 'VIMSAT' });
    expect(await root.getByTitle('180.000.000.000 đồng').textContent()).toBe('180,0');
    await root.getByRole('cell', { name: '180.000.000.000 đồng', exact: true }).waitFor();

    // All four quarters are more than the screen holds: the box scrolls, the unit stays.
    await page.getByRole('checkbox', { name: 'Hiện cả bốn quý' }).check();
    await table.getByRole('columnheader', { name: /^Quý IV\/2023/ }).waitFor();
    expect(await overflowOf(page)).toBeGreaterThan(0);
    expect(await headingsOutsideTheirCells(page)).toEqual([]);
    await page.context().close();
  });

  it('keeps the unit column readable on a phone, the table scrolling inside its box', async () => {
    const width = 390;
    const page = await harness.logIn('director', {
      viewport: { width, height: 844 },
      locale: 'en-GB',
    });
    const table = page.getByRole('table', { name: 'Detail by unit' });
    await table.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      width + 1,
    );
    const unit = table.getByRole('rowheader', { name: /Trung tâm An toàn Mỏ/ });
    const before = await unit.boundingBox();
    expect(before?.width).toBeGreaterThanOrEqual(130);
    // Scrolled sideways, the unit column stays where it was (sticky).
    await page.locator('.table-scroll:has(table.detail-table)').evaluate((box) => {
      box.scrollLeft = box.scrollWidth;
    });
    expect((await unit.boundingBox())?.x).toBeCloseTo(before?.x ?? Number.NaN, 0);
    expect(await headingsOutsideTheirCells(page)).toEqual([]);
    await page.context().close();
  });
});

describe('the detail table with a plan the group assigned', () => {
  // Last in the file: it writes to the demo this file's harness serves.
  it('still fits a 1366×768 laptop with the "% KH giao" column', async () => {
    const page = await harness.logIn('director', { viewport: { width: 1366, height: 768 } });
    const getJson = async <T>(path: string) => (await (await page.request.get(path)).json()) as T;
    const { csrfToken } = await getJson<Session>('/api/session');
    const root = (await getJson<UnitRecord[]>('/api/units')).find((u) => u.parentId === null);
    const plan = (await getJson<YearEntries>('/api/entries?year=2023')).plans.find(
      (p: PlanRecord) => p.unitId === root?.id,
    );
    if (!root || !plan) throw new Error('the demo institute has no 2023 plan');
    const saved = await page.request.put(`/api/plans/${root.id}/2023`, {
      headers: { 'x-csrf-token': csrfToken },
      data: {
        annualPlan: plan.annualPlan,
        assignedPlan: 200_000_000_000,
        quarterTargets: plan.quarterTargets,
        version: plan.version,
      },
    });
    expect(saved.status()).toBe(200);
    await page.reload();
    const table = page.getByRole('table', { name: 'Chi tiết theo đơn vị' });
    await table.getByRole('columnheader', { name: '% KH giao' }).waitFor();
    expect(await overflowOf(page)).toBeLessThanOrEqual(0);
    expect(await headingsOutsideTheirCells(page)).toEqual([]);
    await page.context().close();
  });
});
