/** Routes over snapshots, models, organisations, growth and search. */
import type { FastifyInstance } from "fastify";
import { snapshotsBody, withCoverage } from "../../answers/coverage.js";
import { growthBody } from "../../answers/growth.js";
import { topModels } from "../../queries/index.js";
import { searchModels, searchOrgs } from "../../queries/search.js";
import { GROWTH_WINDOWS, modelSeries, orgSeries } from "../../queries/series.js";
import { snapshotList } from "../../queries/snapshots.js";
import { badParam, notFound, type ServerContext } from "../context.js";
import { BUCKET, DATE, FLAG, flag, getRoute, ID_PART, limit, REGEX, SNAPSHOT_DATE } from "../http.js";
import { modelBody, orgBody, orgVersionsBody, snapshotAt } from "../shapes.js";

type Q = Record<string, string | number | undefined>;
type P = Record<string, string>;

const TEXT = { type: "string", minLength: 1, maxLength: 200 } as const;

/** Registers the data routes. */
export async function dataRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/health",
    { summary: "Liveness: the latest snapshot and its model count", tags: ["meta"] },
    async () => {
      const v = ctx.version;
      return { dataAsOf: v.date, body: { ok: true, date: v.date, models: v.models } };
    },
  );

  getRoute(
    app,
    ctx,
    "/api/snapshots",
    {
      summary:
        "Every snapshot: date, source, status, models, downloads, coverage {kind full|partial, how, models} (as omo snapshots --json)",
      tags: ["data"],
      csv: true,
    },
    async () => {
      const snapshots = snapshotsBody(await ctx.query(snapshotList, {}));
      // CSV: one flat row per snapshot
      const rows = snapshots.map(({ coverage, ...s }) => ({
        ...s,
        coverage: coverage.kind,
        coverageHow: coverage.how,
      }));
      return { dataAsOf: ctx.version.date, body: { snapshots }, rows };
    },
  );

  getRoute(
    app,
    ctx,
    "/api/models",
    {
      summary: "Top models by 30-day downloads, with filters (as omo top --json)",
      tags: ["models"],
      csv: true,
      querystring: {
        date: SNAPSHOT_DATE,
        limit: limit(1000, 20),
        task: TEXT,
        library: TEXT,
        license: TEXT,
        author: TEXT,
      },
    },
    async (req) => {
      const q = req.query as Q;
      const date = await snapshotAt(ctx, q.date as string | undefined);
      const rows = await ctx.query(topModels, {
        date,
        limit: Number(q.limit ?? 20),
        task: (q.task as string) ?? null,
        library: (q.library as string) ?? null,
        license: (q.license as string) ?? null,
        author: (q.author as string) ?? null,
      });
      const models = rows.map((r, i) => ({ rank: i + 1, ...r }));
      return { dataAsOf: date, body: { date, models }, rows: models };
    },
  );

  getRoute(
    app,
    ctx,
    "/api/models/:author/:name",
    {
      summary: "One model: metadata, statistics at the date, and its values in every snapshot (as omo model --json)",
      tags: ["models"],
      csv: true,
      params: { author: ID_PART, name: ID_PART },
      querystring: { date: SNAPSHOT_DATE },
    },
    async (req) => {
      const p = req.params as P;
      const q = req.query as Q;
      const date = await snapshotAt(ctx, q.date as string | undefined);
      const { model, history } = await modelBody(ctx, `${p.author}/${p.name}`, date);
      return { dataAsOf: date, body: { ...model, history }, rows: history };
    },
  );

  getRoute(
    app,
    ctx,
    "/api/models/:author/:name/series",
    {
      summary: "A model per bucket of the snapshots in [from, to] (as omo series model --json)",
      tags: ["models"],
      csv: true,
      params: { author: ID_PART, name: ID_PART },
      querystring: { from: DATE, to: DATE, bucket: BUCKET },
    },
    async (req) => {
      const p = req.params as P;
      const q = req.query as Q;
      const latest = await snapshotAt(ctx, undefined);
      const { model } = await modelBody(ctx, `${p.author}/${p.name}`, latest);
      const range = {
        from: (q.from as string) ?? null,
        to: (q.to as string) ?? null,
        bucket: (q.bucket as "auto") ?? "auto",
      };
      const rows = withCoverage(
        await ctx.query(modelSeries, { id: model.id, ...range }),
        await ctx.query(snapshotList, {}),
      );
      return { dataAsOf: latest, body: { id: model.id, ...range, unit: rows[0]?.unit ?? null, rows }, rows };
    },
  );

  getRoute(
    app,
    ctx,
    "/api/orgs/:author",
    {
      summary:
        "An organisation's repos with totals (as omo org --json); versions=1 groups them into versions (omo org --versions --json)",
      tags: ["orgs"],
      csv: true,
      params: { author: ID_PART },
      querystring: { date: SNAPSHOT_DATE, match: REGEX, versions: FLAG },
    },
    async (req) => {
      const p = req.params as P;
      const q = req.query as Q;
      const date = await snapshotAt(ctx, q.date as string | undefined);
      const match = (q.match as string) ?? null;
      if (flag(q.versions)) {
        const body = await orgVersionsBody(ctx, p.author as string, match, date);
        return { dataAsOf: date, body, rows: body.versions.map((v) => ({ ...v, ids: v.ids.join(" ") })) };
      }
      const body = await orgBody(ctx, p.author as string, match, date);
      return { dataAsOf: date, body, rows: body.models };
    },
  );

  getRoute(
    app,
    ctx,
    "/api/orgs/:author/series",
    {
      summary: "An organisation per bucket of the snapshots in [from, to] (as omo series org --json)",
      tags: ["orgs"],
      csv: true,
      params: { author: ID_PART },
      querystring: { match: REGEX, from: DATE, to: DATE, bucket: BUCKET },
    },
    async (req) => {
      const p = req.params as P;
      const q = req.query as Q;
      const latest = await snapshotAt(ctx, undefined);
      const author = p.author as string;
      const match = (q.match as string) ?? null;
      const range = {
        from: (q.from as string) ?? null,
        to: (q.to as string) ?? null,
        bucket: (q.bucket as "auto") ?? "auto",
      };
      const rows = withCoverage(
        await ctx.query(orgSeries, { author, match, ...range }, { regexParam: "match" }),
        await ctx.query(snapshotList, {}),
      );
      if (rows.length === 0 && match === null) throw notFound(`unknown organisation: ${author.slice(0, 200)}`);
      return { dataAsOf: latest, body: { author, match, ...range, unit: rows[0]?.unit ?? null, rows }, rows };
    },
  );

  getRoute(
    app,
    ctx,
    "/api/trending",
    {
      summary:
        "Fastest-growing models over a window, the like-for-like total of the models listed at both dates (dominant model named), both snapshots' coverage, and new entrants (as omo growth --json)",
      tags: ["models"],
      csv: true,
      querystring: {
        date: SNAPSHOT_DATE,
        window: { type: "integer", enum: [...GROWTH_WINDOWS], default: 30, description: "days: 7, 30 or 90" },
        limit: limit(1000, 20),
        author: TEXT,
      },
    },
    async (req) => {
      const q = req.query as Q;
      const date = await snapshotAt(ctx, q.date as string | undefined);
      const body = await growthBody(ctx, {
        date,
        window: Number(q.window ?? 30),
        limit: Number(q.limit ?? 20),
        author: (q.author as string) ?? null,
      });
      return { dataAsOf: date, body, rows: body.models };
    },
  );

  getRoute(
    app,
    ctx,
    "/api/search",
    {
      summary: "Models (id substring), organisations and families matching a text, 20 of each at most",
      tags: ["meta"],
      csv: true,
      querystring: { q: TEXT, limit: limit(100, 20) },
      required: ["q"],
    },
    async (req) => {
      const q = req.query as Q;
      const text = String(q.q ?? "").trim();
      if (!text) throw badParam("q", "q: give some text to search for");
      const n = Number(q.limit ?? 20);
      const date = await snapshotAt(ctx, undefined);
      const params = { q: text, limit: n, date };
      const models = await ctx.query(searchModels, params);
      const orgs = await ctx.query(searchOrgs, params);
      const needle = text.toLowerCase();
      const families = ctx.families
        .filter((f) => f.name.includes(needle) || f.title.toLowerCase().includes(needle))
        .slice(0, n)
        .map((f) => ({ family: f.name, title: f.title, description: f.description }));
      const rows = [
        ...models.map((m) => ({ kind: "model", id: m.id, label: m.id, downloads: m.downloads })),
        ...orgs.map((o) => ({ kind: "org", id: o.author, label: o.author, downloads: o.downloads })),
        ...families.map((f) => ({ kind: "family", id: f.family, label: f.title, downloads: null })),
      ];
      return { dataAsOf: date, body: { q: text, models, orgs, families }, rows };
    },
  );
}
