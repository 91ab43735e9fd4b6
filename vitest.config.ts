import { configDefaults, defineConfig } from 'vitest/config';

const hasPostgres = Boolean(process.env.TARGETLINE_TEST_DATABASE_URL?.trim());

// One entry point for every package's tests: each package keeps its own
// vitest.config.ts (the web app needs jsdom, the others run on Node).
export default defineConfig({
  test: {
    projects: [
      'packages/*',
      'apps/*',
      // The API suite once more on PostgreSQL when a server is given (CI starts one): same
      // tests, same answers, the other engine. The kill -9, import-kill and storage-fault
      // tests are about the SQLite file (its crash recovery, its disk), so they stay there.
      ...(hasPostgres
        ? [
            {
              extends: './apps/api/vitest.config.ts',
              test: {
                name: 'api-pg',
                root: './apps/api',
                env: { TARGETLINE_TEST_ENGINE: 'postgres' },
                exclude: [
                  ...configDefaults.exclude,
                  'src/fault/kill-9.test.ts',
                  'src/fault/import-kill.test.ts',
                  'src/fault/storage-faults.test.ts',
                  'src/cli.test.ts',
                ],
              },
            },
          ]
        : []),
    ],
  },
});
