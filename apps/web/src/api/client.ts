import type { ApiRoutes, ErrorBody, RouteKey } from '@targetline/contract';

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
  /** Seconds the server asked us to wait (`Retry-After` on a 503), when it said. */
  readonly retryAfter: number | undefined;

  constructor({
    status,
    code,
    message,
    field,
    current,
    lock,
    retryAfter,
  }: {
    status: number;
    code: string;
    message: string;
    field?: string | undefined;
    current?: unknown;
    lock?: unknown;
    retryAfter?: number | undefined;
  }) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.current = current;
    this.lock = lock;
    this.retryAfter = retryAfter;
  }
}

/** The API's one error shape, `{ error, message, field? }`, on every 4xx/5xx. */
function isApiErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return (
    typeof body.error === 'string' &&
    typeof body.message === 'string' &&
    (body.field === undefined || typeof body.field === 'string')
  );
}

/** `Retry-After` in seconds; its HTTP-date form is not used by our API, so it is ignored. */
function retryAfterOf(response: Response): number | undefined {
  const value = response.headers.get('retry-after');
  if (value === null || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value.trim());
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = retryAfterOf(response);
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
      retryAfter,
    });
  }
  return new ApiError({
    status: response.status,
    code: 'http_error',
    message: `${response.status} ${response.statusText}`.trim(),
    retryAfter,
  });
}

/** One part of a request: required where the route has it, absent where it has none. */
type Part<Name extends string, T> = [T] extends [undefined]
  ? { [P in Name]?: never }
  : { [P in Name]: T };

/**
 * What a route takes, from the contract: `params` for the `:names` of its path, `query`,
 * `body` (JSON). `{}` for a route that takes nothing.
 */
export type RequestInput<K extends RouteKey> = Part<'params', ApiRoutes[K]['params']> &
  Part<'query', ApiRoutes[K]['query']> &
  Part<'body', ApiRoutes[K]['body']>;

/** What a route answers when it succeeds (undefined for 204 No Content). */
export type ResponseOf<K extends RouteKey> = ApiRoutes[K]['response'];

type Scalar = string | number | boolean;

/**
 * The path under `/api` of a route with its parameters filled in and its query appended in
 * the order given; undefined query values are left out, a list repeats its name.
 */
export function pathOf<K extends RouteKey>(route: K, { params, query }: RequestInput<K>): string {
  const template = route.slice(route.indexOf(' ') + 1);
  const values = (params ?? {}) as Record<string, Scalar>;
  const path = template.replace(/:(\w+)/g, (_, name: string) =>
    encodeURIComponent(String(values[name])),
  );
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if (value === undefined) continue;
    for (const one of [value].flat() as Scalar[]) search.append(name, String(one));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

type RequestOptions = {
  signal?: AbortSignal | undefined;
  /**
   * The session's CSRF token; the API refuses any write without it (403 `csrf`).
   * Sent on every method but GET; callers take it from the cached session.
   */
  csrfToken?: string | undefined;
};

/**
 * Calls a route of the API and returns its parsed JSON (undefined for 204 No Content), typed
 * by the contract: `request('GET /summary', { query: { year: 2023 } })`. The session cookie
 * goes along (same origin). Throws an `ApiError` for any non-2xx answer or a failed network
 * request.
 */
export async function request<K extends RouteKey>(
  route: K,
  input: RequestInput<K>,
  { signal, csrfToken }: RequestOptions = {},
): Promise<ResponseOf<K>> {
  const method = route.slice(0, route.indexOf(' '));
  const { body } = input as { body?: unknown };
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken !== undefined) headers['x-csrf-token'] = csrfToken;
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (signal) init.signal = signal;
  if (body !== undefined) init.body = JSON.stringify(body);

  let response: Response;
  try {
    response = await fetch(`/api${pathOf(route, input)}`, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({
      status: 0,
      code: 'network_error',
      message: cause instanceof Error ? cause.message : String(cause),
    });
  }

  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as ResponseOf<K>;
  return (await response.json()) as ResponseOf<K>;
}
