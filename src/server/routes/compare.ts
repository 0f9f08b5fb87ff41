/** `/api/compare?ids=a,b,…`: several models, families and organisations over the stored snapshots. */
import type { FastifyInstance } from "fastify";
import { comparePoints, type SnapshotRow } from "../../answers/coverage.js";
import { familySeries, modelDetail, orgTotals, snapshotList } from "../../queries/index.js";
import { modelSeries, orgSeries } from "../../queries/series.js";
import { badParam, notFound, type ServerContext } from "../context.js";
import { BUCKET, DATE, getRoute } from "../http.js";
import { familyNamed, familyParams, snapshotAt } from "../shapes.js";

/** Most items one comparison takes. */
export const MAX_COMPARE = 10;

/** One item of a comparison. */
export interface CompareItem {
  id: string;
  kind: "model" | "family" | "org";
  label: string;
  points: Array<{ date: string; downloads: number | null }>;
}

type Range = { from: string | null; to: string | null; bucket: "auto" | "day" | "week" | "month" };

/** Parses `ids`: a comma list of `author/name`, `family:NAME` or `org:AUTHOR` (1..10 items). */
export function parseCompareIds(raw: string): Array<{ kind: CompareItem["kind"]; key: string; id: string }> {
  const parts = raw
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (parts.length === 0) throw badParam("ids", "ids: give 1 to 10 comma-separated items");
  if (parts.length > MAX_COMPARE) throw badParam("ids", `ids: at most ${MAX_COMPARE} items, got ${parts.length}`);
  return parts.map((id) => {
    const m = /^(family|org):(.+)$/i.exec(id);
    if (m) return { kind: (m[1] as string).toLowerCase() as "family" | "org", key: m[2] as string, id };
    if (!/^[^/]+\/[^/]+$/.test(id)) {
      throw badParam("ids", `ids: "${id.slice(0, 100)}" is not a model id author/name, family:NAME or org:AUTHOR`);
    }
    return { kind: "model" as const, key: id, id };
  });
}

async function itemSeries(
  ctx: ServerContext,
  item: ReturnType<typeof parseCompareIds>[number],
  range: Range,
  latest: string,
  snapshots: readonly SnapshotRow[],
): Promise<CompareItem> {
  if (item.kind === "model") {
    const [m] = await ctx.query(modelDetail, { id: item.key, date: latest });
    if (!m) throw notFound(`model not found: ${item.key}`);
    const rows = await ctx.query(modelSeries, { id: m.id, ...range });
    return {
      id: item.id,
      kind: "model",
      label: m.id,
      points: comparePoints(rows, snapshots),
    };
  }
  if (item.kind === "org") {
    const [t] = await ctx.query(orgTotals, { author: item.key, match: null, date: latest });
    if (!t || t.repos === 0) throw notFound(`unknown organisation: ${item.key}`);
    const rows = await ctx.query(orgSeries, { author: item.key, match: null, ...range });
    return {
      id: item.id,
      kind: "org",
      label: item.key,
      points: comparePoints(rows, snapshots),
    };
  }
  const f = familyNamed(ctx, item.key);
  const p = familyParams(f, {}, latest);
  const rows = await ctx.query(familySeries, {
    official: p.official,
    relations: null,
    depth: 50,
    scope: "total",
    ...range,
  });
  return {
    id: item.id,
    kind: "family",
    label: f.title,
    points: comparePoints(rows, snapshots),
  };
}

/** Registers the route. */
export async function compareRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/compare",
    {
      summary: "Up to 10 models (author/name), families (family:NAME) or organisations (org:AUTHOR) over the snapshots",
      description:
        "Each item's 30-day downloads at the last snapshot of every bucket (default: day, one point per snapshot) in [from, to].",
      tags: ["compare"],
      csv: true,
      querystring: {
        ids: {
          type: "string",
          minLength: 1,
          maxLength: 2000,
          description: "comma list, e.g. meta-llama/Llama-2-7b-hf,family:mistral,org:lmsys",
        },
        from: DATE,
        to: DATE,
        bucket: { ...BUCKET, default: "day" },
      },
      required: ["ids"],
    },
    async (req) => {
      const q = req.query as Record<string, string | undefined>;
      const parsed = parseCompareIds(q.ids ?? "");
      const latest = await snapshotAt(ctx, undefined);
      const range: Range = { from: q.from ?? null, to: q.to ?? null, bucket: (q.bucket as Range["bucket"]) ?? "day" };
      const items: CompareItem[] = [];
      const snapshots = await ctx.query(snapshotList, {});
      for (const item of parsed) items.push(await itemSeries(ctx, item, range, latest, snapshots));
      const rows = items.flatMap((i) => i.points.map((p) => ({ id: i.id, kind: i.kind, label: i.label, ...p })));
      return { dataAsOf: latest, body: { ...range, items }, rows };
    },
  );
}
