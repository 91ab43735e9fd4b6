import type { Locale } from '@targetline/core';
import { useTranslation } from 'react-i18next';
import { isLocale } from './i18n';

/** The current UI language, in the form core's formatters take. */
export function useLocale(): Locale {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return isLocale(language) ? language : 'en';
}
