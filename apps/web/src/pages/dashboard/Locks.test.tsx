import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CSRF_TOKEN, users } from '../../test/fixtures';
import { jsonResponse, mockApi } from '../../test/mock-api';
import { renderApp } from '../../test/render';

const q1Lock = {
  year: 2023,
  quarter: 1,
  lockedBy: 'director',
  lockedAt: '2023-04-25T02:30:00.000Z',
  reason: 'Họp giao ban quý',
};

function withLocks(locks: unknown[]) {
  return (request: { method: string; path: string }) =>
    request.path === '/api/locks?year=2023' ? jsonResponse(locks) : undefined;
}

function quarterHeader(table: HTMLElement, name: string) {
  return within(table).getByRole('columnheader', { name: new RegExp(`^${name}`) });
}

describe('locked quarters in the table', () => {
  it('marks a locked quarter with an icon and the word, not colour alone; a viewer gets no button', async () => {
    mockApi(withLocks([q1Lock]), { user: users.viewer });
    const user = userEvent.setup();
    renderApp('vi');
    const table = await screen.findByRole('table');
    await user.click(screen.getByRole('checkbox', { name: 'Hiện cả bốn quý' }));
    await waitFor(() => expect(quarterHeader(table, 'Quý I/2023')).toHaveTextContent('Đã khóa'));
    expect(quarterHeader(table, 'Quý I/2023').querySelector('svg')).not.toBeNull();
    expect(quarterHeader(table, 'Quý II/2023')).not.toHaveTextContent('Đã khóa');
    // Sorting and the tree's toggles are buttons too; no lock control is.
    expect(within(table).queryByRole('button', { name: /khóa/i })).not.toBeInTheDocument();
  });

  it('lets a director lock a quarter, sending the CSRF token', async () => {
    const { requests } = mockApi(
      (request) =>
        request.method === 'POST' && request.path === '/api/locks'
          ? jsonResponse({ ...q1Lock, quarter: 2, reason: null }, 201)
          : undefined,
      { user: users.director },
    );
    const user = userEvent.setup();
    renderApp('vi');
    const table = await screen.findByRole('table');
    // Q2 is not the quarter the dashboard is at: its columns are behind the toggle.
    await user.click(screen.getByRole('checkbox', { name: 'Hiện cả bốn quý' }));
    await user.click(
      await within(table).findByRole('button', { name: 'Khóa số liệu Quý II/2023' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Khóa số liệu Quý II/2023' });
    await user.click(within(dialog).getByRole('button', { name: 'Khóa số liệu quý' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const post = requests.find((r) => r.method === 'POST');
    expect(post).toMatchObject({
      path: '/api/locks',
      body: { year: 2023, quarter: 2 },
      headers: { 'x-csrf-token': CSRF_TOKEN },
    });
    // The locks are read again to show the new badge.
    expect(requests.filter((r) => r.path === '/api/locks?year=2023').length).toBeGreaterThan(1);
  });

  it('asks for a reason of at least 3 characters before unlocking', async () => {
    const { requests } = mockApi(
      (request) =>
        request.method === 'DELETE' && request.path === '/api/locks/2023/1'
          ? new Response(null, { status: 204 })
          : withLocks([q1Lock])(request),
      { user: users.director },
    );
    const user = userEvent.setup();
    renderApp('en');
    const table = await screen.findByRole('table');
    await user.click(await within(table).findByRole('button', { name: 'Unlock Q1 2023' }));
    const dialog = screen.getByRole('dialog', { name: 'Unlock Q1 2023' });
    const reason = within(dialog).getByLabelText('Reason');
    expect(reason).toHaveFocus();
    await user.type(reason, 'ok');
    await user.click(within(dialog).getByRole('button', { name: 'Unlock the quarter' }));
    expect(within(dialog).getByText('Give a reason of at least 3 characters.')).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'DELETE')).toEqual([]);

    await user.type(reason, ' — contract 12/2023 accepted late');
    await user.click(within(dialog).getByRole('button', { name: 'Unlock the quarter' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(requests.find((r) => r.method === 'DELETE')).toMatchObject({
      path: '/api/locks/2023/1',
      body: { reason: 'ok — contract 12/2023 accepted late' },
      headers: { 'x-csrf-token': CSRF_TOKEN },
    });
  });
});
