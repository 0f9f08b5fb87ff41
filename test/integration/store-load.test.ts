/** The DuckDB store on a real database file: atomic, idempotent snapshot loads, lineage parsing, queries. */
import { copyFileSync, existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { modelDetail, orgTotals, snapshotList, topModels } from "../../src/queries/index.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import { ROOT, tempDir } from "../helpers.js";

const LINEAGE = path.join(ROOT, "test/fixtures/lineage/lineage.jsonl");
const SUBSET = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");

let tmp: ReturnType<typeof tempDir>;
let db: string;
beforeEach(() => {
  tmp = tempDir();
  db = path.join(tmp.dir, "omo.duckdb");
});
afterEach(() => tmp.cleanup());

async function load(store: DuckDBStore, file: string, date: string, format: "jsonl" | "json-array" = "jsonl") {
  const s = await store.beginLoad();
  await s.stage({ path: file, format, label: file, defaultDate: date });
  return s.commit({ source: `test:${path.basename(file)}` });
}

describe("snapshot loads", () => {
  it("loads the Meta/LMSYS subset with the oracle figures", async () => {
    const store = await DuckDBStore.open(db);
    const [snap] = await load(store, SUBSET, "2024-07-11");
    expect(snap).toMatchObject({ date: "2024-07-11", models: 48, downloads: 10_108_320 });
    const [vicuna] = await store.query(orgTotals, { author: "LMSYS", match: "vicuna", date: null });
    expect(vicuna).toMatchObject({ repos: 13, downloads: 695_234, likes: 2_762 });
    const [llama2] = await store.query(orgTotals, { author: "meta-llama", match: "^llama-2-", date: "2024-07-11" });
    expect(llama2).toMatchObject({ repos: 12, downloads: 3_780_234 });
    await store.close();
  });

  it("re-loading a date replaces it; another date adds a snapshot and keeps both", async () => {
    const store = await DuckDBStore.open(db);
    await load(store, SUBSET, "2024-07-11");
    await load(store, SUBSET, "2024-07-11");
    const twice = await store.query(snapshotList, {});
    expect(twice).toHaveLength(1);
    expect(twice[0]).toMatchObject({ models: 48, downloads: 10_108_320, status: "complete" });
    // a later snapshot with one model only: history grows, the earlier date is unchanged
    const one = path.join(tmp.dir, "one.jsonl");
    writeFileSync(one, '{"id":"lmsys/vicuna-7b-v1.5","downloads":500000,"likes":300,"tags":["license:llama2"]}\n');
    await load(store, one, "2024-08-11");
    const snaps = await store.query(snapshotList, {});
    expect(snaps.map((s) => [s.date, s.models])).toEqual([
      ["2024-08-11", 1],
      ["2024-07-11", 48],
    ]);
    const [old] = await store.query(orgTotals, { author: "lmsys", match: "vicuna", date: "2024-07-11" });
    expect(old?.downloads).toBe(695_234);
    const [latest] = await store.query(orgTotals, { author: "lmsys", match: "vicuna", date: null });
    expect(latest).toMatchObject({ date: "2024-08-11", repos: 1, downloads: 500_000 });
    await store.close();
  });

  it("a model listed twice in one file (pages shift during a crawl) counts once, ids case-insensitively", async () => {
    const store = await DuckDBStore.open(db);
    const f = path.join(tmp.dir, "dups.jsonl");
    writeFileSync(
      f,
      [
        '{"id":"lmsys/vicuna-7b-v1.5","downloads":492274,"likes":263}',
        '{"id":"meta-llama/Llama-2-7b-hf","downloads":1326896,"likes":1569}',
        '{"id":"LMSYS/Vicuna-7b-v1.5","downloads":492274,"likes":263}',
      ].join("\n"),
    );
    const [snap] = await load(store, f, "2024-07-11");
    expect(snap).toMatchObject({ models: 2, downloads: 1_819_170 });
    await store.close();
  });

  it("a failed load leaves the previous state intact and nothing staged visible", async () => {
    const store = await DuckDBStore.open(db);
    await load(store, SUBSET, "2024-07-11");
    const bad = path.join(tmp.dir, "bad.jsonl");
    writeFileSync(bad, '{"id":"a/b","downloads":1}\n{"id":"a/c","downloads":"lots"}\n');
    const s = await store.beginLoad();
    await s.stage({ path: SUBSET, format: "jsonl", label: SUBSET, defaultDate: "2024-07-11" });
    await expect(s.stage({ path: bad, format: "jsonl", label: bad, defaultDate: "2024-07-11" })).rejects.toThrow();
    await s.abort();
    const snaps = await store.query(snapshotList, {});
    expect(snaps).toHaveLength(1);
    expect(snaps[0]).toMatchObject({ models: 48, downloads: 10_108_320 });
    await store.close();
    // and the file reopens cleanly with the same content
    const again = await DuckDBStore.open(db);
    expect((await again.query(snapshotList, {}))[0]?.models).toBe(48);
    await again.close();
  });

  it("a database copied mid-session reopens with committed data only", async () => {
    const store = await DuckDBStore.open(db);
    await load(store, SUBSET, "2024-07-11");
    const s = await store.beginLoad();
    await s.stage({ path: LINEAGE, format: "jsonl", label: LINEAGE, defaultDate: "2024-07-12" });
    // copy the file while a load is staged but not committed (what a crash would leave behind)
    copyFileSync(db, path.join(tmp.dir, "copy.duckdb"));
    if (existsSync(`${db}.wal`)) copyFileSync(`${db}.wal`, path.join(tmp.dir, "copy.duckdb.wal"));
    await s.abort();
    await store.close();
    const copy = await DuckDBStore.open(path.join(tmp.dir, "copy.duckdb"));
    expect((await copy.query(snapshotList, {})).map((x) => x.date)).toEqual(["2024-07-11"]);
    await copy.close();
  });
});

describe("lineage and metadata", () => {
  it("parses base-model links from plain and typed tags, cardData and baseModels", async () => {
    const store = await DuckDBStore.open(db);
    await load(store, LINEAGE, "2025-01-22");
    const get = async (id: string) => (await store.query(modelDetail, { id, date: null }))[0];
    const squad = await get("deepset/roberta-base-squad2");
    expect(squad?.baseModels).toEqual([{ id: "FacebookAI/roberta-base", relation: "finetune" }]);
    const merge = await get("00000-x/dolphin-2.6-fc_hermes-2-dpo"); // ids compare case-insensitively
    expect(merge?.id).toBe("00000-X/Dolphin-2.6-FC_Hermes-2-DPO");
    expect(merge?.baseModels?.map((b) => b.id).sort()).toEqual([
      "NousResearch/Nous-Hermes-2-Mistral-7B-DPO",
      "cognitivecomputations/fc-dolphin-2.6-mistral-7b-dpo-laser",
    ]);
    expect((await get("TheBloke/Llama-2-7B-Chat-GGUF"))?.baseModels).toEqual([
      { id: "meta-llama/Llama-2-7b-chat-hf", relation: "unknown" },
    ]);
    expect((await get("example-org/Llama-2-7b-chat-AWQ"))?.baseModels).toEqual([
      { id: "meta-llama/Llama-2-7b-chat-hf", relation: "quantized" },
    ]);
    expect(await get("meta-llama/Llama-2-7b-chat-hf")).toMatchObject({ baseModels: null, license: "llama2" });
    expect(squad).toMatchObject({ license: "cc-by-4.0", gated: "false", task: "question-answering" });
    expect((await get("TheBloke/Llama-2-7B-Chat-GGUF"))?.gated).toBeNull(); // list objects of 2024 carry no gated key
    await store.close();
  });

  it("a model's lineage is its newest date's: an older date loaded later, alone or with a newer one, leaves it", async () => {
    const row = (id: string, base: string) =>
      JSON.stringify({ id, author: id.split("/")[0], downloads: 5, tags: [`base_model:finetune:${base}`] });
    const file = (name: string, lines: string[]) => {
      const f = path.join(tmp.dir, name);
      writeFileSync(f, `${lines.join("\n")}\n`);
      return f;
    };
    const bases = async (store: DuckDBStore) =>
      (await store.query(modelDetail, { id: "org/child", date: null }))[0]?.baseModels?.map((b) => b.id);
    const store = await DuckDBStore.open(db);
    await load(store, file("new.jsonl", [row("org/child", "org/base-new"), row("org/other", "org/x")]), "2024-07-12");
    expect(await bases(store)).toEqual(["org/base-new"]);
    // an older date: its statistics are added, its metadata and lineage lose to 07-12's
    await load(store, file("old.jsonl", [row("org/child", "org/base-old")]), "2024-07-10");
    expect(await bases(store)).toEqual(["org/base-new"]);
    // both in one load (oldest first): the newer date's links win, the older one's are not added
    const s = await store.beginLoad();
    await s.stage({
      path: file("a.jsonl", [row("org/child", "org/base-a")]),
      format: "jsonl",
      label: "a",
      defaultDate: "2024-07-09",
    });
    await s.stage({
      path: file("b.jsonl", [row("org/child", "org/base-b")]),
      format: "jsonl",
      label: "b",
      defaultDate: "2024-07-13",
    });
    await s.commit({ source: "test:two" });
    expect(await bases(store)).toEqual(["org/base-b"]);
    // the other model, not in the later loads, keeps its link
    expect((await store.query(modelDetail, { id: "org/other", date: null }))[0]?.baseModels?.map((b) => b.id)).toEqual([
      "org/x",
    ]);
    await store.close();
  });

  it("top filters by task, library, licence and author, case-insensitively", async () => {
    const store = await DuckDBStore.open(db);
    await load(store, SUBSET, "2024-07-11");
    const base = { date: null, limit: 5, task: null, library: null, license: null, author: null };
    const top = await store.query(topModels, base);
    expect(top.map((r) => r.id).slice(0, 2)).toEqual([
      "meta-llama/Meta-Llama-3-8B-Instruct",
      "meta-llama/Meta-Llama-3-8B",
    ]);
    const vic = await store.query(topModels, { ...base, author: "LMSYS", license: "LLAMA2", limit: 100 });
    expect(vic.every((r) => r.author === "lmsys" && r.license === "llama2")).toBe(true);
    expect(vic.map((r) => r.id)).toEqual([
      "lmsys/vicuna-7b-v1.5",
      "lmsys/vicuna-13b-v1.5",
      "lmsys/vicuna-13b-v1.5-16k",
      "lmsys/vicuna-7b-v1.5-16k",
    ]);
    const none = await store.query(topModels, { ...base, task: "text-to-image" });
    expect(none).toEqual([]);
    await expect(store.query(topModels, { ...base, limit: 0 })).rejects.toThrow(/limit/);
    await store.close();
  });

  it("binds user text as parameters: quotes and SQL in a match or id are just text", async () => {
    const store = await DuckDBStore.open(db);
    await load(store, SUBSET, "2024-07-11");
    const [t] = await store.query(orgTotals, { author: "lmsys' OR 1=1 --", match: null, date: null });
    expect(t?.repos).toBe(0);
    expect(await store.query(modelDetail, { id: "x'); DROP TABLE model; --", date: null })).toEqual([]);
    await expect(store.query(orgTotals, { author: "lmsys", match: "([unclosed", date: null })).rejects.toThrow(
      /regular expression/,
    );
    expect((await store.query(snapshotList, {}))[0]?.models).toBe(48);
    await store.close();
  });
});
