import type { Locale, Messages } from '@targetline/core';
import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LOCALES: readonly Locale[] = ['vi', 'en'];

/** localStorage key holding the language the user picked with the switcher. */
export const LOCALE_STORAGE_KEY = 'targetline.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'vi' || value === 'en';
}

/**
 * The language to start in: the one the user picked before (`stored`), else
 * the first of the browser's preferred languages that we have (so `vi-VN`
 * gives Vietnamese, `['fr', 'vi']` too), else English.
 */
export function detectLocale({
  stored,
  languages,
}: {
  stored: string | null;
  languages: readonly string[];
}): Locale {
  if (isLocale(stored)) return stored;
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return 'en';
}

function readStoredLocale(): string | null {
  try {
    return globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    // Storage can be disabled (private mode, policy): fall back to the browser's languages.
    return null;
  }
}

/** Detects the starting language in the browser. */
export function detectBrowserLocale(): Locale {
  const languages =
    typeof navigator === 'undefined'
      ? []
      : navigator.languages?.length
        ? navigator.languages
        : [navigator.language];
  return detectLocale({ stored: readStoredLocale(), languages });
}

/**
 * One language's words from the one catalogue (which the server's exported files and
 * messages use too), each language in a chunk of its own: a reader downloads only the
 * language they read, and the other one when they switch.
 */
export function loadMessages(locale: Locale): Promise<Messages> {
  return locale === 'vi'
    ? import('@targetline/core/words/vi').then((module) => module.vi)
    : import('@targetline/core/words/en').then((module) => module.en);
}

/**
 * The words of a language as this instance has them loaded, for core's functions that word a
 * sentence themselves (the headline, the forecasts' assumptions): passing them keeps the other
 * language's chunk from loading with the page.
 */
export function loadedWords(instance: I18n, locale: Locale): Messages {
  return instance.getResourceBundle(locale, 'translation') as Messages;
}

function syncDocumentLanguage(language: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}

/**
 * A ready i18next instance in `locale`, whose words must be among `catalogues` (so
 * initialisation is synchronous); other languages are loaded when switched to. Keeps
 * `<html lang>` in step with the language.
 */
export function createI18n(
  locale: Locale,
  catalogues: Partial<Readonly<Record<Locale, Messages>>>,
): I18n {
  const resources = Object.fromEntries(
    Object.entries(catalogues).map(([language, words]) => [language, { translation: words }]),
  );
  const instance = i18next.createInstance();
  instance.use(initReactI18next);
  instance.on('languageChanged', syncDocumentLanguage);
  void instance.init({
    resources,
    lng: locale,
    fallbackLng: 'en',
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false }, // React escapes
    initAsync: false,
    react: { useSuspense: false },
  });
  syncDocumentLanguage(locale);
  return instance;
}

/** Switches the language (loading its words the first time) and remembers the choice. */
export async function changeLocale(instance: I18n, locale: Locale): Promise<void> {
  if (!instance.hasResourceBundle(locale, 'translation')) {
    instance.addResourceBundle(locale, 'translation', await loadMessages(locale));
  }
  await instance.changeLanguage(locale);
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Not remembered when storage is unavailable; the switch itself still applies.
  }
}
