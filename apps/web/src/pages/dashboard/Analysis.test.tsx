import type { Summary, SummaryUnit } from '@targetline/contract';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { summary2023, users, withAssignedPlan } from '../../test/fixtures';
import { largeSummary } from '../../test/large-organisation';
import { jsonResponse, mockApi } from '../../test/mock-api';
import { renderApp } from '../../test/render';

// The whole app renders with three charts: on a busy CI machine that outlasts the 5 s default.
vi.setConfig({ testTimeout: 20_000 });

function card(name: RegExp | string) {
  return screen.getByRole('region', { name });
}

/** The unit codes of the table's rows, in order (by selector: role queries crawl on 300 rows). */
function bodyRows(table: HTMLElement) {
  return Array.from(table.querySelectorAll('tbody tr .unit-code'), (code) => code.textContent);
}

/** The 2023 summary as of Q2, with pace changes since Q1 for the movers. */
function summaryAsOfQ2(): Summary {
  const changes = [null, 0.2, -0.3];
  return {
    ...summary2023,
    selectedQuarter: 2,
    units: summary2023.units.map(
      (unit, index): SummaryUnit => ({
        ...unit,
        analysis: { ...unit.analysis, asOfQuarter: 2 },
        paceChange: changes[index] ?? null,
      }),
    ),
  };
}

describe('headline analysis', () => {
  it('says the institute is behind after Q1 of 2023 and needs 55,7 bn per remaining quarter', async () => {
    mockApi();
    renderApp('vi');
    await screen.findByRole('table');
    const pace = card('Tiến độ đến hết Quý I/2023');
    expect(within(pace).getByText('Chậm tiến độ')).toBeInTheDocument();
    expect(within(pace).getByText('65,0%')).toBeInTheDocument();
    expect(within(card('Bình quân mỗi quý còn lại')).getByText('55,7 tỷ đồng')).toBeInTheDocument();
    expect(within(card('Còn phải thực hiện')).getByText('167 tỷ đồng')).toBeInTheDocument();
    const forecast = card('Dự báo cả năm');
    expect(within(forecast).getByText('Theo nhịp thực hiện hiện nay')).toBeInTheDocument();
    expect(within(forecast).getByText('133 tỷ đồng')).toBeInTheDocument();
  });

  it('refetches the summary as of the chosen quarter', async () => {
    const { requests } = mockApi((request) =>
      request.path === '/api/summary?year=2023&asOf=2' ? jsonResponse(summaryAsOfQ2()) : undefined,
    );
    const user = userEvent.setup();
    renderApp('vi');
    await screen.findByRole('table');
    const asOf = screen.getByLabelText('Số liệu tính đến');
    expect(asOf).toHaveValue('1');
    await user.selectOptions(asOf, '2');
    await waitFor(() =>
      expect(requests.some((r) => r.path === '/api/summary?year=2023&asOf=2')).toBe(true),
    );
    expect(
      await screen.findByRole('region', { name: 'Tiến độ đến hết Quý II/2023' }),
    ).toBeVisible();
    expect(screen.getByLabelText('Số liệu tính đến')).toHaveValue('2');
  });
});

describe('another "as of" quarter', () => {
  it('shows its cards at once and marks the charts and table busy until they are redrawn', async () => {
    mockApi((request) =>
      request.path === '/api/summary?year=2023&asOf=2' ? jsonResponse(summaryAsOfQ2()) : undefined,
    );
    const user = userEvent.setup();
    renderApp('vi');
    await screen.findByRole('table');
    const panels = document.querySelector('.panels');
    expect(panels).toHaveAttribute('aria-busy', 'false');
    expect(panels).toHaveAttribute('data-quarter', '1');
    // Frames held: what waits for the next paint waits until they are let go.
    const frames: FrameRequestCallback[] = [];
    const requestFrame = vi
      .spyOn(window, 'requestAnimationFrame')
      .mockImplementation((callback) => frames.push(callback));

    await user.selectOptions(screen.getByLabelText('Số liệu tính đến'), '2');
    expect(
      await screen.findByRole('region', { name: 'Tiến độ đến hết Quý II/2023' }),
    ).toBeVisible();
    // The panels below still hold Q1's figures: dimmed, busy, and a status line says so.
    expect(panels).toHaveAttribute('aria-busy', 'true');
    expect(panels).toHaveAttribute('data-quarter', '1');
    const status = document.querySelector('.panels-status');
    expect(status).toHaveAttribute('role', 'status');
    expect(status).toHaveTextContent('Đang tải…');

    requestFrame.mockRestore();
    act(() => {
      for (const frame of frames.splice(0)) frame(performance.now());
    });
    await waitFor(() => expect(panels).toHaveAttribute('aria-busy', 'false'));
    expect(panels).toHaveAttribute('data-quarter', '2');
    expect(status).toHaveTextContent('');
  });
});

