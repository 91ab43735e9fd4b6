import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createQueryClient, retryOnceUnlessClientError } from './api/query-client';
import { createI18n, detectBrowserLocale, loadMessages } from './i18n/i18n';
import './styles.css';

const queryClient = createQueryClient({
  defaultOptions: {
    queries: { staleTime: 30_000, retry: retryOnceUnlessClientError, refetchOnWindowFocus: true },
  },
});
// Only the reader's language is fetched before the first render.
const locale = detectBrowserLocale();
const i18n = createI18n(locale, { [locale]: await loadMessages(locale) });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <App queryClient={queryClient} i18n={i18n} />
  </StrictMode>,
);
