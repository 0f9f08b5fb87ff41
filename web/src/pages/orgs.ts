/**
 * Organisations ranked (`/api/orgs`): repos, 30-day downloads, share of all downloads, the families whose official
 * repos they publish, and their growth over a window, like for like. Filters (task, library, window, how many) in
 * the URL: `#/orgs?task=text-generation&window=90`.
 */
import { buildBarChartOption } from "../../../src/charts/bar-chart.js";
import { getJson } from "../api.js";
import { chartPanel, figurePanel, preferredTheme } from "../chart.js";
import { append, el, familyLink, num, numCol, orgLink, shareBar, stat, table } from "../dom.js";
import { param } from "../filters.js";
import { dominantNote } from "../outlier.js";
import type { Route } from "../router.js";
import type { OrgRanking } from "../types.js";
import { analysisPage } from "./common.js";

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? "–" : `${x > 0 ? "+" : ""}${(100 * x).toFixed(1)} %`;

/** Renders `#/orgs[?task=&library=&window=&limit=]`. */
export async function renderOrgs(root: HTMLElement, route: Route): Promise<void> {
  await analysisPage(root, route, {
    crumb: "organisations",
    title: "Organisations",
    lead: "Hub namespaces ranked by the 30-day downloads of their repos, with the families they publish and their growth.",
    path: "/orgs",
    what: "Organisations",
    fields: [
      { key: "task", label: "task", kind: "task", placeholder: "any task" },
      { key: "library", label: "library", kind: "library", placeholder: "any library" },
      { key: "date", label: "snapshot", kind: "snapshot" },
      {
        key: "window",
        label: "growth over",
        kind: "select",
        fallback: "30",
        options: [
          ["7", "7 days"],
          ["30", "30 days"],
          ["90", "90 days"],
        ],
      },
      {
        key: "limit",
        label: "organisations",
        kind: "select",
        fallback: "50",
        options: ["20", "50", "100", "500"].map((v) => [v, v]),
      },
    ],
    render: async (query) => {
      const r = await getJson<OrgRanking>("/api/orgs", {
        task: query.get("task"),
        library: query.get("library"),
        date: query.get("date"),
        window: param(query, "window", "30"),
        limit: param(query, "limit", "50"),
      });
      const top = r.orgs.slice(0, 15);
      const chart = chartPanel({
        title: "Downloads by organisation",
        definition: `30-day downloads of the ${top.length} largest organisations' repos at the snapshot.`,
        queries: ["org-ranking"],
        dataAsOf: r.dataAsOf,
        height: Math.max(220, 60 + top.length * 24),
      });
      requestAnimationFrame(() =>
        chart.render(
          buildBarChartOption(
            top.map((o) => o.author),
            [{ name: "downloads (30 days)", values: top.map((o) => o.downloads) }],
            { theme: preferredTheme(), metric: "downloads (30 days)" },
          ),
        ),
      );
      const out = el("div");
      append(
        out,
        el(
          "div",
          { class: "stats" },
          stat(
            "organisations listed",
            num(r.orgs.length),
            r.orgs.length === Number(param(query, "limit", "50")) ? "the largest" : undefined,
          ),
          stat("30-day downloads, all organisations", num(r.total.downloads)),
          stat("growth compared with", r.baseDate ?? "–", r.baseDate ? undefined : "no snapshot that far back"),
          stat("data as of", r.date),
        ),
        dominantNote(r, "the downloads of these organisations"),
        figurePanel(
          {
            title: "Organisations ranked",
            definition: `${r.definition} ${r.note.charAt(0).toUpperCase()}${r.note.slice(1)}.`,
            queries: ["org-ranking"],
            dataAsOf: r.dataAsOf,
          },
          table(
            r.orgs,
            [
              numCol("rank", (o) => o.rank),
              { header: "organisation", cell: (o) => orgLink(o.author), csv: (o) => o.author },
              numCol("repos", (o) => o.repos),
              numCol("downloads (30d)", (o) => o.downloads),
              {
                header: "share",
                cell: (o) => shareBar(100 * (o.share ?? 0)),
                csv: (o) => o.share,
              },
              {
                header: "families",
                cell: (o) => el("span", {}, ...o.families.flatMap((f, i) => [i ? ", " : "", familyLink(f)])),
                csv: (o) => o.families.join(" "),
              },
              {
                header: r.baseDate ? `change since ${r.baseDate}` : "change",
                cell: (o) =>
                  o.growth?.change === null || o.growth?.change === undefined
                    ? "–"
                    : `${o.growth.change > 0 ? "+" : ""}${num(o.growth.change)}`,
                numeric: true,
                csv: (o) => o.growth?.change ?? null,
              },
              {
                header: "relative",
                cell: (o) => pct(o.growth?.relative),
                numeric: true,
                csv: (o) => o.growth?.relative ?? null,
              },
              numCol("new repos", (o) => o.growth?.newRepos ?? null),
            ],
            { file: "omo-organisations", dataAsOf: r.dataAsOf },
          ),
        ),
        chart.root,
      );
      return out;
    },
  });
}
