/** `/api/openness`: downloads by openness class, per snapshot (`series=1`), or licence drift (`drift=1`). */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { licenceDriftBody, opennessClassesBody, opennessSeriesBody, type QueryRunner } from "../../answers/openness.js";
import { type Family, findFamily } from "../../domain/families.js";
import { licenceRows, loadLicences } from "../../domain/licences.js";
import { loadOpennessEvidence } from "../../domain/openness-evidence.js";
import { RELATIONS } from "../../queries/params/families.js";
import { ApiError, badParam, type ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { Flag, IdPart, limit, SnapshotDate, Text } from "../params.js";
import { snapshotAt } from "../shapes.js";

/** Registers the openness route; makes the stored licence map current first. */
export async function opennessRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const map = await loadLicences();
  const evidence = await loadOpennessEvidence();
  await ctx.store.refreshLicences(licenceRows(map));
  const run: QueryRunner = (q, p) => ctx.query(q, p, { paramNames: { official: "family" } });

  getRoute(
    app,
    ctx,
    "/api/openness",
    {
      summary:
        "Downloads by openness class of the licence (as omo openness --json); series=1 per snapshot (omo openness --series); drift=1 derivatives whose licence differs from their base's (omo openness --drift)",
      tags: ["openness"],
      csv: true,
      querystring: {
        date: SnapshotDate,
        task: Text,
        family: IdPart.optional().describe("a family of the registry (official repos and lineage derivatives)"),
        series: Flag,
        drift: Flag,
        relation: z.enum(RELATIONS).optional().describe("with drift=1: only links of this relation"),
        limit: limit(10_000, 50),
      },
    },
    async (req) => {
      const q = req.query;
      const { series, drift } = q;
      if (series && drift) throw badParam("drift", "drift: choose one of series=1 and drift=1");
      let family: Family | null = null;
      if (q.family !== undefined) {
        try {
          family = findFamily(ctx.families, q.family);
        } catch {
          const known = ctx.families.map((f) => f.name);
          throw new ApiError(
            400,
            `family: unknown family "${q.family.slice(0, 100)}"; known families: ${known.join(", ")}`,
            "family",
            { known },
          );
        }
      }
      const task = q.task ?? null;
      if (series) {
        const latest = await snapshotAt(ctx, undefined);
        const body = await opennessSeriesBody(run, { task, family });
        return { dataAsOf: latest, body, rows: body.rows };
      }
      const date = await snapshotAt(ctx, q.date);
      if (drift) {
        const body = await licenceDriftBody(
          run,
          { date, task, family },
          { relation: q.relation ?? null, limit: q.limit },
        );
        return { dataAsOf: date, body, rows: body.pairs };
      }
      const body = await opennessClassesBody(run, map, { date, task, family }, evidence);
      return { dataAsOf: date, body, rows: body.classes };
    },
  );
}