describe('a partly reported quarter', () => {
  it('names the units that have not reported instead of a pace that counts them as zero', async () => {
    const partial = summaryAsOfQ2();
    const root = partial.units[0];
    if (!root) throw new Error('root expected');
    partial.units[0] = {
      ...root,
      analysis: {
        ...root.analysis,
        pace: null,
        status: null,
        stillNeeded: null,
        neededPerQuarter: null,
        runRateForecast: null,
        targetProfileForecast: null,
        partialQuarters: [2],
        missingUnitIds: [3],
        unavailableReason: 'partly_reported',
      },
    };
    mockApi((request) =>
      request.path === '/api/summary?year=2023&asOf=2' ? jsonResponse(partial) : undefined,
    );
    const user = userEvent.setup();
    renderApp('vi');
    await screen.findByRole('table');
    await user.selectOptions(screen.getByLabelText('Số liệu tính đến'), '2');
    const pace = await screen.findByRole('region', { name: 'Tiến độ đến hết Quý II/2023' });
    expect(
      within(pace).getByText(
        '1/2 đơn vị chưa báo cáo đến hết Quý II/2023: Trung tâm An toàn Mỏ. Tiến độ, số còn phải thực hiện và dự báo chờ đủ số liệu.',
      ),
    ).toBeVisible();
  });
});

