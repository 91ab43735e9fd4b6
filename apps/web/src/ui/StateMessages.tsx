import { useTranslation } from 'react-i18next';
import { serverErrorMessage } from '../api/error-message';

export function LoadingState() {
  const { t } = useTranslation();
  return (
    <div className="state state--loading" role="status" aria-live="polite">
      <div className="skeleton-row" aria-hidden="true">
        <span className="skeleton" />
        <span className="skeleton" />
        <span className="skeleton" />
        <span className="skeleton" />
      </div>
      <p>{t('state.loading')}</p>
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  // In the UI's language, by the error's status and code: never the server's English sentence.
  const message = serverErrorMessage(error, t);
  return (
    <div className="state state--error" role="alert">
      <h2>{t('state.errorTitle')}</h2>
      <p>{message}</p>
      <button type="button" onClick={onRetry}>
        {t('state.retry')}
      </button>
    </div>
  );
}

export function EmptyState({ title, body }: { title: string; body: string }) {
  return (
    <div className="state state--empty">
      <h2>{title}</h2>
      <p>{body}</p>
    </div>
  );
}

/** No year has a plan or a figure yet: what the pages that show one year say instead. */
export function NoYearsState() {
  const { t } = useTranslation();
  return (
    <EmptyState
      title={t('state.noYearsTitle')}
      body={t('state.noYearsBody', { year: new Date().getFullYear() })}
    />
  );
}
