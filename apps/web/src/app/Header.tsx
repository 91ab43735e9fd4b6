import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLogoutMutation } from '../api/hooks';
import { useCurrentUser } from '../session/current-user';
import { LanguageSwitcher } from './LanguageSwitcher';
import { NotificationBell } from './NotificationBell';

type Props = {
  /** The root unit's name; undefined until the units have loaded. */
  organisation: string | undefined;
  years: readonly number[];
  year: number | undefined;
  onYearChange: (year: number) => void;
  /** The page switch, for users who have more than one page. */
  nav?: ReactNode;
};

export function Header({ organisation, years, year, onYearChange, nav }: Props) {
  const { t } = useTranslation();
  const yearId = useId();
  const user = useCurrentUser();
  const logout = useLogoutMutation();
  return (
    <header className="app-header">
      <div className="app-header__titles">
        <p className="app-header__brand">
          {t('app.name')} <span className="app-header__tagline">· {t('app.tagline')}</span>
        </p>
        {organisation && <h1 className="app-header__organisation">{organisation}</h1>}
      </div>
      <div className="app-header__controls">
        {years.length > 0 && year !== undefined && (
          <div className="year-select">
            <label htmlFor={yearId}>{t('header.year')}</label>
            <select
              id={yearId}
              value={year}
              onChange={(event) => onYearChange(Number(event.target.value))}
            >
              {years.map((option) => (
                <option key={option} value={option}>
                  {option}
                </option>
              ))}
            </select>
          </div>
        )}
        <LanguageSwitcher />
        <NotificationBell />
        <section className="account" aria-label={t('header.account')}>
          <p className="account__who">
            <span className="account__name">{user.displayName}</span>
            <span className="account__role">{t(`roles.${user.role}`)}</span>
          </p>
          <button
            type="button"
            className="account__logout"
            onClick={() => logout.mutate()}
            disabled={logout.isPending}
          >
            {logout.isPending ? t('header.loggingOut') : t('header.logout')}
          </button>
        </section>
      </div>
      {nav}
    </header>
  );
}
