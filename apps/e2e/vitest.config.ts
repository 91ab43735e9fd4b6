import { defineProject } from 'vitest/config';

// Browser tests: the built web app served by the real API, driven in Debian's Chromium.
export default defineProject({
  test: {
    name: 'e2e',
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One browser at a time on a 2-core machine.
    fileParallelism: false,
  },
});
