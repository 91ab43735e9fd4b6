import { bodyOf, headerOf } from '@targetline/api/smtp-test-server';
import type { ActualRecord, AdminUser, UnitRecord } from '@targetline/contract';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ isMailOn: true });
});

afterAll(async () => {
  await harness?.close();
});

/** The status board's row of a unit. */
const boardRow = (page: Page, unitName: string) =>
  page.getByRole('table').getByRole('row', { name: new RegExp(unitName) });

describe('the quarterly review, walked through by the director, a lead and the planning office', () => {
  it('opens a round, takes a report from draft to submitted, returned, resubmitted and approved', async () => {
    // The director opens Q3/2023 with a deadline (Vietnamese).
    const director = await harness.logIn('director', { landing: '/review?year=2023&quarter=3' });
    await director.getByText('Chưa mở kỳ báo cáo Quý III/2023.').waitFor();
    await director.getByLabel('Hạn nộp', { exact: true }).fill('2023-10-10');
    await director.getByRole('button', { name: 'Mở kỳ báo cáo' }).click();
    await director.getByText('Đã lưu hạn nộp 10/10/2023.').waitFor();
    await director.getByText('0/8 đơn vị đã nộp báo cáo').waitFor();
    expect(await boardRow(director, 'Trung tâm An toàn Mỏ').textContent()).toContain(
      'Chưa báo cáo',
    );

    // The lead lands on their report of the open round, on a phone, and writes it.
    const lead = await harness.logIn('lead-tt-atm', {
      landing: '/',
      viewport: { width: 390, height: 844 },
    });
    await lead
      .getByRole('heading', { name: /Báo cáo Quý III\/2023 · Trung tâm An toàn Mỏ/ })
      .waitFor();
    const units = (await (await lead.request.get('/api/units')).json()) as UnitRecord[];
    const atm = units.find((unit) => unit.code === 'TT-ATM');
    if (!atm) throw new Error('no TT-ATM in the demo');
    expect(new URL(lead.url()).pathname).toBe(`/reports/${atm.id}/2023/3`);
    expect(await lead.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    await lead.getByRole('textbox', { name: 'Doanh thu thực hiện Quý III/2023' }).fill('25 tỷ');
    await lead.getByText('= 25.000.000.000 đồng').waitFor();
    await lead
      .getByRole('textbox', { name: 'Kết quả thực hiện' })
      .fill('Hoàn thành 3 hợp đồng quan trắc.');
    await lead.getByRole('textbox', { name: 'Nguyên nhân' }).fill('Chậm nghiệm thu một hợp đồng.');
    await lead.getByRole('button', { name: 'Lưu nháp' }).click();
    await lead.getByText('Đã lưu bản nháp.').waitFor();
    await director.reload();
    expect(await boardRow(director, 'Trung tâm An toàn Mỏ').textContent()).toContain('Bản nháp');

    await lead.getByRole('button', { name: 'Nộp báo cáo' }).click();
    await lead.getByText('Đã nộp báo cáo.').waitFor();
    await director.reload();
    expect(await boardRow(director, 'Trung tâm An toàn Mỏ').textContent()).toContain('Đã nộp');
    await director.getByText('1/8 đơn vị đã nộp báo cáo').waitFor();

    // The planning office returns it with a reason (English).
    const planner = await harness.logIn('planner', {
      locale: 'en-GB',
      landing: `/reports/${atm.id}/2023/3`,
    });
    await planner.getByRole('button', { name: 'Return' }).click();
    await planner.getByText('Say why, so the unit knows what to change.').waitFor();
    await planner.getByRole('textbox', { name: 'Reason' }).fill('Add the signed contract numbers');
    await planner.getByRole('button', { name: 'Return' }).click();
    await planner.getByText('Report returned to the unit.').waitFor();
    await planner.goto('/review?year=2023&quarter=3');
    expect(await boardRow(planner, 'Trung tâm An toàn Mỏ').textContent()).toContain('Returned');

    // The lead sees the notification behind the bell, follows it, fixes and resubmits.
    await lead.reload();
    const bell = lead.getByRole('region', { name: 'Thông báo' });
    const bellButton = bell.getByRole('button', { name: /Thông báo/ });
    await bellButton.getByText('2 chưa đọc').waitFor(); // the round opened, the return
    await bellButton.click();
    await bell
      .getByRole('link', {
        name: 'Báo cáo Quý III/2023 của Trung tâm An toàn Mỏ đã bị trả lại: Add the signed contract numbers',
      })
      .click();
    await lead.getByText('Báo cáo bị trả lại: Add the signed contract numbers').waitFor();
    await bellButton.getByText('1 chưa đọc').waitFor();
    await lead
      .getByRole('textbox', { name: 'Kết quả thực hiện' })
      .fill('Hoàn thành 3 hợp đồng quan trắc (HĐ 12/2023, 15/2023, 18/2023).');
    await lead.getByRole('button', { name: 'Nộp báo cáo' }).click();
    await lead.getByText('Đã nộp báo cáo.').waitFor();

    // The director approves; the board shows it, and the figure is the unit's estimate.
    await director.goto(`/reports/${atm.id}/2023/3`);
    await director.getByRole('button', { name: 'Phê duyệt' }).click();
    await director.getByText('Đã phê duyệt báo cáo.').waitFor();
    await director.goto('/review?year=2023&quarter=3');
    expect(await boardRow(director, 'Trung tâm An toàn Mỏ').textContent()).toContain('Đã duyệt');
    const actuals = (await (
      await director.request.get(`/api/actuals?year=2023&unitId=${atm.id}`)
    ).json()) as ActualRecord[];
    const q3 = actuals.find((actual) => actual.quarter === 3);
    expect(q3?.amount).toBe(25_000_000_000);
    expect(q3?.basis).toBe('estimate');

    // The lead can no longer change an approved report.
    await lead.reload();
    await lead.getByText('Báo cáo đã được phê duyệt.').waitFor();
    expect(await lead.getByRole('button', { name: 'Nộp báo cáo' }).count()).toBe(0);

    // Its quarters fit the phone too: each a card, nothing to scroll sideways.
    await lead
      .getByRole('navigation', { name: 'Trang' })
      .getByRole('link', { name: 'Đơn vị của tôi' })
      .click();
    await lead
      .getByRole('button', { name: /Lịch sử thay đổi số thực hiện Quý IV\/2023/ })
      .waitFor();
    const overflow = await lead.evaluate(() => [
      document.documentElement.scrollWidth - window.innerWidth,
      ...[...document.querySelectorAll('.table-scroll')].map(
        (box) => box.scrollWidth - box.clientWidth,
      ),
    ]);
    expect(Math.max(...overflow)).toBeLessThanOrEqual(0);
    for (const page of [director, lead, planner]) await page.context().close();
  });

  it('reminds, by e-mail and once, the lead of a unit that has not reported, three days before the deadline', async () => {
    // The round of Q3/2023 was opened above, deadline 10/10/2023; TT-ATM's report is approved,
    // TT-MT has not reported. Both leads get an address.
    const admin = await harness.logIn('admin', { landing: '/admin' });
    const session = await (await admin.request.get('/api/session')).json();
    const users = (await (await admin.request.get('/api/users')).json()) as AdminUser[];
    for (const [username, email] of [
      ['lead-tt-mt', 'tt-mt@vimsat.test'],
      ['lead-tt-atm', 'tt-atm@vimsat.test'],
    ] as const) {
      const found = users.find((user) => user.username === username);
      if (!found) throw new Error(`no ${username} in the demo`);
      const response = await admin.request.patch(`/api/users/${found.id}`, {
        headers: { 'x-csrf-token': session.csrfToken as string },
        data: { email, version: found.version },
      });
      expect(response.status(), await response.text()).toBe(200);
    }
    await admin.context().close();

    // 10:00 in Hanoi on 7/10/2023; the job runs twice, as two processes or two minutes would.
    const threeDaysBefore = new Date('2023-10-07T03:00:00Z');
    await harness.runReminders(threeDaysBefore);
    await harness.runReminders(threeDaysBefore);
    const toMt = harness.mails().filter((mail) => mail.to.includes('tt-mt@vimsat.test'));
    expect(toMt).toHaveLength(1);
    const [reminder] = toMt;
    if (!reminder) throw new Error('no reminder');
    expect(headerOf(reminder.raw, 'subject')).toBe(
      'Nhắc nhở: hạn nộp báo cáo Quý III/2023 là 10/10/2023',
    );
    expect(bodyOf(reminder.raw)).toContain('Trung tâm Môi trường Mỏ');
    // The unit that has reported is not reminded.
    expect(harness.mails().filter((mail) => mail.to.includes('tt-atm@vimsat.test'))).toEqual([]);
  });
});
