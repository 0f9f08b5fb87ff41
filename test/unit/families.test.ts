/** The family registry (data/families/*.yaml), its loader and SQL parameters, and the alias file. */
import { createReadStream, readdirSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { createGunzip, gunzipSync } from "node:zlib";
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { ALIASES_FILE, loadAliases, parseAliases, resolveAlias } from "../../src/domain/aliases.js";
import {
  FAMILIES_DIR,
  type Family,
  findFamily,
  isOfficial,
  loadFamilies,
  officialSqlParams,
  parseFamilyFile,
  scanPattern,
  toJsRegExp,
} from "../../src/domain/families.js";
import { InputError } from "../../src/errors.js";
import { hasShared, ROOT, SAMPLE, sharedHub, useTempFiles } from "../helpers.js";

/** The committed copy of the 48 meta-llama/ and lmsys/ lines of the July-2024 listing. */
const SUBSET = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");
const subset: Array<{ id: string; downloads: number }> = readFileSync(SUBSET, "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as { id: string; downloads: number });

/** The ids of the committed sample: 13,079 repos of the July-2024 listing. */
const SAMPLE_IDS: string[] = gunzipSync(readFileSync(SAMPLE))
  .toString("utf8")
  .trim()
  .split("\n")
  .map((l) => (JSON.parse(l) as { id: string }).id);

/** What SQL does: `regexp_matches(lower(id), pattern)` — a search, on the lower-cased id. */
const sqlMatch = (pattern: string, id: string) => new RegExp(pattern).test(id.toLowerCase());

/** Constructs RE2 (DuckDB) rejects, checked independently of the loader's own scanner. */
const RE2_INCOMPATIBLE: Array<[string, RegExp]> = [
  ["lookahead", /\(\?[=!]/],
  ["lookbehind", /\(\?<[=!]/],
  ["backreference", /\\[1-9]|\\k</],
  ["JavaScript-only named group (?<name>", /\(\?<[A-Za-z_]/],
  ["atomic group", /\(\?>/],
  ["\\u / \\c escape", /\\[uc]/],
  ["\\p class", /\\[pP]/],
];

function re2Problems(pattern: string): string[] {
  return RE2_INCOMPATIBLE.filter(([, re]) => re.test(pattern)).map(([what]) => what);
}

const REQUIRED = [
  "llama-2",
  "llama-3",
  "llama-4",
  "gpt-oss",
  "vicuna",
  "mistral",
  "mixtral",
  "falcon",
  "mpt",
  "gemma",
  "qwen",
  "phi",
  "deepseek",
  "bloom",
  "stable-diffusion",
  "whisper",
  "bert",
  "kimi",
  "glm",
  "minimax",
  "smollm",
  "olmo",
  "granite",
  "nemotron",
  "flux",
  "wan",
  "sentence-transformers",
  "bge",
  "e5",
  "nomic",
];

/** Official repos each shipped rule selects in the full 2024-07-11 listing (also written in each file's comment). */
const JULY_2024_COUNTS: Record<string, number> = {
  bert: 15,
  bge: 22,
  bloom: 46,
  "code-llama": 24,
  deepseek: 30,
  e5: 14,
  falcon: 10,
  flux: 0,
  gemma: 201,
  glm: 19,
  "gpt-oss": 0,
  granite: 27,
  kimi: 0,
  "llama-2": 12,
  "llama-3": 4,
  "llama-4": 0,
  minimax: 0,
  mistral: 6,
  mixtral: 4,
  mpt: 12,
  nemotron: 8,
  nomic: 8,
  olmo: 13,
  phi: 26,
  qwen: 106,
  "sentence-transformers": 152,
  smollm: 0,
  "stable-diffusion": 36,
  vicuna: 13,
  wan: 0,
  whisper: 11,
};

/**
 * Official repos each rule selects in the 2026 daily lists (../shared/data/hub/daily-2026-08): on 2026-08-22, and
 * distinct over the 16 days (also written in each file's `sources`).
 */
const DAILY_2026_COUNTS: Record<string, [number, number]> = {
  bert: [5, 5],
  bge: [8, 11],
  bloom: [1, 2],
  "code-llama": [0, 0],
  deepseek: [14, 14],
  e5: [5, 5],
  falcon: [4, 5],
  flux: [6, 6],
  gemma: [19, 20],
  glm: [13, 13],
  "gpt-oss": [2, 2],
  granite: [3, 3],
  kimi: [6, 6],
  "llama-2": [5, 5],
  "llama-3": [10, 10],
  "llama-4": [1, 1],
  minimax: [5, 5],
  mistral: [8, 8],
  mixtral: [2, 2],
  mpt: [0, 0],
  nemotron: [4, 4],
  nomic: [3, 3],
  olmo: [0, 0],
  phi: [7, 7],
  qwen: [75, 82],
  "sentence-transformers": [14, 14],
  smollm: [2, 2],
  "stable-diffusion": [10, 11],
  vicuna: [0, 0],
  wan: [2, 2],
  whisper: [5, 6],
};

const LLAMA_2_IDS = [
  "meta-llama/Llama-2-7b-hf",
  "meta-llama/Llama-2-13b-chat-hf",
  "meta-llama/Llama-2-7b-chat-hf",
  "meta-llama/Llama-2-70b-chat-hf",
  "meta-llama/Llama-2-13b-hf",
  "meta-llama/Llama-2-70b-hf",
  "meta-llama/Llama-2-7b",
  "meta-llama/Llama-2-7b-chat",
  "meta-llama/Llama-2-13b",
  "meta-llama/Llama-2-13b-chat",
  "meta-llama/Llama-2-70b",
  "meta-llama/Llama-2-70b-chat",
];

const VICUNA_IDS = [
  "lmsys/vicuna-7b-v1.5",
  "lmsys/vicuna-13b-v1.5",
  "lmsys/vicuna-13b-v1.5-16k",
  "lmsys/vicuna-7b-v1.3",
  "lmsys/vicuna-13b-v1.3",
  "lmsys/vicuna-33b-v1.3",
  "lmsys/vicuna-7b-v1.1",
  "lmsys/vicuna-7b-v1.5-16k",
  "lmsys/vicuna-13b-v1.1",
  "lmsys/vicuna-7b-delta-v1.1",
  "lmsys/vicuna-13b-delta-v1.1",
  "lmsys/vicuna-7b-delta-v0",
  "lmsys/vicuna-13b-delta-v0",
];

const families = await loadFamilies();
const fam = (name: string): Family => findFamily(families, name);

describe("shipped families", () => {
  it("load and validate, one file per family named after it, with every required family", () => {
    const names = families.map((f) => f.name);
    for (const name of REQUIRED) expect(names).toContain(name);
    expect(names).toEqual([...names].sort());
    for (const f of families) {
      expect(f.shipped).toBe(true);
      expect(path.dirname(f.file)).toBe(path.resolve(FAMILIES_DIR));
      expect(path.basename(f.file)).toBe(`${f.name}.yaml`);
      expect(f.title.length).toBeGreaterThan(0);
      expect(f.description).not.toContain("\n");
      expect(f.official.length).toBeGreaterThan(0);
      expect(f.sources).toMatch(/2024-07-11 listing: \d+ repos/);
      expect(f.versions).not.toBeNull();
      expect(f.names.length).toBeGreaterThan(0);
    }
  });

  it("write down in `sources` the count the official rule selects in the July-2024 listing and the 2026 daily lists", () => {
    expect(families.map((f) => f.name)).toEqual(Object.keys(JULY_2024_COUNTS));
    expect(families.map((f) => f.name)).toEqual(Object.keys(DAILY_2026_COUNTS));
    for (const f of families) {
      const counted = Number(/listing: (\d+) repos/.exec(f.sources ?? "")?.[1]);
      expect(counted, f.name).toBe(JULY_2024_COUNTS[f.name]);
      const daily = /daily list: (\d+) repos \((\d+) distinct over 2026-08-07\.\.22\)/.exec(f.sources ?? "");
      expect([Number(daily?.[1]), Number(daily?.[2])], f.name).toEqual(DAILY_2026_COUNTS[f.name]);
    }
  });

  it("have RE2-compatible SQL patterns, lower-cased, that compile in JavaScript too", () => {
    for (const f of families) {
      const p = officialSqlParams(f);
      for (const pattern of [p.officialPattern, p.namePattern ?? ""]) {
        expect(re2Problems(pattern), `${f.name}: ${pattern}`).toEqual([]);
        expect(scanPattern(pattern).problems).toEqual([]);
        expect(pattern.replace(/\\[A-Za-z]/g, "")).toBe(pattern.replace(/\\[A-Za-z]/g, "").toLowerCase());
        expect(() => new RegExp(pattern)).not.toThrow();
      }
      expect(p.officialPattern.startsWith("^(?:")).toBe(true);
      expect(p.officialAuthors).toEqual([...new Set(f.official.map((r) => r.author.toLowerCase()))].sort());
      // The versions pattern is RE2 too (named groups written (?P<name>…)).
      expect(re2Problems(f.versions ?? ""), f.name).toEqual([]);
    }
  });

  it("give the same answer through the SQL pattern as through the rules, on real and made-up ids", () => {
    const ids = [
      ...subset.map((r) => r.id),
      "META-LLAMA/LLAMA-2-7B-HF",
      "meta-llama/Llama-2",
      "meta-llamax/Llama-2-7b",
      "xmeta-llama/Llama-2-7b",
      "TheBloke/Llama-2-7B-Chat-GGUF",
      "meta-llama/Llama-3.1-8B",
      "meta-llama/Llama-3.2-11B-Vision-Instruct",
      "meta-llama/Llama-Guard-3-8B",
      "codellama/CodeLlama-7b-hf",
      "CompVis/stable-diffusion-safety-checker",
      "CompVis/stable-diffusion-v1-4",
      "stabilityai/sdxl-turbo",
      "Qwen/QwQ-32B",
      "Qwen/Qwen2.5-7B-Instruct",
      "google/paligemma-3b-mix-224",
      "google/t5-small",
      "openai/whisper-large-v3",
      "openai/clip-vit-large-patch14",
      "google-bert/bert-base-uncased",
      "bigscience/bloomz-7b1-mt",
      "bigscience/mt0-xxl",
    ];
    for (const f of families) {
      const { officialPattern } = officialSqlParams(f);
      for (const id of ids) expect(sqlMatch(officialPattern, id), `${f.name} ${id}`).toBe(isOfficial(f, id));
    }
  });
});

describe("official rules on the July-2024 listing (committed subset)", () => {
  it("llama-2 selects exactly the 12 Llama-2 repos of SOURCE.md, 3,780,234 downloads, and not Llama 3", () => {
    const p = officialSqlParams(fam("llama-2"));
    expect(p).toEqual({
      officialAuthors: ["meta-llama"],
      officialPattern: "^(?:meta-llama/(?:llama-2-))",
      namePattern: "(?:llama[-_ ]?2(?:[^0-9]|$))",
    });
    const selected = subset.filter((r) => sqlMatch(p.officialPattern, r.id));
    expect(selected.map((r) => r.id).sort()).toEqual([...LLAMA_2_IDS].sort());
    expect(selected.reduce((s, r) => s + r.downloads, 0)).toBe(3_780_234);
    expect(sqlMatch(p.officialPattern, "meta-llama/Meta-Llama-3-8B")).toBe(false);
    expect(sqlMatch(p.officialPattern, "meta-llama/CodeLlama-7b-hf")).toBe(false);
    expect(sqlMatch(p.officialPattern, "meta-llama/LlamaGuard-7b")).toBe(false);
    // The name rule admits untagged derivatives but not Llama 3 or llama-20b.
    expect(sqlMatch(p.namePattern ?? "", "TheBloke/Llama-2-7B-Chat-GGUF")).toBe(true);
    expect(sqlMatch(p.namePattern ?? "", "someone/llama2-13b-ko")).toBe(true);
    expect(sqlMatch(p.namePattern ?? "", "unsloth/llama-3-8b-bnb-4bit")).toBe(false);
    expect(sqlMatch(p.namePattern ?? "", "someone/llama-20b")).toBe(false);
  });

  it("vicuna selects the 13 lmsys/vicuna* repos (695,234 downloads), not longchat or fastchat-t5", () => {
    const p = officialSqlParams(fam("vicuna"));
    const selected = subset.filter((r) => sqlMatch(p.officialPattern, r.id));
    expect(selected.map((r) => r.id)).toEqual(VICUNA_IDS);
    expect(selected.reduce((s, r) => s + r.downloads, 0)).toBe(695_234);
    expect(subset.filter((r) => r.id.startsWith("lmsys/")).length).toBe(18);
  });

  it("llama-3 selects the four Meta-Llama-3 repos and later 3.x names, not Llama Guard or llama-30b", () => {
    const p = officialSqlParams(fam("llama-3"));
    expect(subset.filter((r) => sqlMatch(p.officialPattern, r.id)).map((r) => r.id)).toEqual([
      "meta-llama/Meta-Llama-3-8B-Instruct",
      "meta-llama/Meta-Llama-3-8B",
      "meta-llama/Meta-Llama-3-70B-Instruct",
      "meta-llama/Meta-Llama-3-70B",
    ]);
    for (const id of [
      "meta-llama/Meta-Llama-3.1-8B-Instruct",
      "meta-llama/Llama-3.1-405B",
      "meta-llama/Llama-3.2-1B",
      "meta-llama/Llama-3.2-11B-Vision-Instruct",
      "meta-llama/Llama-3.3-70B-Instruct",
    ]) {
      expect(sqlMatch(p.officialPattern, id), id).toBe(true);
    }
    expect(sqlMatch(p.officialPattern, "meta-llama/Meta-Llama-Guard-2-8B")).toBe(false);
    expect(sqlMatch(p.officialPattern, "meta-llama/Llama-Guard-3-8B")).toBe(false);
    expect(sqlMatch(p.namePattern ?? "", "huggyllama/llama-30b")).toBe(false);
    expect(sqlMatch(p.namePattern ?? "", "unsloth/llama-3-8b-bnb-4bit")).toBe(true);
  });

  it("code-llama has two authors: the 12 meta-llama repos of the subset match, with codellama/ too", () => {
    const p = officialSqlParams(fam("code-llama"));
    expect(p.officialAuthors).toEqual(["codellama", "meta-llama"]);
    expect(subset.filter((r) => sqlMatch(p.officialPattern, r.id)).length).toBe(12);
    expect(sqlMatch(p.officialPattern, "codellama/CodeLlama-34b-Instruct-hf")).toBe(true);
    expect(sqlMatch(p.officialPattern, "TheBloke/CodeLlama-7B-GGUF")).toBe(false);
  });

  it("every family is disjoint from the others on the subset", () => {
    for (const r of subset) {
      const owners = families.filter((f) => isOfficial(f, r.id)).map((f) => f.name);
      expect(owners.length, `${r.id}: ${owners.join(", ")}`).toBeLessThanOrEqual(1);
    }
  });
});

describe("the patterns in DuckDB (RE2)", () => {
  it("compile and match exactly as in JavaScript: official, names and versions", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    try {
      const ids = [
        ...subset.map((r) => r.id),
        ...SAMPLE_IDS,
        "TheBloke/Llama-2-7B-Chat-GGUF",
        "lmsys/vicuna-7b-v1.5",
        "llava-hf/llava-v1.6-mistral-7b-hf",
        "Falconsai/nsfw_image_detection",
        "huggyllama/llama-30b",
        "textattack/roberta-base-imdb",
        "textattack/bert-base-uncased-imdb",
        "Gustavosta/MagicPrompt-Stable-Diffusion",
        "stablediffusionapi/realistic-stock-photo",
        "microsoft/phi-2",
        "someone/delphi-2-x",
      ];
      const values = [...new Set(ids)].map((id) => `('${id.replace(/'/g, "''")}')`).join(",");
      const counts = { official: 0, names: 0, versions: 0 };
      await conn.run(`CREATE TABLE ids AS SELECT * FROM (VALUES ${values}) t(id)`);
      for (const f of families) {
        const p = officialSqlParams(f);
        const rows = (
          await conn.runAndReadAll(
            `SELECT id, regexp_matches(lower(id), $official) AS official,
               regexp_matches(lower(id), $names) AS names,
               regexp_matches(split_part(id, '/', 2), $versions, 'i') AS versions
             FROM ids ORDER BY id`,
            { official: p.officialPattern, names: p.namePattern ?? "$^", versions: f.versions ?? "$^" },
          )
        ).getRowObjectsJS();
        expect(rows.length).toBe(new Set(ids).size);
        const official = new RegExp(p.officialPattern);
        const names = new RegExp(p.namePattern ?? "$^");
        const versions = toJsRegExp(f.versions ?? "$^");
        const differ = rows.filter((r) => {
          const id = String(r.id);
          return (
            r.official !== official.test(id.toLowerCase()) ||
            r.names !== names.test(id.toLowerCase()) ||
            r.versions !== versions.test(id.split("/")[1] ?? "")
          );
        });
        expect(differ, f.name).toEqual([]);
        counts.official += rows.filter((r) => r.official).length;
        counts.names += rows.filter((r) => r.names).length;
        counts.versions += rows.filter((r) => r.versions).length;
      }
      // The comparison is not vacuous: every kind of pattern matches somewhere.
      expect(counts.official).toBeGreaterThan(100);
      expect(counts.names).toBeGreaterThan(100);
      expect(counts.versions).toBeGreaterThan(100);
    } finally {
      conn.closeSync();
    }
  });

  it("rejects what the loader rejects: lookbehind and the (?<name> form", async () => {
    const instance = await DuckDBInstance.create(":memory:");
    const conn = await instance.connect();
    try {
      await expect(conn.runAndReadAll("SELECT regexp_matches('ab', '(?<=a)b')")).rejects.toThrow(/invalid perl/);
      await expect(conn.runAndReadAll("SELECT regexp_matches('ab', '(?<x>a)b')")).rejects.toThrow(/invalid perl/);
    } finally {
      conn.closeSync();
    }
  });
});

describe.skipIf(!hasShared())("official rules on the full July-2024 listing (../shared)", () => {
  it("select the number of repos written in each family file", async () => {
    const compiled = families.map((f) => ({ name: f.name, re: new RegExp(officialSqlParams(f).officialPattern) }));
    const counts = new Map<string, number>(families.map((f) => [f.name, 0]));
    const lines = createInterface({
      input: createReadStream(sharedHub("2024-07-11/models.jsonl.gz")).pipe(createGunzip()),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    let n = 0;
    for await (const line of lines) {
      const id = /"id":"([^"]+)"/.exec(line)?.[1];
      if (!id) continue;
      n++;
      const key = id.toLowerCase();
      for (const c of compiled) if (c.re.test(key)) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
    }
    expect(n).toBe(760_000);
    expect(Object.fromEntries(counts)).toEqual(JULY_2024_COUNTS);
  }, 120_000);
});

describe.skipIf(!hasShared())("official rules on the 2026 daily lists (../shared/data/hub/daily-2026-08)", () => {
  it("select the numbers written in each family file: on 2026-08-22, and distinct over the 16 days", () => {
    const dir = sharedHub("daily-2026-08");
    const days = readdirSync(dir)
      .filter((f) => /^2026-08-\d\d\.json$/.test(f))
      .sort();
    expect(days).toHaveLength(16);
    const idsOf = (file: string) =>
      (JSON.parse(readFileSync(path.join(dir, file), "utf8")) as { models: Array<{ id: string }> }).models.map(
        (m) => m.id,
      );
    const last = idsOf("2026-08-22.json");
    const all = [...new Set(days.flatMap(idsOf))];
    const counts: Record<string, [number, number]> = {};
    for (const f of families) {
      const re = new RegExp(officialSqlParams(f).officialPattern);
      counts[f.name] = [
        last.filter((id) => re.test(id.toLowerCase())).length,
        all.filter((id) => re.test(id.toLowerCase())).length,
      ];
    }
    expect(counts).toEqual(DAILY_2026_COUNTS);
    // the tokenizer repo is not a Qwen model; the R1 distills are DeepSeek's official repos
    const qwen = fam("qwen");
    expect(isOfficial(qwen, "Qwen/Qwen-tokenizer")).toBe(false);
    expect(isOfficial(qwen, "Qwen/Qwen3-TTS-12Hz-1.7B-Base")).toBe(true);
    expect(isOfficial(fam("deepseek"), "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B")).toBe(true);
    expect(isOfficial(fam("gemma"), "google/gemma-scope-2b-pt-res")).toBe(false);
    expect(isOfficial(fam("llama-4"), "meta-llama/Llama-Guard-4-12B")).toBe(false);
  });
});

describe("officialSqlParams", () => {
  const make = (official: Family["official"], names: string[] = []): Family => ({
    name: "t",
    title: "T",
    description: "t",
    official,
    names,
    versions: null,
    sources: null,
    file: "t.yaml",
    shipped: false,
  });

  it("anchors an anchored rule right after the slash and searches an unanchored one anywhere in the name", () => {
    const p = officialSqlParams(
      make([
        { author: "LMSYS", pattern: "vicuna" },
        { author: "some.org", pattern: "^A|^B$" },
      ]),
    );
    expect(p.officialPattern).toBe("^(?:lmsys/.*(?:vicuna)|some\\.org/(?:a|b$))");
    expect(p.officialAuthors).toEqual(["lmsys", "some.org"]);
    expect(p.namePattern).toBeNull();
    expect(sqlMatch(p.officialPattern, "lmsys/fastchat-vicuna-x")).toBe(true);
    expect(sqlMatch(p.officialPattern, "lmsysx/vicuna")).toBe(false);
    expect(sqlMatch(p.officialPattern, "lmsysvicuna/x")).toBe(false);
    expect(sqlMatch(p.officialPattern, "some.org/alpha")).toBe(true);
    expect(sqlMatch(p.officialPattern, "some.org/b")).toBe(true);
    expect(sqlMatch(p.officialPattern, "some.org/bb")).toBe(false);
    expect(sqlMatch(p.officialPattern, "someXorg/alpha")).toBe(false);
  });

  it("keeps escapes such as \\D and \\W in their case while lower-casing literals", () => {
    const p = officialSqlParams(make([{ author: "x", pattern: "^Model-\\D\\d+B" }], ["Foo\\W"]));
    expect(p.officialPattern).toBe("^(?:x/(?:model-\\D\\d+b))");
    expect(p.namePattern).toBe("(?:foo\\W)");
    expect(sqlMatch(p.officialPattern, "X/Model-v7B")).toBe(true);
    expect(sqlMatch(p.officialPattern, "x/model-77b")).toBe(false);
  });

  it("joins several name rules as alternatives", () => {
    expect(officialSqlParams(make([{ author: "x", pattern: "^a" }], ["a|b", "^c/"])).namePattern).toBe(
      "(?:a|b)|(?:^c/)",
    );
  });
});

describe("findFamily", () => {
  it("is case-insensitive", () => {
    expect(findFamily(families, "LLaMA-2").name).toBe("llama-2");
    expect(findFamily(families, " Vicuna ").name).toBe("vicuna");
  });

  it("says which names exist", () => {
    expect(() => findFamily(families, "llama2")).toThrow(InputError);
    expect(() => findFamily(families, "llama2")).toThrow(/unknown family "llama2"; known families: .*llama-2, llama-3/);
  });
});

describe("user family files", () => {
  const tmp = useTempFiles("omo-families-");
  const good = (name: string, pattern = "^Llama-2-7b") =>
    `name: ${name}\ntitle: Mine\ndescription: one line\nofficial:\n  - author: meta-llama\n    pattern: "${pattern}"\n`;

  it("replace a shipped family of the same name and add new ones, from a file or a folder", async () => {
    const dir = path.join(tmp.dir(), "mine");
    await mkdir(dir);
    await writeFile(path.join(dir, "a.yaml"), good("llama-2"));
    await writeFile(path.join(dir, "b.yml"), good("my-family", "^x"));
    await writeFile(path.join(dir, "notes.txt"), "ignored");
    const single = await tmp.file("single.yaml", good("other-family", "^y"));
    const all = await loadFamilies({ extraPaths: [dir, single] });
    const llama2 = findFamily(all, "llama-2");
    expect(llama2.shipped).toBe(false);
    expect(llama2.title).toBe("Mine");
    expect(llama2.versions).toBeNull();
    expect(llama2.names).toEqual([]);
    expect(officialSqlParams(llama2).officialPattern).toBe("^(?:meta-llama/(?:llama-2-7b))");
    expect(findFamily(all, "my-family").file).toBe(path.join(dir, "b.yml"));
    expect(findFamily(all, "other-family").file).toBe(single);
    expect(all.length).toBe(families.length + 2);
    expect(findFamily(all, "vicuna").shipped).toBe(true);
  });

  it("are read again each time: an edited file gives its new text, a caller's change to what it got stays its own", async () => {
    const file = await tmp.file("edited.yaml", good("edited-family", "^a"));
    const first = findFamily(await loadFamilies({ extraPaths: [file] }), "edited-family");
    expect(first.official[0]?.pattern).toBe("^a");
    first.title = "changed by a caller";
    await writeFile(file, good("edited-family", "^b"));
    const second = findFamily(await loadFamilies({ extraPaths: [file] }), "edited-family");
    expect(second.official[0]?.pattern).toBe("^b");
    expect(second.title).toBe("Mine");
    // the same text again: the same family, not the caller's changed copy
    const third = findFamily(await loadFamilies({ extraPaths: [file] }), "edited-family");
    expect(third).toEqual(second);
    expect(third).not.toBe(second);
  });

  it("may not define one name twice", async () => {
    const a = await tmp.file("dup-a.yaml", good("dup"));
    const b = await tmp.file("dup-b.yaml", good("dup"));
    await expect(loadFamilies({ extraPaths: [a, b] })).rejects.toThrow(
      `${b}: field "name": family "dup" is also defined in ${a}`,
    );
  });

  it("must exist", async () => {
    const missing = path.join(tmp.dir(), "nope.yaml");
    await expect(loadFamilies({ extraPaths: [missing] })).rejects.toThrow(`${missing}: no such family file or folder`);
  });

  const bad: Array<[string, string, RegExp]> = [
    ["a lookbehind", good("x", "(?<=a)b"), /:6: field "official\[0\]\.pattern": .*lookbehind/],
    ["a lookahead", good("x", "^a(?!b)"), /:6: field "official\[0\]\.pattern": .*lookahead/],
    ["a backreference", good("x", "(a)\\\\1"), /:6: field "official\[0\]\.pattern": .*backreference/],
    ["an invalid regex", good("x", "^(a"), /:6: field "official\[0\]\.pattern": invalid regular expression/],
    ["a named group outside versions", good("x", "^(?P<v>a)"), /official\[0\]\.pattern": named groups/],
    ["an anchor inside", good("x", "a(?:^b)"), /official\[0\]\.pattern": use \^ only at the start/],
    ["mixed anchors", good("x", "^a|b"), /official\[0\]\.pattern": use \^ only at the start/],
    ["inline flags", good("x", "(?i)a"), /official\[0\]\.pattern": .*inline flags/],
    ["a name that is no slug", good("Llama 2"), /:1: field "name": a lower-case slug/],
    ["an author with a slash", good("x").replace("meta-llama", "meta/llama"), /:5: field "official\[0\]\.author"/],
    [
      "no official rule",
      "name: x\ntitle: X\ndescription: d\nofficial: []\n",
      /:4: field "official": needs at least one/,
    ],
    [
      "a missing title",
      "name: x\ndescription: d\nofficial:\n  - {author: a, pattern: b}\n",
      /:1: field "title": missing \(expected string\)/,
    ],
    ["an unknown field", `${good("x")}homepage: https://example.org\n`, /:7: field "homepage": unknown field/],
    ["an unknown rule field", good("x").replace("    pattern", "    regex"), /:6: field "official\[0\]\.regex"/],
    ["a bad names regex", `${good("x")}names:\n  - "a\\\\k<n>"\n`, /:8: field "names\[0\]": .*backreference/],
    [
      "versions without groups",
      `${good("x")}versions: "(\\\\d+b)"\n`,
      /:7: field "versions": needs at least one named/,
    ],
    ["versions with lookahead", `${good("x")}versions: "(?P<s>\\\\d+b)(?=x)"\n`, /field "versions": .*lookahead/],
    ["broken YAML", "name: x\ntitle: [unclosed\n", /^.*broken YAML\.yaml:\d+: invalid YAML/],
    ["a duplicate key", `${good("x")}name: y\n`, /:7: invalid YAML: .*[Uu]nique/],
    ["not a mapping", "- a\n- b\n", /field|expected object/],
  ];
  for (const [what, text, message] of bad) {
    it(`reject ${what}, naming the file, the field and the line`, async () => {
      const file = await tmp.file(`${what}.yaml`, text);
      const err = await loadFamilies({ extraPaths: [file] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message.startsWith(file)).toBe(true);
      expect((err as Error).message).toMatch(message);
    });
  }

  it("accept (?P<name>…) in versions but not the JavaScript-only (?<name>…)", () => {
    const f = parseFamilyFile(`${good("x")}versions: "(?P<a>x)-(?P<b>y)"\n`, "x.yaml");
    expect(scanPattern(f.versions ?? "").namedGroups).toEqual(["a", "b"]);
    expect(() => parseFamilyFile(`${good("x")}versions: "(?<a>x)"\n`, "x.yaml")).toThrow(
      'x.yaml:7: field "versions": not usable in RE2/DuckDB: named group (?<a> (write (?P<a>…) for RE2)',
    );
  });
});

describe("aliases", () => {
  it("map the legacy bare ids of the July-2024 lineage tags to the moved repos", async () => {
    const aliases = await loadAliases();
    expect(aliases.size).toBeGreaterThanOrEqual(30);
    expect(aliases.get("gpt2")).toBe("openai-community/gpt2");
    expect(aliases.get("bert-base-uncased")).toBe("google-bert/bert-base-uncased");
    expect(aliases.get("distilbert-base-uncased")).toBe("distilbert/distilbert-base-uncased");
    expect(aliases.get("roberta-base")).toBe("FacebookAI/roberta-base");
    expect(aliases.get("xlm-roberta-base")).toBe("FacebookAI/xlm-roberta-base");
    expect(aliases.get("t5-small")).toBe("google-t5/t5-small");
    expect(aliases.get("camembert-base")).toBe("almanach/camembert-base");
    expect(resolveAlias(aliases, "GPT2")).toBe("openai-community/gpt2");
    expect(resolveAlias(aliases, "T5-base")).toBe("google-t5/t5-base");
    expect(resolveAlias(aliases, "bart-base")).toBe("bart-base");
    expect(resolveAlias(aliases, "meta-llama/Llama-2-7b-hf")).toBe("meta-llama/Llama-2-7b-hf");
    const orgs = new Set(["openai-community", "google-bert", "distilbert", "FacebookAI", "google-t5", "albert"]);
    for (const [legacy, canonical] of aliases) {
      expect(legacy).toBe(legacy.toLowerCase());
      expect(legacy).not.toContain("/");
      const [org, name] = canonical.split("/");
      expect(name?.toLowerCase()).toBe(legacy);
      expect(orgs.has(org ?? "") || org === "almanach" || org === "xlnet").toBe(true);
    }
  });

  it("map every BERT alias into the bert family's official repos", async () => {
    const aliases = await loadAliases();
    const bert = fam("bert");
    for (const [legacy, canonical] of aliases) {
      if (legacy.startsWith("bert-")) expect(isOfficial(bert, canonical), canonical).toBe(true);
    }
  });

  it("reject bad alias files with file, line and field", async () => {
    expect(() => parseAliases("aliases:\n  a/b: c/d\n", "x.yaml")).toThrow('x.yaml:2: field "aliases.a/b": a legacy');
    expect(() => parseAliases("aliases:\n  gpt2: gpt2\n", "x.yaml")).toThrow(
      'x.yaml:2: field "aliases.gpt2": expected a canonical id',
    );
    expect(() => parseAliases("aliases:\n  gpt2: a/b\n  GPT2: a/b\n", "x.yaml")).toThrow(
      'x.yaml:3: field "aliases.GPT2": same id as "gpt2"',
    );
    expect(() => parseAliases("other: 1\n", "x.yaml")).toThrow('x.yaml: field "aliases"');
    expect(() => parseAliases("aliases: [a\n", "x.yaml")).toThrow(/^x\.yaml:\d+: invalid YAML/);
    await expect(loadAliases({ path: "/nonexistent/aliases.yaml" })).rejects.toThrow(InputError);
    expect(ALIASES_FILE).toBe(path.join(ROOT, "data/aliases.yaml"));
  });
});

it("the shipped folder is data/families of the project", () => {
  expect(path.resolve(FAMILIES_DIR)).toBe(path.join(ROOT, "data/families"));
});
