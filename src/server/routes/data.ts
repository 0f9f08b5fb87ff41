/** Routes over snapshots, models, organisations, growth and search. */
import type { FastifyInstance } from "fastify";
import { snapshotsBody, withCoverage } from "../../answers/coverage.js";
import { growthBody } from "../../answers/growth.js";
import { MatchParam } from "../../queries/common.js";
import { modelSeries, orgSeries, searchModels, searchOrgs, snapshotList, topModels } from "../../queries/index.js";
import { notFound, type ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { Bucket, DateQuery, Flag, IdPart, limit, SnapshotDate, Text, Window } from "../params.js";
import { modelBody, orgBody, orgVersionsBody, snapshotAt } from "../shapes.js";

/** A case-insensitive regular expression on repo names (the catalog's, checked before it runs). */
const Match = MatchParam.optional().describe("case-insensitive regular expression on the repo name (after the slash)");

/** A series' range: the catalog's bucket, dates as the API takes them. */
const RANGE = { from: DateQuery, to: DateQuery, bucket: Bucket };

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
        date: SnapshotDate,
        limit: limit(1000, 20),
        task: Text,
        library: Text,
        license: Text,
        author: Text,
      },
    },
    async (req) => {
      const q = req.query;
      const date = await snapshotAt(ctx, q.date);
      const rows = await ctx.query(topModels, {
        date,
        limit: q.limit,
        task: q.task ?? null,
        library: q.library ?? null,
        license: q.license ?? null,
        author: q.author ?? null,
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
      params: { author: IdPart, name: IdPart },
      querystring: { date: SnapshotDate },
    },
    async (req) => {
      const p = req.params;
      const date = await snapshotAt(ctx, req.query.date);
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
      params: { author: IdPart, name: IdPart },
      querystring: RANGE,
    },
    async (req) => {
      const p = req.params;
      const q = req.query;
      const latest = await snapshotAt(ctx, undefined);
      const { model } = await modelBody(ctx, `${p.author}/${p.name}`, latest);
      const range = { from: q.from ?? null, to: q.to ?? null, bucket: q.bucket };
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
      params: { author: IdPart },
      querystring: { date: SnapshotDate, match: Match, versions: Flag },
    },
    async (req) => {
      const { author } = req.params;
      const q = req.query;
      const date = await snapshotAt(ctx, q.date);
      const match = q.match ?? null;
      if (q.versions) {
        const body = await orgVersionsBody(ctx, author, match, date);
        return { dataAsOf: date, body, rows: body.versions.map((v) => ({ ...v, ids: v.ids.join(" ") })) };
      }
      const body = await orgBody(ctx, author, match, date);
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
      params: { author: IdPart },
      querystring: { match: Match, ...RANGE },
    },
    async (req) => {
      const { author } = req.params;
      const q = req.query;
      const latest = await snapshotAt(ctx, undefined);
      const match = q.match ?? null;
      const range = { from: q.from ?? null, to: q.to ?? null, bucket: q.bucket };
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
        date: SnapshotDate,
        window: Window,
        limit: limit(1000, 20),
        author: Text,
      },
    },
    async (req) => {
      const q = req.query;
      const date = await snapshotAt(ctx, q.date);
      const body = await growthBody(ctx, { date, window: q.window, limit: q.limit, author: q.author ?? null });
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
      // the search queries' own parameters: q trimmed, 1 to 200 characters; limit up to 100
      querystring: { q: searchModels.params.shape.q, limit: searchModels.params.shape.limit },
    },
    async (req) => {
      const text = req.query.q;
      const n = req.query.limit;
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
