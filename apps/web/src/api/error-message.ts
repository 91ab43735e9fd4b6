import type { TFunction } from 'i18next';
import { ApiError } from './client';

/** The API's error codes (`error` in `{ error, message, field? }`) that have a sentence of their own. */
const BY_CODE = {
  forbidden: 'forbidden',
  csrf: 'csrf',
  not_found: 'notFound',
  locked: 'locked',
  state: 'state',
  last_admin: 'lastAdmin',
  causes_required: 'causesRequired',
  too_many_requests: 'tooManyRequests',
  payload_too_large: 'tooLarge',
  unsupported_media_type: 'unsupportedType',
  precondition_required: 'preconditionRequired',
  import_invalid: 'importInvalid',
  bad_request_target: 'badRequest',
  unauthorized: 'unauthorized',
} as const;
type KnownCode = keyof typeof BY_CODE;

const FIELD_NAMES = [
  'amount',
  'annualPlan',
  'assignedPlan',
  'quarterTargets',
  'actual',
  'comment',
  'reason',
  'version',
  'name',
  'code',
  'parentId',
  'username',
  'displayName',
  'password',
  'role',
  'unitIds',
  'email',
  'locale',
  'deadline',
  'basis',
  'results',
  'causes',
  'difficulties',
  'proposals',
  'nextQuarterExpected',
  'text',
  'year',
  'quarter',
  'unitId',
  'dueYear',
  'dueQuarter',
  'progressNote',
  'daysBefore',
] as const;
type FieldName = (typeof FIELD_NAMES)[number];

/**
 * The field a 400 names, in words ("quarterTargets[2]" → "Chỉ tiêu quý"), or undefined for a
 * field we have no word for: the API's own name for it is English and code, not for users.
 */
export function fieldInWords(field: string | undefined, t: TFunction): string | undefined {
  if (field === undefined) return undefined;
  // "plans[3].annualPlan" → "annualPlan"; "quarterTargets[2]" → "quarterTargets".
  const last = field
    .split('.')
    .at(-1)
    ?.replace(/\[\d+\]$/, '');
  if (last === undefined || !(FIELD_NAMES as readonly string[]).includes(last)) return undefined;
  return t(`serverErrors.fields.${last as FieldName}`);
}

/**
 * What to tell the user about a failed API call, always in the UI's language: the API's
 * `message` is English written for logs and developers, and a proxy's or the browser's text
 * ("Failed to fetch", "503 Service Unavailable") is neither ours nor translated. So the
 * sentence is chosen by the status and the error code; a code we do not know gets a generic
 * sentence, never the server's text.
 */
export function serverErrorMessage(error: unknown, t: TFunction): string {
  if (!(error instanceof ApiError)) return t('serverErrors.generic');
  if (error.status === 0) return t('serverErrors.network');
  if (error.status === 503) {
    return error.retryAfter !== undefined
      ? t('serverErrors.unavailable', { seconds: error.retryAfter })
      : t('serverErrors.unavailableNoWait');
  }
  if (error.status >= 500) return t('serverErrors.server');
  const field = fieldInWords(error.field, t);
  if (error.code === 'hidden_character') {
    return field !== undefined
      ? t('serverErrors.hiddenCharacter', { field })
      : t('serverErrors.badRequest');
  }
  if (error.code === 'bad_request') {
    return field !== undefined
      ? t('serverErrors.badField', { field })
      : t('serverErrors.badRequest');
  }
  if (error.code === 'conflict') {
    return field !== undefined && error.field !== 'version'
      ? t('serverErrors.conflictField', { field })
      : t('serverErrors.conflict');
  }
  if (Object.hasOwn(BY_CODE, error.code)) {
    return t(`serverErrors.${BY_CODE[error.code as KnownCode]}`);
  }
  if (error.status === 401) return t('serverErrors.unauthorized');
  if (error.status === 403) return t('serverErrors.forbidden');
  if (error.status === 404) return t('serverErrors.notFound');
  if (error.status === 409) return t('serverErrors.conflict');
  if (error.status === 423) return t('serverErrors.locked');
  if (error.status === 400) {
    return field !== undefined
      ? t('serverErrors.badField', { field })
      : t('serverErrors.badRequest');
  }
  return t('serverErrors.generic');
}
