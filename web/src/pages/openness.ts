/**
 * Openness: 30-day downloads by the openness class of each model's licence (data/licences.yaml), at the latest
 * snapshot and over every snapshot, for the whole Hub, one task or one family (with the family's openness evidence).
 * Filters in the URL: `#/openness?task=text-generation&family=llama-2`.
 */
import { buildBarChartOption } from "../../../src/charts/bar-chart.js";
import { getJson } from "../api.js";
import { chartPanel, figurePanel, preferredTheme } from "../chart.js";
import { append, el, familyLink, num, numCol, shareBar, stat, table } from "../dom.js";
import { dominantNote } from "../outlier.js";
import type { Route } from "../router.js";
import { coverageNote } from "../snapshots.js";
import type { FamilyListRow, OpennessClasses, OpennessSeries } from "../types.js";
import { analysisPage } from "./common.js";

/** Renders `#/openness[?task=&family=]`. */
export async function renderOpenness(root: HTMLElement, route: Route): Promise<void> {
  const families = await getJson<{ families: FamilyListRow[] }>("/api/families")
    .then((r) => r.families.map((f): [string, string] => [f.family, f.title]))
    .catch((): Array<[string, string]> => []);
  await analysisPage(root, route, {
    crumb: "openness",
    title: "Openness",
    lead: "Who downloads what kind of licence: each model's licence tag mapped to an openness class (data/licences.yaml), summed over 30-day downloads.",
    path: "/openness",
    what: "Openness",
    fields: [
      { key: "task", label: "task", kind: "task", placeholder: "any task" },
      { key: "family", label: "family", kind: "select", fallback: "", options: [["", "the whole Hub"], ...families] },
      { key: "date", label: "snapshot", kind: "snapshot" },
    ],
    render: async (query) => {
      const filters = { task: query.get("task"), family: query.get("family") };

      const c = await getJson<OpennessClasses>("/api/openness", { ...filters, date: query.get("date") });
      const scope = [filters.task ? `task ${filters.task}` : "", filters.family ? `family ${filters.family}` : ""]
        .filter(Boolean)
        .join(", ");
      const out = el("div");
      const open = c.classes.filter((x) => x.class === "open-source" || x.class === "open-content");
      const openShare = open.reduce((a, x) => a + x.share, 0);
      const bars = chartPanel({
        title: `Share of downloads by class${scope ? ` (${scope})` : ""}`,
        definition: "Percent of the 30-day downloads of the models listed, by the openness class of their licence.",
        queries: ["openness-by-class"],
        dataAsOf: c.dataAsOf,
        height: 260,
      });
      const history = chartPanel({
        title: "Shares over time",
        definition:
          "Percent of 30-day downloads per class at each stored snapshot; classes come from each model's latest known licence.",
        queries: ["openness-series"],
        dataAsOf: c.dataAsOf,
      });
      append(
        out,
        el(
          "div",
          { class: "stats" },
          stat("open source or open content", `${(100 * openShare).toFixed(1)} %`, "of 30-day downloads"),
          stat("repos", num(c.total.repos)),
          stat("30-day downloads", num(c.total.downloads)),
          stat("data as of", c.date),
        ),
        dominantNote(c, "these downloads"),
        figurePanel(
          {
            title: `Downloads by openness class${scope ? ` (${scope})` : ""}`,
            definition: `Class = ${c.rule}. Gated repos are counted inside their class (the July-2024 listing carries no gating).`,
            queries: ["openness-by-class"],
            dataAsOf: c.dataAsOf,
          },
          table(
            c.classes,
            [
              { header: "class", cell: (x) => el("span", { title: x.definition ?? "" }, x.class), csv: (x) => x.class },
              numCol("repos", (x) => x.repos),
              numCol("downloads (30d)", (x) => x.downloads),
              { header: "share", cell: (x) => shareBar(100 * x.share), csv: (x) => x.share },
              numCol("gated repos", (x) => x.gatedRepos),
              { header: "what it means", cell: (x) => el("span", { class: "small" }, x.definition ?? "") },
            ],
            { file: "omo-openness", dataAsOf: c.dataAsOf },
          ),
        ),
        c.family && "evidence" in c
          ? figurePanel(
              {
                title: `Openness evidence for ${c.family}`,
                definition:
                  "Ratings of the family by the European Open Source AI Index, opening-up-chatgpt and the Model Openness Framework (data/openness-evidence.yaml).",
                queries: [],
                dataAsOf: null,
              },
              (c.evidence ?? []).length
                ? table(
                    c.evidence ?? [],
                    [
                      { header: "source", cell: (e) => e.source },
                      { header: "entry", cell: (e) => e.entry },
                      {
                        header: "rating",
                        cell: (e) =>
                          e.source === "mof"
                            ? `${Object.keys(e.components).length} components listed`
                            : `${e.score} of ${e.scoreMax}`,
                      },
                      { header: "match", cell: (e) => e.match },
                    ],
                    { file: `omo-openness-evidence-${c.family}` },
                  )
                : el("p", { class: "muted" }, "No rating of this family in the evidence file."),
              el("p", {}, familyLink(c.family, `The ${c.family} family →`)),
            )
          : null,
        bars.root,
        history.root,
      );
      requestAnimationFrame(() =>
        bars.render(
          buildBarChartOption(
            c.classes.map((x) => x.class),
            [{ name: "share of downloads (%)", values: c.classes.map((x) => Math.round(1000 * x.share) / 10) }],
            {
              theme: preferredTheme(),
              metric: "share of 30-day downloads (%)",
              axisLabel: (v) => `${v} %`,
              valueLabel: (v) => `${v.toFixed(1)} %`,
            },
          ),
        ),
      );
      void getJson<OpennessSeries>("/api/openness", { ...filters, series: "1" })
        .then((s) => {
          const classes = [...new Set(s.rows.map((r) => r.class))];
          history.renderSeries(
            classes.map((k) => ({
              name: k,
              points: s.rows
                .filter((r) => r.class === k)
                .map((r) => ({ date: r.date, value: Math.round(1000 * r.share) / 10 })),
            })),
            { theme: preferredTheme(), metric: "share of downloads (%)" },
          );
          return coverageNote(s.rows.map((r) => r.date)).then((n) => history.note(n));
        })
        .catch((err: Error) => history.empty(`Shares over time: ${err.message}`));
      return out;
    },
  });
}
