import { defineConfig } from 'vitest/config';

// Crash (SIGKILL) and race tests: slower, run by `npm run test:stress` and by CI.
export default defineConfig({
  test: {
    include: ['tests/stress/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
