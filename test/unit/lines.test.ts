/** The one line reader (src/formats/lines.ts): gzip by magic, BOM, line numbers, cut gzip streams, JSON Lines. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import {
  type JsonLine,
  readJsonFile,
  readJsonLineBatches,
  readLineBatches,
  readText,
  TruncatedInputError,
} from "../../src/formats/lines.js";
import { tempDir } from "../helpers.js";

const tmp = tempDir("omo-lines-");
afterAll(() => tmp.cleanup());

function file(name: string, content: string | Buffer): string {
  const p = path.join(tmp.dir, name);
  writeFileSync(p, content);
  return p;
}

async function all<T>(gen: AsyncGenerator<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of gen) out.push(...batch);
  return out;
}

const TEXT = '\uFEFF{"id":"a/1"}\r\n\n{"id":"a/2"}\n{not json';

describe("readLineBatches", () => {
  it("numbers physical lines, skips a BOM and flags the last line without a newline, gzip or not", async () => {
    const plain = await all(readLineBatches(file("t.jsonl", TEXT)));
    // gzip is told by its magic number, not by the name
    const gz = await all(readLineBatches(file("t-gz.jsonl", gzipSync(TEXT))));
    for (const lines of [plain, gz]) {
      expect(lines).toEqual([
        { line: 1, text: '{"id":"a/1"}\r', last: false },
        { line: 2, text: "", last: false },
        { line: 3, text: '{"id":"a/2"}', last: false },
        { line: 4, text: "{not json", last: true },
      ]);
    }
  });

  it("fails a cut gzip stream with a TruncatedInputError at the line it reached", async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: `org/m${i}`, n: i * 7919 }));
    const whole = gzipSync(`${lines.join("\n")}\n`);
    const cut = file("cut.jsonl.gz", whole.subarray(0, Math.floor(whole.length / 2)));
    const seen: number[] = [];
    const err = await (async () => {
      try {
        for await (const batch of readLineBatches(cut)) for (const l of batch) seen.push(l.line);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(TruncatedInputError);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(2000);
    expect((err as InputError).location.line).toBe(seen.length + 1);
  });
});

describe("readJsonLineBatches", () => {
  it("parses the non-blank lines and hands on the ones that are not JSON", async () => {
    const rows: JsonLine[] = await all(readJsonLineBatches(file("j.jsonl", TEXT)));
    expect(rows.map((r) => r.line)).toEqual([1, 3, 4]);
    expect(rows[0]?.value).toEqual({ id: "a/1" });
    expect(rows[1]?.value).toEqual({ id: "a/2" });
    expect(rows[2]).toMatchObject({ line: 4, last: true });
    expect(rows[2]?.error).toMatch(/JSON/);
  });
});

describe("whole files", () => {
  it("readText and readJsonFile read gzip by magic and skip a BOM", async () => {
    const doc = '\uFEFF{"models":[1,2]}';
    expect(await readText(file("d.json", doc))).toBe('{"models":[1,2]}');
    expect(await readJsonFile(file("d2.json", gzipSync(doc)))).toEqual({ models: [1, 2] });
  });

  it("name the file of a missing, broken or non-JSON input", async () => {
    await expect(readText(path.join(tmp.dir, "missing.json"))).rejects.toThrow(/missing\.json: cannot open: ENOENT/);
    const bad = file("bad.json.gz", Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from("not gzip at all")]));
    await expect(readText(bad)).rejects.toThrow(InputError);
    await expect(readJsonFile(file("x.json", "{x"))).rejects.toThrow(/x\.json: not JSON/);
  });
});
