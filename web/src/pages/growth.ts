/**
 * Growth and new entrants: the models whose 30-day downloads grew most between the latest snapshot and the latest one
 * at least `window` days earlier (like for like: models listed at both), and the models listed now but not then.
 * Window, organisation and size in the URL: `#/growth?window=90&author=Qwen`.
 */
import { buildBarChartOption } from "../../../src/charts/bar-chart.js";
import { getJson } from "../api.js";
import { chartPanel, figurePanel, preferredTheme } from "../chart.js";
import { append, type Column, el, modelLink, notice, num, numCol, stat, table } from "../dom.js";
import { param } from "../filters.js";
import type { Route } from "../router.js";
import type { Trending } from "../types.js";
import { analysisPage } from "./common.js";

/** The columns of a fastest-growing table (the growth page and the home page). */
export function growthColumns(g: Trending): Column<Trending["models"][number]>[] {
  return [
    { header: "model", cell: (m) => modelLink(m.id), csv: (m) => m.id },
    numCol(g.baseDate ?? "before", (m) => m.before),
    numCol(g.date, (m) => m.after),
    {
      header: "change",
      cell: (m) => `${m.change > 0 ? "+" : ""}${num(m.change)}`,
      numeric: true,
      csv: (m) => m.change,
    },
    {
      header: "relative",
      cell: (m) => (m.relative === null ? "–" : `${m.relative > 0 ? "+" : ""}${(100 * m.relative).toFixed(1)} %`),
      numeric: true,
      csv: (m) => m.relative,
    },
  ];
}

/** Renders `#/growth[?window=&author=&limit=]`. */
export async function renderGrowth(root: HTMLElement, route: Route): Promise<void> {
  await analysisPage(root, route, {
    crumb: "growth",
    title: "Growth and new entrants",
    lead: "Which models gained downloads between two snapshots, and which appeared.",
    path: "/growth",
    what: "Growth",
    fields: [
      {
        key: "window",
        label: "compare with",
        kind: "select",
        fallback: "30",
        options: [
          ["7", "7 days before"],
          ["30", "30 days before"],
          ["90", "90 days before"],
        ],
      },
      { key: "author", label: "organisation", kind: "text", placeholder: "any" },
      { key: "date", label: "snapshot", kind: "snapshot" },
      {
        key: "limit",
        label: "models",
        kind: "select",
        fallback: "20",
        options: ["10", "20", "50", "100"].map((v) => [v, v]),
      },
    ],
    render: async (query) => {
      const g = await getJson<Trending>("/api/trending", {
        window: param(query, "window", "30"),
        author: query.get("author"),
        date: query.get("date"),
        limit: param(query, "limit", "20"),
      });
      const out = el("div");
      if (!g.baseDate) {
        append(
          out,
          notice(
            `No growth yet: ${g.note}. Growth needs two snapshots at least ${g.window} days apart; collect more with omo watch, or choose a shorter window.`,
          ),
          el("p", { class: "definition" }, g.definition),
        );
        return out;
      }
      const chart = chartPanel({
        title: "Largest increases",
        definition: `Change of 30-day downloads, ${g.baseDate} → ${g.date}.`,
        queries: ["growth"],
        dataAsOf: g.dataAsOf,
        height: Math.max(220, 60 + Math.min(15, g.models.length) * 24),
      });
      append(
        out,
        el(
          "div",
          { class: "stats" },
          stat("compared", `${g.baseDate} → ${g.date}`, `${g.days} days apart (window ${g.window})`),
          stat("models listed at both", num(g.models.length), "shown, largest change first"),
          stat("new entrants", num(g.newEntrants.length), "shown"),
          stat("data as of", g.date),
        ),
        figurePanel(
          {
            title: "Fastest-growing models",
            definition: g.definition,
            queries: ["growth-dates", "growth"],
            dataAsOf: g.dataAsOf,
          },
          g.models.length
            ? table(g.models, growthColumns(g), { file: "omo-growth", dataAsOf: g.dataAsOf })
            : el("p", { class: "muted" }, "No model is listed with a count at both snapshots."),
        ),
        figurePanel(
          {
            title: "New entrants",
            definition: `Listed at ${g.date}, not at ${g.baseDate}; first seen = omo's first snapshot listing the model (earlier than ${g.baseDate} means it came back, or that snapshot did not cover it).`,
            queries: ["new-entrants"],
            dataAsOf: g.dataAsOf,
          },
          g.newEntrants.length
            ? table(
                g.newEntrants,
                [
                  { header: "model", cell: (m) => modelLink(m.id), csv: (m) => m.id },
                  numCol("downloads (30d)", (m) => m.downloads),
                  { header: "first seen", cell: (m) => m.firstSeen },
                ],
                { file: "omo-new-entrants", dataAsOf: g.dataAsOf },
              )
            : el("p", { class: "muted" }, `No new entrant since ${g.baseDate}.`),
        ),
        chart.root,
      );
      const top = g.models.slice(0, 15);
      if (!top.some((m) => m.change !== 0)) {
        chart.empty(`No model's 30-day downloads changed between ${g.baseDate} and ${g.date}.`);
        return out;
      }
      requestAnimationFrame(() =>
        chart.render(
          buildBarChartOption(
            top.map((m) => m.id),
            [{ name: "change", values: top.map((m) => m.change) }],
            { theme: preferredTheme(), metric: "change of 30-day downloads" },
          ),
        ),
      );
      return out;
    },
  });
}
