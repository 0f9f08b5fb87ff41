/** The real `omo` CLI in a child process on a temporary database, loaded from the committed sample. */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMain, SAMPLE, tempDir } from "../helpers.js";

let tmp: ReturnType<typeof tempDir>;
let env: Record<string, string>;

beforeAll(async () => {
  tmp = tempDir();
  env = { OMO_DB: path.join(tmp.dir, "omo.duckdb") };
  const r = await runMain(["import", SAMPLE], env);
  expect(r.stderr).toContain("13,079 rows");
  expect(r.code).toBe(0);
});
afterAll(() => tmp.cleanup());

describe("omo CLI on the sample", () => {
  it("snapshots --json prints date, source, status, models", async () => {
    const r = await runMain(["snapshots", "--json"], env);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows).toEqual([
      {
        date: "2024-07-11",
        source: "import:models-2024-07-11.jsonl.gz",
        status: "complete",
        models: 13_079,
        downloads: 1_811_674_513,
        coverage: {
          kind: "partial",
          how: "imported file (selection not stated; --coverage full if it holds the whole listing)",
          models: 13_079,
        },
      },
    ]);
  });

  it("org lmsys --match vicuna --json gives 13 repos and 695,234 downloads", async () => {
    const r = await runMain(["org", "lmsys", "--match", "vicuna", "--json"], env);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o).toMatchObject({ author: "lmsys", date: "2024-07-11", repos: 13, downloads: 695_234, likes: 2_762 });
    expect(o.models).toHaveLength(13);
    expect(o.models[0]).toMatchObject({ id: "lmsys/vicuna-7b-v1.5", downloads: 492_274, likes: 263 });
    expect(o.models.reduce((a: number, m: { downloads: number }) => a + m.downloads, 0)).toBe(695_234);
  });

  it("org meta-llama --match llama-2 gives 12 repos and 3,780,234 (human table with totals)", async () => {
    const r = await runMain(["org", "META-LLAMA", "--match", "llama-2"], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("12 repos, 3,780,234 downloads in the 30 days to 2024-07-11");
    expect(r.stdout).toMatch(/meta-llama\/Llama-2-7b-hf\s+1,326,896/);
  });

  it("top --csv with filters prints a CSV ranked by downloads", async () => {
    const r = await runMain(["top", "--limit", "3", "--author", "TheBloke", "--csv"], env);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("rank,date,id,author,downloads,likes,task,library,license");
    expect(lines).toHaveLength(4);
    const downloads = lines.slice(1).map((l) => Number(l.split(",")[4]));
    expect(downloads).toEqual([...downloads].sort((a, b) => b - a));
    expect(lines[1]).toContain("TheBloke/");
  });

  it("model ID is case-insensitive and shows every snapshot", async () => {
    const r = await runMain(["model", "LMSYS/VICUNA-7B-V1.5", "--json"], env);
    expect(r.code).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m).toMatchObject({ id: "lmsys/vicuna-7b-v1.5", downloads: 492_274, license: "llama2" });
    expect(m.history).toEqual([
      { date: "2024-07-11", downloads: 492_274, downloadsAllTime: null, likes: 263, trendingScore: null },
    ]);
  });

  it("bad input: one-line errors naming the problem, non-zero exit", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["top", "--date", "2024-13-01"], /invalid --date "2024-13-01"/],
      [["top", "--date", "2023-01-01"], /no complete snapshot for 2023-01-01; available: 2024-07-11/],
      [["top", "--limit", "ten"], /invalid --limit "ten"/],
      [["model", "nobody/nothing"], /model not found: nobody\/nothing/],
      [["org", "lmsys", "--match", "(["], /invalid regular expression/],
    ];
    for (const [args, msg] of cases) {
      const r = await runMain(args, env);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("a bad file in an import commits nothing and names file, line and field", async () => {
    const good = path.join(tmp.dir, "2024-08-01.jsonl");
    const bad = path.join(tmp.dir, "bad-2024-08-01.jsonl");
    writeFileSync(good, '{"id":"a/one","downloads":5}\n');
    writeFileSync(bad, '{"id":"a/two","downloads":1}\n{"id":"a/three","downloads":-4}\n');
    const r = await runMain(["import", good, bad, "--strict"], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad-2024-08-01\.jsonl:2: field "downloads"/);
    const s = await runMain(["snapshots", "--json"], env);
    expect(JSON.parse(s.stdout).map((x: { date: string }) => x.date)).toEqual(["2024-07-11"]);
  });

  it("without --strict malformed rows are skipped, counted and reported", async () => {
    const f = path.join(tmp.dir, "mixed_2024-09-01.jsonl");
    writeFileSync(
      f,
      '{"id":"a/ok","downloads":7}\n{"id":"a/neg","downloads":-1}\nnot json\n{"id":"a/ok2","downloads":3}\n',
    );
    const r = await runMain(["import", f, "--json"], env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.snapshots).toEqual([
      {
        date: "2024-09-01",
        source: "import:mixed_2024-09-01.jsonl",
        models: 2,
        downloads: 10,
        malformed: 2,
        coverage: {
          kind: "partial",
          how: "imported file (selection not stated; --coverage full if it holds the whole listing)",
          models: 2,
        },
      },
    ]);
    expect(r.stderr).toContain("2 malformed rows skipped");
    expect(r.stderr).toMatch(/mixed_2024-09-01\.jsonl:2: field "downloads"/);
    expect(r.stderr).toMatch(/mixed_2024-09-01\.jsonl:3:/);
  });

  it("a file with no date anywhere is refused", async () => {
    const f = path.join(tmp.dir, "undated.jsonl");
    writeFileSync(f, '{"id":"a/x","downloads":1}\n');
    const r = await runMain(["import", f], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/undated\.jsonl: no snapshot date/);
  });
});

describe("omo queries", () => {
  it("lists the catalog and shows the SQL behind a number", async () => {
    const list = JSON.parse((await runMain(["queries", "--json"])).stdout);
    expect(list.map((q: { name: string }) => q.name)).toEqual(
      expect.arrayContaining(["org-totals", "family-totals", "model-series"]),
    );
    const one = await runMain(["queries", "org-totals"]);
    expect(one.stdout).toContain("regexp_matches(substr(m.id, length(m.author) + 2), $match, 'i')");
    const bad = await runMain(["queries", "nope"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/unknown query "nope"/);
  });

  it("binds --params and shows the SQL of the configured store's dialect, or of --dialect", async () => {
    const duck = await runMain(["queries", "org-totals", "--params", '{"author":"lmsys","match":"vicuna"}']);
    expect(duck.stdout).toContain("(duckdb; answers hold until the data changes)");
    expect(duck.stdout).toContain("EXECUTE org_totals(date := NULL, author := 'lmsys', match := 'vicuna');");
    const ch = await runMain(["queries", "org-totals", "--dialect", "clickhouse", "--params", '{"author":"lmsys"}']);
    expect(ch.stdout).toContain("lowerUTF8(author) = lowerUTF8('lmsys')");
    expect(ch.stdout).not.toContain("$author");
    const prices = await runMain(["queries", "prices"]);
    expect(prices.stdout).toContain("answers hold until the data changes or the day ends");
    const bad = await runMain(["queries", "org-totals", "--params", '{"author":""}']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/invalid parameter for query "org-totals"/);
    expect((await runMain(["queries", "org-totals", "--params", "{x"])).stderr).toMatch(/--params: not JSON/);
  });
});
