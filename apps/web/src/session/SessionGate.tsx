import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionQuery } from '../api/hooks';
import { ErrorState } from '../ui/StateMessages';
import { CurrentUserProvider } from './current-user';
import { LoginPage } from './LoginPage';

/** The log-in page until there is a session, then `children` for that user. */
export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSessionQuery();
  if (session.isPending) {
    return (
      <p className="session-check" role="status">
        {t('state.sessionTitle')}
      </p>
    );
  }
  if (session.isError) {
    return (
      <main className="app-main">
        <ErrorState error={session.error} onRetry={() => void session.refetch()} />
      </main>
    );
  }
  if (session.data === null) return <LoginPage />;
  return (
    // A new user gets a fresh tree, so no state of the previous one's page survives.
    <CurrentUserProvider key={session.data.user.id} user={session.data.user}>
      {children}
    </CurrentUserProvider>
  );
}
