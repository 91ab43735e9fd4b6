import { type ErrorBody, PATTERN_RULES } from '@targetline/contract';
import { findHiddenCharacter } from '@targetline/core';
import { DbError, type StorageFault, storageFaultOf } from '@targetline/db';
import type { FastifyError, FastifyInstance } from 'fastify';

type AjvError = {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
  /** The value that failed (body validation is verbose). */
  data?: unknown;
};

/** "/quarterTargets/2" → "quarterTargets[2]"; a missing or unknown property names itself. */
export function fieldOf(err: AjvError): string | undefined {
  const path = err.instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`))
    .join('')
    .replace(/^\./, '');
  const child =
    typeof err.params.missingProperty === 'string'
      ? err.params.missingProperty
      : typeof err.params.additionalProperty === 'string'
        ? err.params.additionalProperty
        : undefined;
  if (child !== undefined) return path ? `${path}.${child}` : child;
  return path || undefined;
}

function describe(err: AjvError, field: string | undefined): string {
  const name = field ?? 'the request';
  switch (err.keyword) {
    case 'required':
      return `${name} is required`;
    case 'additionalProperties':
      return `${name} is not a known field`;
    case 'type': {
      const types = String(err.params.type)
        .split(',')
        .map((t) => (t === 'integer' ? 'a whole number' : t === 'null' ? 'null' : `a ${t}`));
      return `${name} must be ${types.join(' or ')}`;
    }
    case 'minimum':
      return `${name} must be at least ${String(err.params.limit)}`;
    case 'maximum':
      return `${name} must be at most ${String(err.params.limit)}`;
    case 'minItems':
      return `${name} must list at least ${String(err.params.limit)} items`;
    case 'maxItems':
      return `${name} must list at most ${String(err.params.limit)} items`;
    case 'pattern': {
      const rule = PATTERN_RULES[String(err.params.pattern)];
      return `${name} ${rule ?? err.message ?? 'is not valid'}`;
    }
    default:
      return `${name} ${err.message ?? 'is not valid'}`;
  }
}

const DB_ERRORS = {
  NOT_FOUND: { status: 404, code: 'not_found' },
  CONFLICT: { status: 409, code: 'conflict' },
  LOCKED: { status: 423, code: 'locked' },
  BAD_REQUEST: { status: 400, code: 'bad_request' },
} as const;

/** What the user is told about a storage fault: why, in words they can pass on. */
const FAULT_REASONS: Record<StorageFault, string> = {
  busy: 'it is locked by another process, such as a backup',
  read_only: 'it is read-only',
  full: 'the disk is full',
  io: 'the disk reported an error',
  unreachable: 'the database cannot be reached',
};

/** Seconds a client should wait before retrying after a storage fault. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;

const STATUS_CODES: Record<number, string> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  428: 'precondition_required',
  429: 'too_many_requests',
};

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation && error.validation.length > 0) {
      const first = error.validation[0] as AjvError;
      const field = fieldOf(first);
      // A pattern refused a character nobody sees: say which one, or the user cannot find it.
      const hidden =
        first.keyword === 'pattern' && typeof first.data === 'string'
          ? findHiddenCharacter(first.data)
          : null;
      const payload: ErrorBody = {
        error: hidden ? 'hidden_character' : 'bad_request',
        message: hidden
          ? `${field ?? 'the request'} holds a hidden character (${hidden.label} at position ${hidden.index + 1}), such as a right-to-left override, a zero-width space or a control character, which can make it look like another; type it again without it`
          : describe(first, field),
        ...(field !== undefined && { field }),
      };
      return reply.status(400).send(payload);
    }
    if (error instanceof DbError) {
      const { status, code } = DB_ERRORS[error.code];
      const details = (error.details ?? {}) as { current?: unknown };
      return reply.status(status).send({
        error: error.reason ?? code,
        message: error.message,
        ...(error.field !== undefined && { field: error.field }),
        ...(error.code === 'CONFLICT' && 'current' in details && { current: details.current }),
        ...(error.code === 'LOCKED' && { lock: error.details }),
      });
    }
    const fault = storageFaultOf(error);
    if (fault) {
      // Not a bug and not the request's fault: the same request can succeed once the
      // storage is back, and the transaction was rolled back, so nothing was saved.
      request.log.warn({ err: error, fault }, 'storage unavailable');
      const isRead = request.method === 'GET' || request.method === 'HEAD';
      return reply
        .status(503)
        .header('retry-after', String(STORAGE_RETRY_AFTER_SECONDS))
        .send({
          error: 'unavailable',
          message: isRead
            ? `The database cannot be read right now (${FAULT_REASONS[fault]}); try again in a moment`
            : `The database cannot be written right now (${FAULT_REASONS[fault]}); try again in a moment — nothing was saved`,
        });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(500).send({
        error: 'internal_error',
        message: 'Something went wrong on the server; nothing was saved. Please try again.',
      });
    }
    const field = (error as FastifyError & { field?: string }).field;
    return reply.status(status).send({
      error: STATUS_CODES[status] ?? 'bad_request',
      message: error.message,
      ...(field !== undefined && { field }),
    });
  });
}
