/**
 * Starts and stops local ClickHouse servers through scripts/clickhouse-cluster.sh, for tests and benchmarks (test-only
 * code: not part of the built package).
 * Needs `clickhouse-server` on PATH (Debian: apt-get install clickhouse-server) or OMO_CH_SERVER.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const SCRIPT = path.resolve(import.meta.dirname, "../../scripts/clickhouse-cluster.sh");

/** Whether a ClickHouse server binary is available. */
export function hasClickHouseServer(): boolean {
  const bin = process.env.OMO_CH_SERVER ?? "clickhouse-server";
  return spawnSync("sh", ["-c", `command -v ${JSON.stringify(bin)}`], { stdio: "ignore" }).status === 0;
}

/** A running local setup: its node URLs, a store URL naming all of them, and stop(). */
export interface LocalClickHouse {
  dir: string;
  nodes: string[];
  /** `clickhouse://127.0.0.1:P1[,127.0.0.1:P2]/DATABASE` */
  storeUrl(database: string): string;
  stop(): void;
}

/** `n` TCP ports free on loopback right now (the kernel's choice; released before the servers bind them). */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const srv = net.createServer();
          srv.once("error", reject);
          srv.listen(0, "127.0.0.1", () => resolve(srv));
        }),
    ),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/** Starts one node (`single`) or two (`two-shard`) on free loopback ports in a fresh temporary folder. */
export async function startLocalClickHouse(mode: "single" | "two-shard"): Promise<LocalClickHouse> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "omo-ch-"));
  const n = mode === "single" ? 1 : 2;
  const ports = await freePorts(3 * n);
  const pick = (k: number) => ports.slice(k * n, (k + 1) * n).join(" ");
  const out = execFileSync("bash", [SCRIPT, "start", dir, mode], {
    env: {
      ...process.env,
      OMO_CH_HTTP_PORTS: pick(0),
      OMO_CH_TCP_PORTS: pick(1),
      OMO_CH_INTERSERVER_PORTS: pick(2),
    },
    encoding: "utf8",
  });
  const nodes = out
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("http://"));
  return {
    dir,
    nodes,
    storeUrl: (db) => `clickhouse://${nodes.map((u) => u.replace(/^http:\/\//, "")).join(",")}/${db}`,
    stop: () => stopLocalClickHouse(dir),
  };
}

/** Stops the servers started in `dir` by {@link startLocalClickHouse} and removes the folder. */
export function stopLocalClickHouse(dir: string): void {
  spawnSync("bash", [SCRIPT, "stop", dir], { stdio: "ignore" });
  rmSync(dir, { recursive: true, force: true });
}
