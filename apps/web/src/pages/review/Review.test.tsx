import type { ReportRecord, Review } from '@targetline/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { users } from '../../test/fixtures';
import { type ApiRequest, jsonResponse, mockApi, notStartedReport } from '../../test/mock-api';
import { renderApp } from '../../test/render';
import { defaultReviewQuarter } from './ReviewPage';

vi.setConfig({ testTimeout: 20_000 });

const round: Review = {
  year: 2023,
  quarter: 2,
  deadline: '2023-07-10',
  version: 2,
  updatedAt: '2023-06-20T02:00:00.000Z',
  updatedBy: 'director',
  units: [
    {
      unitId: 2,
      code: 'P-KTLT',
      name: 'Phòng Công nghệ Khai thác Lộ thiên',
      state: 'approved',
      basis: 'estimate',
      submittedAt: '2023-07-08T03:00:00.000Z',
      submittedBy: 'lead-p-ktlt',
      decidedAt: '2023-07-09T03:00:00.000Z',
      decidedBy: 'planner',
      returnReason: null,
      isLate: false,
    },
    {
      unitId: 3,
      code: 'TT-ATM',
      name: 'Trung tâm An toàn Mỏ',
      state: 'returned',
      basis: 'estimate',
      submittedAt: '2023-07-09T03:00:00.000Z',
      submittedBy: 'lead-tt-atm',
      decidedAt: '2023-07-09T08:00:00.000Z',
      decidedBy: 'planner',
      returnReason: 'Bổ sung số hợp đồng đã ký',
      isLate: true,
    },
  ],
};

const serveRound = (request: ApiRequest) =>
  request.method === 'GET' && request.path === '/api/reviews/2023/2'
    ? jsonResponse(round)
    : undefined;

const address = () => `${window.location.pathname}${window.location.search}`;

describe('the round to show first', () => {
  it('is the latest open one, else this quarter of this year, else the first', () => {
    const open = (quarter: 1 | 2 | 3 | 4, deadline: string | null) => ({ quarter, deadline });
    const today = new Date('2023-08-15T00:00:00Z');
    expect(
      defaultReviewQuarter(
        2023,
        [open(1, '2023-04-10'), open(2, '2023-07-10'), open(3, null), undefined],
        today,
      ),
    ).toBe(2);
    expect(
      defaultReviewQuarter(
        2023,
        [open(1, null), open(2, null), open(3, null), open(4, null)],
        today,
      ),
    ).toBe(3);
    expect(
      defaultReviewQuarter(2022, [open(1, null), undefined, undefined, undefined], today),
    ).toBe(1);
  });
});

