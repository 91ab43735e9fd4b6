import type { Locale } from '@targetline/core';
import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import { saveErrorMessage } from '../forms/save-error';

/** How a refused admin write is shown: beside a field, or above the buttons. */
export type AdminErrorView = {
  /** The form field the error belongs to (`unitIds[0]` → `unitIds`). */
  field?: string;
  message: string;
  /** A 409 on `version`: someone else changed the record; the list has been reloaded. */
  isStale: boolean;
};

const FIELD_MESSAGES = {
  username: 'admin.users.usernameTaken',
  code: 'admin.units.codeTaken',
  parentId: 'admin.units.parentInvalid',
} as const;

/**
 * Our words for the conflicts we know (a taken username or code, a unit moved under itself,
 * a stale version); the API's message beside the named field for any other 400/409.
 */
export function adminErrorView(error: unknown, t: TFunction, locale: Locale): AdminErrorView {
  if (error instanceof ApiError && (error.status === 400 || error.status === 409)) {
    if (error.status === 409 && error.field === 'version') {
      return { message: t('admin.stale'), isStale: true };
    }
    const field = error.field?.replace(/[.[].*$/, '');
    if (field) {
      const known = error.status === 409 && field in FIELD_MESSAGES;
      return {
        field,
        message: known ? t(FIELD_MESSAGES[field as keyof typeof FIELD_MESSAGES]) : error.message,
        isStale: false,
      };
    }
  }
  return { message: saveErrorMessage(error, t, locale), isStale: false };
}
