import { createPgRepository, type PgRepositoryOptions } from './repository';
import { pgTestUrl, testSchemaName } from './test-url';

export { pgTestUrl, testSchemaName, withSearchPath } from './test-url';

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
