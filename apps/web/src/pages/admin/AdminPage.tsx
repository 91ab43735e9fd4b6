import type { Locale } from '@targetline/core';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShell } from '../../app/shell-context';
import { UnitsSection } from './UnitsSection';
import { UsersSection } from './UsersSection';

/** Administration, for admins: the accounts, then the unit tree. */
export function AdminPage({ locale }: { locale: Locale }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="admin" aria-labelledby={titleId}>
      <h2 id={titleId} className="visually-hidden">
        {t('admin.title')}
      </h2>
      <p className="panel__note">{t('admin.intro')}</p>
      <UsersSection locale={locale} />
      <UnitsSection locale={locale} />
    </section>
  );
}

/** Users and units at `/admin`. */
export function AdminRoute() {
  const { locale } = useShell();
  return <AdminPage locale={locale} />;
}
