import type { Direction } from '@targetline/contract';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { users } from '../test/fixtures';
import { jsonResponse, mockApi } from '../test/mock-api';
import { renderApp } from '../test/render';

vi.setConfig({ testTimeout: 20_000 });

const direction: Direction = {
  id: 7,
  unitId: 3,
  unitCode: 'TT-ATM',
  unitName: 'Trung tâm An toàn Mỏ',
  year: 2023,
  quarter: 2,
  text: 'Doanh thu Quý III phấn đấu đạt 6 tỷ đồng <b>',
  dueYear: 2023,
  dueQuarter: 3,
  status: 'open',
  progressNote: null,
  version: 1,
  createdAt: '2023-07-14T03:00:00.000Z',
  createdBy: 'director',
  updatedAt: '2023-07-14T03:00:00.000Z',
  updatedBy: 'director',
};

describe("the director's conclusions on the review board", () => {
  it('lists the meeting’s directions as text and records one, due next quarter by default', async () => {
    const { writes } = mockApi(
      (request) => {
        if (request.method === 'GET' && request.path === '/api/directions?year=2023&quarter=2') {
          return jsonResponse([direction]);
        }
        if (request.method === 'POST' && request.path === '/api/directions') {
          return jsonResponse({ ...direction, id: 8, unitId: null, unitName: null }, 201);
        }
        return undefined;
      },
      { user: users.director },
    );
    const user = userEvent.setup();
    renderApp('vi', { path: '/review?quarter=2' });
    const section = await screen.findByRole('region', { name: 'Kết luận chỉ đạo' });
    const row = await within(section).findByRole('row', { name: /Trung tâm An toàn Mỏ/ });
    expect(row).toHaveTextContent('Doanh thu Quý III phấn đấu đạt 6 tỷ đồng <b>');
    expect(row).toHaveTextContent('Chưa thực hiện');
    expect(within(section).getByLabelText('Thời hạn')).toHaveDisplayValue('Quý III/2023');

    await user.type(within(section).getByLabelText('Nội dung chỉ đạo'), 'Thu hồi công nợ');
    await user.click(within(section).getByRole('button', { name: 'Ghi kết luận' }));
    expect(await within(section).findByText('Đã ghi ý kiến chỉ đạo')).toBeVisible();
    expect(writes()).toEqual([
      {
        method: 'POST',
        path: '/api/directions',
        body: {
          unitId: null,
          year: 2023,
          quarter: 2,
          text: 'Thu hồi công nợ',
          dueYear: 2023,
          dueQuarter: 3,
        },
      },
    ]);
  });

  it('offers no form to a unit lead', async () => {
    mockApi(undefined, { user: users.leadAtm });
    renderApp('en', { path: '/review?quarter=2' });
    const section = await screen.findByRole('region', { name: "The director's conclusions" });
    expect(await within(section).findByText('No directions')).toBeVisible();
    expect(within(section).queryByRole('button')).not.toBeInTheDocument();
  });
});

describe("the lead's progress in the next quarter's report", () => {
  const serveDue = (patch: () => Response) =>
    mockApi(
      (request) => {
        if (
          request.method === 'GET' &&
          request.path === '/api/directions?unitId=3&dueYear=2023&dueQuarter=3'
        ) {
          return jsonResponse([direction]);
        }
        if (request.method === 'PATCH' && request.path === '/api/directions/7') return patch();
        return undefined;
      },
      { user: users.leadAtm },
    );

  it('saves the status and the note with the version read', async () => {
    const { writes } = serveDue(() =>
      jsonResponse({ ...direction, status: 'done', progressNote: 'Đạt 6,2 tỷ', version: 2 }),
    );
    const user = userEvent.setup();
    renderApp('en', { path: '/reports/3/2023/3' });
    const section = await screen.findByRole('region', { name: 'Directions due this quarter' });
    await user.selectOptions(within(section).getByLabelText('Status'), 'done');
    await user.type(within(section).getByLabelText('Progress note'), 'Đạt 6,2 tỷ');
    await user.click(within(section).getByRole('button', { name: 'Report progress' }));
    expect(await within(section).findByText('Progress saved')).toBeVisible();
    expect(writes()).toEqual([
      {
        method: 'PATCH',
        path: '/api/directions/7',
        body: { status: 'done', progressNote: 'Đạt 6,2 tỷ', version: 1 },
      },
    ]);
  });

  it('says someone changed it when the version is stale', async () => {
    serveDue(() =>
      jsonResponse(
        { error: 'conflict', message: 'changed', field: 'version', current: direction },
        409,
      ),
    );
    const user = userEvent.setup();
    renderApp('en', { path: '/reports/3/2023/3' });
    const section = await screen.findByRole('region', { name: 'Directions due this quarter' });
    await user.click(within(section).getByRole('button', { name: 'Report progress' }));
    expect(await within(section).findByRole('alert')).toHaveTextContent(
      'Someone else changed this direction meanwhile',
    );
  });
});
