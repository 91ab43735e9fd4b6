/** The API's one error shape: `{ error, message, field? }` on every 4xx/5xx. */
export type ApiErrorBody = {
  error: string;
  message: string;
  field?: string;
};

/**
 * A failed API call. `status` is the HTTP status, or 0 when the request never
 * got a response (network down, API not running). `field` names the request
 * field a 400 is about, so a form can highlight it.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;

  constructor({
    status,
    code,
    message,
    field,
  }: {
    status: number;
    code: string;
    message: string;
    field?: string | undefined;
  }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
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
    });
  }
  return new ApiError({
    status: response.status,
    code: 'http_error',
    message: `${response.status} ${response.statusText}`.trim(),
  });
}

type RequestOptions = {
  method?: 'GET' | 'PUT';
  body?: unknown;
  signal?: AbortSignal | undefined;
};

/**
 * Calls the API at a path under `/api` and returns its parsed JSON.
 * Throws an `ApiError` for any non-2xx answer or a failed network request.
 */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal } = options;
  const init: RequestInit = { method, headers: { Accept: 'application/json' } };
  if (signal) init.signal = signal;
  if (body !== undefined) {
    init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }

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
  return (await response.json()) as T;
}
