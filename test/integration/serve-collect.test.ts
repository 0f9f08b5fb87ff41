/**
 * One store, served and collected at once: `omo serve` runs in its own process on a DuckDB file while `omo import`,
 * `omo watch --once` and read commands work on the same file, and the server answers from each new snapshot without a
 * restart; `omo serve --watch` collects in the server's own process.
 */
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HubServer, loadHubModels, startHubServer } from "../../src/hub/serve.js";
import { ROOT, runMain, SAMPLE, startCli, tempDir } from "../helpers.js";

const SUBSET = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");

/** Starts `omo serve` and resolves with its URL once it prints it. */
function serve(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = startCli(["serve", "--port", "0", ...args], env);
  return new Promise((resolve, reject) => {
    let out = "";
    let err = "";
    child.stdout?.on("data", (d) => {
      out += d;
      const m = /serving (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] as string });
    });
    child.stderr?.on("data", (d) => {
      err += d;
    });
    child.on("close", (code) => reject(new Error(`omo serve exited ${code}: ${err}`)));
  });
}

/** Asks `/api/health` until it reports `date` (a bounded number of tries, 250 ms apart), and returns the last answer. */
async function healthUntil(url: string, date: string): Promise<{ date: string | null; models: number }> {
  let last: { date: string | null; models: number } = { date: null, models: 0 };
  for (let i = 0; i < 240; i++) {
    last = (await (await fetch(`${url}/api/health`)).json()) as typeof last;
    if (last.date === date) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  return last;
}

let tmp: ReturnType<typeof tempDir>;
let hub: HubServer;
beforeAll(async () => {
  tmp = tempDir();
  hub = await startHubServer({ models: await loadHubModels(SUBSET), pageSize: 10 });
});
afterAll(async () => {
  await hub?.close();
  tmp?.cleanup();
});

describe("omo serve beside writers", () => {
  let server: { child: ChildProcess; url: string } | undefined;
  afterAll(() => {
    server?.child.kill("SIGTERM");
  });

  it("import, watch --once and reads work on the served store; the API answers from each new snapshot", async () => {
    const env = { OMO_DB: path.join(tmp.dir, "served.duckdb") };
    expect((await runMain(["import", SAMPLE], env)).code).toBe(0);
    server = await serve([], env);
    const { url } = server;
    expect(await healthUntil(url, "2024-07-11")).toMatchObject({ date: "2024-07-11", models: 13_079 });
    // a cached answer of the old data version, to see it replaced
    const before = (await (await fetch(`${url}/api/orgs/lmsys?match=vicuna`)).json()) as Record<string, unknown>;
    expect(before).toMatchObject({ date: "2024-07-11", repos: 13 });

    const imported = await runMain(["import", SUBSET, "--date", "2024-08-11"], env);
    expect(imported.stderr).not.toMatch(/lock/i);
    expect(imported.code).toBe(0);
    const read = await runMain(["snapshots", "--json"], env);
    expect(read.code).toBe(0);
    expect(JSON.parse(read.stdout).map((s: { date: string }) => s.date)).toEqual(["2024-08-11", "2024-07-11"]);
    expect(await healthUntil(url, "2024-08-11")).toMatchObject({ date: "2024-08-11", models: 48 });
    const after = (await (await fetch(`${url}/api/orgs/lmsys?match=vicuna`)).json()) as Record<string, unknown>;
    expect(after).toMatchObject({ dataAsOf: "2024-08-11", date: "2024-08-11", repos: 13 });

    const watched = await runMain(
      ["watch", "--once", "--endpoint", hub.url, "--date", "2024-08-12", "--page-size", "10", "--json"],
      env,
    );
    expect(watched.code).toBe(0);
    expect(JSON.parse(watched.stdout)).toMatchObject({ date: "2024-08-12", models: 48 });
    expect(await healthUntil(url, "2024-08-12")).toMatchObject({ date: "2024-08-12", models: 48 });
    // the earlier snapshots are all still there, served
    const snaps = (await (await fetch(`${url}/api/snapshots`)).json()) as { snapshots: { date: string }[] };
    expect(snaps.snapshots.map((s) => s.date)).toEqual(["2024-08-12", "2024-08-11", "2024-07-11"]);
  });
});

describe("omo serve --watch", () => {
  let server: { child: ChildProcess; url: string } | undefined;
  afterAll(() => {
    server?.child.kill("SIGTERM");
  });

  it("collects today's snapshot in the server's process and serves it", async () => {
    const env = { OMO_DB: path.join(tmp.dir, "collecting.duckdb") };
    expect((await runMain(["import", SAMPLE], env)).code).toBe(0);
    server = await serve(["--watch", "24h", "--endpoint", hub.url, "--page-size", "10"], env);
    const today = new Date().toISOString().slice(0, 10);
    expect(await healthUntil(server.url, today)).toMatchObject({ date: today, models: 48 });
    // a second collector on the same store is refused: one per store
    const second = await runMain(["watch", "--once", "--endpoint", hub.url], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/another omo watch is running on this database/);
  });
});
