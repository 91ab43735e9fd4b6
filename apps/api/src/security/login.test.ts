import { afterEach, describe, expect, it, vi } from 'vitest';
import * as password from '../auth/password';
import type { AuthSettings } from '../config';
import { buildTestApp, TEST_SCRYPT_LOG2N } from '../test/helpers';

// Every password check is observed: an unknown user must cost one scrypt run at the
// configured cost, exactly as a wrong password does, so the answer's timing tells nothing.
vi.mock('../auth/password', async (importOriginal) => {
  const original = await importOriginal<typeof password>();
  return { ...original, verifyPassword: vi.fn(original.verifyPassword) };
});
const verify = vi.mocked(password.verifyPassword);

let ctx: Awaited<ReturnType<typeof buildTestApp>> | undefined;
afterEach(async () => {
  await ctx?.app.close();
  ctx = undefined;
  verify.mockClear();
});

const postLogin = (
  username: string,
  pass: string,
  { ip = '127.0.0.1', headers = {} }: { ip?: string; headers?: Record<string, string> } = {},
) =>
  ctx?.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password: pass },
    remoteAddress: ip,
    headers,
  }) ?? Promise.reject(new Error('no app'));

const costOf = (hash: string) => Number(hash.split('$')[1]);

describe('log-in answers', () => {
  it('are the same for an unknown user, a wrong password and a disabled account, each after one scrypt run at the configured cost', async () => {
    ctx = await buildTestApp();
    await ctx.repository.updateUser({ id: 3, patch: { isDisabled: true }, actor: 'admin' });
    const answers = [];
    for (const [username, pass] of [
      ['nobody-of-that-name', 'targetline-demo'],
      ['director', 'not the password'],
      ['viewer', 'targetline-demo'],
    ] as const) {
      verify.mockClear();
      const res = await postLogin(username, pass);
      expect(verify, username).toHaveBeenCalledTimes(1);
      const [, hash] = verify.mock.calls[0] ?? [];
      expect(costOf(hash ?? ''), username).toBe(TEST_SCRYPT_LOG2N);
      answers.push({ status: res.statusCode, body: res.json(), cookies: res.cookies.length });
    }
    expect(answers[0]).toEqual({
      status: 401,
      body: { error: 'unauthorized', message: expect.any(String) },
      cookies: 0,
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });
});

describe('the log-in limit per address', () => {
  const guess = async (count: number, options: Parameters<typeof postLogin>[2]) => {
    const codes: number[] = [];
    for (let i = 0; i < count; i++)
      codes.push((await postLogin(`user-${i}`, 'x', options)).statusCode);
    return codes;
  };
  const rotating = (i: number) => `198.51.100.${i % 250}`;

  it('is not dodged by a client-written X-Forwarded-For while TRUST_PROXY is off', async () => {
    ctx = await buildTestApp();
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await postLogin(`user-${i}`, 'x', {
        ip: '203.0.113.5',
        headers: { 'x-forwarded-for': rotating(i) },
      });
      codes.push(res.statusCode);
    }
    expect(codes.filter((c) => c === 401)).toHaveLength(20);
    expect(codes.at(-1)).toBe(429);
  });

  it.each<[string, AuthSettings['trustProxy']]>([
    ['on (one hop)', 1],
    ['a list naming the proxy', ['127.0.0.1']],
  ])(
    'behind a proxy with TRUST_PROXY %s, counts the address the proxy saw, whatever the client wrote before it',
    async (_name, trustProxy) => {
      ctx = await buildTestApp({ auth: { trustProxy } });
      // nginx's $proxy_add_x_forwarded_for: what the client sent, then the address it saw.
      const codes: number[] = [];
      for (let i = 0; i < 21; i++) {
        const res = await postLogin(`user-${i}`, 'x', {
          ip: '127.0.0.1',
          headers: { 'x-forwarded-for': `${rotating(i)}, 203.0.113.7` },
        });
        codes.push(res.statusCode);
      }
      expect(codes.filter((c) => c === 401)).toHaveLength(20);
      expect(codes.at(-1)).toBe(429);
      // Another client behind the same proxy has a limit of its own.
      const other = await postLogin('user-x', 'x', {
        ip: '127.0.0.1',
        headers: { 'x-forwarded-for': '203.0.113.8' },
      });
      expect(other.statusCode).toBe(401);
    },
  );

  it('ignores X-Forwarded-For from an address that is not a listed proxy', async () => {
    ctx = await buildTestApp({ auth: { trustProxy: ['10.0.0.1'] } });
    const codes = await guess(21, {
      ip: '203.0.113.9',
      headers: { 'x-forwarded-for': '198.51.100.1' },
    });
    expect(codes.at(-1)).toBe(429);
    const behindProxy = await postLogin('user-y', 'x', {
      ip: '10.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    // The proxy speaks for 203.0.113.9, whose limit is used up.
    expect(behindProxy.statusCode).toBe(429);
  });
});
