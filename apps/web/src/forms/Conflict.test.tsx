import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../i18n/format-date-time';
import { entries2023 } from '../test/fixtures';
import { jsonResponse, mockApi } from '../test/mock-api';
import { renderApp } from '../test/render';

const theirs = {
  unitId: 3,
  year: 2023,
  quarter: 1,
  amount: 2_500_000_000,
  version: 3,
  updatedAt: '2023-04-20T07:05:00.000Z',
  updatedBy: 'lead-tt-atm',
};

/** The API's answer to a save from a stale version. */
const conflict = (current: unknown) =>
  jsonResponse(
    {
      error: 'conflict',
      message: 'This figure was changed since you loaded it',
      field: 'version',
      current,
    },
    409,
  );

async function openActualOfTtAtm() {
  const user = userEvent.setup();
  await screen.findByRole('table');
  const form = screen.getByRole('region', { name: 'Nhập số liệu thực hiện' });
  await user.selectOptions(within(form).getByLabelText('Đơn vị'), '3');
  const amount = await within(form).findByLabelText('Doanh thu thực hiện');
  return { user, form, amount };
}

describe('saving from a stale version', () => {
  it('sends the version it started from and the reason for the change', async () => {
    const { writes } = mockApi();
    renderApp('vi');
    const { user, form, amount } = await openActualOfTtAtm();
    await user.clear(amount);
    await user.type(amount, '2,6 tỷ');
    await user.type(within(form).getByLabelText(/Lý do thay đổi/), 'Sau nghiệm thu HĐ 12/2023');
    await user.click(within(form).getByRole('button', { name: 'Lưu số thực hiện' }));
    await within(form).findByRole('status');
    expect(writes()).toEqual([
      {
        method: 'PUT',
        path: '/api/actuals/3/2023/1',
        body: { amount: 2_600_000_000, version: 2, comment: 'Sau nghiệm thu HĐ 12/2023' },
      },
    ]);
  });

  it('shows who changed it, when, and both values; "use my value" retries from the new version', async () => {
    let saves = 0;
    const { writes } = mockApi((request) => {
      if (request.method !== 'PUT') return undefined;
      saves += 1;
      return saves === 1 ? conflict(theirs) : undefined;
    });
    renderApp('vi');
    const { user, form, amount } = await openActualOfTtAtm();
    await user.clear(amount);
    await user.type(amount, '2,6 tỷ');
    await user.click(within(form).getByRole('button', { name: 'Lưu số thực hiện' }));

    const dialog = await screen.findByRole('alertdialog', {
      name: 'Số liệu này vừa được người khác thay đổi',
    });
    expect(dialog).toHaveTextContent(
      `Đã được lead-tt-atm thay đổi lúc ${formatDateTime(theirs.updatedAt, 'vi')}.`,
    );
    const row = within(dialog).getByRole('row', { name: /Doanh thu thực hiện/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['2.600.000.000', '2.500.000.000']);
    expect(within(dialog).getByRole('button', { name: 'Giữ số hiện tại' })).toHaveFocus();

    await user.click(within(dialog).getByRole('button', { name: 'Dùng số của tôi' }));
    expect(await within(form).findByRole('status')).toHaveTextContent(
      'Đã lưu số thực hiện Quý I/2023 của Trung tâm An toàn Mỏ.',
    );
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(writes().map((w) => w.body)).toEqual([
      { amount: 2_600_000_000, version: 2 },
      { amount: 2_600_000_000, version: 3 },
    ]);
  });

  it('"keep theirs" reloads the form with the current value and saves nothing', async () => {
    let saves = 0;
    const { writes } = mockApi((request) => {
      if (request.method !== 'PUT') return undefined;
      saves += 1;
      return saves === 1 ? conflict(theirs) : undefined;
    });
    renderApp('vi');
    const { user, form, amount } = await openActualOfTtAtm();
    await user.clear(amount);
    await user.type(amount, '2,6 tỷ');
    await user.click(within(form).getByRole('button', { name: 'Lưu số thực hiện' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Giữ số hiện tại' }));

    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(amount).toHaveValue('2.500.000.000');
    expect(writes()).toHaveLength(1);
    // A later save starts from their version.
    await user.click(within(form).getByRole('button', { name: 'Lưu số thực hiện' }));
    await waitFor(() => expect(writes()).toHaveLength(2));
    expect(writes()[1]?.body).toEqual({ amount: 2_500_000_000, version: 3 });
  });

  it('closes on Escape without saving, and says why nothing was saved', async () => {
    const { writes } = mockApi((request) =>
      request.method === 'PUT' ? conflict(theirs) : undefined,
    );
    renderApp('vi');
    const { user, form, amount } = await openActualOfTtAtm();
    await user.clear(amount);
    await user.type(amount, '2,6 tỷ');
    await user.click(within(form).getByRole('button', { name: 'Lưu số thực hiện' }));
    await screen.findByRole('alertdialog');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(amount).toHaveValue('2,6 tỷ');
    expect(within(form).getByRole('alert')).toHaveTextContent(
      'Số liệu này vừa được người khác thay đổi',
    );
    expect(writes()).toHaveLength(1);
  });

  it('shows the plan and every quarter target, mine beside theirs', async () => {
    const plan = entries2023.plans[0];
    let saves = 0;
    const { writes } = mockApi((request) => {
      if (request.method !== 'PUT') return undefined;
      saves += 1;
      return saves === 1
        ? conflict({
            ...plan,
            annualPlan: 190_000_000_000,
            version: 4,
            updatedBy: 'director',
            updatedAt: '2023-04-21T01:00:00.000Z',
          })
        : undefined;
    });
    const user = userEvent.setup();
    renderApp('en');
    await screen.findByRole('table');
    const form = screen.getByRole('region', { name: 'Set the 2023 plan' });
    const annual = await within(form).findByLabelText('Annual plan');
    await waitFor(() => expect(annual).toHaveValue('180,000,000,000'));
    await user.clear(annual);
    await user.type(annual, '185 bn');
    await user.click(within(form).getByRole('button', { name: 'Save plan' }));

    const dialog = await screen.findByRole('alertdialog', {
      name: 'This figure was changed meanwhile',
    });
    expect(dialog).toHaveTextContent(/Changed by director at/);
    const annualRow = within(dialog).getByRole('row', { name: /Annual plan/ });
    expect(annualRow).toHaveTextContent('185,000,000,000');
    expect(annualRow).toHaveTextContent('190,000,000,000');
    expect(within(dialog).getByRole('row', { name: /Q2 2023 target/ })).toHaveTextContent(
      '30,000,000,000',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Use my value' }));
    await within(form).findByRole('status');
    expect(writes()[1]?.body).toMatchObject({ annualPlan: 185_000_000_000, version: 4 });
  });
});
