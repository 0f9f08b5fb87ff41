import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type CsvRecord, createCsvRowMapper, modelIdFromUrl, readCsvRecords } from "../../src/ingest/import/csv.js";
import { useTempFiles } from "../helpers.js";

const tmp = useTempFiles("omo-import-csv-");
const file = tmp.file;

async function records(p: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const record of readCsvRecords(p)) out.push(record);
  return out;
}

describe("readCsvRecords", () => {
  it("reads quoted fields with commas, doubled quotes and newlines, tracking the line each record starts on", async () => {
    const p = await file(
      "quoted.csv",
      'id,tags,note\na/b,"[\'x\', \'y\']","say ""hi"""\nc/d,[],"two\nlines"\ne/f,,last\n',
    );
    expect(await records(p)).toEqual([
      { line: 1, fields: ["id", "tags", "note"] },
      { line: 2, fields: ["a/b", "['x', 'y']", 'say "hi"'] },
      { line: 3, fields: ["c/d", "[]", "two\nlines"] },
      { line: 5, fields: ["e/f", "", "last"] },
    ]);
  });

  it("handles CRLF, a BOM, blank lines and a missing final newline", async () => {
    const p = await file("crlf.csv", '\uFEFFid,downloads\r\na/b,1\r\n\r\n"c/d",2\r\ne/f,3');
    expect(await records(p)).toEqual([
      { line: 1, fields: ["id", "downloads"] },
      { line: 2, fields: ["a/b", "1"] },
      { line: 4, fields: ["c/d", "2"] },
      { line: 5, fields: ["e/f", "3"] },
    ]);
  });

  it("reads gzip-compressed CSV across chunk boundaries", async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `org/model-${i},${i},"quoted, ${i}"`);
    const p = await file("big.csv.gz", gzipSync(`id,downloads,note\n${rows.join("\n")}\n`));
    const out = await records(p);
    expect(out).toHaveLength(5001);
    expect(out[4321]).toEqual({ line: 4322, fields: ["org/model-4320", "4320", "quoted, 4320"] });
  });

  it("keeps stray quotes as Python's csv module does", async () => {
    const p = await file("stray.csv", 'id,name\na/b,5" screen\n"c/d"x,y\n');
    expect((await records(p)).slice(1)).toEqual([
      { line: 2, fields: ["a/b", '5" screen'] },
      { line: 3, fields: ["c/dx", "y"] },
    ]);
  });

  it("fails on an unterminated quoted field, naming the line its record starts on", async () => {
    const p = await file("open-quote.csv", "id,tags\na/b,\"['x']\"\nc/d,\"['y', \nz/z,1\n");
    await expect(records(p)).rejects.toThrow(
      `${p}:3: unterminated quoted field: the closing quote is missing before the end of the file`,
    );
  });
});

describe("modelIdFromUrl", () => {
  it("turns Hub URLs into ids and leaves ids alone", () => {
    expect(modelIdFromUrl("https://huggingface.co/KBLab/bert-base-swedish-cased")).toBe(
      "KBLab/bert-base-swedish-cased",
    );
    expect(modelIdFromUrl("https://huggingface.co/KBLab/bert-base-swedish-cased/")).toBe(
      "KBLab/bert-base-swedish-cased",
    );
    expect(modelIdFromUrl("https://huggingface.co/org/m/tree/main/onnx?x=1")).toBe("org/m");
    expect(modelIdFromUrl("http://hf.co/gpt2")).toBe("gpt2");
    expect(modelIdFromUrl("https://huggingface.co/gpt2/blob/main/config.json")).toBe("gpt2");
    expect(modelIdFromUrl(" taide/b.1.0.0 ")).toBe("taide/b.1.0.0");
    expect(modelIdFromUrl("https://huggingface.co/datasets/squad")).toBeNull();
  });
});

