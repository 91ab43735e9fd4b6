import { describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../test/mock-api';
import { ApiError, pathOf, request } from './client';

describe('request', () => {
  it('calls the path under /api and returns the JSON', async () => {
    const fetchMock = vi.fn(async () => jsonResponse({ status: 'ok' }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(request('GET /health', {})).resolves.toEqual({ status: 'ok' });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/health',
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('sends a body as JSON', async () => {
    const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
      jsonResponse({}),
    );
    vi.stubGlobal('fetch', fetchMock);
    await request('PUT /actuals/:unitId/:year/:quarter', {
      params: { unitId: 2, year: 2023, quarter: 1 },
      body: { amount: 25_000_000_000 },
    });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/actuals/2/2023/1');
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.body).toBe('{"amount":25000000000}');
    expect(init?.headers).toMatchObject({ 'Content-Type': 'application/json' });
  });

  it("throws an ApiError with the API's status, message and field", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        jsonResponse(
          { error: 'Bad Request', message: 'amount must be >= 0', field: 'amount' },
          400,
        ),
      ),
    );
    const error = await request('PUT /actuals/:unitId/:year/:quarter', {
      params: { unitId: 2, year: 2023, quarter: 1 },
      body: { amount: -1 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'Bad Request',
      message: 'amount must be >= 0',
      field: 'amount',
    });
  });

  it('falls back to the status line when the error body is not the API shape', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
      ),
    );
    await expect(request('GET /years', {})).rejects.toMatchObject({
      status: 502,
      message: '502 Bad Gateway',
      field: undefined,
    });
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(request('GET /years', {})).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
      message: 'Failed to fetch',
    });
  });
});

describe('pathOf', () => {
  it("fills in the route's parameters and appends its query in the order given", () => {
    expect(pathOf('GET /units/:id/history', { params: { id: 3 } })).toBe('/units/3/history');
    expect(pathOf('GET /summary', { query: { year: 2023, asOf: 2 } })).toBe(
      '/summary?year=2023&asOf=2',
    );
  });

  it('leaves out a query value that is not given and repeats a list', () => {
    expect(pathOf('GET /summary', { query: { year: 2023, asOf: undefined } })).toBe(
      '/summary?year=2023',
    );
    expect(pathOf('GET /export/summary.xlsx', { query: { year: [2022, 2023] } })).toBe(
      '/export/summary.xlsx?year=2022&year=2023',
    );
  });
});
