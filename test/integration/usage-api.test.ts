/**
 * The usage API routes (`/api/usage/share`, `/models`, `/matches`, `/explain`, `/signals`) over the shared OpenRouter
 * folder: the same bodies as the CLI's `--json` (one answer builder), CSV export, `dataAsOf` of the usage data, bad
 * parameters as 400s naming the parameter, unknown things as 404s, and caches refreshed by a usage import.
 */
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "../../src/ingest/import-files.js";
import { importUsage } from "../../src/ingest/usage/import.js";
import { buildApp } from "../../src/server/app.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import { hasShared, runMain, SAMPLE, SHARED, tempDir } from "../helpers.js";

const USAGE = path.join(SHARED, "data/usage/openrouter");

describe.skipIf(!hasShared())("usage API", () => {
  const tmp = tempDir("omo-usage-api-");
  const db = path.join(tmp.dir, "api.duckdb");
  let store: DuckDBStore;
  let app: FastifyInstance;

  beforeAll(async () => {
    const writer = await DuckDBStore.open(db);
    await importFiles(writer, [SAMPLE]);
    await importUsage(writer, [path.join(USAGE, "weekly_top_models_combined.csv")]);
    await writer.close();
    // served read-only, as `omo serve` does: the server follows the file writers swap in
    store = await DuckDBStore.open(db, { readOnly: true });
    app = await buildApp({ store, rateLimit: false });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await store?.close();
    tmp.cleanup();
  });

  const get = (url: string) => app.inject({ method: "GET", url });

  it("answers the share as the CLI does, with the usage date as dataAsOf, and a CSV of the groups", async () => {
    const r = await get("/api/usage/share?period=week&from=2025-07-14");
    expect(r.statusCode).toBe(200);
    expect(r.headers["x-data-as-of"]).toBe("2026-08-10");
    const body = r.json() as { dataAsOf: string; dates: Array<{ date: string; open: unknown }> };
    expect(body.dataAsOf).toBe("2026-08-10");
    const cli = await runMain(["usage", "share", "--period", "week", "--from", "2025-07-14", "--json"], { OMO_DB: db });
    expect(cli.code).toBe(0);
    const { dataAsOf: _a, ...api } = body;
    expect(api).toEqual(JSON.parse(cli.stdout));
    const csv = await get("/api/usage/share?period=week&from=2026-08-10&format=csv");
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.body.split("\n")[0]).toBe(
      "date,period,coverage,top,totalKnown,totalTokens,group,tokens,share,lower,upper,source",
    );
    expect(csv.body).toMatch(
      /^2026-08-10,week,partial,9,true,\d+,open,\d+,,0\.\d+,0\.\d+,CharlesLiuyx\/Token-Economy-Tracker$/m,
    );
  });

  it("models, matches, explain and signals", async () => {
    const m = (await get("/api/usage/models?period=week&date=2024-09-02")).json() as {
      snapshot: { coverage: { totalKnown: boolean } };
      models: Array<{ model: string; share: number | null }>;
    };
    expect(m.snapshot.coverage.totalKnown).toBe(false);
    // variants grouped: claude-3.5-sonnet and its :beta (15.1 + 6.1 B) outrank gemini-flash-1.5 (18.0 B)
    expect(m.models[0]).toMatchObject({ model: "anthropic/claude-3.5-sonnet", tokens: 21_175_996_173, share: null });
    const e = (await get("/api/usage/explain?id=gryphe/mythomax-l2-13b")).json() as {
      class: string;
      hub: { method: string };
    };
    expect(e).toMatchObject({ class: "open", hub: { method: "alias" } });
    const s = await get("/api/usage/signals?period=week&date=2024-09-02&tolerance=366");
    expect(s.statusCode).toBe(200);
    const sig = s.json() as { hub: { date: string }; rows: Array<{ id: string; tokenShare: unknown }> };
    expect(sig.hub.date).toBe("2024-07-11");
    // the total of that week is unknown: no token share, for any family
    expect(sig.rows.every((r) => r.tokenShare === null)).toBe(true);
    const matches = await get("/api/usage/matches?period=week");
    expect(matches.statusCode).toBe(200);
    expect((matches.json() as { snapshots: number }).snapshots).toBe(0);
  });

  it("bad parameters are 400s naming the parameter; unknown things 404s", async () => {
    const bad = await get("/api/usage/share?period=fortnight");
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ param: "period" });
    expect((await get("/api/usage/share?from=2024-02-30")).json()).toMatchObject({ param: "from" });
    expect((await get("/api/usage/models?period=day")).statusCode).toBe(404);
    expect((await get("/api/usage/signals?family=nope")).statusCode).toBe(404);
    expect((await get("/api/usage/explain")).json()).toMatchObject({ param: "id" });
  });

  it("a usage import through the writer changes the data version: cached answers are not served stale", async () => {
    const before = await get("/api/usage/share?period=day");
    expect((before.json() as { dates: unknown[] }).dates).toEqual([]);
    const etag = before.headers.etag;
    const imported = await runMain(
      ["usage", "import", path.join(USAGE, "hashd1ve__openrouter-pulse/models_daily.csv")],
      {
        OMO_DB: db,
      },
    );
    expect(imported.code).toBe(0);
    // the server notices the swapped file within a second or so: ask a bounded number of times
    let dates: unknown[] = [];
    let after = before;
    for (let i = 0; i < 80 && dates.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 250));
      after = await get("/api/usage/share?period=day");
      dates = (after.json() as { dates: unknown[] }).dates;
    }
    expect(dates.length).toBe(23);
    expect(after.headers.etag).not.toBe(etag);
  });
});
