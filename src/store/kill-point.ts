/**
 * Fault injection for the crash tests and `npm run faults`: with `OMO_KILL_AT=<step>` the process kills itself with
 * SIGKILL when it reaches that step, exactly as a kill -9 arriving there would, and at the same place every run (a
 * kill from outside lands wherever the process happens to be, which depends on the machine's speed).
 *
 * DuckDB steps: `duckdb:staged` (files staged, commit not begun), `duckdb:inserted` (rows written inside the
 * transaction, before COMMIT), `duckdb:committed` (committed in the writer's copy, before its checkpoint),
 * `duckdb:checkpointed` (copy complete, before it replaces the store), `duckdb:renamed` (after it replaced it).
 * ClickHouse steps, each right after that commit step of a load: `clickhouse:stats`, `clickhouse:links` (the
 * lineage links staged on the server), `clickhouse:dim` (the model dimension written), `clickhouse:rollups` (the roll-ups written, before
 * the flip); of a usage import: `clickhouse:usage-commit` (before its commit row).
 */
export function killPoint(step: string): void {
  if (process.env.OMO_KILL_AT === step) process.kill(process.pid, "SIGKILL");
}
