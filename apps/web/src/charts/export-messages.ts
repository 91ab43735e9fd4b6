import type { Locale } from '@targetline/core';
import type { TFunction } from 'i18next';

const EXPORT_ERROR_CODES = [
  'NO_CHART',
  'FONT_LOAD_FAILED',
  'IMAGE_LOAD_FAILED',
  'RASTERISE_FAILED',
] as const;

/** What to tell the user when a chart could not be exported, in their language. */
export function chartErrorMessage(error: unknown, t: TFunction): string {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  const known = EXPORT_ERROR_CODES.find((item) => item === code);
  if (known) return t(`exportBar.errors.${known}`);
  const message = error instanceof Error ? error.message : String(error);
  return t('exportBar.errors.other', { message });
}

/** The date an export is made, as the reader writes dates: 14/04/2023 (vi), 14 Apr 2023 (en). */
export function formatExportDate(date: Date, locale: Locale): string {
  return locale === 'vi'
    ? new Intl.DateTimeFormat('vi-VN', {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
      }).format(date)
    : new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' }).format(date);
}
