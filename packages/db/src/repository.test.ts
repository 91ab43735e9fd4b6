import { createPgTestRepository, pgTestUrl } from './pg/test-database';
import { describeRepository } from './repository.contract';
import { createSqliteRepository } from './sqlite/repository';

describeRepository('SQLite', async ({ now }) => createSqliteRepository({ path: ':memory:', now }));

// Set TARGETLINE_TEST_DATABASE_URL to run the same contract on PostgreSQL.
describeRepository('PostgreSQL', async ({ now }) => createPgTestRepository({ now }), {
  isSkipped: pgTestUrl() === undefined,
});
