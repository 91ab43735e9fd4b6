import { defineConfig } from 'vitest/config';

// One entry point for every package's tests: each package keeps its own
// vitest.config.ts (the web app needs jsdom, the others run on Node).
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
