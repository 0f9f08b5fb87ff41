import { defineConfig } from "vitest/config";
import { RecordedDurationsSequencer } from "./test/support/sequencer.js";
import { runTmpDir } from "./test/support/test-tmpdir.js";

const tmp = runTmpDir();

/**
 * Two projects. `unit`: pure functions over files, run in one reused worker (no isolation: a fork and a module graph
 * per file cost more than the tests). `integration` (integration and browser tests): with the shared ClickHouse servers
 * of the global setup, in reused forks too — each file in a fresh fork loaded the source's module graph again (71 s of
 * "import" summed over a CI run; 18 s reused); the test files themselves are still evaluated afresh, none mocks a
 * module, and the helpers that set environment variables, capture stdout or add signal handlers put them back.
 * Three files at a time: most of a ClickHouse file's time its own process waits on the server, and with the forks
 * reused three no longer pay three module graphs per file (fresh clone through .ci/run, CI=true: 703 s with three
 * against 765 s with two, the same tests; the sessions before measured three as slower when each file had a fresh fork).
 *
 * One thread per query in both engines (unless set before the run): the tests compare answers, not speed, and three
 * files at a time on two cores leave no core idle, so a second thread per query was overhead. Measured by the machine's
 * CPU over a group of files, each setting twice: ClickHouse's servers (scripts/clickhouse-cluster.sh, max_threads) on
 * org-rank-rollups, clickhouse-families and rollups.test 276 s → 226–230 s (wall 160 → 135 s); DuckDB
 * (OMO_DUCKDB_THREADS) on store-copy, stored-walks, leaderboards, usage, sample and series 244–269 s → 213–221 s (wall
 * 135–146 → 119–123 s). Two shards still merge two servers' streams, so an order that rests on a tie still shows there.
 *
 * Temporary files on a memory-backed folder when there is one with room (test/support/test-tmpdir.ts): the tests'
 * stores and ClickHouse servers are thrown away, and tmpfs spares them ext4's journal and inode work.
 */
export default defineConfig({
  test: {
    env: {
      OMO_CH_MAX_THREADS: process.env.OMO_CH_MAX_THREADS ?? "1",
      OMO_DUCKDB_THREADS: process.env.OMO_DUCKDB_THREADS ?? "1",
      ...(tmp ? { TMPDIR: tmp } : {}),
    },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    maxWorkers: 3,
    // longest first, from this checkout's last run or, in a fresh clone, from the recorded durations (see the file)
    sequence: { sequencer: RecordedDurationsSequencer },
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
