import type { AuditEntry, AuditPage } from '@targetline/contract';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { formatDateTime } from '../../i18n/format-date-time';
import { users } from '../../test/fixtures';
import { type ApiRequest, jsonResponse, mockApi } from '../../test/mock-api';
import { renderApp } from '../../test/render';

vi.setConfig({ testTimeout: 20_000 });

const entry = (id: number, patch: Partial<AuditEntry>): AuditEntry => ({
  id,
  at: '2023-04-20T07:05:00.000Z',
  actor: 'lead-tt-atm',
  actorName: 'Trần Thị An',
  entity: 'actual',
  entityKey: `actual:3/2023/${id}`,
  unitId: 3,
  unitName: 'Trung tâm An toàn Mỏ',
  year: 2023,
  quarter: 2,
  oldValue: { amount: 1_000_000_000, basis: 'estimate' },
  newValue: { amount: 1_250_000_000, basis: 'estimate' },
  comment: 'Thêm hợp đồng <script>alert(1)</script>',
  ...patch,
});

const actors = [
  { username: 'lead-tt-atm', displayName: 'Trần Thị An' },
  { username: 'director', displayName: 'Nguyễn Văn Viện' },
];

/** Serves GET /api/audit: the first page, then `more` after the cursor. */
function serveLog(first: AuditPage, more?: AuditPage) {
  return (request: ApiRequest) => {
    if (!request.path.startsWith('/api/audit')) return undefined;
    return jsonResponse(request.path.includes('cursor=') && more ? more : first);
  };
}

const address = () => `${window.location.pathname}${window.location.search}`;

