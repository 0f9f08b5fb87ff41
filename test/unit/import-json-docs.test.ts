import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jsonSyntaxErrorOffset, modelListFromJson, readJsonModelList } from "../../src/ingest/import/json-docs.js";

const fixtures = fileURLToPath(new URL("../fixtures/import/", import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "omo-import-json-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("readJsonModelList on real fixtures", () => {
  it("reads a scraped page (JSON array, gzip) without a document date", async () => {
    const list = await readJsonModelList(path.join(fixtures, "models_page1_07-11-2024.head25.json.gz"));
    expect(list.rows).toHaveLength(25);
    expect(list.documentDate).toBeNull();
    expect(list.listKey).toBeNull();
    expect(list.rows[24]).toMatchObject({ id: "FacebookAI/xlm-roberta-base" });
  });

  it("reads a daily document: the list under models, the date from date", async () => {
    const list = await readJsonModelList(path.join(fixtures, "2026-08-07.head20.json.gz"));
    expect(list.rows).toHaveLength(20);
    expect(list.documentDate).toBe("2026-08-07");
    expect(list.listKey).toBe("models");
    expect(list.rows[0]).toEqual({
      id: "black-forest-labs/FLUX.1-dev",
      likes: 14018,
      downloads: 512841,
      pipeline_tag: "text-to-image",
      library_name: "diffusers",
      createdAt: "2024-07-31T21:13:44.000Z",
      lastModified: null,
    });
  });
});

describe("modelListFromJson", () => {
  it("finds the list under data / items / results and the date in snapshot_date or fetched_at", () => {
    expect(modelListFromJson({ snapshot_date: "2024-07-11", data: [{ id: "a/b" }] }, "f.json")).toEqual({
      rows: [{ id: "a/b" }],
      documentDate: "2024-07-11",
      listKey: "data",
    });
    expect(modelListFromJson({ fetched_at: "2026-08-07T21:41:45.715386+09:00", items: [] }, "f.json")).toMatchObject({
      documentDate: "2026-08-07",
      listKey: "items",
    });
    expect(modelListFromJson({ results: [{ id: "x" }] }, "f.json")).toMatchObject({ documentDate: null });
  });

  it("takes a single model body as one row", () => {
    expect(modelListFromJson({ _id: "1", id: "deepset/roberta-base-squad2" }, "m.json").rows).toHaveLength(1);
  });

  it("names the file and field of what it cannot use", () => {
    expect(() => modelListFromJson({ date: "2026-08-07", count: 3 }, "d.json")).toThrow(
      "d.json: no list of models: expected an array under models, data, items, results (document keys: date, count)",
    );
    expect(() => modelListFromJson({ date: "last week", models: [] }, "d.json")).toThrow(
      'd.json: field "date": not a date: "last week"',
    );
    expect(() => modelListFromJson("models", "d.json")).toThrow("d.json: expected a JSON array or object, got string");
  });
});

describe("readJsonModelList errors", () => {
  it("gives the line of a JSON syntax error", async () => {
    const p = path.join(dir, "broken.json");
    await writeFile(p, '{\n  "date": "2026-08-07",\n  "models": [\n    {"id": "a/b",}\n  ]\n}\n');
    await expect(readJsonModelList(p)).rejects.toThrow(new RegExp(`^${p}:4: not valid JSON: `));
  });

  it("gives the last line for a file cut short", async () => {
    const p = path.join(dir, "cut.json");
    await writeFile(p, '[{"id": "a/b"},\n {"id": "c/d"');
    await expect(readJsonModelList(p)).rejects.toThrow(new RegExp(`^${p}:2: not valid JSON: `));
  });
});

describe("jsonSyntaxErrorOffset", () => {
  it("finds the offset of the first syntax error, -1 for valid JSON", () => {
    expect(jsonSyntaxErrorOffset('{"a": [1, 2.5e3, "x\\n", true, null], "b": {}}')).toBe(-1);
    expect(jsonSyntaxErrorOffset('[{"id": "a/b"},,]')).toBe(15);
    expect(jsonSyntaxErrorOffset('{"id": "a/b",}')).toBe(13);
    expect(jsonSyntaxErrorOffset('{"id": "a/b"')).toBe(12);
    expect(jsonSyntaxErrorOffset("{'id': 1}")).toBe(1);
    expect(jsonSyntaxErrorOffset('["bad \\x escape"]')).toBe(6);
    expect(jsonSyntaxErrorOffset("[1] 2")).toBe(4);
    expect(jsonSyntaxErrorOffset("")).toBe(0);
  });
});
