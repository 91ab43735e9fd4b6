import type { Locale } from '@targetline/core';
import { WORDS } from '@targetline/core';
import { render } from '@testing-library/react';
import { App } from '../App';
import { createQueryClient } from '../api/query-client';
import { createI18n } from '../i18n/i18n';

// The app behind the log-in is loaded lazily (React.lazy); loading it here, once per test
// file, keeps the first test from spending its time budget on importing the charts library.
// The pages behind the router are lazy too.
await Promise.all([
  import('../app/AppShell'),
  import('../pages/dashboard/DashboardPage'),
  import('../pages/unit/UnitPage'),
  import('../pages/my-unit/MyUnitPage'),
  import('../pages/import/ImportPage'),
  import('../pages/admin/AdminPage'),
]);

/** A client per test, no retries, so failures show at once and nothing leaks between tests. */
export function createTestQueryClient() {
  return createQueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Number.POSITIVE_INFINITY } },
  });
}

/**
 * Renders the whole app in a language, with a fixed-size chart jsdom can draw, at an address
 * (the dashboard's unless `path` names another).
 */
export function renderApp(locale: Locale = 'vi', { path }: { path?: string } = {}) {
  if (path !== undefined) window.history.replaceState(null, '', path);
  const queryClient = createTestQueryClient();
  const i18n = createI18n(locale, WORDS);
  const view = render(
    <App queryClient={queryClient} i18n={i18n} chartSize={{ width: 960, height: 360 }} />,
  );
  return { ...view, queryClient, i18n };
}