describe('summary table', () => {
  it('sorts by a clicked heading, marking it with aria-sort', async () => {
    mockApi();
    const user = userEvent.setup();
    renderApp('en');
    const table = await screen.findByRole('table');
    const paceHeader = within(table).getByRole('columnheader', { name: /^Pace/ });
    expect(paceHeader).toHaveAttribute('aria-sort', 'none');

    await user.click(within(paceHeader).getByRole('button'));
    expect(paceHeader).toHaveAttribute('aria-sort', 'ascending');
    expect(bodyRows(table)).toEqual(['VIMSAT', 'P-KTLT', 'TT-ATM']);

    await user.click(within(paceHeader).getByRole('button'));
    expect(paceHeader).toHaveAttribute('aria-sort', 'descending');
    expect(bodyRows(table)).toEqual(['TT-ATM', 'P-KTLT', 'VIMSAT']);

    await user.click(within(paceHeader).getByRole('button'));
    expect(paceHeader).toHaveAttribute('aria-sort', 'none');
  });

  it('filters by status and searches by name or code', async () => {
    mockApi();
    const user = userEvent.setup();
    renderApp('vi');
    const table = await screen.findByRole('table');

    await user.selectOptions(screen.getByLabelText('Tình trạng'), 'on_track');
    expect(bodyRows(table)).toEqual(['TT-ATM']);
    expect(within(table).getByText('Đúng tiến độ')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Tình trạng'), 'all');
    // Pasted, not typed: each keystroke draws the whole dashboard again, which a busy CI
    // machine takes seconds over; what is tested is the filter, not the keyboard.
    const search = screen.getByLabelText('Tìm đơn vị');
    await user.click(search);
    await user.paste('p-ktlt');
    expect(bodyRows(table)).toEqual(['P-KTLT']);
    await user.clear(search);
    await user.paste('an toàn');
    expect(bodyRows(table)).toEqual(['TT-ATM']);
  });

  it('shows the original plan where it was revised, and what the root has not allocated', async () => {
    mockApi();
    renderApp('vi');
    const table = await screen.findByRole('table');
    // On screen in tỷ; the full đồng in the tooltip and, instead, for screen readers.
    expect(within(table).getByText('KH gốc: 18,0')).toHaveAttribute(
      'title',
      'KH gốc: 18.000.000.000 đồng',
    );
    expect(within(table).getByText('KH gốc: 18.000.000.000 đồng')).toHaveClass('visually-hidden');
    expect(within(table).getByText('Chưa giao cho đơn vị: 160,0')).toHaveAttribute(
      'title',
      'Chưa giao cho đơn vị: 160.000.000.000 đồng',
    );
    expect(within(table).getByText('+14,0%')).toBeInTheDocument();
  });

  it('adds a "% KH giao" column, and the assigned plan under the plan, only where the group assigned one', async () => {
    mockApi((request) =>
      request.path === '/api/summary?year=2023'
        ? jsonResponse(withAssignedPlan(summary2023))
        : undefined,
    );
    renderApp('vi');
    const table = await screen.findByRole('table');
    // The last heading of the first row, after "% KH năm".
    const firstRow = within(table).getAllByRole('row')[0];
    if (!firstRow) throw new Error('no heading row');
    const headings = within(firstRow)
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headings.at(-1)).toBe('% KH giao');
    // (A sorting heading holds its words twice: the button, and the label printed on paper.)
    expect(headings.at(-2)).toContain('% KH năm');
    const root = within(table).getByRole('row', { name: /VIMSAT/ });
    const cells = within(root).getAllByRole('cell');
    expect(cells.at(-1)).toHaveTextContent('6,5%');
    expect(cells.at(-2)).toHaveTextContent('7,2%');
    expect(within(root).getByText('KH giao: 200,0')).toHaveAttribute(
      'title',
      'KH giao: 200.000.000.000 đồng',
    );
    // A unit without one has a dash, not 0%.
    const department = within(table).getByRole('row', { name: /P-KTLT/ });
    expect(within(department).getAllByRole('cell').at(-1)).toHaveTextContent('—');
  });

  it('has no "% KH giao" column where no unit has a plan from the group', async () => {
    mockApi();
    renderApp('vi');
    const table = await screen.findByRole('table');
    expect(within(table).queryByRole('columnheader', { name: '% KH giao' })).toBeNull();
    expect(within(table).queryByText(/KH giao/)).toBeNull();
  });

  it("names last year's quarter over the same-period column, not this year's", async () => {
    mockApi((request) =>
      request.path === '/api/summary?year=2023' ? jsonResponse(summaryAsOfQ2()) : undefined,
    );
    renderApp('vi');
    const table = await screen.findByRole('table');
    // "Quý II/2022" stays on one line when the heading wraps: the space is a no-break space.
    expect(
      within(table).getByRole('columnheader', { name: 'Cùng kỳ năm trước (Quý\u00a0II/2022)' }),
    ).toBeInTheDocument();
    expect(within(table).queryByText(/Quý\sII\/2023\)/)).not.toBeInTheDocument();
  });

  it("shows the selected quarter's columns, and all four when asked, kept in the address", async () => {
    mockApi((request) =>
      request.path === '/api/summary?year=2023' ? jsonResponse(summaryAsOfQ2()) : undefined,
    );
    const user = userEvent.setup();
    renderApp('en');
    const table = await screen.findByRole('table');
    const quarterGroups = () =>
      within(table)
        .getAllByRole('columnheader')
        .filter((header) => header.getAttribute('scope') === 'colgroup')
        .map((header) => header.querySelector('.quarter-heading')?.textContent);
    expect(quarterGroups()).toEqual(['Q2 2023']);
    const root = within(table).getAllByRole('row')[2];
    if (!root) throw new Error('no first row');
    // Unit, plan, pace, status, still needed, per quarter, last year, growth; Q2's three; YTD, %.
    expect(within(root).getAllByRole('cell')).toHaveLength(12);

    await user.click(screen.getByRole('checkbox', { name: 'Show all four quarters' }));
    expect(quarterGroups()).toEqual(['Q1 2023', 'Q2 2023', 'Q3 2023', 'Q4 2023']);
    expect(within(root).getAllByRole('cell')).toHaveLength(21);
    // The address follows once the new columns have been painted.
    await waitFor(() =>
      expect(new URLSearchParams(window.location.search).get('quarters')).toBe('all'),
    );

    await user.click(screen.getByRole('checkbox', { name: 'Show all four quarters' }));
    expect(quarterGroups()).toEqual(['Q2 2023']);
    await waitFor(() =>
      expect(new URLSearchParams(window.location.search).get('quarters')).toBeNull(),
    );
  });

  it('collapses and expands a parent', async () => {
    mockApi();
    const user = userEvent.setup();
    renderApp('vi');
    const table = await screen.findByRole('table');
    const toggle = within(table).getByRole('button', {
      name: 'Ẩn các đơn vị thuộc Viện Khoa học Công nghệ Mỏ – Vinacomin',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(bodyRows(table)).toEqual(['VIMSAT']);
    await user.click(toggle);
    expect(bodyRows(table)).toEqual(['VIMSAT', 'P-KTLT', 'TT-ATM']);
  });
});

describe('unit page', () => {
  it("opens from the table, fetches the unit's history and shows it", async () => {
    const { requests } = mockApi((request) =>
      request.path === '/api/units/2/history'
        ? jsonResponse([
            {
              year: 2022,
              annualPlan: 18_000_000_000,
              originalPlan: 18_000_000_000,
              ytdActual: 19_800_000_000,
              achieved: 1.1,
              quarters: [1, 2, 3, 4].map((quarter) => ({
                quarter,
                target: 4_500_000_000,
                actual: 4_950_000_000,
                achieved: 1.1,
              })),
            },
          ])
        : undefined,
    );
    const user = userEvent.setup();
    renderApp('vi');
    const table = await screen.findByRole('table');
    await user.click(
      within(table).getByRole('link', { name: 'Phòng Công nghệ Khai thác Lộ thiên' }),
    );

    expect(window.location.pathname).toBe('/units/2');
    const history = await screen.findByRole('region', { name: 'Số liệu qua các năm' });
    expect(await within(history).findByText('19.800.000.000')).toBeInTheDocument();
    expect(within(history).getAllByText('110,0%')).toHaveLength(5); // four quarters and the year
    expect(requests.some((r) => r.path === '/api/units/2/history')).toBe(true);
    const plans = screen.getByRole('region', { name: 'Kế hoạch gốc và kế hoạch hiện hành' });
    expect(within(plans).getByText('18.000.000.000')).toBeInTheDocument();
    expect(within(plans).getByText('20.000.000.000')).toBeInTheDocument();

    // The what-if is the unit's own: 1,482 m + 3 × 6 bn = 19,482 m of its 20 bn plan.
    const whatIf = screen.getByRole('region', { name: 'Giả định' });
    for (const quarter of ['II', 'III', 'IV'])
      await user.type(within(whatIf).getByLabelText(`Dự kiến Quý ${quarter}/2023`), '6 tỷ');
    expect(whatIf).toHaveTextContent('Cả năm: 19,5 tỷ đồng');
    expect(whatIf).toHaveTextContent('đạt 97,4% kế hoạch năm');

    await user.click(screen.getByRole('link', { name: /Quay lại bảng theo dõi/ }));
    expect(await screen.findByRole('heading', { name: 'Xếp hạng theo tiến độ' })).toBeVisible();
  });
});

describe('ranking', () => {
  it('ranks the units by pace with their status', async () => {
    mockApi();
    renderApp('vi');
    await screen.findByRole('table');
    const ranking = screen.getByRole('region', { name: 'Xếp hạng theo tiến độ' });
    const items = within(within(ranking).getByRole('list')).getAllByRole('listitem');
    expect(items.map((item) => item.querySelector('.unit-code')?.textContent)).toEqual([
      'TT-ATM',
      'P-KTLT',
    ]);
    expect(items[0]).toHaveTextContent('Đúng tiến độ');
    expect(items[1]).toHaveTextContent('Chậm tiến độ');
    expect(within(ranking).queryByText(/so với quý trước/)).not.toBeInTheDocument();
  });

  it('lists the biggest movers from Q2 on', async () => {
    mockApi((request) =>
      request.path === '/api/summary?year=2023' ? jsonResponse(summaryAsOfQ2()) : undefined,
    );
    renderApp('vi');
    await screen.findByRole('table');
    const movers = screen.getByRole('region', {
      name: 'Thay đổi tiến độ lớn nhất so với quý trước',
    });
    const up = within(movers).getByRole('list', { name: 'Tăng nhiều nhất' });
    const down = within(movers).getByRole('list', { name: 'Giảm nhiều nhất' });
    expect(up).toHaveTextContent('Phòng Công nghệ Khai thác Lộ thiên');
    expect(up).toHaveTextContent('+20,0 điểm %');
    expect(down).toHaveTextContent('Trung tâm An toàn Mỏ');
    expect(down).toHaveTextContent('−30,0 điểm %');
  });
});

describe('pace thresholds', () => {
  it('saves new thresholds with the version read, and explains a conflict', async () => {
    let version = 3;
    const { writes } = mockApi(
      (request) => {
        if (request.path !== '/api/settings/pace') return undefined;
        if (request.method === 'GET') return jsonResponse({ onTrack: 1, atRisk: 0.85, version });
        version = 4;
        return jsonResponse({ error: 'conflict', message: 'changed' }, 409);
      },
      { user: users.director },
    );
    const user = userEvent.setup();
    renderApp('vi');
    await screen.findByRole('table');
    await user.click(screen.getByText('Ngưỡng tiến độ'));
    const atRisk = await screen.findByLabelText('Có nguy cơ chậm từ (%)');
    expect(atRisk).toHaveValue('85');
    await user.clear(atRisk);
    await user.type(atRisk, '90');
    await user.click(screen.getByRole('button', { name: 'Lưu ngưỡng' }));
    expect(await screen.findByText(/vừa được người khác thay đổi/)).toBeInTheDocument();
    expect(writes()).toEqual([
      {
        method: 'PUT',
        path: '/api/settings/pace',
        body: { onTrack: 1, atRisk: 0.9, version: 3 },
      },
    ]);
  });

  it('gives a viewer the thresholds to read but no form', async () => {
    mockApi(undefined, { user: users.viewer });
    const user = userEvent.setup();
    renderApp('vi');
    await screen.findByRole('table');
    await user.click(screen.getByText('Ngưỡng tiến độ'));
    expect(screen.getByText(/Đúng tiến độ từ 100%/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Lưu ngưỡng' })).not.toBeInTheDocument();
  });
});

describe('a 300-unit organisation', () => {
  it('shows only the first level, and finds units by search and status', async () => {
    const { summary, units } = largeSummary(300);
    mockApi((request) => {
      if (request.path === '/api/summary?year=2023') return jsonResponse(summary);
      if (request.path === '/api/units') return jsonResponse(units);
      return undefined;
    });
    const user = userEvent.setup();
    const { container } = renderApp('vi');
    const table = await waitFor(
      () => {
        const found = document.querySelector<HTMLElement>('table.summary-table');
        if (!found) throw new Error('no table yet');
        return found;
      },
      { timeout: 10_000 },
    );
    expect(bodyRows(table)).toHaveLength(301);
    await waitFor(() =>
      expect(container.querySelector('[data-chart="achievement"]')).toHaveTextContent('Khác (280)'),
    );

    fireEvent.change(screen.getByLabelText('Tìm đơn vị'), { target: { value: 'D-123' } });
    expect(bodyRows(table)).toEqual(['D-123']);
    fireEvent.change(screen.getByLabelText('Tìm đơn vị'), { target: { value: '' } });
    await user.selectOptions(screen.getByLabelText('Tình trạng'), 'none');
    // A flat list of more than 50 draws the first 50 (the top 12 first); the rest on demand.
    await waitFor(() => expect(bodyRows(table)).toHaveLength(50));
    expect(screen.getByText('Đang hiện 50/301 đơn vị')).toBeInTheDocument();
    fireEvent.click(screen.getByText('Hiện cả 75 đơn vị'));
    expect(bodyRows(table)).toHaveLength(75);
    expect(screen.getByText('Đang hiện 75/301 đơn vị')).toBeInTheDocument();

    // A sort is a flat list too, cut again at 50.
    fireEvent.change(screen.getByLabelText('Tình trạng'), { target: { value: 'all' } });
    await waitFor(() => expect(bodyRows(table)).toHaveLength(301));
    // fireEvent and text queries: role queries over 301 rows outlast the test's time in jsdom.
    fireEvent.click(
      table.querySelectorAll<HTMLElement>('thead button.sort-button')[1] as HTMLElement,
    );
    await waitFor(() => expect(bodyRows(table)).toHaveLength(50));
    expect(screen.getByText('Đang hiện 50/301 đơn vị')).toBeInTheDocument();
    // Printing draws every row first: paper cannot press "show all".
    fireEvent(window, new Event('beforeprint'));
    expect(bodyRows(table)).toHaveLength(301);
    // Three renders of 301 rows in jsdom: a minute and more when the machine is shared.
  }, 120_000);

  it('draws the top rows of a sort at once and the rest of the first 50 a frame later', async () => {
    const { summary, units } = largeSummary(30);
    mockApi((request) => {
      if (request.path === '/api/summary?year=2023') return jsonResponse(summary);
      if (request.path === '/api/units') return jsonResponse(units);
      return undefined;
    });
    renderApp('vi');
    const table = await screen.findByRole('table');
    const frames: FrameRequestCallback[] = [];
    const requestFrame = vi
      .spyOn(window, 'requestAnimationFrame')
      .mockImplementation((callback) => frames.push(callback));
    fireEvent.click(
      table.querySelectorAll<HTMLElement>('thead button.sort-button')[0] as HTMLElement,
    );
    await waitFor(() => expect(bodyRows(table)).toHaveLength(12));
    const top = bodyRows(table);
    requestFrame.mockRestore();
    act(() => {
      for (const frame of frames.splice(0)) frame(performance.now());
    });
    await waitFor(() => expect(bodyRows(table)).toHaveLength(31));
    // The same order: the first rows stay where they were, the others follow them.
    expect(bodyRows(table).slice(0, 12)).toEqual(top);
  });
});

describe('a partly reported quarter in the table', () => {
  it('says how many units have reported, and marks an estimate, under the actual', async () => {
    const partial: Summary = {
      ...summary2023,
      selectedQuarter: 2,
      units: summary2023.units.map((unit) =>
        unit.unitId !== 1
          ? unit
          : {
              ...unit,
              quarters: unit.quarters.map((quarter) =>
                quarter.quarter !== 2
                  ? quarter
                  : {
                      ...quarter,
                      actual: 25_000_000_000,
                      expectedUnits: 8,
                      reportedUnits: 6,
                      missingUnitIds: [7, 8],
                      isEstimate: true,
                    },
              ) as SummaryUnit['quarters'],
            },
      ),
    };
    mockApi((request) =>
      request.path === '/api/summary?year=2023' ? jsonResponse(partial) : undefined,
    );
    renderApp('vi');
    const table = await screen.findByRole('table');
    const institute = within(table).getByRole('row', { name: /Viện Khoa học Công nghệ Mỏ/ });
    const actual = within(institute).getByText('25,0');
    expect(actual).toHaveAttribute('title', '25.000.000.000 đồng');
    expect(actual.closest('td')).toHaveTextContent(
      /^25,025\.000\.000\.000 đồng\* 6\/8 đơn vị đã báo cáo~ ước thực hiện$/,
    );
  });
});