describe('the status board', () => {
  it('says who has reported and who is late, each state in words and symbols, filtered from the address', async () => {
    mockApi(serveRound, { user: users.planner });
    const user = userEvent.setup();
    renderApp('vi', { path: '/review?quarter=2' });
    expect(await screen.findByText('1/2 đơn vị đã nộp báo cáo')).toBeVisible();
    expect(screen.getByText('Hạn nộp: 10/07/2023')).toBeVisible();
    expect(screen.getByText(/Trễ hạn: TT-ATM/)).toBeVisible();
    const table = screen.getByRole('table');
    const returned = within(table).getByRole('row', { name: /Trung tâm An toàn Mỏ/ });
    expect(returned).toHaveTextContent('↩ Trả lại');
    expect(returned).toHaveTextContent('Bổ sung số hợp đồng đã ký');
    expect(returned).toHaveTextContent('Ước thực hiện');
    // Only directors and admins open or move a round.
    expect(screen.queryByRole('button', { name: 'Đổi hạn nộp' })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Trạng thái' }), 'approved');
    await waitFor(() => expect(address()).toBe('/review?quarter=2&state=approved'));
    expect(within(screen.getByRole('table')).getAllByRole('row')).toHaveLength(2);
    expect(screen.getByText('Đang hiện 1/2 đơn vị')).toBeVisible();
  });

  it('lets the director open a round with a deadline, from version 0', async () => {
    const { writes } = mockApi(
      (request) =>
        request.method === 'PUT' && request.path === '/api/reviews/2023/3'
          ? jsonResponse({
              year: 2023,
              quarter: 3,
              deadline: '2023-10-10',
              version: 1,
              updatedAt: '2023-09-20T02:00:00.000Z',
              updatedBy: 'director',
              units: [],
            })
          : undefined,
      { user: users.director },
    );
    const user = userEvent.setup();
    renderApp('en', { path: '/review?quarter=3' });
    expect(await screen.findByText('No reporting round is open for Q3 2023.')).toBeVisible();
    await user.type(screen.getByLabelText('Deadline'), '2023-10-10');
    await user.click(screen.getByRole('button', { name: 'Open the round' }));
    expect(await screen.findByText('Deadline 10 Oct 2023 saved.')).toBeVisible();
    expect(writes()).toEqual([
      {
        method: 'PUT',
        path: '/api/reviews/2023/3',
        body: { deadline: '2023-10-10', version: 0 },
      },
    ]);
  });
});

describe('the reminders', () => {
  it('lets the director set how many days before the deadline the units are reminded', async () => {
    const { writes } = mockApi(
      (request) => {
        if (request.path === '/api/settings/reminders' && request.method === 'GET') {
          return jsonResponse({ daysBefore: 3, version: 1 });
        }
        if (request.path === '/api/settings/reminders' && request.method === 'PUT') {
          return jsonResponse({ daysBefore: 5, version: 2 });
        }
        return serveRound(request);
      },
      { user: users.director },
    );
    const user = userEvent.setup();
    renderApp('vi', { path: '/review?quarter=2' });
    const days = await screen.findByRole('textbox', { name: 'Nhắc nhở trước hạn nộp (ngày)' });
    expect(days).toHaveValue('3');
    await user.clear(days);
    await user.type(days, '45');
    await user.click(screen.getByRole('button', { name: 'Lưu số ngày' }));
    expect(await screen.findByText('Nhập số ngày từ 1 đến 30.')).toBeVisible();
    await user.clear(screen.getByRole('textbox', { name: 'Nhắc nhở trước hạn nộp (ngày)' }));
    await user.type(screen.getByRole('textbox', { name: 'Nhắc nhở trước hạn nộp (ngày)' }), '5');
    await user.click(screen.getByRole('button', { name: 'Lưu số ngày' }));
    expect(await screen.findByText('Sẽ nhắc trước hạn nộp 5 ngày.')).toBeVisible();
    expect(writes()).toEqual([
      { method: 'PUT', path: '/api/settings/reminders', body: { daysBefore: 5, version: 1 } },
    ]);
  });
});

const draft: ReportRecord = notStartedReport({ unitId: 2, year: 2023, quarter: 2 });

const thresholds = (request: ApiRequest) =>
  request.path === '/api/settings/pace'
    ? jsonResponse({ onTrack: 1, atRisk: 0.85, version: 1 })
    : undefined;

describe("a unit's report", () => {
  it('asks for the causes below the at-risk threshold, then saves "2 tỷ" as an estimate and submits it', async () => {
    const { writes } = mockApi(
      (request) => {
        if (request.method === 'PUT' && request.path === '/api/reports/2/2023/2') {
          return jsonResponse({
            ...draft,
            ...(request.body as object),
            state: 'draft',
            version: 1,
            actualVersion: 1,
          });
        }
        if (request.method === 'POST' && request.path === '/api/reports/2/2023/2/submit') {
          return jsonResponse({ ...draft, state: 'submitted', version: 2 });
        }
        return serveRound(request) ?? thresholds(request);
      },
      { user: users.admin },
    );
    const user = userEvent.setup();
    renderApp('vi', { path: '/reports/2/2023/2' });
    const amount = await screen.findByRole('textbox', { name: 'Doanh thu thực hiện Quý II/2023' });
    // A phone gets the keyboard with letters, so "tỷ" can be typed.
    expect(amount).toHaveAttribute('inputmode', 'text');
    await user.type(amount, '2 tỷ');
    expect(screen.getByText('= 2.000.000.000 đồng')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Nộp báo cáo' }));
    expect(
      await screen.findByText('Bắt buộc: quý này đạt 60,6% chỉ tiêu, dưới ngưỡng 85%.'),
    ).toBeVisible();
    expect(writes()).toEqual([]);

    await user.type(screen.getByRole('textbox', { name: 'Nguyên nhân' }), 'Chậm nghiệm thu.');
    await user.click(screen.getByRole('button', { name: 'Nộp báo cáo' }));
    expect(await screen.findByText('Đã nộp báo cáo.')).toBeVisible();
    expect(writes()).toEqual([
      {
        method: 'PUT',
        path: '/api/reports/2/2023/2',
        body: {
          amount: 2_000_000_000,
          basis: 'estimate',
          results: '',
          causes: 'Chậm nghiệm thu.',
          difficulties: '',
          proposals: '',
          nextQuarterExpected: null,
          version: 0,
          actualVersion: 0,
        },
      },
      { method: 'POST', path: '/api/reports/2/2023/2/submit', body: { version: 1 } },
    ]);
  });

  it('lets the planning office return a submitted report only with a reason', async () => {
    const submitted = {
      ...draft,
      state: 'submitted' as const,
      amount: 2_000_000_000,
      basis: 'estimate' as const,
      version: 3,
    };
    const { writes } = mockApi(
      (request) => {
        if (request.method === 'GET' && request.path === '/api/reports/2/2023/2') {
          return jsonResponse(submitted);
        }
        if (request.method === 'POST' && request.path === '/api/reports/2/2023/2/return') {
          return jsonResponse({
            ...submitted,
            state: 'returned',
            version: 4,
            returnReason: 'Bổ sung',
          });
        }
        return serveRound(request) ?? thresholds(request);
      },
      { user: users.planner },
    );
    const user = userEvent.setup();
    renderApp('vi', { path: '/reports/2/2023/2' });
    await user.click(await screen.findByRole('button', { name: 'Trả lại' }));
    expect(screen.getByRole('textbox', { name: 'Lý do' })).toHaveAttribute('aria-invalid', 'true');
    expect(writes()).toEqual([]);
    // The planning office writes no figures: no form, the report as text.
    expect(screen.queryByRole('button', { name: 'Nộp báo cáo' })).not.toBeInTheDocument();
    expect(screen.getByText('2.000.000.000 (Ước thực hiện)')).toBeVisible();

    await user.type(screen.getByRole('textbox', { name: 'Lý do' }), 'Bổ sung');
    await user.click(screen.getByRole('button', { name: 'Trả lại' }));
    expect(await screen.findByText('Đã trả lại báo cáo cho đơn vị.')).toBeVisible();
    expect(writes()).toEqual([
      {
        method: 'POST',
        path: '/api/reports/2/2023/2/return',
        body: { version: 3, reason: 'Bổ sung' },
      },
    ]);
  });

  it('says so when someone else changed the report meanwhile (409)', async () => {
    mockApi(
      (request) =>
        request.method === 'PUT' && request.path === '/api/reports/2/2023/2'
          ? jsonResponse(
              { error: 'conflict', message: 'changed', field: 'version', current: null },
              409,
            )
          : (serveRound(request) ?? thresholds(request)),
      { user: users.admin },
    );
    const user = userEvent.setup();
    renderApp('en', { path: '/reports/2/2023/2' });
    await user.type(await screen.findByRole('textbox', { name: 'Revenue in Q2 2023' }), '4 tỷ');
    await user.click(screen.getByRole('button', { name: 'Save draft' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Someone else changed the report meanwhile.',
    );
  });
});
