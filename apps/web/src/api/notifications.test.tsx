import { QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, mockApi } from '../test/mock-api';
import { createTestQueryClient } from '../test/render';
import { useReminderSettingsQuery, useSaveReminderSettingsMutation } from './notifications';
import { notificationQueries, settingsQueries } from './queries';

function setup() {
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  return { queryClient, wrapper };
}

describe('notification and reminder queries', () => {
  it('have keys under their resource, and the list is polled every minute', () => {
    expect(notificationQueries.mine().queryKey).toEqual(['notifications']);
    expect(notificationQueries.mine().refetchInterval).toBe(60_000);
    expect(settingsQueries.reminders().queryKey).toEqual(['settings', 'reminders']);
  });

  it('read the reminder days and save them from the version read, then read them again', async () => {
    let stored = { daysBefore: 3, version: 0 };
    const api = mockApi((request) => {
      if (request.path !== '/api/settings/reminders') return undefined;
      if (request.method === 'PUT') {
        const body = request.body as { daysBefore: number };
        stored = { daysBefore: body.daysBefore, version: stored.version + 1 };
      }
      return jsonResponse(stored);
    });
    const { wrapper } = setup();
    const { result } = renderHook(
      () => ({ query: useReminderSettingsQuery(), save: useSaveReminderSettingsMutation() }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.query.data).toEqual({ daysBefore: 3, version: 0 }));
    result.current.save.mutate({ daysBefore: 5, version: 0 });
    await waitFor(() => expect(result.current.query.data).toEqual({ daysBefore: 5, version: 1 }));
    expect(api.writes()).toEqual([
      { method: 'PUT', path: '/api/settings/reminders', body: { daysBefore: 5, version: 0 } },
    ]);
  });
});
