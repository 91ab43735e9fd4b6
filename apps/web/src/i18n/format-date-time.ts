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

/** The organisation's clock: a change made at 14:05 in Hà Nội reads 14:05 wherever it is read. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * An API timestamp in Vietnam time (or `timeZone`) and the reader's language:
 * "14:05 20/04/2023" (vi), "20 Apr 2023, 14:05" (en). Text that is not a date comes back as is.
 */
export function formatDateTime(
  iso: string,
  locale: Locale,
  timeZone: string = VIETNAM_TIME_ZONE,
): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const [tag, options] = OPTIONS[locale];
  return new Intl.DateTimeFormat(tag, { ...options, timeZone }).format(date);
}

const DATE_OPTIONS: Record<Locale, [string, Intl.DateTimeFormatOptions]> = {
  vi: ['vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }],
  en: ['en-GB', { dateStyle: 'medium', timeZone: 'UTC' }],
};

/**
 * A calendar date "2023-07-10" (a deadline: a day, not an instant) as it is written:
 * "10/07/2023" (vi), "10 Jul 2023" (en). Text that is not such a date comes back as is.
 */
export function formatDate(isoDate: string, locale: Locale): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [tag, options] = DATE_OPTIONS[locale];
  const date = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Intl.DateTimeFormat(tag, options).format(date);
}