describe("createCsvRowMapper", () => {
  const opts = { file: "x.csv" };

  it("maps the pandas Hub dump (modelId, Python tags, False, pandas timestamps)", () => {
    const header = "modelId,modelName,author,downloads,lastModified,tags,pipeline_tag,sha,private,inference".split(",");
    const mapper = createCsvRowMapper(header, opts);
    const row = [
      "MIT/ast",
      "ast",
      "MIT",
      "189285567",
      "2023-09-06 14:49:15+00:00",
      "['transformers', 'audio-classification']",
      "audio-classification",
      "f826b80d",
      "False",
      "cold",
    ];
    expect(mapper.map(row)).toEqual({
      ok: true,
      model: {
        id: "MIT/ast",
        author: "MIT",
        downloads: 189285567,
        lastModified: "2023-09-06T14:49:15.000Z",
        tags: ["transformers", "audio-classification"],
        pipeline_tag: "audio-classification",
        private: false,
      },
    });
    expect(mapper.columns).toMatchObject({ id: "modelId", downloads: "downloads", tags: "tags" });
  });

  it("maps model_url URLs and bare ids, organization as author, and the date column", () => {
    const mapper = createCsvRowMapper(
      ["model_url", "downloads", "downloadsAllTime", "organization", "model_name", "date"],
      opts,
    );
    expect(mapper.map(["https://huggingface.co/KBLab/bert", "6", "", "KBLab", "bert", "2022-02-18"])).toEqual({
      ok: true,
      model: { id: "KBLab/bert", author: "KBLab", downloads: 6, date: "2022-02-18" },
    });
    expect(mapper.map(["taide/b.1.0.0", "0", "828", "taide", "b.1.0.0", "2024-08-01"])).toEqual({
      ok: true,
      model: { id: "taide/b.1.0.0", author: "taide", downloads: 0, downloadsAllTime: 828, date: "2024-08-01" },
    });
  });

  it("builds the id from organization + model_name when there is no id column or it is empty", () => {
    const mapper = createCsvRowMapper(["organization", "model_name", "Downloads"], opts);
    expect(mapper.map(["KB", "bert-base-swedish-cased", "1234.0"])).toEqual({
      ok: true,
      model: { id: "KB/bert-base-swedish-cased", author: "KB", downloads: 1234 },
    });
    expect(mapper.columns.id).toBe("organization+model_name");
    const withUrl = createCsvRowMapper(["url", "author", "modelName"], opts);
    expect(withUrl.map(["", "google", "gemma-2b"])).toEqual({
      ok: true,
      model: { id: "google/gemma-2b", author: "google" },
    });
  });

  it("reads the do-me header by name: mined_date day first, gated False, index column ignored", () => {
    const header = ",author,downloads,gated,id,likes,private,trending,mined_date".split(",");
    const mapper = createCsvRowMapper(header, opts);
    expect(
      mapper.map([
        "0",
        "nomic-ai",
        "145806",
        "False",
        "nomic-ai/nomic-embed-text-v1.5",
        "171",
        "False",
        "2",
        "01-08-2024",
      ]),
    ).toEqual({
      ok: true,
      model: {
        id: "nomic-ai/nomic-embed-text-v1.5",
        author: "nomic-ai",
        downloads: 145806,
        gated: false,
        likes: 171,
        private: false,
        date: "2024-08-01",
      },
    });
    const mdy = createCsvRowMapper(header, { ...opts, dateOrder: "mdy" });
    const mapped = mdy.map(["0", "a", "1", "manual", "a/b", "1", "True", "1", "01-08-2024"]);
    expect(mapped).toMatchObject({ ok: true, model: { gated: "manual", private: true, date: "2024-01-08" } });
  });

  it("keeps text it cannot coerce for validation, and reports lists, dates and widths it cannot read", () => {
    const mapper = createCsvRowMapper(["model_id", "downloads", "likes", "tags", "snapshot_date"], opts);
    expect(mapper.map(["a/b", "12k", "NaN", "", "2024-07-11"])).toEqual({
      ok: true,
      model: { id: "a/b", downloads: "12k", date: "2024-07-11" },
    });
    expect(mapper.map(["a/b", "1", "2", "['x', y]", "2024-07-11"])).toEqual({
      ok: false,
      field: "tags",
      problem: `not a list of strings (item 2 is not a quoted string at character 7): "['x', y]"`,
    });
    expect(mapper.map(["a/b", "1", "2", "[]", "2024-02-30"])).toEqual({
      ok: false,
      field: "snapshot_date",
      problem: 'not a date: "2024-02-30"',
    });
    expect(mapper.map(["a/b", "1"])).toEqual({ ok: false, problem: "has 2 fields, the header has 5" });
  });

  it("refuses a header without any id column", () => {
    expect(() => createCsvRowMapper(["downloads", "likes"], { file: "x.csv" })).toThrow(
      "x.csv:1: no model id column: expected one of id, modelId, model_id, model, model_url, url, or organization + model_name (header: downloads,likes)",
    );
  });
});
