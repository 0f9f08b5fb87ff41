import { existsSync } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync, constants as zlibConstants } from "node:zlib";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { HubModelSchema } from "../../src/hub/types.js";
import { dateFromFileName } from "../../src/ingest/import/dates.js";
import { detectFormat } from "../../src/ingest/import/detect.js";
import { findFirstProblem, type SanitizeResult, sanitizeToJsonl } from "../../src/ingest/import/sanitize.js";
import { useTempFiles } from "../helpers.js";

const fixtures = fileURLToPath(new URL("../fixtures/import/", import.meta.url));
const tmp = useTempFiles("omo-import-sanitize-");
const file = tmp.file;
let outCount = 0;

/** Sanitizes a file (format detected, default date from its name) and returns the result and the written rows. */
async function sanitize(
  p: string,
  options: { strict?: boolean; defaultDate?: string | null } = {},
): Promise<{ result: SanitizeResult; rows: Array<Record<string, unknown>>; out: string }> {
  const out = path.join(tmp.dir(), `out-${++outCount}.jsonl`);
  const defaultDate = options.defaultDate === undefined ? dateFromFileName(p) : options.defaultDate;
  const result = await sanitizeToJsonl(
    { path: p, format: await detectFormat(p), strict: options.strict ?? false, defaultDate: defaultDate ?? undefined },
    out,
  );
  const text = await readFile(out, "utf8");
  expect(text.endsWith("\n")).toBe(true);
  const rows = text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { result, rows, out };
}

const sum = (rows: Array<Record<string, unknown>>, key: string) =>
  rows.reduce((total, row) => total + ((row[key] as number | undefined) ?? 0), 0);

