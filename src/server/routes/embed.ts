/**
 * Chart embeds: `GET /embed/compare.svg?ids=…&log=1&theme=dark|light&align=release&width=&height=` renders the
 * compare chart as a standalone SVG (ECharts server-side rendering) from the same option builder as the dashboard
 * and the same catalog queries as `/api/compare`, for READMEs and blog posts.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { CompareNotFound, loadCompareData } from "../../charts/compare-data.js";
import { buildSeriesChartOption, compareSeries } from "../../charts/series-chart.js";
import { renderSvg } from "../../charts/ssr.js";
import { THEMES } from "../../charts/theme.js";
import { InputError } from "../../errors.js";
import { escapeMarkup } from "../../formats/markup.js";
import type { ServerContext } from "../context.js";
import { getRoute, type RawResult } from "../http.js";
import { DateQuery } from "../params.js";

/** The one-line definition of the metric, shown under every chart. */
export const DOWNLOADS_METRIC = "30-day downloads (the Hub's rolling counter) at each snapshot";

/** An integer query value within bounds, else the default (an embed draws at its default size rather than fail). */
function dimension(fallback: number, min: number, max: number) {
  return z.coerce
    .number()
    .int()
    .min(min)
    .max(max)
    .catch(fallback)
    .default(fallback)
    .describe(`pixels, ${min} to ${max} (default ${fallback}; others draw at the default)`);
}

/** How the embed is drawn: never an error (an unknown value draws the default). */
const LOOK = {
  theme: z.enum(["light", "dark"]).catch("light").default("light").describe("light | dark"),
  width: dimension(800, 200, 2000),
  height: dimension(400, 120, 1200),
};

/** The parameters of `/embed/compare.svg`; the dates are the API's (a real calendar day, `from` not after `to`). */
const QUERY = {
  ids: z.string().optional().describe("items to compare: a/b (a model), family:NAME, org:AUTHOR, comma-separated"),
  log: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "true")
    .describe("1 or true: log scale"),
  align: z.enum(["calendar", "release"]).catch("calendar").default("calendar").describe("calendar | release"),
  from: DateQuery,
  to: DateQuery,
  ...LOOK,
};

const SVG_TYPE = "image/svg+xml; charset=utf-8";

/** A small SVG that states a problem (an embed should show why it is empty rather than break the page). */
export function errorSvg(message: string, width: number, height: number, theme: "light" | "dark"): string {
  const t = THEMES[theme];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="${t.background}"/><text x="16" y="32" font-family="system-ui, sans-serif" font-size="14" fill="${t.text}">omo: ${escapeMarkup(message)}</text></svg>`;
}

/** The error SVG of a request, at the size and theme it asked for. */
function problem(message: string, status: number, look: z.output<z.ZodObject<typeof LOOK>>): RawResult {
  return { dataAsOf: null, raw: errorSvg(message, look.width, look.height, look.theme), contentType: SVG_TYPE, status };
}

/**
 * Registers `GET /embed/compare.svg` through the API's route helper: zod parameters (impossible dates answer 400),
 * answers cached per data version for an hour, and every problem drawn as an SVG.
 */
export function registerEmbedRoutes(app: FastifyInstance, ctx: ServerContext): void {
  getRoute(
    app,
    ctx,
    "/embed/compare.svg",
    {
      summary: "The compare chart as a standalone SVG (for READMEs and blog posts); problems are drawn as SVG too",
      tags: ["embeds"],
      querystring: QUERY,
      maxAge: 3600,
      invalidAnswer: (error, req) => problem(error, 400, z.object(LOOK).parse(req.query ?? {})),
    },
    async (req) => {
      const q = req.query;
      try {
        const data = await loadCompareData(ctx.store, q.ids ?? "", { from: q.from ?? null, to: q.to ?? null });
        const option = buildSeriesChartOption(compareSeries(data.items), {
          log: q.log,
          theme: q.theme,
          align: q.align,
          metric: "downloads (30 days)",
          title: data.items.map((i) => i.label).join(" vs "),
          subtitle: `${DOWNLOADS_METRIC}${q.log ? ", log scale" : ""} · data as of ${data.dataAsOf ?? "–"} · omo`,
        });
        return { dataAsOf: data.dataAsOf, raw: renderSvg(option, q.width, q.height), contentType: SVG_TYPE };
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        return problem(err.message, err instanceof CompareNotFound ? 404 : 400, q);
      }
    },
  );
}
