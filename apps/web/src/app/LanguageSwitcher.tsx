import { useTranslation } from 'react-i18next';
import { changeLocale, LOCALES } from '../i18n/i18n';
import { useLocale } from '../i18n/use-locale';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  return (
    <fieldset className="language-switcher">
      <legend className="visually-hidden">{t('header.language')}</legend>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          aria-pressed={option === locale}
          title={t(option === 'vi' ? 'language.viName' : 'language.enName')}
          onClick={() => void changeLocale(i18n, option)}
        >
          <span className="language-switcher__check" aria-hidden="true">
            ✓
          </span>
          {t(option === 'vi' ? 'language.vi' : 'language.en')}
        </button>
      ))}
    </fieldset>
  );
}
