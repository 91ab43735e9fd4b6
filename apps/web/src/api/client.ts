/** The API's one error shape: `{ error, message, field? }` on every 4xx/5xx. */
export type ApiErrorBody = {
  error: string;
  message: string;
  field?: string;
  /** On 409: the record as it is now. */
  current?: unknown;
  /** On 423: the lock that refused the write. */
  lock?: unknown;
};

/**
 * A failed API call. `status` is the HTTP status, or 0 when the request never
 * got a response (network down, API not running). `field` names the request
 * field a 400 is about, so a form can highlight it. `current` (409) and `lock`
 * (423) are passed on unchecked; `conflictOf` and `lockOf` read them.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly current: unknown;
  readonly lock: unknown;

  constructor({
    status,
    code,
    message,
    field,
    current,
    lock,
  }: {
    status: number;
    code: string;
    message: string;
    field?: string | undefined;
    current?: unknown;
    lock?: unknown;
  }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.current = current;
    this.lock = lock;
  }
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return (
    typeof body.error === 'string' &&
    typeof body.message === 'string' &&
    (body.field === undefined || typeof body.field === 'string')
  );
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A proxy or a crash may answer with HTML or nothing: fall back to the status line.
  }
  if (isApiErrorBody(body)) {
    return new ApiError({
      status: response.status,
      code: body.error,
      message: body.message,
      field: body.field,
      current: body.current,
      lock: body.lock,
    });
  }
  return new ApiError({
    status: response.status,
    code: 'http_error',
    message: `${response.status} ${response.statusText}`.trim(),
  });
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type RequestOptions = {
  method?: HttpMethod;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /**
   * The session's CSRF token; the API refuses any write without it (403 `csrf`).
   * Sent on every method but GET; callers take it from the cached session.
   */
  csrfToken?: string | undefined;
};

/**
 * Calls the API at a path under `/api` and returns its parsed JSON (undefined
 * for 204 No Content). The session cookie goes along (same origin).
 * Throws an `ApiError` for any non-2xx answer or a failed network request.
 */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal, csrfToken } = options;
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (signal) init.signal = signal;
  if (body !== undefined) init.body = JSON.stringify(body);

  let response: Response;
  try {
    response = await fetch(`/api${path}`, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      status: 0,
      code: 'network_error',
      message: cause instanceof Error ? cause.message : String(cause),
    });
  }

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
