import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Each test file gets its own temporary HOME and XDG directories and fails if it wrote into the real ones.
    setupFiles: ['test/helpers/isolated-dirs.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
