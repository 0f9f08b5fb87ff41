/**
 * The SVG embed (`/embed/compare.svg`) and the shared chart builders: the embed renders the same option builder
 * as the dashboard from the same numbers as `/api/compare`. No browser needed.
 */

import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCompareData } from "../../src/charts/compare-data.js";
import { parseCompareIds } from "../../src/charts/compare-ids.js";
import { buildSeriesChartOption, seriesData } from "../../src/charts/series-chart.js";
import { buildTreemapOption, treemapData } from "../../src/charts/treemap.js";
import { loadFamilies } from "../../src/domain/families.js";
import { buildApp } from "../../src/server/app.js";
import { ServerContext } from "../../src/server/context.js";
import { registerEmbedRoutes } from "../../src/server/routes/embed.js";
import type { Store } from "../../src/store/store.js";
import { tempDir } from "../helpers.js";
import { SECOND_DATE, twoSnapshotStore } from "./setup.js";

describe("chart option builders", () => {
  const series = [
    {
      name: "a",
      points: [
        { date: "2024-07-11", value: 10 },
        { date: "2024-08-11", value: 0 },
      ],
    },
    {
      name: "b",
      points: [
        { date: "2024-08-11", value: 5 },
        { date: "2024-09-10", value: 50 },
      ],
    },
  ];

  it("line chart: linear or log y axis, calendar or release-aligned x axis", () => {
    const linear = buildSeriesChartOption(series) as { yAxis: { type: string }; xAxis: { type: string } };
    expect(linear.yAxis.type).toBe("value");
    expect(linear.xAxis.type).toBe("time");
    const log = buildSeriesChartOption(series, { log: true, align: "release", theme: "dark" }) as {
      yAxis: { type: string };
      xAxis: { type: string };
      backgroundColor: string;
    };
    expect(log.yAxis.type).toBe("log");
    expect(log.xAxis.type).toBe("value");
    expect(log.backgroundColor).toBe("#0d1117");
  });

  it("series data: a log scale drops zeros, release alignment counts days from the first value", () => {
    expect(seriesData(series[0]?.points ?? [], "calendar", true)).toEqual([
      ["2024-07-11", 10],
      ["2024-08-11", null],
    ]);
    expect(seriesData(series[1]?.points ?? [], "release", false)).toEqual([
      [0, 5],
      [30, 50],
    ]);
  });

  it("treemap nests derivatives under their parent, areas add up", () => {
    const nodes = [
      { id: "o/base", parent: null, depth: 0, relation: "official", downloads: 100 },
      { id: "x/ft", parent: "o/base", depth: 1, relation: "finetune", downloads: 30 },
      { id: "y/q", parent: "x/ft", depth: 2, relation: "quantized", downloads: 5 },
    ];
    const [root] = treemapData(nodes) as Array<{ name: string; value: number; children: Array<{ name: string }> }>;
    expect(root?.value).toBe(135);
    expect(root?.children.map((c) => c.name)).toEqual(["o/base (itself)", "x/ft"]);
    expect(buildTreemapOption(nodes).series).toHaveLength(1);
  });

  it("compare ids: kinds, duplicates, limits", () => {
    expect(parseCompareIds("family:Llama-2, org:lmsys,lmsys/vicuna-7b-v1.5,family:llama-2").refs).toEqual([
      { id: "family:llama-2", kind: "family", key: "Llama-2" },
      { id: "org:lmsys", kind: "org", key: "lmsys" },
      { id: "lmsys/vicuna-7b-v1.5", kind: "model", key: "lmsys/vicuna-7b-v1.5" },
    ]);
    expect(parseCompareIds("vicuna, Llama 2").refs).toEqual([
      { id: "vicuna", kind: "name", key: "vicuna" },
      { id: "Llama 2", kind: "name", key: "Llama 2" },
    ]);
    expect(parseCompareIds("a/b/c").errors[0]).toContain("not a model id");
    expect(parseCompareIds(Array.from({ length: 11 }, (_, i) => `a/m${i}`).join(",")).errors).toEqual([
      "at most 10 items, got 11",
    ]);
  });
});

