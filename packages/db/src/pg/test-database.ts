import { randomBytes } from 'node:crypto';
import { createPgRepository, type PgRepositoryOptions } from './repository';

/**
 * The PostgreSQL server tests run against: a URL of a database in which the role may create
 * schemas. Unset, the PostgreSQL tests are skipped (CI sets it).
 */
export const pgTestUrl = (): string | undefined =>
  process.env.TARGETLINE_TEST_DATABASE_URL?.trim() || undefined;

/** `url` pointed at `schema` through its search_path, as an operator would set DATABASE_URL. */
export function withSearchPath(url: string, schema: string): string {
  const options = encodeURIComponent(`-c search_path=${schema}`);
  return `${url}${url.includes('?') ? '&' : '?'}options=${options}`;
}

/** A fresh, unique schema name: tests never see each other's tables. */
export const testSchemaName = () =>
  `test_${process.pid}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

/**
 * A PostgreSQL repository in a schema of its own, migrated and empty; close() drops the
 * schema. Test-only, for the db package's and the API's tests on PostgreSQL.
 */
export async function createPgTestRepository(
  options: Omit<PgRepositoryOptions, 'url' | 'schema'> & { url?: string } = {},
) {
  const url = options.url ?? pgTestUrl();
  if (!url) throw new Error('TARGETLINE_TEST_DATABASE_URL is not set');
  const schema = testSchemaName();
  const repository = await createPgRepository({ maxConnections: 4, ...options, url, schema });
  return {
    ...repository,
    schema,
    async close() {
      try {
        await repository.pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await repository.close();
      }
    },
  };
}
