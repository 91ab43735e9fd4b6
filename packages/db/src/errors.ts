export type DbErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'LOCKED';

/**
 * A typed failure the API turns into 404 / 409 / 423; anything else is a 500.
 * `details` carries what the client needs to recover: the current value on a conflict, the
 * lock on a locked quarter.
 */
export class DbError extends Error {
  readonly code: DbErrorCode;
  readonly field: string | undefined;
  readonly details: unknown;

  constructor(
    code: DbErrorCode,
    message: string,
    options: { field?: string; details?: unknown } = {},
  ) {
    super(message);
    this.name = 'DbError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }
}
