import { findHiddenCharacter, type Locale } from '@targetline/core';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/client';
import { serverErrorMessage } from '../../api/error-message';
import { saveErrorMessage } from '../../ui/fields/save-error';

/** How a refused admin write is shown: beside a field, or above the buttons. */
export type AdminErrorView = {
  /** The form field the error belongs to (`unitIds[0]` → `unitIds`). */
  field?: string;
  message: string;
  /** A 409 on `version`: someone else changed the record; the list has been reloaded. */
  isStale: boolean;
};

/** A 409 on these fields: the value is taken, or the move is not allowed. */
const CONFLICT_MESSAGES = {
  username: 'admin.users.usernameTaken',
  code: 'admin.units.codeTaken',
  parentId: 'admin.units.parentInvalid',
} as const;

/** A 400 on these fields: the value breaks the field's rule, which we state. */
const INVALID_MESSAGES = {
  username: 'admin.users.usernameInvalid',
  code: 'admin.units.codeInvalid',
  name: 'admin.nameInvalid',
  displayName: 'admin.nameInvalid',
} as const;

type MessageKey =
  | (typeof CONFLICT_MESSAGES)[keyof typeof CONFLICT_MESSAGES]
  | (typeof INVALID_MESSAGES)[keyof typeof INVALID_MESSAGES]
  | 'admin.hiddenCharacterSomewhere';

const messageKeyOf = (status: number, field: string): MessageKey | undefined => {
  const messages: Partial<Record<string, MessageKey>> =
    status === 409 ? CONFLICT_MESSAGES : INVALID_MESSAGES;
  return messages[field];
};

/**
 * Our words for the refusals we know (a taken username or code, a unit moved under itself,
 * a value that breaks its field's rule, a hidden character, the last admin going, a stale
 * version); for any other 400/409 the sentence of its code in the UI's language
 * (`serverErrorMessage`) beside the named field.
 */
export function adminErrorView(error: unknown, t: TFunction, locale: Locale): AdminErrorView {
  if (error instanceof ApiError && (error.status === 400 || error.status === 409)) {
    if (error.status === 409 && error.field === 'version') {
      return { message: t('admin.stale'), isStale: true };
    }
    if (error.status === 409 && error.code === 'last_admin') {
      // Not a mistake to fix in the form: nobody would be left to manage the accounts.
      const isDisabling = error.field === 'isDisabled';
      return {
        field: isDisabling ? 'isDisabled' : 'role',
        message: t(isDisabling ? 'admin.users.lastAdminDisabled' : 'admin.users.lastAdminRole'),
        isStale: false,
      };
    }
    const field = error.field?.replace(/[.[].*$/, '');
    if (field) {
      const key =
        error.code === 'hidden_character'
          ? 'admin.hiddenCharacterSomewhere'
          : messageKeyOf(error.status, field);
      return { field, message: key ? t(key) : serverErrorMessage(error, t), isStale: false };
    }
  }
  return { message: saveErrorMessage(error, t, locale), isStale: false };
}

/**
 * The form's own check of a required text field, as it will be sent (trimmed): missing, or
 * holding a hidden character, which is named since nobody can see it.
 */
export function requiredTextError(text: string, t: TFunction): string | undefined {
  const sent = text.trim();
  if (sent === '') return t('admin.required');
  const hidden = findHiddenCharacter(sent);
  return hidden ? t('admin.hiddenCharacter', { char: hidden.label }) : undefined;
}
