/** Routes over the family registry: ranking, one family, its tree, versions and series. */
import type { FastifyInstance } from "fastify";
import { withCoverage } from "../../answers/coverage.js";
import { familySeries, snapshotList } from "../../queries/index.js";
import { DepthParam } from "../../queries/params/families.js";
import type { ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { Bucket, DateQuery, Flag, IdPart, limit, RelationsQuery, SnapshotDate } from "../params.js";
import {
  FAMILY_PARAM_NAMES,
  type FamilyOptions,
  familiesRanking,
  familyBody,
  familyNamed,
  familyParams,
  familyTreeBody,
  familyVersionsBody,
  snapshotAt,
} from "../shapes.js";

/** The family walk's parameters (the catalog's depth). */
const WALK = { relations: RelationsQuery, depth: DepthParam.describe("deepest chain of links") };

function walkOptions(q: { relations?: string; depth: number; names?: boolean }): FamilyOptions {
  return { relations: q.relations, names: q.names ?? false, depth: q.depth };
}

/** Registers the family routes. */
export async function familyRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/families",
    {
      summary: "Every family ranked by 30-day downloads, official ∪ lineage derivatives (as omo families --json)",
      tags: ["families"],
      csv: true,
      querystring: { date: SnapshotDate },
    },
    async (req) => {
      const date = await snapshotAt(ctx, req.query.date);
      const families = await familiesRanking(ctx, date);
      return { dataAsOf: date, body: { date, families }, rows: families };
    },
  );

  getRoute(
    app,
    ctx,
    "/api/families/:name",
    {
      summary: "A family: official repos, lineage derivatives, their union, name-only apart (as omo family --json)",
      tags: ["families"],
      csv: true,
      params: { name: IdPart },
      querystring: { date: SnapshotDate, ...WALK, names: Flag, top: limit(1000, 5) },
    },
    async (req) => {
      const q = req.query;
      const f = familyNamed(ctx, req.params.name);
      const date = await snapshotAt(ctx, q.date);
      const body = await familyBody(ctx, f, walkOptions(q), date, q.top);
      return { dataAsOf: date, body, rows: body.top };
    },
  );

  getRoute(
    app,
    ctx,
    "/api/families/:name/tree",
    {
      summary: "A family's lineage tree: every member with its parent in the walk (as omo family --tree --json)",
      tags: ["families"],
      csv: true,
      params: { name: IdPart },
      querystring: { date: SnapshotDate, ...WALK },
    },
    async (req) => {
      const q = req.query;
      const f = familyNamed(ctx, req.params.name);
      const date = await snapshotAt(ctx, q.date);
      const body = await familyTreeBody(ctx, f, walkOptions(q), date);
      return { dataAsOf: date, body, rows: body.nodes };
    },
  );

  getRoute(
    app,
    ctx,
    "/api/families/:name/versions",
    {
      summary: "A family's official repos grouped into versions (as omo family --versions --json)",
      tags: ["families"],
      csv: true,
      params: { name: IdPart },
      querystring: { date: SnapshotDate },
    },
    async (req) => {
      const f = familyNamed(ctx, req.params.name);
      const date = await snapshotAt(ctx, req.query.date);
      const body = await familyVersionsBody(ctx, f, date);
      return { dataAsOf: date, body, rows: body.versions.map((v) => ({ ...v, ids: v.ids.join(" ") })) };
    },
  );

  getRoute(
    app,
    ctx,
    "/api/families/:name/series",
    {
      summary: "A family per bucket of the snapshots in [from, to] (as omo series family --json)",
      tags: ["families"],
      csv: true,
      params: { name: IdPart },
      querystring: {
        scope: familySeries.params.shape.scope,
        from: DateQuery,
        to: DateQuery,
        bucket: Bucket,
        ...WALK,
      },
    },
    async (req) => {
      const q = req.query;
      const f = familyNamed(ctx, req.params.name);
      const latest = await snapshotAt(ctx, undefined);
      const p = familyParams(f, walkOptions(q), latest);
      const scope = q.scope;
      const range = { from: q.from ?? null, to: q.to ?? null, bucket: q.bucket };
      const rows = withCoverage(
        await ctx.query(
          familySeries,
          { official: p.official, relations: p.relations, depth: p.depth, scope, ...range },
          { paramNames: FAMILY_PARAM_NAMES },
        ),
        await ctx.query(snapshotList, {}),
      );
      return {
        dataAsOf: latest,
        body: { family: f.name, scope, ...range, unit: rows[0]?.unit ?? null, rows },
        rows,
      };
    },
  );
}
