import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { AppShell } from './components/AppShell';
import { SessionGate } from './session/SessionGate';

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
          <AppShell chartSize={chartSize} />
        </SessionGate>
      </I18nextProvider>
    </QueryClientProvider>
  );
}
