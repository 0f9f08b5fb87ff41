/** `/api/orgs`: organisations ranked by 30-day downloads, with shares, the families they publish and their growth. */
import type { FastifyInstance } from "fastify";
import { orgRankingBody } from "../../answers/orgs.js";
import { orgRanking } from "../../queries/index.js";
import type { ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { SnapshotDate, Text, Window } from "../params.js";
import { snapshotAt } from "../shapes.js";

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
        date: SnapshotDate,
        window: Window,
        limit: orgRanking.params.shape.limit,
        task: Text,
        library: Text,
      },
    },
    async (req) => {
      const q = req.query;
      const date = await snapshotAt(ctx, q.date);
      const body = await orgRankingBody(ctx, {
        date,
        window: q.window,
        limit: q.limit,
        task: q.task ?? null,
        library: q.library ?? null,
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
