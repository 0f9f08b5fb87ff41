/** `/api/orgs`: organisations ranked by 30-day downloads, with shares, the families they publish and their growth. */
import type { FastifyInstance } from "fastify";
import { orgRankingBody } from "../../answers/orgs.js";
import { GROWTH_WINDOWS } from "../../queries/series.js";
import type { ServerContext } from "../context.js";
import { getRoute, limit, SNAPSHOT_DATE } from "../http.js";
import { snapshotAt } from "../shapes.js";

type Q = Record<string, string | number | undefined>;

const TEXT = { type: "string", minLength: 1, maxLength: 200 } as const;

/** Registers the route. */
export async function orgRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  getRoute(
    app,
    ctx,
    "/api/orgs",
    {
      summary:
        "Organisations ranked by the 30-day downloads of their repos (as omo orgs --json): repos, likes, share, families they publish, like-for-like growth over a window",
      description:
        "Growth compares the repos listed with a count at both the snapshot and the latest complete snapshot at or before date minus window days; repos new since are counted apart. Filters: task (pipeline tag), library.",
      tags: ["orgs"],
      csv: true,
      querystring: {
        date: SNAPSHOT_DATE,
        window: { type: "integer", enum: [...GROWTH_WINDOWS], default: 30, description: "days: 7, 30 or 90" },
        limit: limit(10_000, 50),
        task: TEXT,
        library: TEXT,
      },
    },
    async (req) => {
      const q = req.query as Q;
      const date = await snapshotAt(ctx, q.date as string | undefined);
      const body = await orgRankingBody(ctx, {
        date,
        window: Number(q.window ?? 30),
        limit: Number(q.limit ?? 50),
        task: (q.task as string | undefined) ?? null,
        library: (q.library as string | undefined) ?? null,
      });
      const rows = body.orgs.map((o) => ({
        rank: o.rank,
        author: o.author,
        repos: o.repos,
        downloads: o.downloads,
        likes: o.likes,
        share: o.share,
        families: o.families.join(" "),
        baseDate: body.baseDate,
        commonRepos: o.growth?.commonRepos ?? null,
        before: o.growth?.before ?? null,
        after: o.growth?.after ?? null,
        change: o.growth?.change ?? null,
        newRepos: o.growth?.newRepos ?? null,
      }));
      return { dataAsOf: date, body, rows };
    },
  );
}
