/** Every import format, from real dump cuts, through the Node sanitizer or DuckDB's readers into a real store. */
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "../../src/ingest/import-files.js";
import { modelDetail, orgTotals, snapshotList } from "../../src/queries/index.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import { ROOT, tempDir } from "../helpers.js";

const FX = (f: string) => path.join(ROOT, "test/fixtures/import", f);
const SUBSET = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");

let tmp: ReturnType<typeof tempDir>;
let store: DuckDBStore;
beforeAll(async () => {
  tmp = tempDir();
  store = await DuckDBStore.open(path.join(tmp.dir, "omo.duckdb"));
});
afterAll(async () => {
  await store.close();
  tmp.cleanup();
});

const snapshot = async (date: string) => (await store.query(snapshotList, {})).find((s) => s.date === date);

describe("import formats", () => {
  it("JSONL: the fast path, date from the file name (MM-DD-YYYY)", async () => {
    const r = await importFiles(store, [FX("models_07-11-2024.head40.jsonl")]);
    expect(r.files[0]).toMatchObject({ format: "jsonl", path: "fast", rows: 40, malformed: 0, dates: ["2024-07-11"] });
    expect(await snapshot("2024-07-11")).toMatchObject({ models: 40, downloads: 1_265_629_237 });
  });

  it("a JSON page as scraped (one array, gzip) goes through DuckDB's array reader", async () => {
    const r = await importFiles(store, [FX("models_page1_07-11-2024.head25.json.gz")], { date: "2024-07-01" });
    expect(r.files[0]).toMatchObject({ format: "json-array", path: "fast", rows: 25 });
    expect(await snapshot("2024-07-01")).toMatchObject({ models: 25, downloads: 1_185_036_596 });
  });

  it("a pandas CSV with Python list tags: licence and lineage come out of the tags", async () => {
    const r = await importFiles(store, [FX("hf_models_2024-09-20.head30.csv")]);
    expect(r.files[0]).toMatchObject({ format: "csv", path: "sanitized", rows: 30, dates: ["2024-09-20"] });
    expect(await snapshot("2024-09-20")).toMatchObject({ models: 30, downloads: 701_257_284 });
    const [bert] = await store.query(modelDetail, { id: "google-bert/bert-base-uncased", date: "2024-09-20" });
    expect(bert).toMatchObject({ license: "apache-2.0", task: "fill-mask", inSnapshot: true });
    expect(bert?.tags).toContain("transformers");
  });

  it("a daily JSON document dated by its `date` field", async () => {
    const r = await importFiles(store, [FX("2026-08-07.head20.json.gz")]);
    expect(r.files[0]).toMatchObject({ format: "json-document", path: "sanitized", rows: 20, dates: ["2026-08-07"] });
    expect(await snapshot("2026-08-07")).toMatchObject({ models: 20, downloads: 308_751_100 });
  });

  it("series CSVs with per-row dates and model URLs (kb-labb, nctu6 with all-time downloads)", async () => {
    const r = await importFiles(store, [FX("kb-labb_2022-02-18_hf.csv"), FX("nctu6_2024-08-01_hf.csv")]);
    expect(r.snapshots.map((s) => [s.date, s.models, s.downloads])).toEqual([
      ["2022-02-18", 20, 42_041],
      ["2024-08-01", 9, 35_501],
    ]);
    const [kb] = await store.query(orgTotals, { author: "KBLab", match: null, date: "2022-02-18" });
    expect(kb?.repos).toBeGreaterThan(0);
    const taide = await store.query(orgTotals, { author: "taide", match: null, date: "2024-08-01" });
    expect(taide[0]?.downloads).toBeGreaterThan(0);
  });

  it("do-me CSVs: mined_date read day-first", async () => {
    const r = await importFiles(store, [FX("transformersjs_08-05-2024.head25.csv")]);
    expect(r.files[0]?.dates).toEqual(["2024-05-08"]);
    expect(r.files[0]?.rows).toBe(25);
  });

  it("Parquet in the hub-stats dump schema (cardData as a JSON string, baseModels as a struct)", async () => {
    // written by DuckDB from the real Meta/LMSYS subset, shaped like the public dump's columns
    const pq = path.join(tmp.dir, "models-2024-07-15.parquet");
    const db = await DuckDBInstance.create(":memory:");
    const c = await db.connect();
    await c.run(
      `COPY (SELECT id, split_part(id, '/', 1) AS author, downloads, downloads * 10 AS downloadsAllTime, likes, tags,
         pipeline_tag, library_name, CAST(createdAt AS TIMESTAMP) AS createdAt,
         CASE WHEN id = 'lmsys/vicuna-7b-v1.5' THEN '{"license":"llama2","base_model":"meta-llama/Llama-2-7b-hf"}' END AS cardData,
         CASE WHEN id = 'lmsys/vicuna-7b-v1.5' THEN {'relation': 'finetune', 'models': [{'id': 'meta-llama/Llama-2-7b-hf'}]} END AS baseModels
       FROM read_json($p, format = 'newline_delimited')) TO '${pq}' (FORMAT parquet)`,
      { p: SUBSET },
    );
    c.closeSync();
    const r = await importFiles(store, [pq]);
    expect(r.files[0]).toMatchObject({ format: "parquet", path: "fast", rows: 48, dates: ["2024-07-15"] });
    expect(await snapshot("2024-07-15")).toMatchObject({ models: 48, downloads: 10_108_320 });
    const [v] = await store.query(modelDetail, { id: "lmsys/vicuna-7b-v1.5", date: "2024-07-15" });
    expect(v).toMatchObject({ downloads: 492_274, downloadsAllTime: 4_922_740, license: "llama2" });
    expect(v?.baseModels).toEqual([{ id: "meta-llama/Llama-2-7b-hf", relation: "finetune" }]);
  });

  it("several files of one date make one snapshot; an id repeated across files counts once", async () => {
    const r = await importFiles(
      store,
      [FX("models_07-11-2024.head40.jsonl"), FX("models_page1_07-11-2024.head25.json.gz")],
      {
        date: "2024-07-20",
      },
    );
    expect(r.snapshots).toHaveLength(1);
    expect(r.snapshots[0]).toMatchObject({ date: "2024-07-20", models: 40, downloads: 1_265_629_237 });
  });
});
