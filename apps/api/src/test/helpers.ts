import { join } from 'node:path';
import { createSqliteRepository } from '@targetline/db';
import { buildApp } from '../app';
import { ROOT_DIR } from '../config';
import { DEMO_PASSWORD, seedDemo } from '../seed';

export const DEMO_DATA = join(ROOT_DIR, 'data/demo-organisation.json');
/** The lowest cost the hasher accepts: tests stay fast; production refuses below 17. */
export const TEST_SCRYPT_LOG2N = 10;

type Options = { isSeeded?: boolean; now?: () => Date };

/** A fresh app on a private in-memory database holding the demo organisation and accounts; close it after. */
export async function buildTestApp({ isSeeded = true, now }: Options = {}) {
  const repository = createSqliteRepository({ path: ':memory:' });
  if (isSeeded) {
    await seedDemo(repository, DEMO_DATA, { hasAccounts: true, scryptLog2N: TEST_SCRYPT_LOG2N });
  }
  const app = await buildApp({
    repository,
    auth: { scryptLog2N: TEST_SCRYPT_LOG2N },
    ...(now && { now }),
  });
  await app.ready();
  return { app, repository };
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>['app'];

export type Agent = {
  cookie: string;
  csrfToken: string;
  /** Headers for a write: the session cookie, its CSRF token and JSON. */
  headers: Record<string, string>;
};

/** Logs in as a demo account and returns what a browser would hold. */
export async function login(
  app: TestApp,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Agent> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrfToken = res.json<{ csrfToken: string }>().csrfToken;
  return {
    cookie,
    csrfToken,
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
  };
}

/** Everything a write could touch, to prove that a refused request changed nothing. */
export async function snapshot(repository: Awaited<ReturnType<typeof buildTestApp>>['repository']) {
  const years = await repository.listYears();
  const entries = await Promise.all([...years, 2024].map((y) => repository.getYearEntries(y)));
  const audit = await repository.listAudit({ limit: 10_000 });
  const locks = await repository.listLocks();
  const users = await repository.listUsers();
  return { years, entries, audit, locks, users };
}
