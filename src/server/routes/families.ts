/** Routes over the family registry: ranking, one family, its tree, versions and series. */
import type { FastifyInstance } from "fastify";
import { withCoverage } from "../../answers/coverage.js";
import { RELATIONS } from "../../queries/families.js";
import { familySeries, snapshotList } from "../../queries/index.js";
import type { ServerContext } from "../context.js";
import { BUCKET, DATE, FLAG, flag, getRoute, ID_PART, limit, SNAPSHOT_DATE } from "../http.js";
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

type Q = Record<string, string | number | undefined>;
type P = Record<string, string>;

const RELATION_WORDS = [...RELATIONS, "all"].join("|");
const RELATIONS_PARAM = {
  type: "string",
  pattern: `^(${RELATION_WORDS})(,(${RELATION_WORDS}))*$`,
  description: `follow only these link relations (comma list of ${RELATIONS.join(", ")}; all = every stated relation, the default; all,reupload adds re-uploads linked by omo's name rule)`,
} as const;
const DEPTH = {
  type: "integer",
  minimum: 0,
  maximum: 100,
  default: 50,
  description: "deepest chain of links",
} as const;

function walkOptions(q: Q): FamilyOptions {
  return {
    relations: (q.relations as string | undefined) ?? undefined,
    names: flag(q.names),
    depth: q.depth === undefined ? 50 : Number(q.depth),
  };
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
      querystring: { date: SNAPSHOT_DATE },
    },
    async (req) => {
      const date = await snapshotAt(ctx, (req.query as Q).date as string | undefined);
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
      params: { name: ID_PART },
      querystring: {
        date: SNAPSHOT_DATE,
        relations: RELATIONS_PARAM,
        depth: DEPTH,
        names: FLAG,
        top: limit(1000, 5),
      },
    },
    async (req) => {
      const q = req.query as Q;
      const f = familyNamed(ctx, (req.params as P).name as string);
      const date = await snapshotAt(ctx, q.date as string | undefined);
      const body = await familyBody(ctx, f, walkOptions(q), date, Number(q.top ?? 5));
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
      params: { name: ID_PART },
      querystring: { date: SNAPSHOT_DATE, relations: RELATIONS_PARAM, depth: DEPTH },
    },
    async (req) => {
      const q = req.query as Q;
      const f = familyNamed(ctx, (req.params as P).name as string);
      const date = await snapshotAt(ctx, q.date as string | undefined);
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
      params: { name: ID_PART },
      querystring: { date: SNAPSHOT_DATE },
    },
    async (req) => {
      const q = req.query as Q;
      const f = familyNamed(ctx, (req.params as P).name as string);
      const date = await snapshotAt(ctx, q.date as string | undefined);
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
      params: { name: ID_PART },
      querystring: {
        scope: { type: "string", enum: ["total", "official", "derivatives"], default: "total" },
        from: DATE,
        to: DATE,
        bucket: BUCKET,
        relations: RELATIONS_PARAM,
        depth: DEPTH,
      },
    },
    async (req) => {
      const q = req.query as Q;
      const f = familyNamed(ctx, (req.params as P).name as string);
      const latest = await snapshotAt(ctx, undefined);
      const p = familyParams(f, walkOptions(q), latest);
      const scope = (q.scope as "total" | "official" | "derivatives") ?? "total";
      const range = {
        from: (q.from as string) ?? null,
        to: (q.to as string) ?? null,
        bucket: (q.bucket as "auto") ?? "auto",
      };
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
