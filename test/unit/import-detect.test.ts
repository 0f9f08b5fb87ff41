import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { detectFormat } from "../../src/ingest/import/detect.js";
import { useTempFiles } from "../helpers.js";

const fixtures = fileURLToPath(new URL("../fixtures/import/", import.meta.url));
const tmp = useTempFiles("omo-import-detect-");
const file = tmp.file;

describe("detectFormat on real fixtures", () => {
  it("recognises each fixture", async () => {
    const expected: Record<string, string> = {
      "models_07-11-2024.head40.jsonl": "jsonl",
      "models_page1_07-11-2024.head25.json.gz": "json-array",
      "2026-08-07.head20.json.gz": "json-document",
      "hf_models_2024-09-20.head30.csv": "csv",
      "kb-labb_2022-02-18_hf.csv": "csv",
      "transformersjs_07-05-2026.head25.csv": "csv",
    };
    for (const [name, format] of Object.entries(expected)) {
      expect(await detectFormat(path.join(fixtures, name)), name).toBe(format);
    }
  });
});

describe("detectFormat by extension and first bytes", () => {
  it("reads .ndjson, .jsonl.gz and .csv.gz", async () => {
    expect(await detectFormat(await file("a.ndjson", '{"id":"a/b"}\n'))).toBe("jsonl");
    expect(await detectFormat(await file("a.JSONL.GZ", gzipSync('{"id":"a/b"}\n')))).toBe("jsonl");
    expect(await detectFormat(await file("a.csv.gz", gzipSync("id\na/b\n")))).toBe("csv");
  });

  it("tells JSON arrays, documents and JSON Lines named .json apart", async () => {
    expect(await detectFormat(await file("page.json", '\n  [{"id":"a/b"}]'))).toBe("json-array");
    expect(await detectFormat(await file("doc.json", '{\n  "date": "2026-08-07",\n  "models": []\n}\n'))).toBe(
      "json-document",
    );
    expect(await detectFormat(await file("lines.json", '{"id":"a/b"}\n{"id":"c/d"}\n'))).toBe("jsonl");
    expect(await detectFormat(await file("one.json", '{"id":"a/b","downloads":1}\n'))).toBe("jsonl");
    expect(await detectFormat(await file("onedoc.json", '{"date":"2026-08-07","models":[{"id":"a/b"}]}'))).toBe(
      "json-document",
    );
    expect(await detectFormat(await file("doc.json.gz", gzipSync('\uFEFF{"data": [{"id": "a/b"}]}')))).toBe(
      "json-document",
    );
  });

  it("confirms Parquet by its magic bytes", async () => {
    expect(await detectFormat(await file("m.parquet", Buffer.from("PAR1\0\0\0\0PAR1", "latin1")))).toBe("parquet");
    await expect(detectFormat(await file("fake.parquet", "id\na/b\n"))).rejects.toThrow(
      `${tmp.dir()}/fake.parquet: named .parquet but does not start with the Parquet magic bytes PAR1`,
    );
  });

  it("names the file when the extension is unknown or contradicted", async () => {
    await expect(detectFormat(await file("models.txt", "id\n"))).rejects.toThrow(
      /models\.txt: unknown file type \(expected one of \.jsonl\.gz, /,
    );
    await expect(detectFormat(await file("empty.jsonl", ""))).rejects.toThrow(
      `${tmp.dir()}/empty.jsonl: file is empty`,
    );
    await expect(detectFormat(await file("blank.csv", "\n\n"))).rejects.toThrow(
      `${tmp.dir()}/blank.csv: file is empty`,
    );
    await expect(detectFormat(await file("arr.jsonl", '[{"id":"a/b"}]'))).rejects.toThrow(
      `${tmp.dir()}/arr.jsonl: not JSON Lines: starts with "[", expected "{" (a JSON array: name it .json)`,
    );
    await expect(detectFormat(await file("plain.jsonl.gz", '{"id":"a/b"}\n'))).rejects.toThrow(
      `${tmp.dir()}/plain.jsonl.gz: named .jsonl.gz but is not gzip-compressed`,
    );
    await expect(detectFormat(await file("packed.jsonl", gzipSync('{"id":"a/b"}\n')))).rejects.toThrow(
      `${tmp.dir()}/packed.jsonl: is gzip-compressed but named .jsonl; rename it to .jsonl.gz`,
    );
    await expect(detectFormat(await file("html.json", "<html>"))).rejects.toThrow(
      `${tmp.dir()}/html.json: not JSON: starts with "<", expected "[" or "{"`,
    );
    await expect(detectFormat(path.join(tmp.dir(), "missing.csv"))).rejects.toThrow(
      `${tmp.dir()}/missing.csv: cannot open: ENOENT`,
    );
  });
});
