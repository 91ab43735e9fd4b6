import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { users } from '../../test/fixtures';
import { jsonResponse, mockApi } from '../../test/mock-api';
import { renderApp } from '../../test/render';

// A lead's plain landing opens their report: these tests start at the dashboard itself.
const AT_DASHBOARD = '/?year=2023';

afterEach(() => {
  window.location.hash = '';
});

async function openMyUnit() {
  const user = userEvent.setup();
  await screen.findByRole('table');
  const nav = screen.getByRole('navigation', { name: 'Trang' });
  await user.click(within(nav).getByRole('link', { name: 'Đơn vị của tôi' }));
  const section = await screen.findByRole('region', { name: /Trung tâm An toàn Mỏ/ });
  return { user, section, nav };
}

describe('My unit', () => {
  it('is offered to unit leads only', async () => {
    mockApi(undefined, { user: users.director });
    renderApp('vi', { path: AT_DASHBOARD });
    await screen.findByRole('table');
    expect(screen.queryByRole('link', { name: 'Đơn vị của tôi' })).not.toBeInTheDocument();
  });

  it("shows the lead's unit quarter by quarter: target, actual, achievement", async () => {
    mockApi(undefined, { user: users.leadAtm });
    renderApp('vi', { path: AT_DASHBOARD });
    const { section, nav } = await openMyUnit();
    expect(within(nav).getByRole('link', { name: 'Đơn vị của tôi' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    const rows = within(section).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(4);
    const q1 = rows[0] as HTMLElement;
    expect(within(q1).getByRole('rowheader')).toHaveTextContent('Quý I/2023');
    expect(q1).toHaveTextContent('2.000.000.000');
    expect(q1).toHaveTextContent('2.413.000.000');
    expect(q1).toHaveTextContent('120,7%');
    expect(screen.queryByRole('region', { name: 'Phòng Công nghệ Khai thác Lộ thiên' })).toBeNull();
  });

  it('edits an actual in place: previews the full digits, explains a typo, saves from version 0', async () => {
    const { writes } = mockApi(undefined, { user: users.leadAtm });
    renderApp('vi', { path: AT_DASHBOARD });
    const { user, section } = await openMyUnit();
    await user.click(
      within(section).getByRole('button', {
        name: 'Sửa số thực hiện Quý II/2023 của Trung tâm An toàn Mỏ',
      }),
    );
    const editor = within(section).getByRole('region', {
      name: 'Sửa số thực hiện Quý II/2023 của Trung tâm An toàn Mỏ',
    });
    const amount = within(editor).getByLabelText('Doanh thu thực hiện');
    expect(amount).toHaveValue('');

    await user.type(amount, '2,5 tỷ đồng');
    expect(within(editor).getByText('= 2.500.000.000 đồng')).toBeInTheDocument();

    await user.clear(amount);
    await user.type(amount, 'hai tỷ');
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(within(editor).getByText(/Ví dụ: 25 tỷ hoặc 25.000.000.000/)).toBeInTheDocument();

    await user.clear(amount);
    await user.type(amount, '2.500.000.000');
    await user.click(within(editor).getByRole('button', { name: 'Lưu số thực hiện' }));
    expect(await within(editor).findByRole('status')).toHaveTextContent(
      'Đã lưu số thực hiện Quý II/2023 của Trung tâm An toàn Mỏ.',
    );
    expect(writes()).toEqual([
      { method: 'PUT', path: '/api/actuals/3/2023/2', body: { amount: 2_500_000_000, version: 0 } },
    ]);

    await user.click(within(editor).getByRole('button', { name: 'Hủy' }));
    expect(within(section).queryByRole('region')).not.toBeInTheDocument();
  });

  it('shows the conflict dialog when the quarter was entered meanwhile, and retries from its version', async () => {
    let saves = 0;
    const { writes } = mockApi(
      (request) => {
        if (request.method !== 'PUT') return undefined;
        saves += 1;
        if (saves > 1) return undefined;
        return jsonResponse(
          {
            error: 'conflict',
            message: 'changed',
            field: 'version',
            current: {
              unitId: 3,
              year: 2023,
              quarter: 1,
              amount: 2_450_000_000,
              version: 3,
              updatedAt: '2023-04-20T07:05:00.000Z',
              updatedBy: 'admin',
            },
          },
          409,
        );
      },
      { user: users.leadAtm },
    );
    renderApp('vi', { path: AT_DASHBOARD });
    const { user, section } = await openMyUnit();
    await user.click(
      within(section).getByRole('button', { name: /^Sửa số thực hiện Quý I\/2023/ }),
    );
    const amount = within(section).getByLabelText('Doanh thu thực hiện');
    expect(amount).toHaveValue('2.413.000.000');
    await user.clear(amount);
    await user.type(amount, '2,42 tỷ');
    await user.click(within(section).getByRole('button', { name: 'Lưu số thực hiện' }));

    const dialog = await screen.findByRole('alertdialog');
    expect(dialog).toHaveTextContent('2.420.000.000');
    expect(dialog).toHaveTextContent('2.450.000.000');
    await user.click(within(dialog).getByRole('button', { name: 'Dùng số của tôi' }));
    await waitFor(() => expect(writes()).toHaveLength(2));
    expect(writes().map((w) => w.body)).toEqual([
      { amount: 2_420_000_000, version: 2 },
      { amount: 2_420_000_000, version: 3 },
    ]);
  });

  it('offers no editing in a locked quarter', async () => {
    mockApi(
      (request) =>
        request.path === '/api/locks?year=2023'
          ? jsonResponse([
              {
                year: 2023,
                quarter: 1,
                lockedBy: 'director',
                lockedAt: '2023-04-25T02:30:00.000Z',
                reason: null,
              },
            ])
          : undefined,
      { user: users.leadAtm },
    );
    renderApp('vi', { path: AT_DASHBOARD });
    const { section } = await openMyUnit();
    const q1 = within(section).getAllByRole('row')[1] as HTMLElement;
    await waitFor(() => expect(q1).toHaveTextContent('Đã khóa'));
    expect(within(q1).queryByRole('button', { name: /^Sửa/ })).not.toBeInTheDocument();
  });
});
