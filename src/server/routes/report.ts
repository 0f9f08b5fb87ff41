/**
 * `GET /report?lang=en|it&format=html|md&date=&from=`: the state-of-open-models report (as `omo report`), from the
 * same data and the same builder; HTML by default, its figures' queries linked to `/api/queries/NAME`.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { InputError } from "../../errors.js";
import { LANGS } from "../../report/locale.js";
import { generateReport, REPORT_FORMATS } from "../../report/report.js";
import { badParam, type ServerContext } from "../context.js";
import { getRoute } from "../http.js";
import { DateQuery, SnapshotDate } from "../params.js";

/** Registers the report route. */
export function reportRoutes(app: FastifyInstance, ctx: ServerContext): void {
  getRoute(
    app,
    ctx,
    "/report",
    {
      summary:
        "The state-of-open-models report at a snapshot, in English or Italian, as HTML (printable) or Markdown (as omo report)",
      tags: ["report"],
      querystring: {
        lang: z.enum(LANGS).default("en"),
        format: z.enum(REPORT_FORMATS).default("html"),
        date: SnapshotDate,
        from: DateQuery.describe("snapshot to compare with (default: the previous one)"),
      },
    },
    async (req) => {
      const q = req.query;
      try {
        const raw = await generateReport(ctx.store, {
          date: q.date ?? null,
          from: q.from ?? null,
          lang: q.lang,
          format: q.format,
          families: ctx.families,
          apiBase: "/api",
          homeHref: "/#/",
        });
        return {
          dataAsOf: ctx.version.date,
          raw,
          contentType: q.format === "md" ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8",
        };
      } catch (err) {
        if (err instanceof InputError) throw badParam(err.location.field ?? "date", err.message);
        throw err;
      }
    },
  );
}