describe('the change log page', () => {
  it('shows who changed what, when (Vietnam time), the unit and old → new in words', async () => {
    mockApi(
      serveLog({
        entries: [
          entry(2, {}),
          entry(1, {
            actor: 'director',
            actorName: 'Nguyễn Văn Viện',
            entity: 'plan',
            quarter: null,
            unitId: 1,
            unitName: 'Viện Khoa học Công nghệ Mỏ',
            oldValue: null,
            newValue: { annualPlan: 180_000_000_000 },
            comment: null,
          }),
          entry(0, {
            actor: 'director',
            actorName: 'Nguyễn Văn Viện',
            entity: 'lock',
            quarter: 1,
            unitId: null,
            unitName: null,
            oldValue: null,
            newValue: { year: 2023, quarter: 1 },
            comment: 'Sau hội nghị sơ kết',
          }),
        ],
        actors,
        nextCursor: null,
      }),
      { user: users.director },
    );
    renderApp('vi', { path: '/changes' });
    const table = await screen.findByRole('table', { name: 'Các thay đổi, mới nhất trước' });
    const [, first, second, third] = within(table).getAllByRole('row');
    expect(first).toHaveTextContent(formatDateTime('2023-04-20T07:05:00.000Z', 'vi'));
    expect(first).toHaveTextContent('14:05 20/04/2023');
    expect(first).toHaveTextContent('Trần Thị An');
    expect(first).toHaveTextContent('Số thực hiện · Quý II/2023');
    expect(first).toHaveTextContent('Trung tâm An toàn Mỏ');
    expect(first).toHaveTextContent(
      '1.000.000.000 (Ước thực hiện) → thành 1.250.000.000 (Ước thực hiện)',
    );
    // What users typed is text: the comment's markup shows as written and never runs.
    expect(first).toHaveTextContent('Thêm hợp đồng <script>alert(1)</script>');
    expect(first?.querySelector('script')).toBeNull();
    expect(second).toHaveTextContent('Nguyễn Văn Viện');
    expect(second).toHaveTextContent('Kế hoạch · 2023');
    expect(second).toHaveTextContent('– → thành KH năm 180.000.000.000');
    // A lock is the whole institute's.
    expect(third).toHaveTextContent('Khóa số liệu quý · Quý I/2023');
    expect(third).toHaveTextContent('Toàn Viện');
    expect(third).toHaveTextContent('Chưa khóa → thành Đã khóa');
  });

  it('puts its filters in the address and sends them to the API', async () => {
    const { requests } = mockApi(serveLog({ entries: [entry(1, {})], actors, nextCursor: null }), {
      user: users.planner,
    });
    const user = userEvent.setup();
    renderApp('vi', { path: '/changes' });
    const filters = await screen.findByRole('form', { name: 'Lọc nhật ký' });
    await screen.findByRole('table');
    await user.selectOptions(within(filters).getByLabelText('Người thay đổi'), 'lead-tt-atm');
    await waitFor(() => expect(address()).toBe('/changes?user=lead-tt-atm'));
    await user.selectOptions(within(filters).getByLabelText('Loại thay đổi'), 'actual');
    await user.selectOptions(within(filters).getByLabelText('Quý'), '2');
    await user.selectOptions(within(filters).getByLabelText('Đơn vị'), '3');
    await waitFor(() =>
      expect(address()).toBe('/changes?user=lead-tt-atm&kind=actual&quarter=2&unit=3'),
    );
    await waitFor(() =>
      expect(requests.map((r) => r.path)).toContain(
        '/api/audit?unitId=3&year=2023&quarter=2&actor=lead-tt-atm&entity=actual&limit=20',
      ),
    );
    // Accounts' changes are not offered to a planner: the API would not show them.
    expect(
      within(within(filters).getByLabelText('Loại thay đổi')).queryByRole('option', {
        name: 'Tài khoản',
      }),
    ).toBeNull();
  });

  it('loads more on request, and says when nothing matches', async () => {
    mockApi(
      serveLog(
        { entries: [entry(3, {})], actors, nextCursor: 3 },
        { entries: [entry(2, { comment: 'trang hai' })], actors, nextCursor: null },
      ),
      { user: users.director },
    );
    const user = userEvent.setup();
    renderApp('vi', { path: '/changes' });
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Xem thêm' }));
    expect(await screen.findByText('trang hai')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Xem thêm' })).toBeNull();
  });

  it('shows an empty state, and an error in Vietnamese', async () => {
    let isDown = false;
    mockApi(
      (request) =>
        request.path.startsWith('/api/audit')
          ? isDown
            ? jsonResponse({ error: 'internal_error', message: 'boom' }, 500)
            : jsonResponse({ entries: [], actors: [], nextCursor: null })
          : undefined,
      { user: users.director },
    );
    renderApp('vi', { path: '/changes?kind=lock' });
    expect(await screen.findByText('Chưa có thay đổi nào')).toBeVisible();
    // Filtered, it suggests fewer filters; with none, it says nothing has been changed yet.
    expect(screen.getByText(/Hãy bỏ bớt điều kiện lọc/)).toBeVisible();
    cleanup();
    renderApp('vi', { path: '/changes' });
    expect(await screen.findByText(/Chưa ai thay đổi kế hoạch/)).toBeVisible();
    expect(screen.queryByText(/Hãy bỏ bớt điều kiện lọc/)).toBeNull();
    isDown = true;
    renderApp('vi', { path: '/changes?kind=review' });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Máy chủ gặp lỗi');
    expect(alert).not.toHaveTextContent('boom');
  });

  it('is offered in the header to the director, and not to a viewer, who is sent to the dashboard', async () => {
    mockApi(serveLog({ entries: [], actors: [], nextCursor: null }), { user: users.viewer });
    renderApp('vi', { path: '/changes' });
    await waitFor(() => expect(address()).toBe('/'));
    expect(screen.queryByRole('link', { name: 'Nhật ký thay đổi' })).toBeNull();
  });

  it('has the link in the header for a director', async () => {
    mockApi(serveLog({ entries: [], actors: [], nextCursor: null }), { user: users.director });
    renderApp('vi');
    const nav = await screen.findByRole('navigation', { name: 'Trang' });
    expect(within(nav).getByRole('link', { name: 'Nhật ký thay đổi' })).toHaveAttribute(
      'href',
      '/changes',
    );
  });
});
