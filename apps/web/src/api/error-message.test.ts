import { WORDS } from '@targetline/core';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './client';
import { serverErrorMessage } from './error-message';

let vi: TFunction;
let en: TFunction;
beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({
    lng: 'vi',
    resources: { vi: { translation: WORDS.vi }, en: { translation: WORDS.en } },
    interpolation: { escapeValue: false },
  });
  vi = instance.getFixedT('vi');
  en = instance.getFixedT('en');
});

const apiError = (
  status: number,
  code: string,
  extra: { field?: string; retryAfter?: number } = {},
) => new ApiError({ status, code, message: 'The English sentence of the server', ...extra });

describe('serverErrorMessage', () => {
  it('says a network failure in the UI language, not the browser’s "Failed to fetch"', () => {
    const error = new ApiError({ status: 0, code: 'network_error', message: 'Failed to fetch' });
    expect(serverErrorMessage(error, vi)).toBe(WORDS.vi.serverErrors.network);
    expect(serverErrorMessage(error, en)).toBe(WORDS.en.serverErrors.network);
  });

  it('tells how long to wait on a 503 with Retry-After, and something sensible without it', () => {
    expect(serverErrorMessage(apiError(503, 'unavailable', { retryAfter: 2 }), vi)).toBe(
      'Cơ sở dữ liệu đang bận, chưa có gì được lưu. Hãy thử lại sau 2 giây.',
    );
    expect(serverErrorMessage(apiError(503, 'http_error'), vi)).toBe(
      WORDS.vi.serverErrors.unavailableNoWait,
    );
  });

  it('gives any other 5xx the server-error sentence', () => {
    expect(serverErrorMessage(apiError(500, 'internal_error'), vi)).toBe(
      WORDS.vi.serverErrors.server,
    );
    expect(serverErrorMessage(apiError(502, 'http_error'), vi)).toBe(WORDS.vi.serverErrors.server);
  });

  it('names the field of a 400 in words, its index and path left out', () => {
    expect(
      serverErrorMessage(apiError(400, 'bad_request', { field: 'quarterTargets[2]' }), vi),
    ).toBe('“Chỉ tiêu quý” không hợp lệ. Hãy kiểm tra rồi thử lại.');
    expect(serverErrorMessage(apiError(400, 'bad_request', { field: 'comment' }), en)).toBe(
      '“Reason” is not valid. Check it, then try again.',
    );
    expect(serverErrorMessage(apiError(400, 'hidden_character', { field: 'name' }), vi)).toContain(
      '“Tên” có ký tự ẩn',
    );
  });

  it('does not show a field name it has no word for', () => {
    const message = serverErrorMessage(apiError(400, 'bad_request', { field: 'frobnicate' }), vi);
    expect(message).toBe(WORDS.vi.serverErrors.badRequest);
    expect(message).not.toContain('frobnicate');
  });

  it.each([
    [403, 'forbidden', 'forbidden'],
    [403, 'csrf', 'csrf'],
    [404, 'not_found', 'notFound'],
    [409, 'state', 'state'],
    [409, 'last_admin', 'lastAdmin'],
    [400, 'causes_required', 'causesRequired'],
    [429, 'too_many_requests', 'tooManyRequests'],
    [401, 'unauthorized', 'unauthorized'],
  ] as const)('gives %i %s its own sentence', (status, code, key) => {
    expect(serverErrorMessage(apiError(status, code), vi)).toBe(WORDS.vi.serverErrors[key]);
  });

  it('falls back to a sentence in the UI language for a code it does not know', () => {
    const message = serverErrorMessage(apiError(418, 'teapot'), vi);
    expect(message).toBe(WORDS.vi.serverErrors.generic);
    expect(message).not.toContain('English');
    expect(serverErrorMessage(new Error('boom'), vi)).toBe(WORDS.vi.serverErrors.generic);
  });
});
