/**
 * Concentration: how much of all 30-day downloads the top-k models and organisations hold, and the
 * Herfindahl–Hirschman index by organisation. `k` and the snapshot in the URL: `#/concentration?k=20`.
 */
import { buildBarChartOption } from "../../../src/charts/bar-chart.js";
import { getJson } from "../api.js";
import { chartPanel, figurePanel, preferredTheme } from "../chart.js";
import { append, el, modelLink, num, numCol, orgLink, stat, table } from "../dom.js";
import { param } from "../filters.js";
import { dominantNote } from "../outlier.js";
import type { Route } from "../router.js";
import type { Concentration } from "../types.js";
import { analysisPage } from "./common.js";

const pct = (x: number | null) => (x === null ? "–" : `${x.toFixed(2)} %`);

/** Renders `#/concentration[?k=&date=]`. */
export async function renderConcentration(root: HTMLElement, route: Route): Promise<void> {
  await analysisPage(root, route, {
    crumb: "concentration",
    title: "Concentration",
    lead: "Whether a few models and organisations take most downloads.",
    path: "/concentration",
    what: "Concentration",
    fields: [
      {
        key: "k",
        label: "top",
        kind: "select",
        fallback: "10",
        options: ["5", "10", "20", "50", "100"].map((v) => [v, v]),
      },
      { key: "date", label: "snapshot", kind: "snapshot" },
    ],
    render: async (query) => {
      const c = await getJson<Concentration>("/api/concentration", {
        k: param(query, "k", "10"),
        date: query.get("date"),
      });
      const shares = chartPanel({
        title: `Cumulative share of the top ${c.k} models`,
        definition: "Percent of all 30-day downloads at the snapshot held by the top models, one bar each.",
        queries: ["top-model-shares"],
        dataAsOf: c.dataAsOf,
        height: Math.max(220, 60 + c.topModels.length * 22),
      });
      const out = el("div");
      append(
        out,
        el(
          "div",
          { class: "stats" },
          stat(
            `top ${c.k} models`,
            el("span", { "data-testid": "top-models-share" }, pct(c.topModelsShare)),
            "of downloads",
          ),
          stat(`top ${c.k} organisations`, pct(c.topOrgsShare), "of downloads"),
          stat("HHI by organisation", c.hhi === null ? "–" : num(Math.round(c.hhi)), `of 10,000: ${c.hhiLabel}`),
          stat("models · organisations", `${num(c.models)} · ${num(c.orgs)}`, `snapshot ${c.date}`),
        ),
        dominantNote(c, "all downloads"),
        el("p", { class: "definition" }, c.definition),
        el(
          "div",
          { class: "grid-2" },
          figurePanel(
            {
              title: `Top ${c.k} models`,
              definition: "Each model's share of all 30-day downloads at the snapshot, and the running total.",
              queries: ["top-model-shares"],
              dataAsOf: c.dataAsOf,
            },
            table(
              c.topModels,
              [
                numCol("rank", (m) => m.rank),
                { header: "model", cell: (m) => modelLink(m.id), csv: (m) => m.id },
                numCol("downloads (30d)", (m) => m.downloads),
                { header: "share", cell: (m) => pct(m.share), numeric: true, csv: (m) => m.share },
                {
                  header: "cumulative",
                  cell: (m) => pct(m.cumulativeShare),
                  numeric: true,
                  csv: (m) => m.cumulativeShare,
                },
              ],
              { file: "omo-concentration-models", dataAsOf: c.dataAsOf },
            ),
          ),
          figurePanel(
            {
              title: `Top ${c.k} organisations`,
              definition:
                "Each organisation's share of all 30-day downloads (its repos summed), and the running total.",
              queries: ["top-org-shares", "concentration"],
              dataAsOf: c.dataAsOf,
            },
            table(
              c.topOrgs,
              [
                numCol("rank", (o) => o.rank),
                { header: "organisation", cell: (o) => orgLink(o.author), csv: (o) => o.author },
                numCol("repos", (o) => o.repos),
                numCol("downloads (30d)", (o) => o.downloads),
                { header: "share", cell: (o) => pct(o.share), numeric: true, csv: (o) => o.share },
                {
                  header: "cumulative",
                  cell: (o) => pct(o.cumulativeShare),
                  numeric: true,
                  csv: (o) => o.cumulativeShare,
                },
              ],
              { file: "omo-concentration-organisations", dataAsOf: c.dataAsOf },
            ),
          ),
        ),
        shares.root,
      );
      requestAnimationFrame(() =>
        shares.render(
          buildBarChartOption(
            c.topModels.map((m) => m.id),
            [
              {
                name: "cumulative share (%)",
                values: c.topModels.map((m) => Math.round(100 * (m.cumulativeShare ?? 0)) / 100),
              },
            ],
            {
              theme: preferredTheme(),
              stack: false,
              metric: "cumulative share of downloads (%)",
              axisLabel: (v) => `${v} %`,
              valueLabel: (v) => `${v.toFixed(2)} %`,
            },
          ),
        ),
      );
      return out;
    },
  });
}
