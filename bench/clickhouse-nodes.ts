/** The benches' direct reads and writes on local ClickHouse nodes, over each node's HTTP interface. */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Runs SQL on one node in database `db`. An `idempotent` statement (a read, a DROP … IF EXISTS) is sent once more if
 * the request fails before an answer: the socket kept alive from the last request may have been closed by the server
 * meanwhile (its keep-alive timeout is shorter than a bench's step). Others are sent once (an INSERT sent twice would
 * write its rows twice).
 */
export async function chRun(
  node: string,
  db: string,
  sql: string,
  opts: { idempotent?: boolean } = {},
): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${node}/?database=${encodeURIComponent(db)}`, { method: "POST", body: sql });
  } catch (err) {
    if (opts.idempotent) return chRun(node, db, sql, { idempotent: false });
    throw err;
  }
  const text = await res.text();
  if (!res.ok) throw new Error(`${node}: ${text.slice(0, 300)}`);
  return text;
}

/** The merges running on `nodes` now. */
export async function runningMerges(nodes: readonly string[]): Promise<number> {
  let n = 0;
  for (const node of nodes)
    n += Number((await chRun(node, "system", "SELECT count() FROM system.merges", { idempotent: true })).trim());
  return n;
}

/**
 * Waits until no node of `nodes` merges parts, looking every `pollMs`, for `limitMs` at most (0: only counts them):
 * background merges take the cores the timed work that follows needs. Returns the wait in ms and the merges running
 * when it began.
 */
export async function settleMerges(
  nodes: readonly string[],
  limitMs: number,
  pollMs: number,
): Promise<{ waitedMs: number; mergesAtStart: number }> {
  const t = performance.now();
  const mergesAtStart = await runningMerges(nodes);
  let n = mergesAtStart;
  while (n > 0 && performance.now() - t < limitMs) {
    await new Promise((r) => setTimeout(r, pollMs));
    n = await runningMerges(nodes);
  }
  return { waitedMs: Math.round(performance.now() - t), mergesAtStart };
}

/**
 * Pins each local node started in `dir` (scripts/clickhouse-cluster.sh: `node<i>/pid`) with all its threads to a core
 * of its own, node i to core i − 1 (modulo the cores): one node on one core, two shards on two. On a machine of two
 * cores, so measured, each ClickHouse node has what a node of a cluster of equal machines has (one node's server
 * otherwise takes both cores, and two shards share them). Returns the cores, by node. Needs `taskset` (util-linux).
 */
export function pinNodes(dir: string, nodes: number): number[] {
  const cores = os.cpus().length;
  const pinned: number[] = [];
  for (let i = 0; i < nodes; i++) {
    const pid = readFileSync(path.join(dir, `node${i + 1}`, "pid"), "utf8").trim();
    const core = i % cores;
    execFileSync("taskset", ["-a", "-cp", String(core), pid], { stdio: "ignore" });
    pinned.push(core);
  }
  return pinned;
}
