import { join } from 'node:path';
import { QUARTERS } from '@targetline/core';
import { createPgTestRepository, createSqliteRepository, type Repository } from '@targetline/db';
import { buildApp } from '../app';
import { type AuthSettings, type MailSettings, ROOT_DIR } from '../config';
import type { Mailer } from '../notify/mailer';
import { DEMO_PASSWORD, seedDemo } from '../seed';

export const DEMO_DATA = join(ROOT_DIR, 'data/demo-organisation.json');
/** The lowest cost the hasher accepts: tests stay fast; production refuses below 17. */
export const TEST_SCRYPT_LOG2N = 10;

type Options = {
  isSeeded?: boolean;
  now?: () => Date;
  /** The database's clock is `now` too (the times it stamps: submitted, decided, saved). */
  isClockShared?: boolean;
  auth?: Partial<AuthSettings>;
  mail?: MailSettings;
  mailer?: Mailer | null;
};

/**
 * The engine the API suite runs on: SQLite unless TARGETLINE_TEST_ENGINE=postgres (the
 * api-pg project of vitest.config.ts, with TARGETLINE_TEST_DATABASE_URL set).
 */
export const TEST_ENGINE: 'sqlite' | 'postgres' =
  process.env.TARGETLINE_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** A private, empty database on the suite's engine: in-memory SQLite, or a fresh PostgreSQL schema. */
export async function createTestRepository(
  options: { now?: () => Date } = {},
): Promise<Repository> {
  if (TEST_ENGINE === 'postgres') return createPgTestRepository(options);
  return createSqliteRepository({ path: ':memory:', ...options });
}

/** A fresh app on a private database holding the demo organisation and accounts; close it after. */
export async function buildTestApp({
  isSeeded = true,
  now,
  isClockShared = false,
  auth = {},
  mail,
  mailer,
}: Options = {}) {
  const repository = await createTestRepository(isClockShared && now ? { now } : {});
  if (isSeeded) {
    await seedDemo(repository, DEMO_DATA, { hasAccounts: true, scryptLog2N: TEST_SCRYPT_LOG2N });
  }
  const app = await buildApp({
    repository,
    auth: { scryptLog2N: TEST_SCRYPT_LOG2N, ...auth },
    ...(now && { now }),
    ...(mail && { mail }),
    ...(mailer !== undefined && { mailer }),
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
  // The review of every quarter of the demo's year and the next: rounds and reports.
  const quarters = [2023, 2024].flatMap((year) => QUARTERS.map((quarter) => ({ year, quarter })));
  const rounds = await Promise.all(quarters.map((q) => repository.getRound(q.year, q.quarter)));
  const reports = await Promise.all(quarters.map((q) => repository.listReports(q.year, q.quarter)));
  const directions = await repository.listDirections({});
  return { years, entries, audit, locks, users, rounds, reports, directions };
}
