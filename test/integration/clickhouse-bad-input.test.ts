/**
 * Bad input into a ClickHouse store: `omo import` refuses the same files with the same one line (file:line: field)
 * as into DuckDB (bad-input.test.ts), leaves the snapshots as they were, skips and counts the same rows without
 * --strict, and reads JSON pages and Parquet to the same snapshots — both stores stage and clean through one
 * normaliser (src/store/duckdb/staging.ts). Skips without clickhouse-server (fails instead with CI=true).
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clickHouseLive, type LocalClickHouse, startLocalClickHouse } from "../contract/clickhouse.js";
import { ROOT, runMain, tempDir } from "../helpers.js";

const live = clickHouseLive();
const SUBSET = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");
const GOOD = { id: "org/good", downloads: 10, likes: 1, createdAt: "2024-01-02T03:04:05.000Z" };

describe.skipIf(!live)("omo import into ClickHouse", () => {
  let server: LocalClickHouse;
  let tmp: ReturnType<typeof tempDir>;
  const stores: Record<"duckdb" | "clickhouse", Record<string, string | undefined>> = { duckdb: {}, clickhouse: {} };

  beforeAll(async () => {
    tmp = tempDir();
    server = await startLocalClickHouse("single");
    stores.duckdb = { OMO_STORE: path.join(tmp.dir, "omo.duckdb"), OMO_DB: undefined };
    stores.clickhouse = { OMO_STORE: server.storeUrl("omo_bad_input"), OMO_DB: undefined };
    for (const env of Object.values(stores)) {
      expect((await runMain(["import", SUBSET, "--date", "2024-07-11"], env)).code).toBe(0);
    }
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    tmp?.cleanup();
  });

  /** Writes `rows` as JSON Lines under `name` in the temporary folder. */
  async function jsonl(name: string, rows: unknown[]): Promise<string> {
    const p = path.join(tmp.dir, name);
    await writeFile(p, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
    return p;
  }

  /** The stored snapshots, as `omo snapshots --json` prints them (load times left out). */
  async function snapshots(env: Record<string, string | undefined>): Promise<unknown> {
    const r = await runMain(["snapshots", "--json"], env);
    expect(r.code).toBe(0);
    return (JSON.parse(r.stdout) as Array<Record<string, unknown>>).map(({ started, finished, ...s }) => s);
  }

  /** `omo import` fails on both stores with the same one line matching `message`; neither store changes. */
  async function refusedOnBoth(args: string[], message: RegExp): Promise<void> {
    const lines: string[] = [];
    for (const env of Object.values(stores)) {
      const before = await snapshots(env);
      const r = await runMain(["import", ...args], env);
      expect(r.code).toBe(1);
      const errs = r.stderr.trim().split("\n");
      expect(errs.filter((l) => l.startsWith("omo: "))).toHaveLength(1);
      lines.push(errs.at(-1) as string);
      expect(await snapshots(env)).toEqual(before);
    }
    expect(lines[0]).toMatch(message);
    expect(lines[1]).toBe(lines[0]);
  }

  /** `omo import --json` succeeds on both stores with the same report; returns it. */
  async function sameImport(args: string[]): Promise<{ snapshots: unknown[]; files: unknown[] }> {
    const out: string[] = [];
    for (const env of Object.values(stores)) {
      const r = await runMain(["import", ...args, "--json"], env);
      expect(r.code, r.stderr).toBe(0);
      out.push(r.stdout);
    }
    expect(out[1]).toBe(out[0]);
    return JSON.parse(out[0] as string);
  }

  it("with --strict, downloads 1.5: refused naming line and field on both (ClickHouse used to round it to 2)", async () => {
    const p = await jsonl("frac-2024-08-01.jsonl", [GOOD, { ...GOOD, id: "org/frac", downloads: 1.5 }]);
    await refusedOnBoth([p, "--strict"], new RegExp(`^omo: ${p}:2: field "downloads": `));
  });

  it("with --strict, an id holding a tab, a row date 2024-02-30, a createdAt that is no date", async () => {
    const id = await jsonl("ids-2024-08-01.jsonl", [GOOD, { ...GOOD, id: "org/a\tb" }]);
    await refusedOnBoth([id, "--strict"], new RegExp(`^omo: ${id}:2: field "id": `));
    const day = await jsonl("rowdate-2024-08-01.jsonl", [GOOD, { ...GOOD, id: "org/d", date: "2024-02-30" }]);
    await refusedOnBoth([day, "--strict"], new RegExp(`^omo: ${day}:2: field "date": not a date: "2024-02-30"`));
    const ts = await jsonl("created-2024-08-01.jsonl", [GOOD, { ...GOOD, id: "org/c", createdAt: "not-a-date" }]);
    await refusedOnBoth([ts, "--strict"], new RegExp(`^omo: ${ts}:2: field "createdAt": not a date and time`));
  });

  it("without --strict, the same bad rows are skipped and counted, and the same snapshot stored", async () => {
    const p = await jsonl("mixed-2024-08-02.jsonl", [
      GOOD,
      { ...GOOD, id: "org/frac", downloads: 1.5 },
      { ...GOOD, id: "org/tab\there" },
      { ...GOOD, id: "org/d", date: "2024-02-30" },
      { ...GOOD, id: "org/c", createdAt: "not-a-date" },
    ]);
    const r = await sameImport([p]);
    expect(r.snapshots).toMatchObject([{ date: "2024-08-02", models: 1, downloads: 10, malformed: 4 }]);
    expect(await snapshots(stores.clickhouse)).toEqual(await snapshots(stores.duckdb));
  });

  it("JSON pages and Parquet are read by the same readers on both stores", async () => {
    const rows = [
      GOOD,
      { ...GOOD, id: "Org/Second", downloads: 7, tags: ["license:mit", "base_model:finetune:org/good"] },
    ];
    const page = path.join(tmp.dir, "page-2024-08-03.json");
    await writeFile(page, JSON.stringify(rows));
    const pq = path.join(tmp.dir, "models-2024-08-04.parquet");
    const inst = await DuckDBInstance.create(":memory:");
    const conn = await inst.connect();
    await conn.run(`COPY (SELECT * FROM read_json($src)) TO $dst (FORMAT parquet)`, { src: page, dst: pq });
    conn.closeSync();
    inst.closeSync();
    const r = await sameImport([page, pq]);
    expect(r.snapshots).toMatchObject([
      { date: "2024-08-03", models: 2, downloads: 17 },
      { date: "2024-08-04", models: 2, downloads: 17 },
    ]);
    expect(r.files).toMatchObject([{ path: "fast" }, { path: "fast" }]);
    expect(await snapshots(stores.clickhouse)).toEqual(await snapshots(stores.duckdb));
  });
});