describe("sanitizeToJsonl on real fixtures", () => {
  it("JSONL list objects of 2024-07-11: all rows, modelId dropped, _id kept, date from the file name", async () => {
    const { result, rows } = await sanitize(path.join(fixtures, "models_07-11-2024.head40.jsonl"));
    expect(result).toEqual({
      rows: 40,
      malformed: 0,
      firstProblems: [],
      dates: ["2024-07-11"],
      documentDate: null,
      undated: 0,
    });
    expect(sum(rows, "downloads")).toBe(1_265_629_237);
    expect(sum(rows, "likes")).toBe(18_438);
    expect(rows[3]).toMatchObject({ id: "google-bert/bert-base-uncased", downloads: 51_255_465 });
    for (const row of rows) {
      expect(row).not.toHaveProperty("modelId");
      expect(row._id).toMatch(/^[0-9a-f]{24}$/);
      expect(HubModelSchema.safeParse(row).success).toBe(true);
    }
  });

  it("a scraped page (JSON array, .json.gz)", async () => {
    const { result, rows } = await sanitize(path.join(fixtures, "models_page1_07-11-2024.head25.json.gz"));
    expect(result).toMatchObject({ rows: 25, malformed: 0, dates: ["2024-07-11"], documentDate: null });
    expect(sum(rows, "downloads")).toBe(1_185_036_596);
  });

  it("a daily document: its date on every row, lastModified null dropped", async () => {
    const { result, rows } = await sanitize(path.join(fixtures, "2026-08-07.head20.json.gz"), { defaultDate: null });
    expect(result).toEqual({
      rows: 20,
      malformed: 0,
      firstProblems: [],
      dates: ["2026-08-07"],
      documentDate: "2026-08-07",
      undated: 0,
    });
    expect(sum(rows, "downloads")).toBe(308_751_100);
    expect(rows[0]).toEqual({
      id: "black-forest-labs/FLUX.1-dev",
      downloads: 512841,
      likes: 14018,
      pipeline_tag: "text-to-image",
      library_name: "diffusers",
      createdAt: "2024-07-31T21:13:44.000Z",
      date: "2026-08-07",
    });
  });

  it("the pandas CSV of 2024-09-20: Python tags, False, pandas timestamps; undated without a default", async () => {
    const p = path.join(fixtures, "hf_models_2024-09-20.head30.csv");
    const { result, rows } = await sanitize(p, { defaultDate: null });
    expect(result).toMatchObject({ rows: 30, malformed: 0, dates: [], undated: 30 });
    expect(sum(rows, "downloads")).toBe(701_257_284);
    expect(rows[0]).toEqual({
      id: "MIT/ast-finetuned-audioset-10-10-0.4593",
      author: "MIT",
      downloads: 189285567,
      tags: [
        "transformers",
        "pytorch",
        "safetensors",
        "audio-spectrogram-transformer",
        "audio-classification",
        "arxiv:2104.01778",
        "license:bsd-3-clause",
        "endpoints_compatible",
        "region:us",
      ],
      pipeline_tag: "audio-classification",
      lastModified: "2023-09-06T14:49:15.000Z",
      private: false,
    });
    expect(rows.filter((row) => row.pipeline_tag === undefined)).toHaveLength(
      rows.filter((row) => !("pipeline_tag" in row)).length,
    );
    const dated = await sanitize(p);
    expect(dated.result).toMatchObject({ rows: 30, dates: ["2024-09-20"], undated: 0 });
  });

  it("the kb-labb series: model_url → id, organization → author, per-row date", async () => {
    const { result, rows } = await sanitize(path.join(fixtures, "kb-labb_2022-02-18_hf.csv"));
    expect(result).toMatchObject({ rows: 20, malformed: 0, dates: ["2022-02-18"] });
    expect(sum(rows, "downloads")).toBe(42_041);
    expect(rows[0]).toEqual({
      id: "KBLab/bert-base-swedish-cased-reallysimple-ner",
      author: "KBLab",
      downloads: 6,
      date: "2022-02-18",
    });
  });

  it("the nctu6 series: bare ids in model_url, downloadsAllTime", async () => {
    const { result, rows } = await sanitize(path.join(fixtures, "nctu6_2024-08-01_hf.csv"));
    expect(result).toMatchObject({ rows: 9, malformed: 0, dates: ["2024-08-01"] });
    expect(sum(rows, "downloads")).toBe(35_501);
    expect(rows[0]).toEqual({
      id: "taide/b.1.0.0",
      author: "taide",
      downloads: 0,
      downloadsAllTime: 828,
      date: "2024-08-01",
    });
  });

  it("the do-me series across its header variants: mined_date read day first", async () => {
    const cases = [
      { name: "transformersjs_08-05-2024.head25.csv", rows: 25, date: "2024-05-08", downloads: 2_657_553, likes: 1497 },
      { name: "transformersjs_01-08-2025.head15.csv", rows: 15, date: "2025-08-01", downloads: 6_605_552, likes: 3328 },
      {
        name: "transformersjs_07-05-2026.head25.csv",
        rows: 25,
        date: "2026-05-07",
        downloads: 32_233_253,
        likes: 2859,
      },
    ];
    for (const c of cases) {
      const { result, rows } = await sanitize(path.join(fixtures, c.name), { defaultDate: null });
      expect(result, c.name).toMatchObject({ rows: c.rows, malformed: 0, dates: [c.date], undated: 0 });
      expect(sum(rows, "downloads"), c.name).toBe(c.downloads);
      expect(sum(rows, "likes"), c.name).toBe(c.likes);
    }
    const { rows } = await sanitize(path.join(fixtures, "transformersjs_08-05-2024.head25.csv"));
    expect(rows[0]).toEqual({
      id: "mixedbread-ai/mxbai-embed-large-v1",
      author: "mixedbread-ai",
      downloads: 1755877,
      likes: 312,
      pipeline_tag: "feature-extraction",
      lastModified: "2024-04-18T23:20:55.000Z",
      gated: false,
      private: false,
      date: "2024-05-08",
    });
  });
});

const BAD_JSONL = [
  '{"_id":"x1","id":"org/good-1","downloads":10,"likes":1,"modelId":"org/good-1","extra":{"a":1}}',
  '{"id":"org/neg","downloads":-5}',
  '{"id":"org/str","downloads":"12"}',
  '{"downloads":3}',
  '{"id":"org/broken","downloads":1',
  "",
  '{"id":"org/tags","tags":"x"}',
  '{"id":"org/a/b"}',
  '{"modelId":"org/from-model-id","downloads":2}',
  '{"id":"org/frac","downloads":1.5}',
  "[1,2]",
  '{"id":"org/date","date":"2024-02-30"}',
  '{"id":"org/gated","gated":"False","private":"True","lastModified":null,"date":"07-11-2024"}',
  '{"id":"","likes":1}',
  '{"id":"org/tagitem","tags":["a",1]}',
  '{"id":"gpt2","downloads":7}',
].join("\n");

