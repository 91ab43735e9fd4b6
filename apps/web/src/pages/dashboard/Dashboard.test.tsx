import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { summary2023, withAssignedPlan } from '../../test/fixtures';
import { jsonResponse, mockApi } from '../../test/mock-api';
import { renderApp } from '../../test/render';

function card(name: RegExp | string) {
  return screen.getByRole('region', { name });
}

async function waitForDashboard() {
  return screen.findByRole('table');
}

describe('Dashboard', () => {
  it('shows the headline figures in Vietnamese', async () => {
    mockApi();
    renderApp('vi');
    await waitForDashboard();

    expect(
      screen.getByRole('heading', { name: 'Viện Khoa học Công nghệ Mỏ – Vinacomin' }),
    ).toBeInTheDocument();
    expect(within(card('Kế hoạch năm 2023')).getByText('180 tỷ đồng')).toBeInTheDocument();
    expect(within(card('Lũy kế từ đầu năm')).getByText('13 tỷ đồng')).toBeInTheDocument();
    expect(within(card('% hoàn thành kế hoạch năm')).getByText('7,2%')).toBeInTheDocument();
    const latest = card('Thực hiện Quý I/2023');
    expect(within(latest).getByText('13 tỷ đồng')).toBeInTheDocument();
    expect(within(latest).getByText(/Chỉ tiêu 20 tỷ đồng · đạt 65,0%/)).toBeInTheDocument();
  });

  it('shows achievement against both plans side by side where the group assigned one', async () => {
    mockApi((request) =>
      request.path === '/api/summary?year=2023'
        ? jsonResponse(withAssignedPlan(summary2023))
        : undefined,
    );
    renderApp('vi');
    await waitForDashboard();
    const percent = card('% hoàn thành kế hoạch năm');
    expect(within(percent).getByText('7,2%')).toBeInTheDocument();
    expect(
      within(percent).getByText('7,2% kế hoạch của Viện · 6,5% kế hoạch Tập đoàn giao'),
    ).toBeInTheDocument();
    expect(
      within(card('Kế hoạch năm 2023')).getByText('Kế hoạch Tập đoàn giao: 200 tỷ đồng'),
    ).toBeInTheDocument();
  });

  it('shows one plan only where the group assigned none', async () => {
    mockApi();
    renderApp('vi');
    await waitForDashboard();
    expect(within(card('% hoàn thành kế hoạch năm')).queryByText(/Tập đoàn giao/)).toBeNull();
    expect(within(card('Kế hoạch năm 2023')).queryByText(/Tập đoàn giao/)).toBeNull();
  });

  it('shows the full figure under a rounded card value', async () => {
    mockApi();
    renderApp('vi');
    await waitForDashboard();
    const plan = card('Kế hoạch năm 2023');
    expect(within(plan).getByText('180.000.000.000 đồng')).toBeInTheDocument();
    expect(within(plan).getByText('180 tỷ đồng')).toHaveAttribute('title', '180.000.000.000 đồng');
  });

  it('switches to English and remembers the choice', async () => {
    mockApi();
    const user = userEvent.setup();
    renderApp('vi');
    await waitForDashboard();

    expect(screen.getByRole('button', { name: 'VI' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getByRole('button', { name: 'EN' }));

    expect(screen.getByRole('button', { name: 'EN' })).toHaveAttribute('aria-pressed', 'true');
    expect(within(card('Annual plan 2023')).getByText('VND 180 bn')).toBeInTheDocument();
    expect(within(card('% of annual plan')).getByText('7.2%')).toBeInTheDocument();
    expect(within(screen.getByRole('table')).getAllByText('13.0').length).toBeGreaterThan(0);
    expect(
      within(screen.getByRole('table')).getAllByText('VND 13,000,000,000').length,
    ).toBeGreaterThan(0);
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('targetline.locale')).toBe('en');
  });

  it('lists every unit in the table in tỷ, the full đồng for readers, and a status word for quarters', async () => {
    mockApi();
    renderApp('vi');
    const table = await waitForDashboard();

    const rows = within(table).getAllByRole('row').slice(2);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Viện Khoa học Công nghệ Mỏ – VinacominVIMSAT',
      'Phòng Công nghệ Khai thác Lộ thiênP-KTLT',
      'Trung tâm An toàn MỏTT-ATM',
    ]);
    const [root, department, centre] = rows;
    if (!root || !department || !centre) throw new Error('three rows expected');
    expect(root).toHaveClass('is-parent');
    expect(department).not.toHaveClass('is-parent');
    // Q1 actual and YTD: one decimal in tỷ on screen, every digit in the tooltip and for
    // screen readers (the short figure is hidden from them).
    const shown = within(root).getAllByText('13,0');
    expect(shown).toHaveLength(2);
    for (const figure of shown) {
      expect(figure).toHaveAttribute('title', '13.000.000.000 đồng');
      expect(figure).toHaveAttribute('aria-hidden', 'true');
    }
    expect(within(root).getAllByText('13.000.000.000 đồng')).toHaveLength(2);
    expect(within(root).getByText('180,0')).toHaveAttribute('title', '180.000.000.000 đồng');
    // The pace column shows the same ratio as Q1 here; the quarter's cell carries the word.
    const quarterCell = (row: HTMLElement, text: string) =>
      within(row)
        .getAllByText(text)
        .find((cell) => cell.classList.contains('achieved'));
    expect(quarterCell(root, '65,0%')).toHaveTextContent('chưa đạt');
    expect(quarterCell(centre, '120,7%')).toHaveTextContent('đạt');
    expect(within(centre).getAllByText('—').length).toBeGreaterThan(0);
  });

  it('draws one bar series per quarter with a 100% line', async () => {
    mockApi();
    const { container } = renderApp('vi');
    await waitForDashboard();
    const frame = () => container.querySelector('[data-chart="achievement"]');
    await waitFor(() => expect(frame()?.querySelector('.recharts-wrapper > svg')).not.toBeNull());
    const legend = frame()?.querySelector('.recharts-legend-wrapper');
    expect(legend).toHaveTextContent('Quý I/2023');
    expect(legend).toHaveTextContent('Quý IV/2023');
    expect(frame()?.querySelector('.recharts-reference-line')).not.toBeNull();
    const chart = frame()?.querySelector('.recharts-wrapper > svg');
    expect(chart).toHaveTextContent('100% chỉ tiêu');
    expect(chart).toHaveTextContent('125%');
    expect(chart).toHaveTextContent('VIMSAT');
    // Only the three Q1 achievements exist: null quarters draw no bar at all.
    expect(frame()?.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(3);
  });

  it('saves a plan typed as "25 tỷ" and refreshes the dashboard', async () => {
    const { requests, writes } = mockApi();
    const user = userEvent.setup();
    renderApp('vi');
    await waitForDashboard();
    const form = screen.getByRole('region', { name: 'Giao kế hoạch năm 2023' });

    const annualPlan = await within(form).findByLabelText('Kế hoạch năm');
    await waitFor(() => expect(annualPlan).toHaveValue('180.000.000.000')); // pre-filled
    await user.clear(annualPlan);
    await user.type(annualPlan, '25 tỷ');
    expect(within(form).getByText('= 25.000.000.000 đồng')).toBeInTheDocument();

    const summaryLoads = requests.filter((r) => r.path === '/api/summary?year=2023').length;
    await user.click(within(form).getByRole('button', { name: 'Lưu kế hoạch' }));

    expect(
      await within(form).findByText(
        'Đã lưu kế hoạch năm 2023 của Viện Khoa học Công nghệ Mỏ – Vinacomin.',
      ),
    ).toBeInTheDocument();
    expect(writes()).toEqual([
      {
        method: 'PUT',
        path: '/api/plans/1/2023',
        body: {
          annualPlan: 25_000_000_000,
          // The form holds the assigned plan too: an empty field sends null (none).
          assignedPlan: null,
          quarterTargets: [null, 30_000_000_000, null, null],
          version: 1,
        },
      },
    ]);
    await waitFor(() =>
      expect(requests.filter((r) => r.path === '/api/summary?year=2023').length).toBe(
        summaryLoads + 1,
      ),
    );
  });

  it('saves the plan the group assigned, typed as "200 tỷ", beside the annual plan', async () => {
    const { writes } = mockApi();
    const user = userEvent.setup();
    renderApp('vi');
    await waitForDashboard();
    const form = screen.getByRole('region', { name: 'Giao kế hoạch năm 2023' });
    const annualPlan = await within(form).findByLabelText('Kế hoạch năm');
    await waitFor(() => expect(annualPlan).toHaveValue('180.000.000.000'));
    const assigned = within(form).getByLabelText('Kế hoạch Tập đoàn giao (không bắt buộc)');
    expect(assigned).toHaveValue('');
    await user.type(assigned, '200 tỷ');
    expect(within(form).getByText('= 200.000.000.000 đồng')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Lưu kế hoạch' }));

    expect(await within(form).findByRole('status')).toHaveTextContent('Đã lưu kế hoạch năm 2023');
    expect(writes()).toEqual([
      {
        method: 'PUT',
        path: '/api/plans/1/2023',
        body: {
          annualPlan: 180_000_000_000,
          assignedPlan: 200_000_000_000,
          quarterTargets: [null, 30_000_000_000, null, null],
          version: 1,
        },
      },
    ]);
  });

  it('does not send an assigned plan it cannot read', async () => {
    const { requests } = mockApi();
    const user = userEvent.setup();
    renderApp('vi');
    await waitForDashboard();
    const form = screen.getByRole('region', { name: 'Giao kế hoạch năm 2023' });
    await waitFor(() =>
      expect(within(form).getByLabelText('Kế hoạch năm')).toHaveValue('180.000.000.000'),
    );
    const assigned = within(form).getByLabelText('Kế hoạch Tập đoàn giao (không bắt buộc)');
    await user.type(assigned, 'hai trăm tỷ');
    expect(assigned).toHaveAttribute('aria-invalid', 'true');
    await user.click(within(form).getByRole('button', { name: 'Lưu kế hoạch' }));
    expect(requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('saves an actual for the chosen unit and quarter, as a new figure (version 0)', async () => {
    const { writes } = mockApi();
    const user = userEvent.setup();
    renderApp('vi');
    await waitForDashboard();
    const form = screen.getByRole('region', { name: 'Nhập số liệu thực hiện' });

    await user.selectOptions(within(form).getByLabelText('Đơn vị'), '2');
    await user.selectOptions(within(form).getByLabelText('Quý'), '2');
    await user.type(await within(form).findByLabelText('Doanh thu thực hiện'), '500 triệu');
    await user.click(within(form).getByRole('button', { name: 'Lưu số thực hiện' }));

    expect(await within(form).findByRole('status')).toHaveTextContent(
      'Đã lưu số thực hiện Quý II/2023 của Phòng Công nghệ Khai thác Lộ thiên.',
    );
    expect(writes()).toEqual([
      { method: 'PUT', path: '/api/actuals/2/2023/2', body: { amount: 500_000_000, version: 0 } },
    ]);
  });

  it('pre-fills the actual already entered for a unit and quarter', async () => {
    mockApi();
    const user = userEvent.setup();
    renderApp('vi');
    await waitForDashboard();
    const form = screen.getByRole('region', { name: 'Nhập số liệu thực hiện' });
    await user.selectOptions(within(form).getByLabelText('Đơn vị'), '3');
    expect(await within(form).findByLabelText('Doanh thu thực hiện')).toHaveValue('2.413.000.000');
  });

  it('explains an amount it cannot read and does not send it', async () => {
    const { requests } = mockApi();
    const user = userEvent.setup();
    renderApp('vi');
    await waitForDashboard();
    const form = screen.getByRole('region', { name: 'Nhập số liệu thực hiện' });
    const amount = await within(form).findByLabelText('Doanh thu thực hiện');

    await user.clear(amount);
    await user.type(amount, 'mười tỷ');
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByText(/Không đọc được số tiền/)).toBeInTheDocument();

    await user.clear(amount);
    await user.click(within(form).getByRole('button', { name: 'Lưu số thực hiện' }));
    expect(within(form).getByText('Chưa nhập số tiền.')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  it('says in the UI language what the API refused and highlights the field it names', async () => {
    mockApi((request) =>
      request.method === 'PUT'
        ? jsonResponse(
            {
              error: 'Bad Request',
              message: 'The quarter targets add up to more than the annual plan',
              field: 'annualPlan',
            },
            400,
          )
        : undefined,
    );
    const user = userEvent.setup();
    renderApp('vi');
    await waitForDashboard();
    const form = screen.getByRole('region', { name: 'Giao kế hoạch năm 2023' });
    const annualPlan = await within(form).findByLabelText('Kế hoạch năm');
    await waitFor(() => expect(annualPlan).toHaveValue('180.000.000.000'));

    await user.click(within(form).getByRole('button', { name: 'Lưu kế hoạch' }));

    // The field in words and in the UI's language, never the server's English sentence.
    const alert = await within(form).findByRole('alert');
    expect(alert).toHaveTextContent('Chưa lưu được: “Kế hoạch năm” không hợp lệ.');
    expect(alert).not.toHaveTextContent('quarter targets');
    expect(annualPlan).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByLabelText('Chỉ tiêu Quý I/2023 (không bắt buộc)')).toHaveAttribute(
      'aria-invalid',
      'false',
    );
    expect(within(form).getByRole('button', { name: 'Lưu kế hoạch' })).toBeEnabled();
  });

  it('offers a retry when the summary cannot be loaded', async () => {
    let isDown = true;
    mockApi((request) =>
      isDown && request.path.startsWith('/api/summary')
        ? jsonResponse({ error: 'Internal Server Error', message: 'database is locked' }, 500)
        : undefined,
    );
    const user = userEvent.setup();
    renderApp('vi');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Không tải được số liệu');
    expect(alert).toHaveTextContent('Máy chủ gặp lỗi');
    expect(alert).not.toHaveTextContent('database is locked');

    isDown = false;
    await user.click(within(alert).getByRole('button', { name: 'Thử lại' }));
    expect(await screen.findByRole('table')).toBeInTheDocument();
  });

  it('shows a loading state first', async () => {
    mockApi();
    renderApp('vi');
    expect(screen.getByRole('status')).toHaveTextContent('Đang kiểm tra phiên đăng nhập…');
    expect(await screen.findByText('Đang tải…')).toBeInTheDocument();
    await waitForDashboard();
  });

  it('explains what to do when no year has a plan yet', async () => {
    mockApi((request) => (request.path === '/api/years' ? jsonResponse([]) : undefined));
    renderApp('vi');
    expect(
      await screen.findByRole('heading', { name: 'Chưa có kế hoạch năm' }),
    ).toBeInTheDocument();
    const year = new Date().getFullYear();
    expect(screen.getByRole('region', { name: `Giao kế hoạch năm ${year}` })).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('explains what to do when there are no units', async () => {
    mockApi((request) =>
      request.path === '/api/units' || request.path === '/api/years' ? jsonResponse([]) : undefined,
    );
    renderApp('en');
    expect(await screen.findByRole('heading', { name: 'No units yet' })).toBeInTheDocument();
    expect(screen.getByText(/Ask the administrator/)).toBeInTheDocument();
  });

  it('defaults to the latest year and can switch to an earlier one', async () => {
    const summary2022 = { ...summary2023, year: 2022, asOfQuarter: 4 as const };
    mockApi((request) => {
      if (request.path === '/api/years') return jsonResponse([2022, 2023]);
      if (request.path === '/api/summary?year=2022') return jsonResponse(summary2022);
      if (request.path === '/api/entries?year=2022') {
        return jsonResponse({ year: 2022, plans: [], actuals: [] });
      }
      return undefined;
    });
    const user = userEvent.setup();
    renderApp('vi');
    await waitForDashboard();
    const yearSelect = screen.getByLabelText('Năm');
    expect(yearSelect).toHaveValue('2023');
    await user.selectOptions(yearSelect, '2022');
    expect(await screen.findByRole('region', { name: 'Kế hoạch năm 2022' })).toBeInTheDocument();
  });
});
