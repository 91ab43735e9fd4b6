import { vi } from 'vitest';
import { entries2023, summary2023, units } from './fixtures';

export type ApiRequest = {
  method: string;
  /** Path and query, e.g. "/api/summary?year=2023". */
  path: string;
  body: unknown;
};

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

const defaultRoutes: Record<string, () => Response> = {
  'GET /api/years': () => jsonResponse([2023]),
  'GET /api/units': () => jsonResponse(units),
  'GET /api/summary?year=2023': () => jsonResponse(summary2023),
  'GET /api/entries?year=2023': () => jsonResponse(entries2023),
};

/**
 * Replaces `fetch` with a fake API serving the 2023 fixtures. `handle` answers
 * first; returning undefined falls through to the fixtures. PUTs echo their
 * body unless handled.
 */
export function mockApi(handle?: (request: ApiRequest) => Response | undefined) {
  const requests: ApiRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const request: ApiRequest = {
      method: init?.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    requests.push(request);
    const handled = handle?.(request);
    if (handled) return handled;
    const route = defaultRoutes[`${request.method} ${request.path}`];
    if (route) return route();
    if (request.method === 'PUT') return jsonResponse({ ...(request.body as object), version: 2 });
    return jsonResponse({ error: 'Not Found', message: `No route ${request.path}` }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, requests };
}
