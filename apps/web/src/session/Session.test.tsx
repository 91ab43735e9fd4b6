import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CSRF_TOKEN, sessionOf, users } from '../test/fixtures';
import { DEMO_PASSWORD, jsonResponse, mockApi } from '../test/mock-api';
import { renderApp } from '../test/render';

async function logIn(username: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Tên đăng nhập'), username);
  if (password) await user.type(screen.getByLabelText('Mật khẩu'), password);
  await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
  return user;
}

describe('log-in page', () => {
  it('is shown without a session, focused on the username, with the autocomplete hints', async () => {
    mockApi(undefined, { user: null });
    renderApp('vi');
    const username = await screen.findByLabelText('Tên đăng nhập');
    expect(screen.getByRole('heading', { name: 'Đăng nhập' })).toBeInTheDocument();
    expect(username).toHaveFocus();
    expect(username).toHaveAttribute('autocomplete', 'username');
    expect(screen.getByLabelText('Mật khẩu')).toHaveAttribute('autocomplete', 'current-password');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('lists the demo accounts only inside a collapsed note', async () => {
    mockApi(undefined, { user: null });
    renderApp('vi');
    const summary = await screen.findByText('Tài khoản dùng thử');
    const details = summary.closest('details');
    expect(details).not.toHaveAttribute('open');
    expect(within(details as HTMLElement).getByText('lead-tt-atm')).toBeInTheDocument();
  });

  it('logs in and shows the dashboard with the user and role in the header', async () => {
    const { requests } = mockApi(undefined, { user: null });
    renderApp('vi');
    await logIn('director', DEMO_PASSWORD);

    expect(await screen.findByRole('table')).toBeInTheDocument();
    const account = screen.getByRole('region', { name: 'Tài khoản' });
    expect(account).toHaveTextContent('Nguyễn Văn Viện');
    expect(account).toHaveTextContent('Lãnh đạo Viện');
    expect(requests.find((r) => r.method === 'POST')).toMatchObject({
      path: '/api/session',
      body: { username: 'director', password: DEMO_PASSWORD },
    });
  });

  it('says the username or password is not right on a 401, and stays on the page', async () => {
    mockApi(undefined, { user: null });
    renderApp('vi');
    await logIn('director', 'wrong-password');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Tên đăng nhập hoặc mật khẩu không đúng.',
    );
    expect(screen.getByLabelText('Tên đăng nhập')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('asks to wait a minute when rate-limited (429), in English too', async () => {
    mockApi(
      (request) =>
        request.method === 'POST'
          ? jsonResponse({ error: 'too_many_requests', message: 'Rate limit exceeded' }, 429)
          : undefined,
      { user: null },
    );
    renderApp('en');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Username'), 'director');
    await user.type(screen.getByLabelText('Password'), 'x');
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many attempts. Wait a minute, then try again.',
    );
  });

  it('disables the button while the log-in is on its way', async () => {
    let answer: (response: Response) => void = () => {};
    mockApi(
      (request) =>
        request.method === 'POST'
          ? new Promise<Response>((resolve) => {
              answer = resolve;
            })
          : undefined,
      { user: null },
    );
    renderApp('vi');
    await logIn('admin', DEMO_PASSWORD);
    expect(screen.getByRole('button', { name: 'Đang đăng nhập…' })).toBeDisabled();
    answer(jsonResponse(sessionOf(users.admin)));
    expect(await screen.findByRole('table')).toBeInTheDocument();
  });

  it('asks for both fields before calling the API', async () => {
    const { requests } = mockApi(undefined, { user: null });
    renderApp('vi');
    await logIn('admin', '');
    expect(screen.getByRole('alert')).toHaveTextContent('Hãy nhập tên đăng nhập và mật khẩu.');
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
  });
});

describe('session', () => {
  it('sends the CSRF token of the session with every write', async () => {
    const { requests } = mockApi();
    const user = userEvent.setup();
    renderApp('vi');
    await screen.findByRole('table');
    const form = screen.getByRole('region', { name: 'Nhập số liệu thực hiện' });
    await user.type(
      await within(form).findByLabelText('Doanh thu thực hiện'),
      '{Control>}a{/Control}3 tỷ',
    );
    await user.click(within(form).getByRole('button', { name: 'Lưu số thực hiện' }));
    await within(form).findByRole('status');

    const put = requests.find((r) => r.method === 'PUT');
    expect(put?.headers['x-csrf-token']).toBe(CSRF_TOKEN);
    // Reads carry no token.
    expect(
      requests.filter((r) => r.method === 'GET').every((r) => !r.headers['x-csrf-token']),
    ).toBe(true);
  });

  it('returns to the log-in page on any 401 and forgets the cached figures', async () => {
    let isExpired = false;
    const { requests } = mockApi((request) =>
      isExpired && request.path !== '/api/session'
        ? jsonResponse({ error: 'unauthorized', message: 'Please log in' }, 401)
        : undefined,
    );
    const { queryClient } = renderApp('vi');
    await screen.findByRole('table');

    isExpired = true;
    await queryClient.invalidateQueries({ queryKey: ['summary'] });

    expect(await screen.findByRole('heading', { name: 'Đăng nhập' })).toBeInTheDocument();
    expect(queryClient.getQueryData(['summary', 2023])).toBeUndefined();
    expect(queryClient.getQueryData(['session'])).toBeNull();
    expect(requests.some((r) => r.path === '/api/summary?year=2023')).toBe(true);
  });

  it('logs out with the CSRF token and shows the log-in page', async () => {
    const { requests } = mockApi();
    const user = userEvent.setup();
    renderApp('vi');
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'Đăng xuất' }));
    expect(await screen.findByLabelText('Tên đăng nhập')).toBeInTheDocument();
    expect(requests.find((r) => r.method === 'DELETE')).toMatchObject({
      path: '/api/session',
      headers: { 'x-csrf-token': CSRF_TOKEN },
    });
    await waitFor(() => expect(screen.queryByRole('table')).not.toBeInTheDocument());
  });
});
