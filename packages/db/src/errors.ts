export type DbErrorCode = 'NOT_FOUND' | 'CONFLICT';

/** A typed failure the API turns into 404 / 409; anything else is a 500. */
export class DbError extends Error {
  readonly code: DbErrorCode;
  readonly field: string | undefined;

  constructor(code: DbErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'DbError';
    this.code = code;
    this.field = field;
  }
}
