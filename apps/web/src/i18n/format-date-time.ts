import type { Locale } from '@targetline/core';

const OPTIONS: Record<Locale, [string, Intl.DateTimeFormatOptions]> = {
  // As Vietnamese documents write it: 14:05 20/04/2023.
  vi: [
    'vi-VN',
    { hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' },
  ],
  // A month name, so that 04/05 is never read the American way.
  en: ['en-GB', { dateStyle: 'medium', timeStyle: 'short' }],
};

/**
 * An API timestamp in the reader's time zone (or `timeZone`) and language:
 * "14:05 20/04/2023" (vi), "20 Apr 2023, 14:05" (en). Text that is not a date comes back as is.
 */
export function formatDateTime(iso: string, locale: Locale, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const [tag, options] = OPTIONS[locale];
  return new Intl.DateTimeFormat(tag, {
    ...options,
    ...(timeZone !== undefined && { timeZone }),
  }).format(date);
}