describe("GET /embed/compare.svg", () => {
  const tmp = tempDir("omo-embed-");
  let store: Store;
  let embed: FastifyInstance;
  let api: FastifyInstance;

  beforeAll(async () => {
    store = await twoSnapshotStore(path.join(tmp.dir, "embed.duckdb"));
    // the embed route alone in a bare Fastify app: it brings its own zod validation and SVG errors
    const ctx = new ServerContext(store, await loadFamilies());
    await ctx.refresh();
    embed = Fastify();
    registerEmbedRoutes(embed, ctx);
    await embed.ready();
    api = await buildApp({ store, rateLimit: false });
  });

  afterAll(async () => {
    await embed?.close();
    await api?.close();
    await store?.close();
    tmp.cleanup();
  });

  it("renders two families as a standalone SVG with legend, data-as-of and headers", async () => {
    const r = await embed.inject("/embed/compare.svg?ids=family:llama-2,family:vicuna&theme=dark");
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toBe("image/svg+xml; charset=utf-8");
    expect(r.headers["x-data-as-of"]).toBe(SECOND_DATE);
    expect(r.body.startsWith("<svg")).toBe(true);
    expect(r.body).toContain('width="800" height="400"');
    expect(r.body).toContain("Llama 2");
    expect(r.body).toContain("Vicuna");
    expect(r.body).toContain(`data as of ${SECOND_DATE}`);
    expect(r.body).toContain("#0d1117");
    const log = await embed.inject("/embed/compare.svg?ids=family:llama-2,family:vicuna&log=1&width=600&height=300");
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain('width="600" height="300"');
    expect(log.body).toContain("log scale");
    expect(log.body).not.toEqual(r.body);
  });

  it("answers an SVG stating the problem for an unknown or invalid item", async () => {
    const unknown = await embed.inject("/embed/compare.svg?ids=family:nope");
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain("unknown family");
    expect(unknown.body).toContain("llama-2, llama-3");
    const bad = await embed.inject("/embed/compare.svg?ids=a/b/c");
    expect(bad.statusCode).toBe(400);
    const missing = await embed.inject("/embed/compare.svg?ids=nobody/nothing");
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain("model not found");
    const none = await embed.inject("/embed/compare.svg");
    expect(none.statusCode).toBe(400);
  });

  it("a model in one snapshot is drawn as its value with the one-snapshot note, not a dot on an hourly axis", async () => {
    const r = await embed.inject("/embed/compare.svg?ids=TheBloke/Llama-2-7B-Chat-GGUF");
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain("TheBloke/Llama-2-7B-Chat-GGUF: 617,210");
    expect(r.body).toContain("one snapshot: history starts when a second is collected");
    expect(r.body).not.toMatch(/>\d{2}:\d{2}</);
    const two = await embed.inject("/embed/compare.svg?ids=family:vicuna");
    expect(two.body).not.toContain("one snapshot");
    expect(two.body).not.toMatch(/>\d{2}:\d{2}</);
    expect(two.body).toMatch(/>Jul \d+</);
  });

  it("a typed name is resolved like the API does (a family, else an organisation)", async () => {
    const r = await embed.inject("/embed/compare.svg?ids=Vicuna,LMSYS");
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain("Vicuna vs lmsys");
  });

  it("draws the same numbers as /api/compare", async () => {
    const ids = "family:llama-2,org:lmsys,lmsys/vicuna-7b-v1.5";
    const mine = await loadCompareData(store, ids);
    const r = await api.inject(`/api/compare?ids=${ids}`);
    expect(r.statusCode).toBe(200);
    const theirs = r.json() as { items: Array<{ label: string; points: unknown }> };
    expect(mine.items.map((i) => ({ label: i.label, points: i.points }))).toEqual(
      theirs.items.map((i) => ({ label: i.label, points: i.points })),
    );
    expect(mine.items[0]?.points).toHaveLength(2);
  });
});
