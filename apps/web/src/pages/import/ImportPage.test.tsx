import type { ImportChange, ImportResult } from '@targetline/contract';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { CSRF_TOKEN, users } from '../../test/fixtures';
import { jsonResponse, mockApi } from '../../test/mock-api';
import { renderApp } from '../../test/render';

afterEach(() => {
  window.location.hash = '';
});

const dryRunWithIssues: ImportResult = {
  mode: 'dry-run',
  isApplied: false,
  fileName: 'so-lieu.csv',
  issues: [{ row: 3, column: 'amount', reason: '"hai tỷ" không phải là số tiền' }],
  issueCount: 1,
  changes: [],
  unchanged: 1,
  basis: [],
};

const dryRunWithChanges: ImportResult = {
  mode: 'dry-run',
  isApplied: false,
  fileName: 'so-lieu.csv',
  issues: [],
  issueCount: 0,
  changes: [
    {
      row: 2,
      unitCode: 'TT-ATM',
      unitName: 'Trung tâm An toàn Mỏ',
      year: 2023,
      quarter: 2,
      kind: 'actual',
      old: null,
      new: 2_500_000_000,
    },
    {
      row: 3,
      unitCode: 'P-KTLT',
      unitName: 'Phòng Công nghệ Khai thác Lộ thiên',
      year: 2023,
      quarter: null,
      kind: 'plan',
      old: 20_000_000_000,
      new: 21_000_000_000,
    },
  ],
  unchanged: 4,
  basis: [
    { kind: 'actual', unitId: 2, year: 2023, quarter: 2, version: 0 },
    { kind: 'plan', unitId: 5, year: 2023, quarter: null, version: 3 },
  ],
};

/** The file (and basis) of each POST /api/import, as the app sent it. */
function importedFiles(fetchMock: ReturnType<typeof mockApi>['fetchMock']) {
  return fetchMock.mock.calls
    .filter(([input]) => String(input).startsWith('/api/import?'))
    .map(([input, init]) => {
      const form = init?.body instanceof FormData ? init.body : null;
      const basis = form?.get('basis');
      return {
        url: String(input),
        file: form?.get('file') as File,
        basis: typeof basis === 'string' ? JSON.parse(basis) : undefined,
        /** The names of the parts in the order they are sent. */
        parts: form ? [...form.keys()] : [],
        csrf: new Headers(init?.headers).get('x-csrf-token'),
      };
    });
}

async function openImport(file: File) {
  const user = userEvent.setup();
  const nav = await screen.findByRole('navigation', { name: 'Trang' });
  await user.click(within(nav).getByRole('link', { name: 'Nhập từ Excel' }));
  const page = await screen.findByRole('region', { name: 'Nhập từ Excel' });
  await user.upload(within(page).getByLabelText(/Tệp số liệu/), file);
  return { user, page };
}

const csv = () => new File(['unit_code,year\n'], 'so-lieu.csv', { type: 'text/csv' });

