/**
 * kill -9 at every step of a DuckDB write (staging, inside the transaction, after COMMIT in the writer's copy, after
 * its checkpoint, after the rename): the process kills itself at the named step (OMO_KILL_AT, src/store/kill-point.ts),
 * so each trial lands at the same place on any machine. Before the rename the committed snapshots stay as they
 * were, readable; after it the new one is there, whole; the next writer takes over the killed one's lock at once
 * and removes the copies the killed ones left.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, runMain, SAMPLE, tempDir } from "../helpers.js";

const SAMPLE_SNAPSHOT = {
  date: "2024-07-11",
  source: "import:models-2024-07-11.jsonl.gz",
  status: "complete",
  models: 13_079,
  downloads: 1_811_674_513,
};

describe("kill -9 during a write to a DuckDB store", () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  let oneModel: string;
  beforeAll(async () => {
    tmp = tempDir();
    env = { OMO_DB: path.join(tmp.dir, "kill.duckdb") };
    expect((await runMain(["import", SAMPLE], env)).code).toBe(0);
    oneModel = path.join(tmp.dir, "one-2024-07-11.jsonl");
    writeFileSync(oneModel, '{"id":"lmsys/vicuna-7b-v1.5","downloads":500000,"likes":300,"tags":["license:llama2"]}\n');
  }, 120_000);
  afterAll(() => tmp?.cleanup());

  /** `omo import FILE --date 2024-07-11` in a child process that kills itself at `step`. */
  function importKilledAt(step: string) {
    return spawnSync(
      process.execPath,
      ["--import", "tsx", path.join(ROOT, "src/cli/run.ts"), "import", oneModel, "--date", "2024-07-11"],
      { cwd: ROOT, env: { ...process.env, ...env, OMO_KILL_AT: step, NO_COLOR: "1" }, encoding: "utf8" },
    );
  }
  const snapshots = async () => JSON.parse((await runMain(["snapshots", "--json"], env)).stdout);
  const copies = () => readdirSync(tmp.dir).filter((n) => n.startsWith("kill.duckdb.next-"));

  it.each(["duckdb:staged", "duckdb:inserted", "duckdb:committed", "duckdb:checkpointed"])(
    "killed at %s: the committed snapshot is as it was",
    async (step) => {
      const r = importKilledAt(step);
      expect(r.signal, r.stderr).toBe("SIGKILL");
      expect(await snapshots()).toMatchObject([SAMPLE_SNAPSHOT]);
      const v = JSON.parse((await runMain(["org", "lmsys", "--match", "vicuna", "--json"], env)).stdout);
      expect([v.repos, v.downloads]).toEqual([13, 695_234]);
    },
  );

  it("killed after the rename: the new snapshot is there, whole; the next writer removes the killed copies", async () => {
    expect(copies().length).toBeGreaterThan(0);
    const r = importKilledAt("duckdb:renamed");
    expect(r.signal, r.stderr).toBe("SIGKILL");
    expect(await snapshots()).toMatchObject([
      { date: "2024-07-11", source: "import:one-2024-07-11.jsonl", status: "complete", models: 1, downloads: 500_000 },
    ]);
    // the killed writer's lock is taken over at once (its process is gone), not after it goes stale
    const next = await runMain(["import", SAMPLE], env);
    expect(next.code).toBe(0);
    expect(next.stderr).not.toContain("waiting for another omo process");
    expect(await snapshots()).toMatchObject([SAMPLE_SNAPSHOT]);
    expect(copies()).toEqual([]);
  });
});
