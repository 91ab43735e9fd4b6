import { formatQuarter, type Locale } from '@targetline/core';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { serverErrorMessage } from '../../api/error-message';
import { lockOf } from '../../api/errors';
import { formatDateTime } from '../../i18n/format-date-time';

/**
 * What to tell the user when a save failed: our own words for the statuses
 * that have a clear cause (403, 409, 423, no connection), and for any other failure the
 * sentence of its status and code in the UI's language (`serverErrorMessage`).
 */
export function saveErrorMessage(error: unknown, t: TFunction, locale: Locale): string {
  const lock = lockOf(error);
  if (lock) {
    return `${t('forms.apiErrors.locked', {
      quarter: formatQuarter(lock.quarter, lock.year, locale),
      who: lock.lockedBy,
      at: formatDateTime(lock.lockedAt, locale),
    })} ${t('forms.apiErrors.lockedHint')}`;
  }
  if (error instanceof ApiError) {
    if (error.status === 403) {
      return t(error.code === 'csrf' ? 'forms.apiErrors.csrf' : 'forms.apiErrors.forbidden');
    }
    if (error.status === 409 && error.field === 'version') return t('conflict.title');
    if (error.status === 0) return t('forms.apiErrors.network');
  }
  return t('forms.saveFailed', { message: serverErrorMessage(error, t) });
}
