import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../i18n/format-date-time';
import { users } from '../../test/fixtures';
import { jsonResponse, mockApi } from '../../test/mock-api';
import { renderApp } from '../../test/render';

// A lead's plain landing opens their report: these tests start at the dashboard itself.
const AT_DASHBOARD = '/?year=2023';

const PLAN_FORM = 'Giao kế hoạch năm 2023';
const ACTUAL_FORM = 'Nhập số liệu thực hiện';

describe('forms by role', () => {
  it('shows a viewer no form, and says why', async () => {
    mockApi(undefined, { user: users.viewer });
    renderApp('vi', { path: AT_DASHBOARD });
    await screen.findByRole('table');
    expect(screen.queryByRole('region', { name: PLAN_FORM })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: ACTUAL_FORM })).not.toBeInTheDocument();
    // Only the what-if's amounts, which save nothing: a viewer may try them too.
    const fields = screen.queryAllByRole('textbox');
    expect(fields.filter((field) => !field.closest('.what-if'))).toEqual([]);
    expect(
      screen.getByText('Tài khoản của bạn chỉ được xem số liệu, không được thay đổi.'),
    ).toBeInTheDocument();
  });

  it('shows a director the plan form but no actual form', async () => {
    mockApi(undefined, { user: users.director });
    renderApp('vi', { path: AT_DASHBOARD });
    await screen.findByRole('table');
    expect(screen.getByRole('region', { name: PLAN_FORM })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: ACTUAL_FORM })).not.toBeInTheDocument();
    expect(
      screen.getByText('Số thực hiện do trưởng các đơn vị nhập cho đơn vị mình.'),
    ).toBeInTheDocument();
  });

  it("lists in a unit lead's actual form only the units they lead", async () => {
    mockApi(undefined, { user: users.leadAtm });
    renderApp('vi', { path: AT_DASHBOARD });
    await screen.findByRole('table');
    expect(screen.queryByRole('region', { name: PLAN_FORM })).not.toBeInTheDocument();
    const form = screen.getByRole('region', { name: ACTUAL_FORM });
    const options = within(within(form).getByLabelText('Đơn vị')).getAllByRole('option');
    expect(options.map((option) => option.textContent)).toEqual(['Trung tâm An toàn Mỏ (TT-ATM)']);
    expect(
      screen.getByText('Kế hoạch năm và chỉ tiêu quý do Lãnh đạo Viện giao.'),
    ).toBeInTheDocument();
  });
});

describe('refused saves', () => {
  const lock = {
    year: 2023,
    quarter: 1,
    lockedBy: 'director',
    lockedAt: '2023-04-25T02:30:00.000Z',
    reason: null,
  };

  it('says which quarter was locked, by whom and when (423)', async () => {
    mockApi(
      (request) =>
        request.method === 'PUT'
          ? jsonResponse(
              { error: 'locked', message: 'Quarter 1/2023 was locked', field: 'quarter', lock },
              423,
            )
          : undefined,
      { user: users.leadAtm },
    );
    const user = userEvent.setup();
    renderApp('vi', { path: AT_DASHBOARD });
    await screen.findByRole('table');
    const form = screen.getByRole('region', { name: ACTUAL_FORM });
    const amount = await within(form).findByLabelText('Doanh thu thực hiện');
    await user.clear(amount);
    await user.type(amount, '2,6 tỷ');
    await user.click(within(form).getByRole('button', { name: 'Lưu số thực hiện' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      `Quý I/2023 đã khóa số liệu bởi director lúc ${formatDateTime(lock.lockedAt, 'vi')}.`,
    );
  });

  it('says the account may not make the change (403)', async () => {
    mockApi(
      (request) =>
        request.method === 'PUT'
          ? jsonResponse({ error: 'forbidden', message: 'Only your units' }, 403)
          : undefined,
      { user: users.leadAtm },
    );
    const user = userEvent.setup();
    renderApp('en', { path: AT_DASHBOARD });
    await screen.findByRole('table');
    const form = screen.getByRole('region', { name: 'Enter the actual' });
    const amount = await within(form).findByLabelText('Actual revenue');
    await user.clear(amount);
    await user.type(amount, '3 bn');
    await user.click(within(form).getByRole('button', { name: 'Save actual' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'Your account may not make this change.',
    );
  });

  it('disables saving in a quarter already known to be locked', async () => {
    mockApi(
      (request) => (request.path === '/api/locks?year=2023' ? jsonResponse([lock]) : undefined),
      { user: users.leadAtm },
    );
    renderApp('vi', { path: AT_DASHBOARD });
    await screen.findByRole('table');
    const form = screen.getByRole('region', { name: ACTUAL_FORM });
    expect(
      await within(form).findByText(/Quý I\/2023 đã khóa số liệu: không thể thay đổi/),
    ).toBeInTheDocument();
    expect(within(form).getByLabelText('Doanh thu thực hiện')).toBeDisabled();
    expect(
      within(form).queryByRole('button', { name: 'Lưu số thực hiện' }),
    ).not.toBeInTheDocument();
  });
});
