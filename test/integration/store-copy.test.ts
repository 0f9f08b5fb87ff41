/**
 * `omo store copy` between DuckDB and ClickHouse (one node, and two shards), against real servers started by
 * scripts/clickhouse-cluster.sh: every snapshot arrives with the source's counts, the catalog answers the same on
 * both sides (lineage and licences included), a count mismatch fails naming the date and both counts, and a copy
 * killed with SIGKILL midway leaves ClickHouse answering from the previous complete snapshot. Skips without
 * clickhouse-server (fails instead with CI=true).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildProgram } from "../../src/cli/main.js";
import {
  modelDetail,
  modelHistory,
  orgTotals,
  snapshotExport,
  snapshotList,
  topModels,
} from "../../src/queries/index.js";
import { copySnapshots } from "../../src/store/copy.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import { openLocation, parseLocation, withoutPassword } from "../../src/store/locations.js";
import type { Store } from "../../src/store/store.js";
import {
  clickHouseLive,
  type LocalClickHouse,
  loadDated,
  sampleAndLineageDuck,
  startLocalClickHouse,
} from "../contract/clickhouse.js";
import { ROOT, tempDir } from "../helpers.js";

const live = clickHouseLive();

const SAMPLE_SNAP = { date: "2024-07-11", models: 13_079, downloads: 1_811_674_513 };

/** Models compared with the `model` query: lineage from every source, licences, a model only in the sample. */
const MODEL_IDS = [
  "example-org/Llama-2-7b-chat-AWQ",
  "deepset/roberta-base-squad2",
  "00000-x/dolphin-2.6-fc_hermes-2-dpo",
  "TheBloke/Llama-2-7B-Chat-GGUF",
  "meta-llama/Llama-2-7b-chat-hf",
  "meta-llama/Llama-2-7b-hf",
  "lmsys/vicuna-7b-v1.5",
  "MIT/ast-finetuned-audioset-10-10-0.4593",
  "no/such-model",
];

/** Runs `omo store copy …` in this process (the program plus the store command); returns what it printed. */
async function storeCli(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const program: Command = await buildProgram("store");
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(args, { from: "user" });
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { stdout, stderr };
}

/** Comparable snapshot list: no load times or sources (they differ by design). */
async function snaps(store: Store) {
  return (await store.query(snapshotList, {})).map((s) => [s.date, s.status, s.models, s.downloads, s.malformed]);
}

/** Export rows with timestamps cut to whole seconds (ClickHouse's DateTime) and links in id order. */
async function exported(store: Store, date: string) {
  const rows = await store.query(snapshotExport, { date, after: null, limit: 1_000_000 });
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt?.slice(0, 19) ?? null,
    lastModified: r.lastModified?.slice(0, 19) ?? null,
    baseModels: r.baseModels ? [...r.baseModels].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)) : null,
  }));
}

/** Expects `b` to answer every compared query exactly as `a`. */
async function expectSameAnswers(a: Store, b: Store, what: string): Promise<void> {
  expect(await snaps(b), `${what}: snapshots`).toEqual(await snaps(a));
  for (const date of [null, "2024-07-11", "2025-01-22"]) {
    for (const params of [
      { limit: 50, date },
      { limit: 20, date, license: "llama2", task: "text-generation" },
    ]) {
      const q = { task: null, library: null, license: null, author: null, ...params };
      expect(await b.query(topModels, q), `${what}: top-models ${JSON.stringify(q)}`).toEqual(
        await a.query(topModels, q),
      );
    }
    for (const id of MODEL_IDS) {
      expect(await b.query(modelDetail, { id, date }), `${what}: model ${id} @ ${date}`).toEqual(
        await a.query(modelDetail, { id, date }),
      );
    }
  }
  for (const id of MODEL_IDS.slice(0, 5)) {
    expect(await b.query(modelHistory, { id }), `${what}: model-history ${id}`).toEqual(
      await a.query(modelHistory, { id }),
    );
  }
  for (const q of [
    { author: "lmsys", match: "vicuna", date: "2024-07-11" },
    { author: "meta-llama", match: null, date: null },
  ]) {
    expect(await b.query(orgTotals, q), `${what}: org-totals ${JSON.stringify(q)}`).toEqual(
      await a.query(orgTotals, q),
    );
  }
  for (const date of ["2024-07-11", "2025-01-22"]) {
    const [x, y] = [await exported(a, date), await exported(b, date)];
    expect(y.length, `${what}: export ${date}`).toBe(x.length);
    expect(JSON.stringify(y) === JSON.stringify(x), `${what}: every exported row of ${date}`).toBe(true);
  }
}

