/**
 * Imports the real Hub dumps of the shared data folder whole and checks them against the oracle figures of their
 * SOURCE.md files. Skipped (with a warning) when the folder is absent, except in CI, where its absence fails.
 * The 760,000-line `2024-07-11/models.jsonl.gz` is left to the benchmark (about 10 s).
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dateFromFileName } from "../../src/ingest/import/dates.js";
import { detectFormat } from "../../src/ingest/import/detect.js";
import { findFirstProblem, type SanitizeResult, sanitizeToJsonl } from "../../src/ingest/import/sanitize.js";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const sharedDir = process.env.OMO_SHARED_DIR ?? path.resolve(projectRoot, "../shared");
const hubDir = path.join(sharedDir, "data", "hub");
const available = existsSync(hubDir);
const required = process.env.CI === "true";

if (!available && !required) {
  console.warn(
    `import-shared-data: skipped, no shared Hub data at ${hubDir} (set OMO_SHARED_DIR to its parent folder)`,
  );
}

describe.runIf(!available && required)("shared Hub data", () => {
  it("is present in CI", () => {
    throw new Error(`no shared Hub data at ${hubDir}: set OMO_SHARED_DIR (CI=true requires it)`);
  });
});

type Row = { id: string; downloads?: number; downloadsAllTime?: number; date?: string };

describe.skipIf(!available)(`import of the shared Hub dumps (${hubDir})`, () => {
  let dir: string;
  let count = 0;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "omo-import-shared-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function importFile(
    file: string,
    options: { defaultDate?: string; dateOrder?: "mdy" | "dmy" } = {},
  ): Promise<{ result: SanitizeResult; rows: Row[] }> {
    const out = path.join(dir, `out-${++count}.jsonl`);
    const format = await detectFormat(file);
    const result = await sanitizeToJsonl({ path: file, format, strict: true, ...options }, out);
    const rows = (await readFile(out, "utf8"))
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Row);
    await rm(out);
    return { result, rows };
  }

  async function csvFiles(folder: string): Promise<string[]> {
    const names = (await readdir(path.join(hubDir, "series", folder))).filter((n) => n.endsWith(".csv")).sort();
    return names.map((n) => path.join(hubDir, "series", folder, n));
  }

  const total = (rows: Row[]) => rows.reduce((sum, row) => sum + (row.downloads ?? 0), 0);

  it("2024-07-11/subset-meta-llama-lmsys.jsonl: 48 list objects", async () => {
    const file = path.join(hubDir, "2024-07-11", "subset-meta-llama-lmsys.jsonl");
    const { result, rows } = await importFile(file, { defaultDate: "2024-07-11" });
    expect(result).toMatchObject({ rows: 48, malformed: 0, dates: ["2024-07-11"] });
    expect(rows.filter((r) => r.id.startsWith("meta-llama/"))).toHaveLength(30);
    expect(rows.filter((r) => r.id.startsWith("lmsys/"))).toHaveLength(18);
    const llama2 = rows.filter((r) => r.id.startsWith("meta-llama/Llama-2-"));
    expect(total(llama2)).toBe(3_780_234);
    expect(await findFirstProblem(file, "jsonl")).toBeNull();
  });

  it("2024-07-11/model-info.jsonl.gz: 8,650 model bodies", async () => {
    const { result, rows } = await importFile(path.join(hubDir, "2024-07-11", "model-info.jsonl.gz"));
    expect(result).toMatchObject({ rows: 8650, malformed: 0, undated: 8650 });
    expect(new Set(rows.map((r) => r.id)).size).toBe(8650);
    expect(total(rows)).toBe(7_766_922);
  });

  it("2024-09-20/hf_models.csv: 9,715 rows, dated by --date", async () => {
    const { result, rows } = await importFile(path.join(hubDir, "2024-09-20", "hf_models.csv"), {
      defaultDate: "2024-09-20",
    });
    expect(result).toMatchObject({ rows: 9715, malformed: 0, dates: ["2024-09-20"], undated: 0 });
    expect(rows.some((r) => (r as { tags?: string[] }).tags?.some((t) => t.startsWith("base_model:quantized:")))).toBe(
      true,
    );
  });

  it("daily-2026-08: 16 documents, each dated by its own date field", async () => {
    const folder = path.join(hubDir, "daily-2026-08");
    const files = (await readdir(folder)).filter((n) => n.endsWith(".json")).sort();
    expect(files).toHaveLength(16);
    for (const name of files) {
      const { result } = await importFile(path.join(folder, name));
      const date = dateFromFileName(name);
      expect(result, name).toMatchObject({ malformed: 0, documentDate: date, dates: [date], undated: 0 });
      expect(result.rows, name).toBeGreaterThan(500);
    }
  });

  it("kb-labb series: 55 monthly files, 2,710 rows, 80 models, per-file sums", async () => {
    const files = await csvFiles("kb-labb__huggingface_stats");
    expect(files).toHaveLength(55);
    const all: Row[] = [];
    const sums = new Map<string, number>();
    for (const file of files) {
      const { result, rows } = await importFile(file);
      const date = dateFromFileName(file) as string;
      expect(result.dates, file).toEqual([date]);
      sums.set(date, total(rows));
      all.push(...rows);
    }
    expect(all).toHaveLength(2710);
    expect(new Set(all.map((r) => r.id)).size).toBe(80);
    expect(all.every((r) => r.id.startsWith("KBLab/") || r.id.startsWith("KB/"))).toBe(true);
    expect(sums.get("2022-02-18")).toBe(42_041);
    expect(sums.get("2026-06-18")).toBe(1_917_733);
    expect(sums.get("2026-08-19")).toBe(1_146_357);
  });

  it("nctu6 series: 19 files, 199 rows, downloadsAllTime never decreasing", async () => {
    const files = await csvFiles("nctu6__huggingface_stats");
    const all: Row[] = [];
    for (const file of files) all.push(...(await importFile(file)).rows);
    expect(files).toHaveLength(19);
    expect(all).toHaveLength(199);
    expect(new Set(all.map((r) => r.id)).size).toBe(12);
    const last = new Map<string, number>();
    for (const row of all.sort((a, b) => (a.date as string).localeCompare(b.date as string))) {
      const previous = last.get(row.id);
      if (previous !== undefined) expect(row.downloadsAllTime, row.id).toBeGreaterThanOrEqual(previous);
      last.set(row.id, row.downloadsAllTime as number);
    }
    const alpha = all.filter((r) => r.id === "taide/Llama3-TAIDE-LX-8B-Chat-Alpha1");
    expect(alpha.find((r) => r.date === "2024-08-01")).toMatchObject({ downloads: 27_164, downloadsAllTime: 55_931 });
  });

  it("do-me series: 26 files across five header variants, mined_date read day first", async () => {
    const files = await csvFiles("do-me__trending-huggingface-models");
    expect(files).toHaveLength(26);
    let rows = 0;
    for (const file of files) {
      const { result } = await importFile(file);
      expect(result.dates, file).toEqual([dateFromFileName(file, { dateOrder: "dmy" })]);
      rows += result.rows;
    }
    expect(rows).toBe(3899);
  });
});
