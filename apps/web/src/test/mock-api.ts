import type { ReportRecord, SessionUser } from '@targetline/contract';
import type { Quarter } from '@targetline/core';
import { vi } from 'vitest';
import { entries2023, sessionOf, summary2023, units, users } from './fixtures';

export type ApiRequest = {
  method: string;
  /** Path and query, e.g. "/api/summary?year=2023". */
  path: string;
  body: unknown;
  /** Request headers, lower-cased names. */
  headers: Record<string, string>;
};

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

export const DEMO_PASSWORD = 'targetline-demo';

const defaultRoutes: Record<string, () => Response> = {
  'GET /api/years': () => jsonResponse([2023]),
  'GET /api/units': () => jsonResponse(units),
  'GET /api/summary?year=2023': () => jsonResponse(summary2023),
  'GET /api/entries?year=2023': () => jsonResponse(entries2023),
  'GET /api/locks?year=2023': () => jsonResponse([]),
  'GET /api/notifications': () => jsonResponse([]),
};

/** A unit's report before anything is saved, as the API answers it. */
export function notStartedReport(key: {
  unitId: number;
  year: number;
  quarter: Quarter;
}): ReportRecord {
  return {
    ...key,
    state: 'not_started',
    basis: null,
    amount: null,
    estimateAmount: null,
    actualVersion: 0,
    results: '',
    causes: '',
    difficulties: '',
    proposals: '',
    nextQuarterExpected: null,
    submittedAt: null,
    submittedBy: null,
    decidedAt: null,
    decidedBy: null,
    returnReason: null,
    version: 0,
    updatedAt: null,
    updatedBy: null,
  };
}

/**
 * The review cycle before anything happened in it: no round open in any quarter, every
 * report not started. A test that needs more answers those requests itself.
 */
function reviewFallback(method: string, path: string): Response | undefined {
  if (method !== 'GET') return undefined;
  // No direction recorded yet, whatever the filter.
  if (path === '/api/directions' || path.startsWith('/api/directions?')) return jsonResponse([]);
  const round = /^\/api\/reviews\/(\d+)\/([1-4])$/.exec(path);
  if (round) {
    return jsonResponse({
      year: Number(round[1]),
      quarter: Number(round[2]),
      deadline: null,
      version: 0,
      updatedAt: null,
      updatedBy: null,
      units: [],
    });
  }
  const report = /^\/api\/reports\/(\d+)\/(\d+)\/([1-4])$/.exec(path);
  if (report) {
    return jsonResponse(
      notStartedReport({
        unitId: Number(report[1]),
        year: Number(report[2]),
        quarter: Number(report[3]) as Quarter,
      }),
    );
  }
  return undefined;
}

type MockOptions = {
  /** Who is logged in when the app starts; null starts at the log-in page. Default: admin. */
  user?: SessionUser | null;
};

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const headers = new Headers(init?.headers);
  return Object.fromEntries(headers.entries());
}

/**
 * Replaces `fetch` with a fake API serving the 2023 fixtures. `handle` answers
 * first; returning undefined falls through to the fixtures. The session is
 * kept like the API does: log-in sets it, log-out ends it. PUTs echo their
 * body with the next version unless handled.
 */
export function mockApi(
  handle?: (request: ApiRequest) => Response | Promise<Response> | undefined,
  { user = users.admin }: MockOptions = {},
) {
  const requests: ApiRequest[] = [];
  let sessionUser = user;
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const request: ApiRequest = {
      method: init?.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: headersOf(init),
    };
    requests.push(request);
    const handled = await handle?.(request);
    if (handled) return handled;
    const key = `${request.method} ${request.path}`;
    if (key === 'GET /api/session') {
      return sessionUser
        ? jsonResponse(sessionOf(sessionUser))
        : jsonResponse({ error: 'unauthorized', message: 'Please log in' }, 401);
    }
    if (key === 'POST /api/session') {
      const { username, password } = request.body as { username: string; password: string };
      const found = Object.values(users).find((u) => u.username === username);
      if (!found || password !== DEMO_PASSWORD) {
        return jsonResponse(
          { error: 'unauthorized', message: 'The username or password is not right' },
          401,
        );
      }
      sessionUser = found;
      return jsonResponse(sessionOf(found));
    }
    if (key === 'DELETE /api/session') {
      sessionUser = null;
      return new Response(null, { status: 204 });
    }
    const route = defaultRoutes[key];
    if (route) return route();
    const fallback = reviewFallback(request.method, url.pathname);
    if (fallback) return fallback;
    if (request.method === 'PUT') {
      const body = request.body as { version?: number };
      return jsonResponse({ ...body, version: (body.version ?? 0) + 1 });
    }
    return jsonResponse({ error: 'Not Found', message: `No route ${request.path}` }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return {
    fetchMock,
    requests,
    /** The requests that change something, without their headers. */
    writes: () =>
      requests
        .filter((r) => r.method !== 'GET')
        .map(({ method, path, body }) => ({ method, path, body })),
    logIn: (next: SessionUser) => {
      sessionUser = next;
    },
  };
}
