// The PostgreSQL engine, loaded when first used: pg, drizzle's node-postgres driver and the
// engine's modules are 45 ms of a server start (measured on the bench machine), which a
// server on SQLite never needs. The index exports these, so nothing imports pg statically.
import type * as MigrateData from './migrate-data';
import type * as PgRepository from './repository';
import type * as TestDatabase from './test-database';

/** See `createPgRepository` in ./repository. */
export const createPgRepository = async (
  ...args: Parameters<typeof PgRepository.createPgRepository>
) => (await import('./repository')).createPgRepository(...args);

/** See `migrateData` in ./migrate-data. */
export const migrateData = async (...args: Parameters<typeof MigrateData.migrateData>) =>
  (await import('./migrate-data')).migrateData(...args);

/** See `createPgTestRepository` in ./test-database. */
export const createPgTestRepository = async (
  ...args: Parameters<typeof TestDatabase.createPgTestRepository>
) => (await import('./test-database')).createPgTestRepository(...args);
