import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from './LanguageSwitcher';

type Props = {
  /** The root unit's name; undefined until the units have loaded. */
  organisation: string | undefined;
  years: readonly number[];
  year: number | undefined;
  onYearChange: (year: number) => void;
};

export function Header({ organisation, years, year, onYearChange }: Props) {
  const { t } = useTranslation();
  const yearId = useId();
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
      </div>
    </header>
  );
}
