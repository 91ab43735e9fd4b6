import { describe, expect, it, vi } from 'vitest';
import { jsonResponse } from '../test/mock-api';
import { ApiError, apiFetch } from './client';

describe('apiFetch', () => {
  it('calls the path under /api and returns the JSON', async () => {
    const fetchMock = vi.fn(async () => jsonResponse({ status: 'ok' }));
    vi.stubGlobal('fetch', fetchMock);
    await expect(apiFetch('/health')).resolves.toEqual({ status: 'ok' });
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
    await apiFetch('/actuals/2/2023/1', { method: 'PUT', body: { amount: 25_000_000_000 } });
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
    const error = await apiFetch('/actuals/2/2023/1', { method: 'PUT', body: {} }).catch(
      (e: unknown) => e,
    );
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
    await expect(apiFetch('/years')).rejects.toMatchObject({
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
    await expect(apiFetch('/years')).rejects.toMatchObject({
      status: 0,
      code: 'network_error',
      message: 'Failed to fetch',
    });
  });
});
