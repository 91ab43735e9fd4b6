import type { Direction, UnitRecord } from '@targetline/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

describe("the director's conclusions, from the meeting to the next quarter's report", () => {
  it('the director records a direction for TT-ATM at Q2/2023, its lead reports it done in Q3, and the director sees it', async () => {
    // At the Q2/2023 meeting the director records a direction to TT-ATM, due Q3 by default.
    const director = await harness.logIn('director', { landing: '/review?year=2023&quarter=2' });
    const section = director.getByRole('region', { name: 'Kết luận chỉ đạo' });
    await section.getByText('Chưa có ý kiến chỉ đạo').waitFor();
    await section
      .getByRole('textbox', { name: 'Nội dung chỉ đạo' })
      .fill('Doanh thu Quý III phấn đấu đạt 6 tỷ đồng');
    await section
      .getByRole('combobox', { name: 'Đơn vị' })
      .selectOption({ label: 'TT-ATM — Trung tâm An toàn Mỏ' });
    expect(await section.getByRole('combobox', { name: 'Thời hạn' }).inputValue()).toBe('2023-3');
    await section.getByRole('button', { name: 'Ghi kết luận' }).click();
    await section.getByText('Đã ghi ý kiến chỉ đạo').waitFor();
    const row = section.getByRole('row', { name: /Doanh thu Quý III phấn đấu đạt 6 tỷ đồng/ });
    await row.getByText('Chưa thực hiện').waitFor();
    expect(await row.textContent()).toContain('Quý III/2023');

    // The lead of TT-ATM opens their Q3/2023 report and reports it done, with a note.
    const units = (await (await director.request.get('/api/units')).json()) as UnitRecord[];
    const atm = units.find((unit) => unit.code === 'TT-ATM');
    if (!atm) throw new Error('no TT-ATM in the demo');
    const lead = await harness.logIn('lead-tt-atm', { landing: `/reports/${atm.id}/2023/3` });
    const due = lead.getByRole('region', { name: 'Ý kiến chỉ đạo đến hạn trong quý' });
    await due.getByText('Doanh thu Quý III phấn đấu đạt 6 tỷ đồng').waitFor();
    await due.getByRole('combobox', { name: 'Tình trạng' }).selectOption('done');
    await due
      .getByRole('textbox', { name: 'Báo cáo tiến độ' })
      .fill('Đã nghiệm thu 3 hợp đồng, đạt 6,2 tỷ đồng');
    await due.getByRole('button', { name: 'Báo cáo tiến độ' }).click();
    await due.getByText('Đã lưu tiến độ').waitFor();

    // The director sees it on the board and on the unit's page.
    await director.reload();
    const done = director
      .getByRole('region', { name: 'Kết luận chỉ đạo' })
      .getByRole('row', { name: /Doanh thu Quý III phấn đấu đạt 6 tỷ đồng/ });
    await done.getByText('Đã hoàn thành').waitFor();
    expect(await done.textContent()).toContain('Đã nghiệm thu 3 hợp đồng, đạt 6,2 tỷ đồng');
    await director.goto(`/units/${atm.id}?year=2023`);
    const onUnit = director.getByRole('region', { name: 'Ý kiến chỉ đạo đối với đơn vị' });
    await onUnit.getByText('Đã nghiệm thu 3 hợp đồng, đạt 6,2 tỷ đồng').waitFor();

    // Recorded and reported by whom, in the audit trail.
    const list = (await (
      await director.request.get('/api/directions?year=2023&quarter=2')
    ).json()) as Direction[];
    expect(list).toMatchObject([
      {
        unitCode: 'TT-ATM',
        status: 'done',
        version: 2,
        createdBy: 'director',
        updatedBy: 'lead-tt-atm',
      },
    ]);
    for (const page of [director, lead]) await page.context().close();
  });
});
