/**
 * Badges: `/badge/model/{author}/{name}.svg`, `/badge/family/{name}.svg`, `/badge/org/{author}.svg` (shields-style
 * "downloads | 1.3M/month", `?label=`, `?style=flat|flat-square`) and the same paths ending in `.json` answering the
 * shields.io endpoint JSON. Unknown subjects answer 404 with a grey "not found" badge.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { familyTotals, modelDetail, orgTotals } from "../../queries/index.js";
import {
  BADGE_STYLES,
  type BadgeSpec,
  type BadgeStyle,
  compactNumber,
  renderBadgeSvg,
  shieldsEndpoint,
} from "../badge-svg.js";
import { ApiError, type ServerContext } from "../context.js";
import { getRoute, type RawResult } from "../http.js";
import { IdPart } from "../params.js";
import { familyNamed, familyParams, snapshotAt } from "../shapes.js";

const FILE = z
  .string()
  .min(5)
  .max(210)
  .regex(/\.(svg|json)$/);
const QUERY = {
  label: z.string().max(100).optional().describe("left text (default: downloads)"),
  style: z.enum(BADGE_STYLES).default("flat"),
};

/** What a badge request asks beside its subject. */
interface BadgeQuery {
  label?: string;
  style: BadgeStyle;
}

/** The subject and format of a badge file name `NAME.svg` / `NAME.json`. */
function splitFile(file: string): { name: string; ext: "svg" | "json" } {
  const m = /^(.+)\.(svg|json)$/.exec(file);
  if (!m) throw new ApiError(404, "badges end in .svg or .json");
  return { name: m[1] as string, ext: m[2] as "svg" | "json" };
}

/** The message of a downloads badge. */
export function downloadsMessage(downloads: number | null): string {
  return downloads === null ? "not listed" : `${compactNumber(downloads)}/month`;
}

function answer(q: BadgeQuery, ext: "svg" | "json", spec: BadgeSpec, dataAsOf: string | null, status = 200): RawResult {
  const s: BadgeSpec = { ...spec, label: q.label ?? spec.label, style: q.style };
  if (ext === "svg") return { dataAsOf, raw: renderBadgeSvg(s), contentType: "image/svg+xml; charset=utf-8", status };
  const body = {
    ...shieldsEndpoint(s, status !== 200),
    ...(status !== 200 ? { error: spec.message } : {}),
    dataAsOf,
  };
  return { dataAsOf, raw: JSON.stringify(body), contentType: "application/json; charset=utf-8", status };
}

async function badge(
  q: BadgeQuery,
  ctx: ServerContext,
  ext: "svg" | "json",
  downloads: () => Promise<number | null | undefined>,
): Promise<RawResult> {
  const date = await snapshotAt(ctx, undefined);
  let n: number | null | undefined;
  try {
    n = await downloads();
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) n = undefined;
    else throw err;
  }
  if (n === undefined)
    return answer(q, ext, { label: "downloads", message: "not found", color: "lightgrey" }, date, 404);
  return answer(
    q,
    ext,
    { label: "downloads", message: downloadsMessage(n), color: n === null ? "lightgrey" : "blue" },
    date,
  );
}

/** Registers the badge routes. */
export async function badgeRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/badge/model/:author/:file",
    {
      summary: "A model's 30-day downloads as a badge: NAME.svg (flat SVG) or NAME.json (shields.io endpoint)",
      tags: ["badges"],
      params: { author: IdPart, file: FILE },
      querystring: QUERY,
    },
    async (req) => {
      const p = req.params;
      const { name, ext } = splitFile(p.file);
      return badge(req.query, ctx, ext, async () => {
        const [m] = await ctx.query(modelDetail, { id: `${p.author}/${name}`, date: ctx.version.date });
        return m ? m.downloads : undefined;
      });
    },
  );
  getRoute(
    app,
    ctx,
    "/badge/org/:file",
    {
      summary: "An organisation's 30-day downloads (all its repos) as a badge: AUTHOR.svg or AUTHOR.json",
      tags: ["badges"],
      params: { file: FILE },
      querystring: QUERY,
    },
    async (req) => {
      const { name, ext } = splitFile(req.params.file);
      return badge(req.query, ctx, ext, async () => {
        const [t] = await ctx.query(orgTotals, { author: name, match: null, date: ctx.version.date });
        return t && t.repos > 0 ? t.downloads : undefined;
      });
    },
  );
  getRoute(
    app,
    ctx,
    "/badge/family/:file",
    {
      summary: "A family's 30-day downloads (official ∪ lineage derivatives) as a badge: NAME.svg or NAME.json",
      tags: ["badges"],
      params: { file: FILE },
      querystring: QUERY,
    },
    async (req) => {
      const { name, ext } = splitFile(req.params.file);
      return badge(req.query, ctx, ext, async () => {
        const f = familyNamed(ctx, name);
        const [t] = await ctx.query(familyTotals, familyParams(f, {}, ctx.version.date ?? ""));
        return t?.totalDownloads ?? 0;
      });
    },
  );
}
