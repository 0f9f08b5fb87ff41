import { defineConfig } from "vitest/config";

/**
 * Two projects. `unit`: pure functions over files, run in one reused worker (no isolation: a fork and a module graph
 * per file cost more than the tests). `integration` (integration and browser tests): with the shared ClickHouse servers
 * of the global setup, in reused forks too — each file in a fresh fork loaded the source's module graph again (71 s of
 * "import" summed over a CI run; 20 s reused); the test files themselves are still evaluated afresh, none mocks a
 * module, and the helpers that set environment variables, capture stdout or add signal handlers put them back. Two files run at a time: on this 2-core machine most of a heavy file's
 * time is spent waiting on a ClickHouse server, Chromium or a child process, and a serial run spent ~170 s of its
 * ~830 s starting forks and loading modules between files.
 */
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"], isolate: false } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts", "test/e2e/**/*.test.ts"],
          isolate: false,
          globalSetup: ["test/support/clickhouse-global.ts"],
        },
      },
    ],
  },
});