describe.skipIf(!live)("omo store copy", () => {
  let single: LocalClickHouse;
  let shards: LocalClickHouse;
  let tmp: ReturnType<typeof tempDir>;
  let srcFile: string;

  beforeAll(async () => {
    tmp = tempDir();
    [single, shards] = await Promise.all([startLocalClickHouse("single"), startLocalClickHouse("two-shard")]);
    srcFile = path.join(tmp.dir, "src.duckdb");
    const src = await sampleAndLineageDuck(srcFile);
    await src.close();
  }, 120_000);

  afterAll(() => {
    single?.stop();
    shards?.stop();
    tmp?.cleanup();
  });

  it("parses locations and never shows a password", () => {
    expect(parseLocation("duckdb:///tmp/x.duckdb")).toMatchObject({ kind: "duckdb", target: "/tmp/x.duckdb" });
    expect(parseLocation("omo.duckdb")).toMatchObject({ kind: "duckdb", target: "omo.duckdb" });
    expect(parseLocation("clickhouse://u:s3cret@h1:8123,h2:8123/db")).toMatchObject({
      kind: "clickhouse",
      display: "clickhouse://u@h1:8123,h2:8123/db",
    });
    expect(withoutPassword("clickhouse://u:p@ss@h:1/db")).toBe("clickhouse://u@h:1/db");
    expect(withoutPassword("clickhouse://h:1/db")).toBe("clickhouse://h:1/db");
    expect(() => parseLocation("postgres://h/db")).toThrow(/unknown store location/);
    expect(() => parseLocation("clickhouse://u:s3cret@h:1/bad-name!")).toThrow(/^(?!.*s3cret)/);
  });

  it("DuckDB → ClickHouse (one node) → a fresh DuckDB: every snapshot with the same counts and answers", {
    timeout: 180_000,
  }, async () => {
    const chUrl = single.storeUrl("omo_copy");
    // the shared servers give each test file its own database name (omo_copy_<suffix>)
    const chDb = chUrl.slice(chUrl.lastIndexOf("/") + 1);
    let t = Date.now();
    const there = await storeCli(["--json", "store", "copy", "--from", `duckdb://${srcFile}`, "--to", chUrl]);
    const toCh = (Date.now() - t) / 1000;
    const out = JSON.parse(there.stdout) as { snapshots: Array<Record<string, unknown>> };
    expect(
      out.snapshots.map((s) => [s.date, s.sourceModels, s.targetModels, s.sourceDownloads, s.targetDownloads]),
    ).toEqual([
      ["2024-07-11", 13_079, 13_079, 1_811_674_513, 1_811_674_513],
      ["2025-01-22", 5, 5, 3_284_950, 3_284_950],
    ]);
    expect(there.stderr).toContain("2024-07-11: exporting 13,079 models");

    // back, through the URL form with an (empty) password, into a plain path
    const backFile = path.join(tmp.dir, "back.duckdb");
    const chWithPass = chUrl.replace("clickhouse://", "clickhouse://default:@");
    t = Date.now();
    const back = await storeCli(["store", "copy", "--from", chWithPass, "--to", backFile]);
    const fromCh = (Date.now() - t) / 1000;
    console.log(
      `copy of the sample + lineage snapshots: DuckDB → ClickHouse ${toCh.toFixed(1)} s, back ${fromCh.toFixed(1)} s`,
    );
    expect(back.stdout).toMatch(
      new RegExp(`Copied 2 snapshot\\(s\\) from clickhouse://default@127\\.0\\.0\\.1:\\d+/${chDb} to `),
    );
    expect(back.stdout).toMatch(/2024-07-11\s+13,079\s+13,079\s+1,811,674,513\s+1,811,674,513/);

    const src = await DuckDBStore.open(srcFile);
    const ch = await openLocation(chUrl);
    const dst = await openLocation(`duckdb://${backFile}`);
    try {
      const sources = (await dst.query(snapshotList, {})).map((s) => s.source);
      expect(sources).toEqual([
        expect.stringMatching(new RegExp(`^copy:clickhouse://default@127\\.0\\.0\\.1:\\d+/${chDb}$`)),
        expect.stringMatching(/^copy:clickhouse:\/\/default@/),
      ]);
      expect((await ch.query(snapshotList, {})).map((s) => s.source)).toEqual([`copy:${srcFile}`, `copy:${srcFile}`]);
      const [vicuna] = await ch.query(orgTotals, { author: "lmsys", match: "vicuna", date: "2024-07-11" });
      expect(vicuna).toMatchObject({ date: "2024-07-11", repos: 13, downloads: 695_234 });
      const [awq] = await dst.query(modelDetail, { id: "example-org/Llama-2-7b-chat-AWQ", date: null });
      expect(awq).toMatchObject({
        license: "llama2",
        licenceClass: expect.not.stringMatching(/^unknown$/),
        baseModels: [{ id: "meta-llama/Llama-2-7b-chat-hf", relation: "quantized" }],
      });
      const [roberta] = await ch.query(modelDetail, { id: "deepset/roberta-base-squad2", date: null });
      expect(roberta?.license).toBe("cc-by-4.0");
      expect(roberta?.baseModels).toEqual([{ id: "FacebookAI/roberta-base", relation: "finetune" }]);
      await expectSameAnswers(src, ch, "DuckDB → ClickHouse");
      await expectSameAnswers(src, dst, "ClickHouse → DuckDB");
    } finally {
      await src.close();
      await ch.close();
      await dst.close();
    }
  });

  it("copies into two shards, --date first, then everything (re-copying a date replaces it), and on to one node", {
    timeout: 180_000,
  }, async () => {
    const url = shards.storeUrl("omo_copy2");
    const one = await storeCli(["store", "copy", "--from", srcFile, "--to", url, "--date", "2025-01-22"]);
    expect(one.stdout).toMatch(/Copied 1 snapshot\(s\)/);
    let ch = await openLocation(url);
    expect(await snaps(ch)).toEqual([["2025-01-22", "complete", 5, 3_284_950, 0]]);
    await ch.close();
    const t = Date.now();
    await storeCli(["store", "copy", "--from", srcFile, "--to", url, "--date", "2024-07-11,2025-01-22"]);
    console.log(`DuckDB → two-shard ClickHouse: ${((Date.now() - t) / 1000).toFixed(1)} s`);
    ch = await openLocation(url);
    const src = await DuckDBStore.open(srcFile);
    try {
      await expectSameAnswers(src, ch, "DuckDB → two shards");
      // and from the two shards to one ClickHouse node
      await storeCli(["store", "copy", "--from", url, "--to", single.storeUrl("omo_copy3")]);
      const ch3 = await openLocation(single.storeUrl("omo_copy3"));
      try {
        await expectSameAnswers(src, ch3, "two shards → one node");
      } finally {
        await ch3.close();
      }
    } finally {
      await src.close();
      await ch.close();
    }
  });

  it("edge cases round-trip: licence from cardData, no tag list, stale tags, aliases, self links, id case, gating", {
    timeout: 180_000,
  }, async () => {
    const rows1 = [
      {
        id: "a/old-only",
        downloads: 5,
        downloadsAllTime: 50,
        likes: 1,
        trendingScore: 1.5,
        tags: ["license:mit"],
        gated: "manual",
        private: true,
        createdAt: "2023-01-02T03:04:05.678Z",
        lastModified: "2024-05-01T00:00:00Z",
      },
      { id: "a/card-licence", downloads: 7, tags: ["foo"], cardData: { license: "apache-2.0" } },
      { id: "a/no-tags", downloads: 9, cardData: { license: ["cc-by-4.0", "mit"] } },
      {
        id: "a/alias-child",
        downloads: 11,
        tags: ["base_model:gpt2", "base_model:adapter:bert-base-uncased", "license:other"],
      },
      {
        id: "a/card-base",
        downloads: 13,
        tags: ["x"],
        cardData: { base_model: "meta-llama/Llama-2-7b-hf", base_model_relation: "merge" },
      },
      {
        id: "a/multi",
        downloads: 15,
        tags: [],
        baseModels: [
          { relation: "finetune", models: [{ id: "p/one" }] },
          { relation: "adapter", models: [{ id: "P/Two" }, { id: "p/three" }] },
        ],
      },
      {
        id: "a/stale",
        downloads: 17,
        tags: ["license:mit", "base_model:p/one"],
        pipeline_tag: "text-generation",
        library_name: "transformers",
      },
      { id: "a/stale-lic", downloads: 19, tags: ["license:mit", "base_model:p/one"] },
      { id: "a/self", downloads: 21, tags: ["base_model:A/Self", "base_model:finetune:p/one"] },
      { id: "Weird/Case-ID", author: "", downloads: 23, tags: ["license:Apache-2.0"], gated: false, private: false },
    ];
    const rows2 = [
      {
        id: "a/stale",
        downloads: 27,
        cardData: { license: "apache-2.0", base_model: "p/two", base_model_relation: "finetune" },
        pipeline_tag: null,
      },
      { id: "a/stale-lic", downloads: 29, cardData: { license: "apache-2.0" } },
      { id: "a/multi", downloads: 31, tags: ["license:mit"] },
      { id: "a/card-licence", downloads: 33 },
      { id: "weird/case-id", downloads: 37, tags: ["license:MIT"] },
      { id: "a/new", downloads: 35, tags: ["base_model:quantized:a/stale"] },
    ];
    const edgeFile = path.join(tmp.dir, "edge.duckdb");
    const edge = await DuckDBStore.open(edgeFile);
    const edgeFiles = (
      [
        [rows1, "2024-06-01"],
        [rows2, "2024-07-01"],
      ] as const
    ).map(([rows, date]) => {
      const f = path.join(tmp.dir, `edge-${date}.jsonl`);
      writeFileSync(f, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
      return [f, date] as const;
    });
    await loadDated(edge, edgeFiles, "test:edge");
    await edge.close();
    const url = single.storeUrl("omo_edge");
    const backFile = path.join(tmp.dir, "edge-back.duckdb");
    await storeCli(["store", "copy", "--from", edgeFile, "--to", url]);
    await storeCli(["store", "copy", "--from", url, "--to", backFile]);
    const ids = [...new Set([...rows1, ...rows2].map((r) => r.id)), "p/one"];
    const src = await DuckDBStore.open(edgeFile);
    const ch = await openLocation(url);
    const dst = await openLocation(backFile);
    try {
      // the source as the stores' update rules made it
      const [stale] = await src.query(modelDetail, { id: "a/stale", date: null });
      expect(stale).toMatchObject({
        license: "apache-2.0",
        tags: ["license:mit", "base_model:p/one"],
        baseModels: [{ id: "p/two", relation: "finetune" }],
      });
      const [staleLic] = await src.query(modelDetail, { id: "a/stale-lic", date: null });
      expect(staleLic).toMatchObject({ license: "apache-2.0", baseModels: [{ id: "p/one", relation: "unknown" }] });
      const [child] = await src.query(modelDetail, { id: "a/alias-child", date: null });
      expect(child?.baseModels).toEqual([
        { id: "google-bert/bert-base-uncased", relation: "adapter" },
        { id: "openai-community/gpt2", relation: "unknown" },
      ]);
      for (const [name, store] of [
        ["DuckDB → ClickHouse", ch],
        ["ClickHouse → DuckDB", dst],
      ] as const) {
        expect(await snaps(store), name).toEqual(await snaps(src));
        for (const date of [null, "2024-06-01", "2024-07-01"]) {
          for (const id of ids) {
            expect(await store.query(modelDetail, { id, date }), `${name}: model ${id} @ ${date}`).toEqual(
              await src.query(modelDetail, { id, date }),
            );
          }
          const q = { limit: 100, date, task: null, library: null, license: null, author: null };
          expect(await store.query(topModels, q), `${name}: top-models @ ${date}`).toEqual(
            await src.query(topModels, q),
          );
        }
      }
    } finally {
      await src.close();
      await ch.close();
      await dst.close();
    }
  });

  it("refuses unknown dates and the same store on both sides; a count mismatch names the date and both counts", async () => {
    await expect(storeCli(["store", "copy", "--from", srcFile, "--to", `duckdb://${srcFile}`])).rejects.toThrow(
      /same store/,
    );
    await expect(
      storeCli(["store", "copy", "--from", srcFile, "--to", single.storeUrl("omo_never"), "--date", "2020-01-01"]),
    ).rejects.toThrow(/no complete snapshot for 2020-01-01 .*available: 2024-07-11, 2025-01-22/);
    await expect(
      storeCli(["store", "copy", "--from", path.join(tmp.dir, "missing.duckdb"), "--to", srcFile]),
    ).rejects.toThrow(/no DuckDB database/);
    await expect(storeCli(["store", "copy", "--from", srcFile, "--to", "x", "--date", "2024-02-30"])).rejects.toThrow(
      /invalid --date/,
    );

    // a target whose snapshot list disagrees after the load
    const src = await DuckDBStore.open(srcFile);
    const real = await DuckDBStore.open(":memory:");
    const lying: Store = {
      location: "lying",
      query: async (q, p) => {
        const rows = await real.query(q, p);
        if (q.name !== "snapshots") return rows;
        return rows.map((r) => ({ ...(r as object), downloads: (r as { downloads: number }).downloads + 1 })) as never;
      },
      beginLoad: () => real.beginLoad(),
      getCrawl: (id) => real.getCrawl(id),
      latestCrawl: (f) => real.latestCrawl(f),
      saveCrawl: (s) => real.saveCrawl(s),
      refreshLicences: (r) => real.refreshLicences(r),
      importPrices: (b) => real.importPrices(b),
      importUsage: (b) => real.importUsage(b),
      importLeaderboards: (l) => real.importLeaderboards(l),
      saveCardLicences: (r) => real.saveCardLicences(r),
      close: () => real.close(),
    };
    try {
      await expect(copySnapshots(src, lying, { source: "copy:test", dates: ["2024-07-11"] })).rejects.toThrow(
        "copy of 2024-07-11 failed: counts differ: source has 13,079 models / 1,811,674,513 downloads, target 13,079 models / 1,811,674,514 downloads",
      );
    } finally {
      await src.close();
      await lying.close();
    }
  });

  /** The CLI with the store command, in a child process (so it can be killed). */
  function childCli(args: string[], env: Record<string, string> = {}): ChildProcess {
    return spawn(process.execPath, ["--import", "tsx", childScript(), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
  }

  /** Writes (once) a script running the program with the store command registered. */
  function childScript(): string {
    const script = path.join(tmp.dir, "store-cli.mts");
    writeFileSync(
      script,
      `import { buildProgram } from ${JSON.stringify(path.join(ROOT, "src/cli/main.ts"))};
const program = await buildProgram("store");
await program.parseAsync(process.argv.slice(2), { from: "user" });
console.log("not killed");
`,
    );
    return script;
  }

  it("a copy killed with SIGKILL midway leaves ClickHouse answering from the previous complete snapshot", {
    timeout: 180_000,
  }, async () => {
    const url = single.storeUrl("omo_kill");
    // ClickHouse holds the complete sample snapshot of 2024-07-11
    await storeCli(["store", "copy", "--from", srcFile, "--to", url, "--date", "2024-07-11"]);
    // another DuckDB store whose 2024-07-11 is a single model
    const oneFile = path.join(tmp.dir, "one.jsonl");
    writeFileSync(oneFile, '{"id":"lmsys/vicuna-7b-v1.5","downloads":500000,"likes":300,"tags":["license:llama2"]}\n');
    const otherFile = path.join(tmp.dir, "other.duckdb");
    const other = await DuckDBStore.open(otherFile);
    const s = await other.beginLoad();
    await s.stage({ path: oneFile, format: "jsonl", label: oneFile, defaultDate: "2024-07-11" });
    await s.commit({ source: "test:one" });
    await other.close();

    const expectPrevious = async () => {
      const ch = await openLocation(url);
      try {
        expect(await snaps(ch)).toEqual([[SAMPLE_SNAP.date, "complete", SAMPLE_SNAP.models, SAMPLE_SNAP.downloads, 0]]);
        const [vicuna] = await ch.query(orgTotals, { author: "lmsys", match: "vicuna", date: null });
        expect(vicuna).toMatchObject({ date: "2024-07-11", repos: 13, downloads: 695_234 });
      } finally {
        await ch.close();
      }
    };

    // killed by the load session's fault hook, after its statistics rows, then after its lineage rows
    for (const step of ["stats", "links"]) {
      const r = spawnSync(
        process.execPath,
        ["--import", "tsx", childScript(), "store", "copy", "--from", otherFile, "--to", url],
        { cwd: ROOT, env: { ...process.env, OMO_KILL_AT: `clickhouse:${step}` }, encoding: "utf8" },
      );
      expect(r.signal, r.stderr).toBe("SIGKILL");
      expect(r.stdout).not.toContain("not killed");
      expect(r.stderr).toContain("2024-07-11: committing");
      await expectPrevious();
    }

    // killed from outside, as soon as the commit starts (the sample into a store holding the one-model snapshot)
    const url2 = single.storeUrl("omo_kill2");
    await storeCli(["store", "copy", "--from", otherFile, "--to", url2]);
    const child = childCli(["store", "copy", "--from", srcFile, "--to", url2, "--date", "2024-07-11"]);
    let stderr = "";
    const closed = new Promise<NodeJS.Signals | null>((res) => child.on("close", (_code, signal) => res(signal)));
    child.stderr?.on("data", (d) => {
      stderr += d;
      if (stderr.includes("2024-07-11: committing")) child.kill("SIGKILL");
    });
    expect(await closed, stderr).toBe("SIGKILL");
    const ch = await openLocation(url2);
    try {
      expect(await snaps(ch)).toEqual([["2024-07-11", "complete", 1, 500_000, 0]]);
      const [vicuna] = await ch.query(orgTotals, { author: "lmsys", match: "vicuna", date: null });
      expect(vicuna).toMatchObject({ repos: 1, downloads: 500_000 });
    } finally {
      await ch.close();
    }
    // and a copy that completes replaces it
    await storeCli(["store", "copy", "--from", srcFile, "--to", url2, "--date", "2024-07-11"]);
    const after = await openLocation(url2);
    try {
      expect(await snaps(after)).toEqual([
        [SAMPLE_SNAP.date, "complete", SAMPLE_SNAP.models, SAMPLE_SNAP.downloads, 0],
      ]);
    } finally {
      await after.close();
    }
  });
});
