import { WORDS } from '@targetline/core';
import { afterEach, describe, expect, it } from 'vitest';
import { changeLocale, createI18n, detectLocale, LOCALE_STORAGE_KEY } from './i18n';

describe('detectLocale', () => {
  it('keeps the language the user picked before', () => {
    expect(detectLocale({ stored: 'en', languages: ['vi-VN'] })).toBe('en');
  });

  it('ignores a stored value that is not a supported language', () => {
    expect(detectLocale({ stored: 'fr', languages: ['vi'] })).toBe('vi');
  });

  it('picks Vietnamese when the browser prefers Vietnamese', () => {
    expect(detectLocale({ stored: null, languages: ['vi-VN', 'en-US'] })).toBe('vi');
  });

  it('takes the first supported language in order of preference', () => {
    expect(detectLocale({ stored: null, languages: ['fr-FR', 'vi', 'en'] })).toBe('vi');
    expect(detectLocale({ stored: null, languages: ['en-GB', 'vi'] })).toBe('en');
  });

  it('falls back to English', () => {
    expect(detectLocale({ stored: null, languages: ['fr', 'de'] })).toBe('en');
    expect(detectLocale({ stored: null, languages: [] })).toBe('en');
  });
});

describe('changeLocale', () => {
  afterEach(() => localStorage.clear());

  it('switches the language, sets <html lang> and remembers the choice', async () => {
    // Only Vietnamese at first, as the app starts for a Vietnamese reader: English is loaded.
    const i18n = createI18n('vi', { vi: WORDS.vi });
    expect(i18n.hasResourceBundle('en', 'translation')).toBe(false);
    expect(document.documentElement.lang).toBe('vi');
    await changeLocale(i18n, 'en');
    expect(i18n.language).toBe('en');
    expect(i18n.t('header.logout')).toBe('Log out');
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
  });
});
