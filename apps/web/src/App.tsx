import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { lazy, Suspense } from 'react';
import { I18nextProvider } from 'react-i18next';
import { SessionGate } from './session/SessionGate';
import { LoadingState } from './ui/StateMessages';

// The log-in page is all a visitor needs first: the app behind it, with the charts library
// (the largest part of the bundle), is fetched at once but does not hold up the first
// render — it arrives while the session is checked or the password is typed.
const appShell = import('./app/AppShell');
const AppShell = lazy(() => appShell.then((m) => ({ default: m.AppShell })));

type Props = {
  /** Made by `createQueryClient`, which returns to the log-in page on any 401. */
  queryClient: QueryClient;
  i18n: I18n;
  /** Fixed chart size, for tests only: jsdom cannot measure a responsive chart. */
  chartSize?: { width: number; height: number };
};

export function App({ queryClient, i18n, chartSize }: Props) {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nextProvider i18n={i18n}>
        <SessionGate>
          <Suspense fallback={<LoadingState />}>
            <AppShell chartSize={chartSize} />
          </Suspense>
        </SessionGate>
      </I18nextProvider>
    </QueryClientProvider>
  );
}
