/**
 * Coverage on the DuckDB store and through the CLI (in-process): `--coverage` and `--coverage-how` on import, a bad
 * value refused before anything is stored, a database of migration 003 upgraded by migration 004, and `omo store
 * copy` carrying each snapshot's coverage (re-upload links derived again by the target, not copied as lineage).
 */
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS } from "../../src/store/duckdb/migrations/index.js";
import { runMain, SAMPLE, tempDir } from "../helpers.js";

describe("coverage of snapshots", () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  beforeAll(() => {
    tmp = tempDir("omo-coverage-");
    env = { OMO_DB: path.join(tmp.dir, "a.duckdb") };
  });
  afterAll(() => tmp?.cleanup());

  it("a bad --coverage is one line naming the option, and nothing is stored", async () => {
    const bad = await runMain(["import", SAMPLE, "--coverage", "most"], env);
    expect([bad.code, bad.stderr]).toEqual([
      1,
      'omo: field "coverage": invalid --coverage "most": expected full or partial\n',
    ]);
    expect(JSON.parse((await runMain(["snapshots", "--json"], env)).stdout)).toEqual([]);
  });

  it("--coverage and --coverage-how are stored with the snapshot and shown by omo snapshots", async () => {
    const r = await runMain(
      ["import", SAMPLE, "--coverage-how", "top 5,000, 13 organisations, Llama-2 derivatives"],
      env,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/partial: top 5,000, 13 organisations, Llama-2 derivatives/);
    const table = (await runMain(["snapshots"], env)).stdout;
    expect(table.split("\n")[0]).toMatch(/coverage/);
    expect(JSON.parse((await runMain(["snapshots", "--json"], env)).stdout)[0].coverage).toEqual({
      kind: "partial",
      how: "top 5,000, 13 organisations, Llama-2 derivatives",
      models: 13_079,
    });
  });

  it("omo store copy keeps each snapshot's coverage; the target derives the re-upload links again", async () => {
    const to = path.join(tmp.dir, "b.duckdb");
    const r = await runMain(["store", "copy", "--from", env.OMO_DB as string, "--to", to], env);
    expect(r.code, r.stderr).toBe(0);
    const snaps = JSON.parse((await runMain(["snapshots", "--json"], { OMO_DB: to })).stdout);
    expect(snaps[0].coverage).toEqual({
      kind: "partial",
      how: "top 5,000, 13 organisations, Llama-2 derivatives",
      models: 13_079,
    });
    for (const db of [env.OMO_DB as string, to]) {
      const m = JSON.parse((await runMain(["model", "unsloth/llama-3-8b-bnb-4bit", "--json"], { OMO_DB: db })).stdout);
      expect(m.baseModels).toEqual([{ id: "meta-llama/Meta-Llama-3-8B", relation: "reupload" }]);
    }
  }, 120_000);

  it("a database of migration 003 gets migration 004: its snapshots are partial, how not recorded", async () => {
    const file = path.join(tmp.dir, "old.duckdb");
    const inst = await DuckDBInstance.create(file);
    const conn = await inst.connect();
    await conn.run(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)",
    );
    for (const m of MIGRATIONS.filter((x) => x.version <= 3)) {
      await conn.run(m.sql);
      await conn.run("INSERT INTO schema_migrations VALUES ($v, $n, now()::TIMESTAMP)", { v: m.version, n: m.name });
    }
    await conn.run(
      "INSERT INTO snapshot VALUES ('2024-07-11', 'import:old.jsonl', 'complete', now()::TIMESTAMP, now()::TIMESTAMP, 3, 30, 0)",
    );
    conn.closeSync();
    inst.closeSync();
    const snaps = JSON.parse((await runMain(["snapshots", "--json"], { OMO_DB: file })).stdout);
    expect(snaps).toEqual([
      {
        date: "2024-07-11",
        source: "import:old.jsonl",
        status: "complete",
        models: 3,
        downloads: 30,
        coverage: { kind: "partial", how: "not recorded (loaded before omo recorded coverage)", models: 3 },
      },
    ]);
  });
});
