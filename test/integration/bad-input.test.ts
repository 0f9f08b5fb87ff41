/**
 * Every bad input refused: each file below makes `omo import` exit 1 with one line naming the file, the line and the
 * field, and the store that already held a snapshot is byte for byte unchanged (writers work on a copy). Without
 * --strict, rows that break a rule are skipped and counted, never rounded or re-dated. Impossible dates on the API and
 * the embeds answer 400.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { openStore } from "../../src/store/open.js";
import { ROOT, runMain, tempDir } from "../helpers.js";

const SUBSET = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");
const GOOD = { id: "org/good", downloads: 10, likes: 1, createdAt: "2024-01-02T03:04:05.000Z" };

let tmp: ReturnType<typeof tempDir>;
let env: Record<string, string>;
let db: string;
const digest = () => createHash("sha256").update(readFileSync(db)).digest("hex");
let before = "";

beforeAll(async () => {
  tmp = tempDir();
  db = path.join(tmp.dir, "kept.duckdb");
  env = { OMO_DB: db };
  const r = await runMain(["import", SUBSET, "--date", "2024-07-11"], env);
  expect(r.code).toBe(0);
  before = digest();
});
afterAll(() => tmp?.cleanup());

/** Writes `rows` as JSON Lines under `name` in the temporary folder. */
async function jsonl(name: string, rows: unknown[]): Promise<string> {
  const p = path.join(tmp.dir, name);
  await writeFile(p, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
  return p;
}

/** `omo import` must fail with exactly one line matching `message`, and leave the store unchanged. */
async function refused(args: string[], message: RegExp): Promise<void> {
  const r = await runMain(["import", ...args], env);
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split("\n");
  expect(lines.at(-1)).toMatch(message);
  expect(lines.filter((l) => l.startsWith("omo: "))).toHaveLength(1);
  expect(digest()).toBe(before);
}

describe("omo import refuses", () => {
  it("a truncated .jsonl.gz, as a whole, naming where it was cut", async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => JSON.stringify({ ...GOOD, id: `org/m-${i}`, downloads: i }));
    const gz = gzipSync(`${rows.join("\n")}\n`);
    const p = path.join(tmp.dir, "cut-2024-08-01.jsonl.gz");
    await writeFile(p, gz.subarray(0, Math.floor(gz.length / 2)));
    await refused([p], new RegExp(`^omo: ${p}:\\d+: truncated: the gzip stream ends`));
  });

  for (const [what, id] of [
    ["a newline", "org/a\nb"],
    ["a tab", "org/a\tb"],
    ["a NUL", "org/a\u0000b"],
    ["100,000 characters", `org/${"x".repeat(100_000)}`],
  ] as const) {
    it(`with --strict, an id holding ${what} (line and field named)`, async () => {
      const p = await jsonl("ids-2024-08-01.jsonl", [GOOD, { ...GOOD, id }]);
      await refused([p, "--strict"], new RegExp(`^omo: ${p}:2: field "id": `));
    });
  }

  it("with --strict, downloads 1.5 (not rounded to 2)", async () => {
    const p = await jsonl("frac-2024-08-01.jsonl", [GOOD, { ...GOOD, id: "org/frac", downloads: 1.5 }]);
    await refused([p, "--strict"], new RegExp(`^omo: ${p}:2: field "downloads": `));
  });

  it("with --strict, a row date 2024-02-30 (never filed under the file name's date)", async () => {
    const p = await jsonl("rowdate-2024-08-01.jsonl", [GOOD, { ...GOOD, id: "org/d", date: "2024-02-30" }]);
    await refused([p, "--strict"], new RegExp(`^omo: ${p}:2: field "date": not a date: "2024-02-30"`));
  });

  it("with --strict, createdAt that is not a date (never emptied)", async () => {
    const p = await jsonl("created-2024-08-01.jsonl", [GOOD, { ...GOOD, id: "org/c", createdAt: "not-a-date" }]);
    await refused([p, "--strict"], new RegExp(`^omo: ${p}:2: field "createdAt": not a date and time`));
  });

  it("a Parquet file with none of the Hub's columns", async () => {
    const p = path.join(tmp.dir, "other-2024-08-01.parquet");
    const inst = await DuckDBInstance.create(":memory:");
    const conn = await inst.connect();
    await conn.run(`COPY (SELECT 1 AS a, 'x' AS b) TO '${p.replace(/'/g, "''")}' (FORMAT parquet)`);
    conn.closeSync();
    inst.closeSync();
    await refused([p], new RegExp(`^omo: ${p}: no "id" column: not a Hub model listing \\(columns: a, b\\)`));
  });

  it("a file whose name holds an impossible date, saying so", async () => {
    const p = await jsonl("models-2024-02-30.jsonl", [GOOD]);
    await refused(
      [p],
      new RegExp(`^omo: ${p}: no snapshot date: the file name holds "2024-02-30", which is not a real date`),
    );
  });

  it("without --strict, skips and counts the bad rows and stores only the sound ones", async () => {
    const p = await jsonl("mixed-2024-08-02.jsonl", [
      GOOD,
      { ...GOOD, id: "org/frac", downloads: 1.5 },
      { ...GOOD, id: "org/tab\there" },
      { ...GOOD, id: "org/d", date: "2024-02-30" },
      { ...GOOD, id: "org/c", createdAt: "not-a-date" },
    ]);
    const r = await runMain(["import", p, "--json"], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).snapshots).toMatchObject([
      { date: "2024-08-02", source: "import:mixed-2024-08-02.jsonl", models: 1, downloads: 10, malformed: 4 },
    ]);
    expect(r.stderr).toMatch(/4 malformed rows skipped/);
    expect(r.stderr).toContain(`${p}:2: field "downloads"`);
    before = digest();
  });
});

describe("impossible dates on the API", () => {
  it("answer 400 on every route, the embeds included", async () => {
    const store = await openStore(db);
    const app = await buildApp({ store, rateLimit: false, webRoot: null });
    try {
      for (const url of [
        "/embed/compare.svg?ids=org:lmsys&from=9999-99-99",
        "/embed/compare.svg?ids=org:lmsys&from=0000-00-00",
        "/embed/compare.svg?ids=org:lmsys&to=9999-99-99",
        "/embed/compare.svg?ids=org:lmsys&to=0000-00-00",
        "/api/orgs/lmsys?date=2024-02-30",
        "/api/models/lmsys/vicuna-7b-v1.5?date=2023-13-01",
      ]) {
        const res = await app.inject({ url });
        expect(res.statusCode, url).toBe(400);
      }
    } finally {
      await app.close();
      await store.close();
    }
  });
});
