import { join } from 'node:path';
import { createSqliteRepository } from '@targetline/db';
import { buildApp } from '../app';
import { ROOT_DIR } from '../config';
import { seedDemo } from '../seed';

export const DEMO_DATA = join(ROOT_DIR, 'data/demo-organisation.json');

/** A fresh app on a private in-memory database holding the demo organisation; close it after. */
export async function buildTestApp({ isSeeded = true }: { isSeeded?: boolean } = {}) {
  const repository = createSqliteRepository({ path: ':memory:' });
  if (isSeeded) await seedDemo(repository, DEMO_DATA);
  const app = await buildApp({ repository });
  await app.ready();
  return { app, repository };
}

/** Everything a write could touch, to prove that a refused request changed nothing. */
export async function snapshot(repository: Awaited<ReturnType<typeof buildTestApp>>['repository']) {
  const years = await repository.listYears();
  const entries = await Promise.all([...years, 2024].map((y) => repository.getYearEntries(y)));
  const audit = await repository.listAudit({ limit: 10_000 });
  return { years, entries, audit };
}
