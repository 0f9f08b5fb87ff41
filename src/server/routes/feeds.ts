/**
 * Atom feeds (`application/atom+xml`), computed from the stored snapshots: `/feeds/model/{author}/{name}.atom`,
 * `/feeds/family/{name}.atom`, and `/feeds/watchlist/{name}.atom` for each watchlist the server was started with
 * (`omo serve --watchlist FILE`).
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { familyFeed, modelFeed, renderAtom, watchlistFeed } from "../../alerts/feeds.js";
import { notFound, type ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { IdPart } from "../params.js";
import { familyNamed } from "../shapes.js";

const ATOM = "application/atom+xml; charset=utf-8";

/** The part of `file` before `.atom`; a 404 for any other suffix. */
function stem(file: string): string {
  if (!file.endsWith(".atom") || file.length <= 5) throw notFound(`no feed ${file.slice(0, 100)}: feeds end in .atom`);
  return file.slice(0, -5);
}

/** The origin the request was made to, for absolute links in a feed. */
function origin(req: FastifyRequest): string {
  return `${req.protocol}://${req.headers.host ?? "127.0.0.1"}`;
}

/** Registers the feed routes. */
export async function feedRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/feeds/model/:author/:file",
    {
      summary: "Atom feed of a model: 30-day downloads and new direct derivatives, one entry per snapshot",
      tags: ["feeds"],
      params: { author: IdPart, file: IdPart },
    },
    async (req) => {
      const p = req.params;
      const data = await modelFeed(ctx.store, ctx, `${p.author}/${stem(p.file)}`, origin(req));
      return { dataAsOf: ctx.version.date, raw: renderAtom(data), contentType: ATOM };
    },
  );
  getRoute(
    app,
    ctx,
    "/feeds/family/:file",
    {
      summary: "Atom feed of a family: totals and new members, one entry per snapshot",
      tags: ["feeds"],
      params: { file: IdPart },
    },
    async (req) => {
      const f = familyNamed(ctx, stem(req.params.file));
      const data = await familyFeed(ctx.store, ctx, f, origin(req));
      return { dataAsOf: ctx.version.date, raw: renderAtom(data), contentType: ATOM };
    },
  );
  getRoute(
    app,
    ctx,
    "/feeds/watchlist/:file",
    {
      summary: "Atom feed of a watchlist given to omo serve --watchlist: each rule when it fires, per snapshot",
      tags: ["feeds"],
      params: { file: IdPart },
    },
    async (req) => {
      const name = stem(req.params.file);
      const w = ctx.watchlists.find((x) => x.name === name);
      if (!w) {
        const known = ctx.watchlists.map((x) => x.name);
        throw notFound(
          `no watchlist "${name.slice(0, 100)}" on this server${known.length ? `; watchlists: ${known.join(", ")}` : " (start omo serve with --watchlist FILE)"}`,
        );
      }
      const data = await watchlistFeed(ctx.store, w, ctx.families, origin(req));
      return { dataAsOf: ctx.version.date, raw: renderAtom(data), contentType: ATOM };
    },
  );
}
