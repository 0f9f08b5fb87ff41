/**
 * `families-ranking` answers every family in one statement with the figures `family-totals` gives each family alone:
 * on the shipped sample (data/sample: the cut of the 2024-07-11 listing and a daily list of August 2026), for the
 * family registry (what `omo families`, `/api/families`, the report and the dashboard show), with walk options, and
 * for families whose official repos overlap (a repo reached from two families counts in each). The same comparison
 * on ClickHouse (one node, two shards) is in clickhouse-families.test.ts, and on the full listing in
 * clickhouse-contract-full.test.ts.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rankingParams } from "../../src/answers/bodies.js";
import { type Family, loadFamilies } from "../../src/domain/families.js";
import { InputError } from "../../src/errors.js";
import { importFiles } from "../../src/ingest/import-files.js";
import { familyTotals, rankedFamilies, snapshotList } from "../../src/queries/index.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import { querySql } from "../../src/store/query-sql.js";
import { perFamilyRanking, rankingFigures } from "../contract/ranking.js";
import { SHIPPED_SAMPLE, tempDir } from "../helpers.js";

const FIRST_DAILY = path.join(
  SHIPPED_SAMPLE.dailyDir,
  readdirSync(SHIPPED_SAMPLE.dailyDir)
    .filter((f) => f.endsWith(".json.gz"))
    .sort()[0] as string,
);

describe("families-ranking on the shipped sample (DuckDB)", () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: DuckDBStore;
  let registry: Family[];
  let dates: string[];

  beforeAll(async () => {
    tmp = tempDir("omo-ranking-");
    store = await DuckDBStore.open(path.join(tmp.dir, "omo.duckdb"));
    await importFiles(store, [SHIPPED_SAMPLE.july, FIRST_DAILY]);
    registry = await loadFamilies();
    dates = (await store.query(snapshotList, {})).map((s) => s.date);
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    tmp?.cleanup();
  });

  it("ranks every family of the registry with the figures of its family-totals, at each snapshot", async () => {
    expect(registry.length).toBeGreaterThan(20);
    expect(dates).toHaveLength(2);
    for (const date of dates) {
      const one = await rankingFigures(store, registry, date);
      expect(one, date).toEqual(await perFamilyRanking(store, registry, date));
      // the sample lists the families: most have members
      expect(one.filter((r) => r.totalRepos > 0).length, date).toBeGreaterThan(registry.length / 2);
    }
    // the Llama 2 figures of the cut equal the full listing's (sample.test.ts)
    const july = await rankingFigures(store, registry, "2024-07-11");
    expect(july.find((r) => r.family === "llama-2")).toMatchObject({ officialRepos: 12, totalRepos: 3_324 });
    expect(july.filter((r) => r.derivativeRepos > 0).length).toBeGreaterThan(registry.length / 2);
  });

  it("with walk options, and families whose official repos overlap, each family as family-totals alone", async () => {
    const families = ["llama-2", "meta", "code-llama", "vicuna", "none"];
    const officials = [
      "^(?:meta-llama/(?:llama-2-))",
      "^(?:meta-llama/|codellama/|lmsys/)",
      "^(?:meta-llama/(?:codellama-)|codellama/(?:codellama-))",
      "(?i)^LMSYS/VICUNA",
      "^no-such-author/",
    ];
    for (const options of [
      { relations: null, depth: 50 },
      { relations: "quantized", depth: 50 },
      { relations: "finetune,merge", depth: 1 },
      { relations: "finetune,adapter,quantized,merge,unknown,reupload", depth: 3 },
      { relations: null, depth: 0 },
    ]) {
      for (const date of [...dates, null, "2020-01-01"]) {
        const rows = await store.query(rankedFamilies, { families, officials, ...options, date });
        expect(rows.map((r) => r.family).sort()).toEqual([...families].sort());
        for (const [i, family] of families.entries()) {
          const [t] = await store.query(familyTotals, {
            official: officials[i] as string,
            names: null,
            ...options,
            date,
          });
          const { nameOnlyRepos: _r, nameOnlyDownloads: _d, ...want } = t ?? {};
          expect(
            rows.find((r) => r.family === family),
            `${family} ${JSON.stringify(options)} ${date}`,
          ).toEqual({
            family,
            ...want,
          });
        }
        // by total downloads, then name
        const order = [...rows].sort((a, b) => b.totalDownloads - a.totalDownloads || (a.family < b.family ? -1 : 1));
        expect(rows).toEqual(order);
      }
    }
    // the meta family holds the Llama 2 and Code Llama official repos too: counted in each
    const all = await store.query(rankedFamilies, { families, officials, relations: null, depth: 0, date: null });
    const by = (name: string) => all.find((r) => r.family === name)?.officialRepos ?? 0;
    expect(by("llama-2")).toBeGreaterThan(0);
    expect(by("meta")).toBeGreaterThanOrEqual(by("llama-2") + by("code-llama"));
  });

  it("refuses lists that do not pair up, repeated names and bad patterns", async () => {
    const q = (p: Record<string, unknown>) =>
      store.query(rankedFamilies, { relations: null, depth: 50, date: null, ...p } as never);
    await expect(q({ families: ["a", "b"], officials: ["^a/"] })).rejects.toThrow(InputError);
    await expect(q({ families: ["a", "a"], officials: ["^a/", "^b/"] })).rejects.toThrow(/each name once/);
    await expect(q({ families: [], officials: [] })).rejects.toThrow(InputError);
    // an invalid pattern fails as it does in family-totals
    await expect(q({ families: ["a"], officials: ["(unclosed"] })).rejects.toThrow(/missing \)/);
    await expect(
      store.query(familyTotals, { official: "(unclosed", names: null, relations: null, depth: 50, date: null }),
    ).rejects.toThrow(/missing \)/);
    expect(rankingParams(registry, "2024-07-11").officials).toHaveLength(registry.length);
  });

  it("shows its lists bound as VARCHAR[] literals in the SQL that runs as written (how is this computed?)", () => {
    const { bound } = querySql(rankedFamilies, { kind: "duckdb" }, { families: ["o'x"], officials: ["^lmsys/"] });
    expect(bound).toContain("families := ['o''x']::VARCHAR[], officials := ['^lmsys/']::VARCHAR[]");
  });
});
