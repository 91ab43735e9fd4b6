import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** An address the app does not know (or a unit id that is not one): the router shows it in the shell. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="state state--empty">
      <h2>{t('notFound.title')}</h2>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.toDashboard')}</Link>
      </p>
    </div>
  );
}
