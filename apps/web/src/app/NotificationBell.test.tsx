import type { NotificationRecord } from '@targetline/contract';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { users } from '../test/fixtures';
import { jsonResponse, mockApi } from '../test/mock-api';
import { renderApp } from '../test/render';

const returned: NotificationRecord = {
  id: 7,
  kind: 'report_returned',
  createdAt: '2023-07-05T03:10:00.000Z',
  readAt: null,
  year: 2023,
  quarter: 2,
  unitId: 3,
  unitCode: 'TT-ATM',
  unitName: 'Trung tâm An toàn Mỏ',
  reason: '<b>Thiếu</b> nguyên nhân',
  deadline: null,
  daysLeft: null,
};
const reminder: NotificationRecord = {
  ...returned,
  id: 6,
  kind: 'deadline_near',
  createdAt: '2023-07-07T02:00:00.000Z',
  reason: null,
  deadline: '2023-07-10',
  daysLeft: 3,
};
const opened: NotificationRecord = {
  ...returned,
  id: 5,
  kind: 'round_opened',
  createdAt: '2023-06-30T02:00:00.000Z',
  readAt: '2023-07-01T02:00:00.000Z',
  unitId: null,
  unitCode: null,
  unitName: null,
  reason: null,
  deadline: '2023-07-10',
};

/** The API with the lead's three notifications; marking one read is kept, as the API does. */
function notificationApi() {
  const list = [returned, reminder, opened].map((n) => ({ ...n }));
  return mockApi(
    (request) => {
      if (request.method === 'GET' && request.path === '/api/notifications') {
        return jsonResponse(list);
      }
      const read = /^\/api\/notifications\/(\d+)\/read$/.exec(request.path);
      if (request.method === 'POST' && read) {
        const found = list.find((n) => n.id === Number(read[1]));
        if (!found) return jsonResponse({ error: 'not_found', message: 'No' }, 404);
        found.readAt = '2023-07-07T03:00:00.000Z';
        return jsonResponse(found);
      }
      return undefined;
    },
    { user: users.leadAtm },
  );
}

describe('the notification bell', () => {
  it('says in words how many are unread, and lists them in Vietnamese with free text as text', async () => {
    notificationApi();
    renderApp('vi');
    const bell = await screen.findByRole('region', { name: 'Thông báo' });
    const button = within(bell).getByRole('button', { name: /Thông báo/ });
    expect(await within(button).findByText('2 chưa đọc')).toBeVisible();
    const user = userEvent.setup();
    await user.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const back = within(bell).getByRole('link', {
      name: 'Báo cáo Quý II/2023 của Trung tâm An toàn Mỏ đã bị trả lại: <b>Thiếu</b> nguyên nhân',
    });
    expect(back).toHaveAttribute('href', '/reports/3/2023/2');
    // The reason is text: no element was made of it.
    expect(bell.querySelector('b')).toBeNull();
    expect(
      within(bell).getByRole('link', {
        name: 'Nhắc nhở: báo cáo Quý II/2023 của Trung tâm An toàn Mỏ phải nộp trước 10/07/2023 (còn 3 ngày).',
      }),
    ).toBeVisible();
    const round = within(bell).getByRole('link', {
      name: 'Đã mở kỳ báo cáo Quý II/2023; hạn nộp báo cáo là 10/07/2023.',
    });
    expect(round.getAttribute('href')).toContain('/review?');
    expect(round.getAttribute('href')).toContain('quarter=2');
    // Unread ones say so in words, not only in weight.
    expect(within(bell).getAllByText('mới')).toHaveLength(2);
  });

  it('marks one read when it is opened, and the count follows', async () => {
    const api = notificationApi();
    renderApp('en');
    const bell = await screen.findByRole('region', { name: 'Notifications' });
    const button = within(bell).getByRole('button', { name: /Notifications/ });
    expect(await within(button).findByText('2 unread')).toBeVisible();
    const user = userEvent.setup();
    await user.click(button);
    await user.click(
      within(bell).getByRole('link', {
        name: 'The report of Trung tâm An toàn Mỏ for Q2 2023 was returned: <b>Thiếu</b> nguyên nhân',
      }),
    );
    expect(api.writes()).toEqual([
      { method: 'POST', path: '/api/notifications/7/read', body: undefined },
    ]);
    expect(await within(button).findByText('1 unread')).toBeVisible();
    expect(window.location.pathname).toBe('/reports/3/2023/2');
  });
});
