import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Server-backed suites (sshd, nginx) bind fixed loopback ports per file; two cores anyway.
    fileParallelism: true,
    maxWorkers: 2,
    reporters: ['default'],
  },
});
