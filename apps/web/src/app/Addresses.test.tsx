import type { Summary } from '@targetline/contract';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { summary2023, users } from '../test/fixtures';
import { jsonResponse, mockApi } from '../test/mock-api';
import { renderApp } from '../test/render';

// The whole app renders with its charts: on a busy CI machine that outlasts the 5 s default.
vi.setConfig({ testTimeout: 20_000 });

const asOfQ2: Summary = { ...summary2023, selectedQuarter: 2 };
const serveAsOfQ2 = (request: { path: string }) =>
  request.path === '/api/summary?year=2023&asOf=2' ? jsonResponse(asOfQ2) : undefined;

const address = () => `${window.location.pathname}${window.location.search}`;

describe('every page and its state is in the address', () => {
  it('opens a unit page for a year as of a quarter from its link alone', async () => {
    const { requests } = mockApi(serveAsOfQ2, { user: users.director });
    renderApp('vi', { path: '/units/3?year=2023&asOf=2' });
    expect(
      await screen.findByRole('heading', { name: /Trung tâm An toàn Mỏ/, level: 2 }),
    ).toBeVisible();
    expect(screen.getByRole('combobox', { name: 'Số liệu tính đến' })).toHaveValue('2');
    expect(requests.map((r) => r.path)).toContain('/api/summary?year=2023&asOf=2');
    expect(requests.map((r) => r.path)).toContain('/api/units/3/history');
  });

  it('puts the as-of quarter and the table sort in the address; Back undoes them in turn', async () => {
    mockApi(serveAsOfQ2, { user: users.director });
    const user = userEvent.setup();
    renderApp('vi');
    await screen.findByRole('table');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Số liệu tính đến' }), '2');
    await waitFor(() => expect(address()).toBe('/?asOf=2'));
    const table = await screen.findByRole('table');
    await user.click(within(table).getByRole('button', { name: 'Tiến độ' }));
    await waitFor(() => expect(address()).toBe('/?asOf=2&sort=pace'));
    await user.click(within(table).getByRole('button', { name: 'Tiến độ' }));
    await waitFor(() => expect(address()).toBe('/?asOf=2&sort=pace&dir=desc'));
    expect(within(table).getByRole('columnheader', { name: 'Tiến độ' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );

    await act(async () => window.history.back());
    await waitFor(() => expect(address()).toBe('/?asOf=2&sort=pace'));
    await waitFor(() =>
      expect(
        within(screen.getByRole('table')).getByRole('columnheader', { name: 'Tiến độ' }),
      ).toHaveAttribute('aria-sort', 'ascending'),
    );
    await act(async () => window.history.back());
    await waitFor(() => expect(address()).toBe('/?asOf=2'));
    await act(async () => window.history.back());
    await waitFor(() => expect(address()).toBe('/'));
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Số liệu tính đến' })).toHaveValue('1'),
    );
  });

  it('keeps a searched and filtered table across a reload, and typing does not fill Back', async () => {
    mockApi(undefined, { user: users.director });
    const user = userEvent.setup();
    const first = renderApp('vi', { path: '/?status=behind' });
    const filter = await screen.findByRole('combobox', { name: 'Tình trạng' });
    expect(filter).toHaveValue('behind');
    const length = window.history.length;
    await user.type(screen.getByRole('searchbox', { name: 'Tìm đơn vị' }), 'ATM');
    await waitFor(() => expect(address()).toBe('/?status=behind&q=ATM'));
    expect(window.history.length).toBe(length);

    first.unmount();
    renderApp('vi');
    expect(await screen.findByRole('searchbox', { name: 'Tìm đơn vị' })).toHaveValue('ATM');
    expect(screen.getByRole('combobox', { name: 'Tình trạng' })).toHaveValue('behind');
  });

  it('keeps the year from page to page', async () => {
    mockApi(
      (request) =>
        request.path === '/api/years'
          ? jsonResponse([2022, 2023])
          : request.path === '/api/summary?year=2022'
            ? jsonResponse({ ...summary2023, year: 2022 })
            : request.path.startsWith('/api/entries?year=2022') ||
                request.path.startsWith('/api/locks?year=2022')
              ? jsonResponse(
                  request.path.startsWith('/api/locks')
                    ? []
                    : { year: 2022, plans: [], actuals: [] },
                )
              : undefined,
      { user: users.leadAtm },
    );
    const user = userEvent.setup();
    renderApp('vi', { path: '/?year=2023' });
    await screen.findByRole('table');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Năm' }), '2022');
    await waitFor(() => expect(address()).toBe('/?year=2022'));
    const nav = screen.getByRole('navigation', { name: 'Trang' });
    await user.click(within(nav).getByRole('link', { name: 'Đơn vị của tôi' }));
    await waitFor(() => expect(address()).toBe('/my-unit?year=2022'));
    expect(screen.getByRole('combobox', { name: 'Năm' })).toHaveValue('2022');
  });

  it("lands a unit lead on their unit's report in the latest open round, the dashboard a click away", async () => {
    mockApi(
      (request) =>
        request.path === '/api/reviews/2023/2'
          ? jsonResponse({
              year: 2023,
              quarter: 2,
              deadline: '2023-07-10',
              version: 1,
              updatedAt: '2023-06-20T02:00:00.000Z',
              updatedBy: 'director',
              units: [],
            })
          : undefined,
      { user: users.leadAtm },
    );
    const user = userEvent.setup();
    renderApp('vi');
    expect(
      await screen.findByRole('heading', { name: /Báo cáo Quý II\/2023 · Trung tâm An toàn Mỏ/ }),
    ).toBeVisible();
    expect(address()).toBe('/reports/3/2023/2');
    await user.click(
      within(screen.getByRole('navigation', { name: 'Trang' })).getByRole('link', {
        name: 'Bảng theo dõi',
      }),
    );
    expect(await screen.findByRole('table')).toBeVisible();
    expect(address()).toBe('/');
  });

  it('shows a not-found page inside the app for an unknown address', async () => {
    mockApi(undefined, { user: users.director });
    const user = userEvent.setup();
    renderApp('en', { path: '/no/such/page' });
    expect(await screen.findByRole('heading', { name: 'There is no such page' })).toBeVisible();
    expect(screen.getByRole('navigation', { name: 'Pages' })).toBeVisible();
    await user.click(screen.getByRole('link', { name: 'Back to the dashboard' }));
    expect(await screen.findByRole('table')).toBeVisible();
    expect(address()).toBe('/');
  });

  it('shows the not-found page for a unit address that names no unit id', async () => {
    mockApi(undefined, { user: users.director });
    renderApp('vi', { path: '/units/abc' });
    expect(await screen.findByRole('heading', { name: 'Không có trang này' })).toBeVisible();
    expect(screen.getAllByRole('banner')).toHaveLength(1);
  });

  it('moves an old hash link to its page, on load and in an open tab', async () => {
    mockApi(undefined, { user: users.director });
    renderApp('vi', { path: '/#unit/2' });
    expect(
      await screen.findByRole('heading', { name: /Phòng Công nghệ Khai thác Lộ thiên/, level: 2 }),
    ).toBeVisible();
    expect(`${address()}${window.location.hash}`).toBe('/units/2');

    await act(async () => {
      window.location.hash = '#unit/3';
    });
    expect(
      await screen.findByRole('heading', { name: /Trung tâm An toàn Mỏ/, level: 2 }),
    ).toBeVisible();
    expect(`${address()}${window.location.hash}`).toBe('/units/3');
  });
});