describe("sanitizeToJsonl on malformed JSONL", () => {
  it("skips and counts malformed rows, keeping their line, field and reason", async () => {
    const p = await file("bad.jsonl", `${BAD_JSONL}\n`);
    const { result, rows } = await sanitize(p, { defaultDate: "2024-07-12" });
    expect(result.rows).toBe(4);
    expect(result.malformed).toBe(11);
    expect(result.firstProblems).toEqual([
      { line: 2, field: "downloads", problem: "must not be negative, got -5" },
      { line: 3, field: "downloads", problem: 'expected a number, got the string "12"' },
      { line: 4, field: "id", problem: "is missing" },
      { line: 5, problem: expect.stringMatching(/^not valid JSON: /) },
      { line: 7, field: "tags", problem: 'expected a list, got the string "x"' },
      { line: 8, field: "id", problem: 'expected "namespace/name" or a bare name, got "org/a/b"' },
      { line: 10, field: "downloads", problem: "expected an integer, got number 1.5" },
      { line: 11, problem: "not a JSON object: got a list" },
      { line: 12, field: "date", problem: 'not a date: "2024-02-30"' },
      { line: 14, field: "id", problem: "is empty" },
      { line: 15, field: "tags", problem: "item 2: expected a string, got number 1" },
    ]);
    expect(result.dates).toEqual(["2024-07-11", "2024-07-12"]);
    expect(rows).toEqual([
      { _id: "x1", id: "org/good-1", downloads: 10, likes: 1, date: "2024-07-12" },
      { id: "org/from-model-id", downloads: 2, date: "2024-07-12" },
      { id: "org/gated", gated: false, private: true, date: "2024-07-11" },
      { id: "gpt2", downloads: 7, date: "2024-07-12" },
    ]);
  });

  it("with strict, throws at the first malformed row naming file, line and field, and leaves no output", async () => {
    const p = await file("bad-strict.jsonl", `${BAD_JSONL}\n`);
    const out = path.join(tmp.dir(), "strict-out.jsonl");
    const error = await sanitizeToJsonl({ path: p, format: "jsonl", strict: true }, out).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(`${p}:2: field "downloads": must not be negative, got -5`);
    expect((error as InputError).location).toEqual({ file: p, line: 2, field: "downloads" });
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it("keeps at most 20 problems but counts them all", async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `{"id":"org/m${i}","likes":-1}`);
    const p = await file("many.jsonl", `${lines.join("\n")}\n{"id":"org/ok"}\n`);
    const { result } = await sanitize(p);
    expect(result.malformed).toBe(30);
    expect(result.firstProblems).toHaveLength(20);
    expect(result.firstProblems[19]).toEqual({ line: 20, field: "likes", problem: "must not be negative, got -1" });
  });

  it("fails when no row is valid", async () => {
    const p = await file("none.jsonl", '{"downloads":1}\n{"id":"org/x","downloads":"many"}\n');
    await expect(sanitize(p)).rejects.toThrow(
      `${p}: no valid model rows (2 malformed; first: line 1: field "id": is missing)`,
    );
    const empty = await file("empty-doc.json", '{"date":"2026-08-07","models":[]}');
    await expect(sanitize(empty)).rejects.toThrow(`${empty}: no valid model rows (0 malformed)`);
  });

  it("flags a truncated last line (no newline at the end)", async () => {
    const p = await file("cut.jsonl", '{"id":"org/a","downloads":1}\n{"id":"org/b","downl');
    const { result } = await sanitize(p);
    expect(result.rows).toBe(1);
    expect(result.firstProblems).toEqual([
      {
        line: 2,
        problem: expect.stringMatching(
          /^not valid JSON \(last line, no newline at the end: the file looks cut short\): /,
        ),
      },
    ]);
    await expect(sanitize(p, { strict: true })).rejects.toThrow(`${p}:2: not valid JSON (last line`);
  });

  it("refuses a truncated .jsonl.gz as a whole, strict or not, naming the line where it was cut", async () => {
    const lines = (await readFile(path.join(fixtures, "models_07-11-2024.head40.jsonl"), "utf8")).trimEnd().split("\n");
    const many = Array.from({ length: 50 }, () => lines).flat();
    const gz = gzipSync(`${many.join("\n")}\n`);
    const cut = gz.subarray(0, Math.floor(gz.length * 0.6));
    const p = await file("cut.jsonl.gz", cut);
    // the lines that arrive whole before the cut: the next one is where the stream ends
    const readable = gunzipSync(cut, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString("utf8");
    const line = readable.split("\n").length;
    expect(line).toBeGreaterThan(100);
    expect(line).toBeLessThan(2000);
    const problem = { line, problem: "truncated: the gzip stream ends inside this line (unexpected end of file)" };
    expect(await findFirstProblem(p, "jsonl")).toEqual(problem);
    const message = `${p}:${line}: truncated: the gzip stream ends inside this line (unexpected end of file)`;
    const out = path.join(tmp.dir(), "cut-out.jsonl");
    await expect(sanitizeToJsonl({ path: p, format: "jsonl", strict: false }, out)).rejects.toThrow(message);
    expect(existsSync(out)).toBe(false);
    await expect(sanitize(p, { strict: true })).rejects.toThrow(message);
  });

  it("reports a gzip stream cut at a line end after the last line", async () => {
    const gz = gzipSync('{"id":"org/a"}\n{"id":"org/b"}\n');
    const p = await file("cut-trailer.jsonl.gz", gz.subarray(0, gz.length - 4));
    expect(await findFirstProblem(p, "jsonl")).toEqual({
      line: 3,
      problem: "truncated: the gzip stream ends early after line 2 (unexpected end of file)",
    });
  });

  it("overwrites an existing output file", async () => {
    const out = path.join(tmp.dir(), "reused.jsonl");
    await writeFile(out, "old content that is longer than the new one\n".repeat(100));
    const p = await file("one.jsonl", '{"id":"org/a"}\n');
    await sanitizeToJsonl({ path: p, format: "jsonl", strict: true }, out);
    expect(await readFile(out, "utf8")).toBe('{"id":"org/a"}\n');
  });

  it("refuses a default date that is not YYYY-MM-DD", async () => {
    const p = await file("one-more.jsonl", '{"id":"org/a"}\n');
    await expect(
      sanitizeToJsonl(
        { path: p, format: "jsonl", strict: false, defaultDate: "07-11-2024" },
        path.join(tmp.dir(), "x.jsonl"),
      ),
    ).rejects.toThrow('the default date must be a real day written YYYY-MM-DD, got "07-11-2024"');
  });
});

describe("sanitizeToJsonl on malformed CSV", () => {
  const csv = [
    "model_id,downloads,likes,tags,gated,date",
    'org/good,1234.0,5,"[\'a\', ""b\'s""]",False,2024-07-11',
    "org/neg,-3,1,[],,2024-07-11",
    "org/str,12k,1,[],,2024-07-11",
    ",5,1,[],,2024-07-11",
    "org/list,5,1,\"['a', b]\",,2024-07-11",
    "org/multi,5,1,\"['line",
    "break']\",,2024-07-11",
    "org/width,5,1",
    "org/baddate,5,1,[],,2024-13-01",
    "org/ok2,,,,manual,07-12-2024",
  ].join("\r\n");

  it("names the CSV column and the physical line of each bad record", async () => {
    const p = await file("bad.csv", `${csv}\r\n`);
    const { result, rows } = await sanitize(p);
    expect(result).toEqual({
      rows: 3,
      malformed: 6,
      firstProblems: [
        { line: 3, field: "downloads", problem: "must not be negative, got -3" },
        { line: 4, field: "downloads", problem: 'expected a number, got the string "12k"' },
        { line: 5, field: "model_id", problem: "is missing" },
        {
          line: 6,
          field: "tags",
          problem: `not a list of strings (item 2 is not a quoted string at character 7): "['a', b]"`,
        },
        { line: 9, problem: "has 3 fields, the header has 6" },
        { line: 10, field: "date", problem: 'not a date: "2024-13-01"' },
      ],
      dates: ["2024-07-11", "2024-07-12"],
      documentDate: null,
      undated: 0,
    });
    expect(rows).toEqual([
      { id: "org/good", downloads: 1234, likes: 5, tags: ["a", "b's"], gated: false, date: "2024-07-11" },
      { id: "org/multi", downloads: 5, likes: 1, tags: ["line\r\nbreak"], date: "2024-07-11" },
      { id: "org/ok2", gated: "manual", date: "2024-07-12" },
    ]);
  });

  it("with strict, throws file:line: field message for the first bad record", async () => {
    const p = await file("bad-strict.csv", `${csv}\r\n`);
    await expect(sanitize(p, { strict: true })).rejects.toThrow(
      `${p}:3: field "downloads": must not be negative, got -3`,
    );
  });

  it("fails on an unterminated quote, strict or not, and findFirstProblem names its line", async () => {
    const p = await file("open-quote.csv", "id,tags\norg/a,[]\norg/b,\"['x'\norg/c,[]\n");
    const message = `${p}:3: unterminated quoted field: the closing quote is missing before the end of the file`;
    await expect(sanitize(p)).rejects.toThrow(message);
    await expect(sanitize(p, { strict: true })).rejects.toThrow(message);
    expect(await findFirstProblem(p, "csv")).toEqual({
      line: 3,
      problem: "unterminated quoted field: the closing quote is missing before the end of the file",
    });
  });

  it("fails on a header without an id column", async () => {
    const p = await file("no-id.csv", "downloads,likes\n1,2\n");
    await expect(sanitize(p)).rejects.toThrow(`${p}:1: no model id column`);
  });

  it("reads gzip CSV with a BOM, _id and cardData as JSON", async () => {
    const text = '\uFEFF_id,id,cardData,private\n1f,org/a,"{""license"": ""mit""}",true\n';
    const p = await file("extra.csv.gz", gzipSync(text));
    const { rows } = await sanitize(p);
    expect(rows).toEqual([{ _id: "1f", id: "org/a", private: true, cardData: { license: "mit" } }]);
  });
});

describe("findFirstProblem", () => {
  it("returns null for a clean file and the first problem of a dirty one", async () => {
    expect(await findFirstProblem(path.join(fixtures, "models_07-11-2024.head40.jsonl"), "jsonl")).toBeNull();
    const p = await file("first.jsonl", '{"id":"org/a"}\n{"id":"org/b","downloads":"7"}\n{"id":"org/c","likes":-1}\n');
    expect(await findFirstProblem(p, "jsonl")).toEqual({
      line: 2,
      field: "downloads",
      problem: 'expected a number, got the string "7"',
    });
  });

  it("turns file-level failures into a problem", async () => {
    const p = await file("broken-doc.json", '{\n  "models": [\n    {"id": "a/b"},,\n  ]\n}\n');
    expect(await findFirstProblem(p, "json-document")).toEqual({
      line: 3,
      problem: expect.stringMatching(/^not valid JSON: /),
    });
  });

  it("refuses Parquet, which DuckDB reads directly", async () => {
    await expect(findFirstProblem("m.parquet", "parquet")).resolves.toEqual({
      line: 0,
      problem: "Parquet is read by DuckDB directly; there is nothing to convert",
    });
  });
});

describe("truncated gzip CSV and JSON", () => {
  it("refuses a truncated .csv.gz as a whole, naming the record being read", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `org/model-${i},${i}`);
    const gz = gzipSync(`id,downloads\n${rows.join("\n")}\n`);
    const cut = gz.subarray(0, Math.floor(gz.length / 2));
    const p = await file("cut.csv.gz", cut);
    const readable = gunzipSync(cut, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString("utf8");
    const line = readable.split("\n").length;
    expect(line).toBeGreaterThan(1000);
    await expect(sanitize(p)).rejects.toThrow(
      `${p}:${line}: truncated: the gzip stream ends early (unexpected end of file)`,
    );
  });

  it("refuses a cut JSON document", async () => {
    const gz = gzipSync(JSON.stringify({ date: "2026-08-07", models: [{ id: "a/b" }, { id: "c/d" }] }));
    const p = await file("cut.json.gz", gz.subarray(0, gz.length - 6));
    await expect(
      sanitizeToJsonl({ path: p, format: "json-document", strict: false }, path.join(tmp.dir(), "j.jsonl")),
    ).rejects.toThrow(`${p}:1: truncated: the gzip stream ends early (unexpected end of file)`);
  });
});
