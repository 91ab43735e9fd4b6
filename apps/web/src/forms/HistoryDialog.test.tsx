import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../i18n/format-date-time';
import { users } from '../test/fixtures';
import { jsonResponse, mockApi } from '../test/mock-api';
import { renderApp } from '../test/render';
import { auditAmount } from './HistoryDialog';

// A lead's plain landing opens their report: these tests start at the dashboard itself.
const AT_DASHBOARD = '/?year=2023';

const entry = (
  id: number,
  at: string,
  old: number | null,
  next: number,
  comment: string | null,
) => ({
  id,
  at,
  actor: 'lead-tt-atm',
  actorName: 'Trần Thị An',
  entity: 'actual',
  entityKey: 'actual:3/2023/1',
  unitId: 3,
  unitName: 'Trung tâm An toàn Mỏ',
  year: 2023,
  quarter: 1,
  oldValue: old === null ? null : { amount: old, version: 1 },
  newValue: { amount: next, version: old === null ? 1 : 2 },
  comment,
});

const newest = entry(12, '2023-04-20T07:05:00.000Z', 2_400_000_000, 2_413_000_000, 'Sau đối chiếu');
const oldest = entry(3, '2023-04-10T03:00:00.000Z', null, 2_400_000_000, null);

describe('change history', () => {
  it('lists who changed the figure, when, old → new and why, and loads older pages', async () => {
    const { requests } = mockApi(
      (request) => {
        if (request.path === '/api/audit?unitId=3&year=2023&quarter=1&limit=20') {
          return jsonResponse({ entries: [newest], actors: [], nextCursor: 12 });
        }
        if (request.path === '/api/audit?unitId=3&year=2023&quarter=1&limit=20&cursor=12') {
          return jsonResponse({ entries: [oldest], actors: [], nextCursor: null });
        }
        return undefined;
      },
      { user: users.leadAtm },
    );
    const user = userEvent.setup();
    renderApp('vi', { path: AT_DASHBOARD });
    await screen.findByRole('table');
    const form = screen.getByRole('region', { name: 'Nhập số liệu thực hiện' });
    await user.click(
      await within(form).findByRole('button', {
        name: 'Lịch sử thay đổi số thực hiện Quý I/2023 của Trung tâm An toàn Mỏ',
      }),
    );

    const dialog = screen.getByRole('dialog', { name: 'Lịch sử thay đổi' });
    expect(dialog).toHaveTextContent('Trung tâm An toàn Mỏ · Quý I/2023');
    const items = await within(dialog).findAllByRole('listitem');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent(formatDateTime(newest.at, 'vi'));
    // Who, by the name people know them by, not their username.
    expect(items[0]).toHaveTextContent('Trần Thị An');
    expect(items[0]).not.toHaveTextContent('lead-tt-atm');
    expect(items[0]).toHaveTextContent('2.400.000.000 → thành 2.413.000.000');
    expect(items[0]).toHaveTextContent('Lý do: Sau đối chiếu');

    await user.click(within(dialog).getByRole('button', { name: 'Xem thêm' }));
    expect(await within(dialog).findByText('nhập 2.400.000.000')).toBeInTheDocument();
    expect(within(dialog).getAllByRole('listitem')).toHaveLength(2);
    expect(within(dialog).queryByRole('button', { name: 'Xem thêm' })).not.toBeInTheDocument();
    expect(requests.filter((r) => r.path.startsWith('/api/audit'))).toHaveLength(2);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('shows an estimate replaced by the final figure, and the report moving through the review', async () => {
    const final = {
      ...entry(20, '2023-07-20T03:00:00.000Z', 2_400_000_000, 2_450_000_000, 'Số chính thức'),
      oldValue: { amount: 2_400_000_000, basis: 'estimate', version: 1 },
      newValue: { amount: 2_450_000_000, basis: 'final', version: 2 },
    };
    const returned = {
      ...entry(19, '2023-07-10T03:00:00.000Z', null, 0, 'Bổ sung số hợp đồng'),
      actor: 'planner',
      actorName: 'Phòng Kế hoạch – Tổng hợp',
      entity: 'report',
      entityKey: 'report:3/2023/1',
      oldValue: { state: 'submitted', amount: 2_400_000_000, version: 2 },
      newValue: { state: 'returned', amount: 2_400_000_000, version: 3 },
    };
    mockApi(
      (request) =>
        request.path === '/api/audit?unitId=3&year=2023&quarter=1&limit=20'
          ? jsonResponse({ entries: [final, returned], actors: [], nextCursor: null })
          : undefined,
      { user: users.leadAtm },
    );
    const user = userEvent.setup();
    renderApp('vi', { path: AT_DASHBOARD });
    await screen.findByRole('table');
    const form = screen.getByRole('region', { name: 'Nhập số liệu thực hiện' });
    await user.click(
      await within(form).findByRole('button', {
        name: 'Lịch sử thay đổi số thực hiện Quý I/2023 của Trung tâm An toàn Mỏ',
      }),
    );
    const items = await within(screen.getByRole('dialog')).findAllByRole('listitem');
    expect(items[0]).toHaveTextContent(
      '2.400.000.000 (Ước thực hiện) → thành 2.450.000.000 (Số chính thức)',
    );
    expect(items[1]).toHaveTextContent('Báo cáo: Đã nộp → Trả lại');
    expect(items[1]).toHaveTextContent('Lý do: Bổ sung số hợp đồng');
    expect(items[1]).not.toHaveTextContent('2.400.000.000');
  });

  it('says so when nothing has been recorded', async () => {
    mockApi(
      (request) =>
        request.path.startsWith('/api/audit')
          ? jsonResponse({ entries: [], actors: [], nextCursor: null })
          : undefined,
      { user: users.leadAtm },
    );
    const user = userEvent.setup();
    renderApp('en', { path: AT_DASHBOARD });
    await screen.findByRole('table');
    await user.click(await screen.findByRole('button', { name: /^Change history of the Q1 2023/ }));
    expect(await screen.findByText('No change recorded yet.')).toBeInTheDocument();
  });
});

describe('auditAmount', () => {
  it('reads the amount of an audited actual, and null for anything else', () => {
    expect(auditAmount({ amount: 5, version: 1 })).toBe(5);
    expect(auditAmount(null)).toBeNull();
    expect(auditAmount({ annualPlan: 5 })).toBeNull();
  });
});
