/**
 * Chart embeds: `GET /embed/compare.svg?ids=…&log=1&theme=dark|light&align=release&width=&height=` renders the
 * compare chart as a standalone SVG (ECharts server-side rendering) from the same option builder as the dashboard
 * and the same catalog queries as `/api/compare`, for READMEs and blog posts.
 */
import type { FastifyInstance } from "fastify";
import { CompareNotFound, loadCompareData } from "../../charts/compare-data.js";
import { buildSeriesChartOption, compareSeries } from "../../charts/series-chart.js";
import { renderSvg } from "../../charts/ssr.js";
import { parseTheme, THEMES } from "../../charts/theme.js";
import { InputError } from "../../errors.js";
import { isCalendarDate } from "../../queries/common.js";
import type { Store } from "../../store/store.js";

/** What the embed routes need. */
export interface EmbedDeps {
  store: Store;
}

interface CompareSvgQuery {
  ids?: string;
  log?: string;
  theme?: string;
  align?: string;
  width?: string;
  height?: string;
  from?: string;
  to?: string;
}

/** The one-line definition of the metric, shown under every chart. */
export const DOWNLOADS_METRIC = "30-day downloads (the Hub's rolling counter) at each snapshot";

/** An integer query value within bounds, else the default. */
function dimension(v: string | undefined, fallback: number, min: number, max: number): number {
  const n = Number(v);
  return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

/** A date query value `YYYY-MM-DD`, or null; throws InputError for anything else. */
function dateParam(v: string | undefined, name: string): string | null {
  if (v === undefined || v === "") return null;
  if (!isCalendarDate(v)) {
    throw new InputError(`invalid ${name} "${v.slice(0, 40)}": expected a real calendar date YYYY-MM-DD`, {
      field: name,
    });
  }
  return v;
}

/** Escapes text for an SVG text node. */
function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A small SVG that states a problem (an embed should show why it is empty rather than break the page). */
export function errorSvg(message: string, width: number, height: number, theme: "light" | "dark"): string {
  const t = THEMES[theme];
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="100%" height="100%" fill="${t.background}"/><text x="16" y="32" font-family="system-ui, sans-serif" font-size="14" fill="${t.text}">omo: ${xmlEscape(message)}</text></svg>`;
}

/** Registers `GET /embed/compare.svg`. */
export function registerEmbedRoutes(app: FastifyInstance, deps: EmbedDeps): void {
  app.get<{ Querystring: CompareSvgQuery }>("/embed/compare.svg", async (req, reply) => {
    const q = req.query;
    const theme = parseTheme(q.theme);
    const width = dimension(q.width, 800, 200, 2000);
    const height = dimension(q.height, 400, 120, 1200);
    reply.header("Content-Type", "image/svg+xml; charset=utf-8");
    try {
      const data = await loadCompareData(deps.store, q.ids ?? "", {
        from: dateParam(q.from, "from"),
        to: dateParam(q.to, "to"),
      });
      const log = q.log === "1" || q.log === "true";
      const align = q.align === "release" ? "release" : "calendar";
      const option = buildSeriesChartOption(compareSeries(data.items), {
        log,
        theme,
        align,
        metric: "downloads (30 days)",
        title: data.items.map((i) => i.label).join(" vs "),
        subtitle: `${DOWNLOADS_METRIC}${log ? ", log scale" : ""} · data as of ${data.dataAsOf ?? "–"} · omo`,
      });
      if (data.dataAsOf) reply.header("X-Data-As-Of", data.dataAsOf);
      reply.header("Cache-Control", "public, max-age=3600");
      return renderSvg(option, width, height);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      reply.code(err instanceof CompareNotFound ? 404 : 400);
      reply.header("Cache-Control", "no-store");
      return errorSvg(err.message, width, height, theme);
    }
  });
}
