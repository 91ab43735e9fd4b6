import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

export default defineProject({
  plugins: [react()],
  test: {
    name: 'web',
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    // Rendering the whole dashboard under jsdom takes seconds on a busy 2-core CI machine;
    // the default 5 s made such tests fail for time, not for behaviour.
    testTimeout: 30_000,
  },
});
