import type { ActualRecord, Summary, UnitRecord } from '@targetline/contract';
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

/** GETs an API path with the page's own session cookie. */
async function getJson<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`/api${path}`);
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

async function unitByCode(page: Page, code: string): Promise<UnitRecord> {
  const unit = (await getJson<UnitRecord[]>(page, '/units')).find((item) => item.code === code);
  if (!unit) throw new Error(`no unit ${code} in the demo`);
  return unit;
}

async function actualsOf(page: Page, unitId: number): Promise<ActualRecord[]> {
  return getJson<ActualRecord[]>(page, `/actuals?year=2023&unitId=${unitId}`);
}

/** Goes to "My unit" by the page switch and opens the actual editor of one quarter. */
async function openEditor(page: Page, quarterLabel: string, unitName: string) {
  await page
    .getByRole('navigation', { name: 'Trang' })
    .getByRole('link', { name: 'Đơn vị của tôi' })
    .click();
  const label = `Sửa số thực hiện ${quarterLabel} của ${unitName}`;
  await page.getByRole('button', { name: label }).click();
  const editor = page.getByRole('region', { name: label });
  await editor.waitFor();
  return {
    editor,
    amount: editor.getByRole('textbox', { name: 'Doanh thu thực hiện' }),
    save: editor.getByRole('button', { name: 'Lưu số thực hiện' }),
    saved: editor.getByRole('status').filter({
      hasText: `Đã lưu số thực hiện ${quarterLabel} của ${unitName}.`,
    }),
  };
}

/** The text of a headline card's big figure. */
async function cardValue(page: Page, title: string, expected: string): Promise<string | null> {
  const value = page
    .getByRole('region', { name: title, exact: true })
    .locator('.card__value', { hasText: expected });
  await value.waitFor();
  return value.textContent();
}

