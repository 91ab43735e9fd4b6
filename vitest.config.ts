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
      // tests, same answers, the other engine. The fault tests are about the SQLite file
      // (kill -9 of the embedded database, its backup and its disk), so they stay there.
      ...(hasPostgres
        ? [
            {
              extends: './apps/api/vitest.config.ts',
              test: {
                name: 'api-pg',
                root: './apps/api',
                env: { TARGETLINE_TEST_ENGINE: 'postgres' },
                exclude: [...configDefaults.exclude, 'src/fault/**', 'src/cli.test.ts'],
              },
            },
          ]
        : []),
    ],
  },
});