describe('import page', () => {
  it('is not offered to viewers', async () => {
    mockApi(undefined, { user: users.viewer });
    renderApp('vi');
    await screen.findByRole('table');
    expect(screen.queryByRole('link', { name: 'Nhập từ Excel' })).not.toBeInTheDocument();
  });

  it('lists the problems of a dry run and keeps the import disabled', async () => {
    const { fetchMock } = mockApi((request) =>
      request.path.startsWith('/api/import?') ? jsonResponse(dryRunWithIssues) : undefined,
    );
    renderApp('vi');
    const { user, page } = await openImport(csv());
    expect(within(page).getByRole('link', { name: 'Tải mẫu nhập (.csv)' })).toHaveAttribute(
      'href',
      '/api/import/template.csv',
    );
    await user.click(within(page).getByRole('button', { name: 'Kiểm tra' }));
    const issues = await within(page).findByRole('table', { name: 'Lỗi cần sửa (1)' });
    const row = within(issues).getAllByRole('row')[1] as HTMLElement;
    expect(row).toHaveTextContent('3');
    expect(row).toHaveTextContent('amount');
    expect(row).toHaveTextContent('"hai tỷ" không phải là số tiền');
    expect(within(page).getByRole('button', { name: 'Nhập' })).toBeDisabled();
    const [sent] = importedFiles(fetchMock);
    expect(sent?.url).toBe('/api/import?mode=dry-run&lang=vi');
    expect(sent?.file.name).toBe('so-lieu.csv');
    expect(sent?.csrf).toBe(CSRF_TOKEN);
  });

  it('shows the changes, then imports the same file and says how many changed', async () => {
    const { fetchMock } = mockApi((request) => {
      if (request.path === '/api/import?mode=dry-run&lang=vi')
        return jsonResponse(dryRunWithChanges);
      if (request.path === '/api/import?mode=apply&lang=vi') {
        return jsonResponse({ ...dryRunWithChanges, mode: 'apply', isApplied: true });
      }
      return undefined;
    });
    const { queryClient } = renderApp('vi');
    const file = csv();
    const { user, page } = await openImport(file);
    await user.click(within(page).getByRole('button', { name: 'Kiểm tra' }));
    const changes = await within(page).findByRole('table', { name: 'Thay đổi (2)' });
    const [first, second] = within(changes).getAllByRole('row').slice(1) as HTMLElement[];
    expect(first).toHaveTextContent('Trung tâm An toàn Mỏ');
    expect(first).toHaveTextContent('Quý II/2023');
    expect(first).toHaveTextContent('Thực hiện');
    expect(first).toHaveTextContent('— → 2.500.000.000');
    expect(second).toHaveTextContent('Kế hoạch năm');
    expect(second).toHaveTextContent('20.000.000.000 → 21.000.000.000');
    expect(within(page).getByText('4 dòng không đổi, được giữ nguyên.')).toBeInTheDocument();

    const apply = within(page).getByRole('button', { name: 'Nhập' });
    expect(apply).toBeEnabled();
    await user.click(apply);
    expect(await within(page).findByRole('status')).toHaveTextContent('Đã nhập 2 thay đổi.');
    const sent = importedFiles(fetchMock);
    expect(sent.map((item) => item.url)).toEqual([
      '/api/import?mode=dry-run&lang=vi',
      '/api/import?mode=apply&lang=vi',
    ]);
    // The apply sends back the versions the check saw, before the file, as the API asks.
    expect(sent[0]?.parts).toEqual(['file']);
    expect(sent[1]?.parts).toEqual(['basis', 'file']);
    expect(sent[1]?.basis).toEqual(dryRunWithChanges.basis);
    // FormData wraps the file anew; the bytes are the ones picked before the check.
    expect(sent[1]?.file.name).toBe(file.name);
    expect(await sent[1]?.file.text()).toBe(await file.text());
    // The dashboard's figures are reloaded when next shown.
    const summaries = queryClient.getQueryCache().findAll({ queryKey: ['summary'] });
    expect(summaries.length).toBeGreaterThan(0);
    expect(summaries.every((query) => query.state.isInvalidated)).toBe(true);
  });

  it.each([
    [409, 'Có số liệu vừa được người khác thay đổi sau khi kiểm tra; chưa nhập gì.'],
    [428, 'Hãy kiểm tra tệp trước khi nhập; chưa nhập gì.'],
    [413, 'Tệp lớn hơn 10 MB.'],
    [403, 'Tệp có số liệu mà tài khoản của bạn không được thay đổi; chưa nhập gì.'],
  ])('explains a refused import (%i)', async (status, message) => {
    mockApi(
      (request) => {
        if (request.path.includes('mode=dry-run')) return jsonResponse(dryRunWithChanges);
        if (request.path.includes('mode=apply')) {
          return jsonResponse({ error: 'refused', message: 'refused', issues: [] }, status);
        }
        return undefined;
      },
      { user: users.leadAtm },
    );
    renderApp('vi');
    const { user, page } = await openImport(csv());
    await user.click(within(page).getByRole('button', { name: 'Kiểm tra' }));
    await user.click(await within(page).findByRole('button', { name: 'Nhập' }));
    expect(await within(page).findByRole('alert')).toHaveTextContent(message);
  });

  it('lists the rows changed since the check, keeps the import disabled and checks again on request', async () => {
    const recheck: ImportResult = {
      ...dryRunWithChanges,
      changes: [{ ...(dryRunWithChanges.changes[0] as ImportChange), old: 1_000_000_000 }],
      basis: [{ kind: 'actual', unitId: 2, year: 2023, quarter: 2, version: 1 }],
    };
    let dryRuns = 0;
    const { fetchMock } = mockApi((request) => {
      if (request.path.includes('mode=dry-run')) {
        dryRuns++;
        return jsonResponse(dryRuns === 1 ? dryRunWithChanges : recheck);
      }
      if (request.path.includes('mode=apply')) {
        const isFirst =
          importedFiles(fetchMock).filter((c) => c.url.includes('apply')).length === 1;
        return isFirst
          ? jsonResponse(
              {
                error: 'conflict',
                field: 'basis',
                message: 'Có số liệu đã thay đổi sau khi kiểm tra (dòng 2)',
                moved: [
                  { row: 2, unitCode: 'TT-ATM', year: 2023, quarter: 2, kind: 'actual' },
                  { row: 3, unitCode: 'P-KTLT', year: 2023, quarter: null, kind: 'plan' },
                ],
              },
              409,
            )
          : jsonResponse({ ...recheck, mode: 'apply', isApplied: true });
      }
      return undefined;
    });
    renderApp('vi');
    const { user, page } = await openImport(csv());
    await user.click(within(page).getByRole('button', { name: 'Kiểm tra' }));
    await user.click(await within(page).findByRole('button', { name: 'Nhập' }));

    expect(await within(page).findByRole('alert')).toHaveTextContent(
      'Có số liệu vừa được người khác thay đổi sau khi kiểm tra; chưa nhập gì.',
    );
    const moved = within(page).getByRole('table', {
      name: 'Dòng có số liệu đã thay đổi sau khi kiểm tra (2)',
    });
    const [first, second] = within(moved).getAllByRole('row').slice(1) as HTMLElement[];
    expect(first).toHaveTextContent('2');
    expect(first).toHaveTextContent('TT-ATM');
    expect(first).toHaveTextContent('Quý II/2023');
    expect(first).toHaveTextContent('Thực hiện');
    expect(second).toHaveTextContent('P-KTLT');
    expect(second).toHaveTextContent('Kế hoạch năm');
    // The old check is gone: nothing can be imported over the new figures without a new one.
    expect(within(page).queryByRole('table', { name: 'Thay đổi (2)' })).not.toBeInTheDocument();
    expect(within(page).getByRole('button', { name: 'Nhập' })).toBeDisabled();

    await user.click(within(page).getByRole('button', { name: 'Kiểm tra lại' }));
    const changes = await within(page).findByRole('table', { name: 'Thay đổi (1)' });
    expect(within(changes).getAllByRole('row')[1]).toHaveTextContent(
      '1.000.000.000 → 2.500.000.000',
    );
    await user.click(within(page).getByRole('button', { name: 'Nhập' }));
    expect(await within(page).findByRole('status')).toHaveTextContent('Đã nhập 1 thay đổi.');
    const sent = importedFiles(fetchMock);
    expect(sent.map((c) => c.url.includes('apply'))).toEqual([false, true, false, true]);
    expect(sent[1]?.basis).toEqual(dryRunWithChanges.basis);
    expect(sent[3]?.basis).toEqual(recheck.basis);
  });

  it('says how many more problems there are than the check lists', async () => {
    mockApi((request) =>
      request.path.startsWith('/api/import?')
        ? jsonResponse({ ...dryRunWithIssues, issueCount: 500 })
        : undefined,
    );
    renderApp('vi');
    const { user, page } = await openImport(csv());
    await user.click(within(page).getByRole('button', { name: 'Kiểm tra' }));
    expect(
      await within(page).findByRole('table', { name: 'Lỗi cần sửa (500)' }),
    ).toBeInTheDocument();
    expect(
      within(page).getByText(
        '… và 499 lỗi khác: sửa các lỗi này rồi kiểm tra lại tệp để xem tiếp.',
      ),
    ).toBeInTheDocument();
  });
});