// The tests share one database and run in order: each writes figures of its own unit only,
// and the first one, which reads the organisation's totals, runs before any other write.
describe('entering figures in a real browser', () => {
  it("a unit lead's '25 tỷ' for Q2 reaches the director's dashboard", async () => {
    const KTLT = 'Phòng Công nghệ Khai thác Lộ thiên';
    const [director, lead] = await Promise.all([
      harness.logIn('director'),
      harness.logIn('lead-p-ktlt'),
    ]);
    expect(await cardValue(director, 'Lũy kế từ đầu năm', '13 tỷ đồng')).toBe('13 tỷ đồng');

    const form = await openEditor(lead, 'Quý II/2023', KTLT);
    await form.amount.fill('25 tỷ');
    // The field says how it read the words before anything is saved.
    await form.editor.getByText('= 25.000.000.000 đồng').waitFor();
    await form.save.click();
    await form.saved.waitFor();
    // The lead's own table shows the figure in full.
    await lead
      .getByRole('table', { name: new RegExp(KTLT) })
      .getByRole('row', { name: /Quý II\/2023/ })
      .getByRole('cell', { name: '25.000.000.000', exact: true })
      .waitFor();

    const unit = await unitByCode(lead, 'P-KTLT');
    const stored = (await actualsOf(lead, unit.id)).find((actual) => actual.quarter === 2);
    expect(stored).toMatchObject({ amount: 25_000_000_000, version: 1, updatedBy: 'lead-p-ktlt' });

    // The director, in another browser context, reloads. One unit's Q2 figure does not move
    // the dashboard to Q2, which the other seven have not reported: it stays as of Q1.
    await director.reload();
    expect(await cardValue(director, 'Lũy kế từ đầu năm', '13 tỷ đồng')).toBe('13 tỷ đồng');
    expect(await cardValue(director, '% hoàn thành kế hoạch năm', '7,2%')).toBe('7,2%');
    const table = director.getByRole('table', { name: 'Chi tiết theo đơn vị' });
    // Q2 is not the quarter the dashboard is at: its columns are behind the toggle.
    await director.getByRole('checkbox', { name: 'Hiện cả bốn quý' }).check();
    const row = table.getByRole('row').filter({ hasText: 'P-KTLT' });
    // The table shows every figure entered: Q2 actual, and the year 1,482 + 25,000 million,
    // in tỷ on screen and in full đồng for screen readers.
    await row.getByRole('cell', { name: '25.000.000.000 đồng', exact: true }).waitFor();
    await row.getByRole('cell', { name: '26.482.000.000 đồng', exact: true }).waitFor();
    expect(await row.getByTitle('26.482.000.000 đồng').textContent()).toBe('26,5');
    const root = table.getByRole('row').filter({ hasText: 'VIMSAT' });
    await root.getByRole('cell', { name: '38.000.000.000 đồng', exact: true }).waitFor();

    const summary = await getJson<Summary>(director, '/summary?year=2023');
    expect(summary.asOfQuarter).toBe(1);
    expect(summary.reporting[1]).toMatchObject({ expectedUnits: 8, reportedUnits: 1 });
    const ktlt = summary.units.find((item) => item.code === 'P-KTLT');
    expect(ktlt?.quarters[1]?.actual).toBe(25_000_000_000);
    expect(ktlt?.ytdActual).toBe(26_482_000_000);
    expect(summary.units.find((item) => item.code === 'VIMSAT')?.ytdActual).toBe(38_000_000_000);
    await lead.context().close();
    await director.context().close();
  });

  it("refuses a unit lead another unit's figure, in the form and at the API", async () => {
    // The dashboard itself: a lead's plain landing is their report.
    const lead = await harness.logIn('lead-p-kthl', { landing: '/?year=2023' });
    // The entry form on the dashboard offers the lead's own unit and no other.
    const picker = lead
      .getByRole('region', { name: 'Nhập số liệu thực hiện' })
      .getByRole('combobox', { name: 'Đơn vị' });
    const offered = await picker.locator('option').allTextContents();
    expect(offered.map((label) => label.trim())).toEqual([
      'Phòng Công nghệ Khai thác Hầm lò (P-KTHL)',
    ]);
    // "My unit" lists only the lead's unit too.
    await lead
      .getByRole('navigation', { name: 'Trang' })
      .getByRole('link', { name: 'Đơn vị của tôi' })
      .click();
    await lead.getByRole('heading', { name: /P-KTHL/ }).waitFor();
    expect(await lead.getByRole('heading', { name: /P-KTLT/ }).count()).toBe(0);

    // A write crafted with the lead's own session and CSRF token is refused all the same.
    const other = await unitByCode(lead, 'P-KTLT');
    const before = await actualsOf(lead, other.id);
    const { csrfToken } = await getJson<{ csrfToken: string }>(lead, '/session');
    const response = await lead.request.put(`/api/actuals/${other.id}/2023/2`, {
      headers: { 'x-csrf-token': csrfToken },
      data: { amount: 1_000_000_000, version: 0, comment: 'not mine' },
    });
    expect(response.status()).toBe(403);
    const body = (await response.json()) as { error: string; message: string };
    // Refused for the unit, not for a bad token.
    expect(body.error).toBe('forbidden');
    expect(body.message).toMatch(/units you lead/);
    expect(await actualsOf(lead, other.id)).toEqual(before);

    await lead.context().close();
  });

  it('shows a stale edit the conflict dialog, and both of its choices work', async () => {
    const TK = 'Phòng Tuyển khoáng';
    const [first, second] = await Promise.all([
      harness.logIn('lead-p-tk', { landing: '/my-unit' }),
      harness.logIn('lead-p-tk', { landing: '/my-unit', isAxeAllowed: true }),
    ]);
    const a = await openEditor(first, 'Quý II/2023', TK);
    const b = await openEditor(second, 'Quý II/2023', TK);
    const unit = await unitByCode(first, 'P-TK');
    const q2 = async () => (await actualsOf(first, unit.id)).find((actual) => actual.quarter === 2);

    await a.amount.fill('2 tỷ');
    await a.save.click();
    await a.saved.waitFor();

    // B started from before A's save: its save meets the newer version.
    await b.amount.fill('1,5 tỷ');
    await b.save.click();
    const dialog = second.getByRole('alertdialog', {
      name: 'Số liệu này vừa được người khác thay đổi',
    });
    await dialog.waitFor();
    await dialog.getByText(/Đã được lead-p-tk thay đổi lúc/).waitFor();
    const row = dialog.getByRole('row', { name: /Doanh thu thực hiện/ });
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      '1.500.000.000',
      '2.000.000.000',
    ]);
    expect(await q2()).toMatchObject({ amount: 2_000_000_000, version: 1 });
    // A modal that must be answered: it is checked for accessibility while open.
    const problems = await seriousA11yViolations(second);
    expect(problems, problems.join('\n')).toEqual([]);

    // "Keep the current figure": nothing saved, the field now holds A's figure.
    await dialog.getByRole('button', { name: 'Giữ số hiện tại' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await b.amount.inputValue()).toBe('2.000.000.000');
    expect(await q2()).toMatchObject({ amount: 2_000_000_000, version: 1 });

    // From there B's next save is current and goes through.
    await b.amount.fill('1,5 tỷ');
    await b.save.click();
    await b.saved.waitFor();
    expect(await q2()).toMatchObject({ amount: 1_500_000_000, version: 2 });

    // Now A is the stale one; "use mine" saves over B's figure, from B's version.
    await a.amount.fill('3 tỷ');
    await a.save.click();
    const dialogA = first.getByRole('alertdialog');
    await dialogA.getByRole('cell', { name: '1.500.000.000', exact: true }).waitFor();
    await dialogA.getByRole('button', { name: 'Dùng số của tôi' }).click();
    await dialogA.waitFor({ state: 'detached' });
    await a.saved.waitFor();
    expect(await q2()).toMatchObject({ amount: 3_000_000_000, version: 3 });
    await first.context().close();
    await second.context().close();
  });
});
