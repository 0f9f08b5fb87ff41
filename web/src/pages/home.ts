/** Home: headline figures, top models and families, and a live search over models, organisations and families. */
import { buildBarChartOption } from "../../../src/charts/bar-chart.js";
import { ApiError, getJson, listOf } from "../api.js";
import { chartPanel, figurePanel, preferredTheme } from "../chart.js";
import { el, familyLink, modelLink, notice, num, numCol, orgLink, stat, table } from "../dom.js";
import type { FamilyListRow, Health, ModelRow, SearchResult, SnapshotRow, Trending } from "../types.js";
import { DOWNLOADS_DEFINITION, fill } from "./common.js";
import { growthColumns } from "./growth.js";

export { fill };

/** Official vs derivative downloads of the top families (the same bar chart as the report's). */
function familiesChart(rows: readonly FamilyListRow[], dataAsOf: string | null): HTMLElement {
  const panel = chartPanel({
    title: "Official repos vs derivatives",
    definition: "30-day downloads of each family's official repos and of the derivatives in their lineage.",
    queries: ["families-ranking"],
    dataAsOf,
    height: Math.max(220, 60 + rows.length * 26),
  });
  // rendered once the panel is in the page (ECharts needs its size)
  requestAnimationFrame(() =>
    panel.render(
      buildBarChartOption(
        rows.map((r) => r.title),
        [
          { name: "official", values: rows.map((r) => r.officialDownloads) },
          { name: "derivatives", values: rows.map((r) => r.derivativeDownloads) },
        ],
        { theme: preferredTheme(), metric: "downloads (30 days)" },
      ),
    ),
  );
  return panel.root;
}

function searchBox(): HTMLElement {
  const results = el("div", { class: "search-results", id: "search-results" });
  const input = el("input", {
    type: "search",
    id: "search",
    placeholder: "Search models, organisations, families… (e.g. vicuna, meta-llama, llama-2)",
    autocomplete: "off",
    "aria-label": "Search models, organisations and families",
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  const run = async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (q.length < 2) {
      results.textContent = "";
      return;
    }
    try {
      const r = await getJson<SearchResult>("/api/search", { q });
      if (mine !== seq) return;
      results.textContent = "";
      const group = (title: string, items: HTMLElement[]) =>
        el(
          "div",
          { class: "search-group" },
          el("h4", {}, title),
          items.length ? el("ul", {}, ...items) : el("p", { class: "muted" }, "none"),
        );
      results.append(
        group(
          "Models",
          r.models.map((m) => el("li", {}, modelLink(m.id), el("span", { class: "num muted" }, num(m.downloads)))),
        ),
        group(
          "Organisations",
          r.orgs.map((o) =>
            el(
              "li",
              {},
              orgLink(o.author),
              el("span", { class: "num muted" }, `${num(o.repos)} repos · ${num(o.downloads)}`),
            ),
          ),
        ),
        group(
          "Families",
          r.families.map((f) => el("li", {}, familyLink(f.family, f.title))),
        ),
      );
    } catch (err) {
      if (mine !== seq) return;
      results.textContent = "";
      results.append(
        notice(
          err instanceof ApiError && err.notFound ? "Search: not available." : `Search: ${(err as Error).message}`,
        ),
      );
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(), 150);
  });
  return el("section", { class: "search" }, input, results);
}

/** Renders the home page. */
export async function renderHome(root: HTMLElement): Promise<void> {
  const figures = el("div", { class: "stats" });
  const models = el("div", {}, "Loading…");
  const families = el("div", {}, "Loading…");
  const trending = el("div", {}, "Loading…");
  root.append(
    el("h1", {}, "Adoption of open AI models"),
    el(
      "p",
      { class: "lead" },
      "Downloads of Hugging Face Hub models, organisations and model families, from dated snapshots of the Hub's rolling 30-day counter. ",
      el("a", { href: "#/compare?ids=family:llama-2,family:mistral" }, "Compare families →"),
    ),
    searchBox(),
    el(
      "nav",
      { class: "tiles", "aria-label": "Analyses" },
      ...[
        ["#/models", "Models", "ranked, by task and library"],
        ["#/orgs", "Organisations", "ranked, with growth"],
        ["#/openness", "Openness", "downloads by licence class"],
        ["#/concentration", "Concentration", "top-k shares, HHI"],
        ["#/growth", "Growth", "fastest-growing, new entrants"],
        ["#/cost", "Cost", "closed API vs open model"],
      ].map(([href, title, note]) =>
        el(
          "a",
          { class: "tile", href: href as string },
          el("strong", {}, title as string),
          el("span", {}, note as string),
        ),
      ),
    ),
    figures,
    el("div", { class: "grid-2" }, models, families),
    trending,
  );
  await Promise.all([
    fill(figures, "Headline figures", async () => {
      const [h, snaps] = await Promise.all([
        getJson<Health>("/api/health"),
        getJson<unknown>("/api/snapshots").catch(() => null),
      ]);
      const list = listOf<SnapshotRow>(snaps, "snapshots", "rows");
      const latest = list.find((s) => s.date === h.dataAsOf) ?? list[0];
      const c = latest?.coverage;
      return [
        stat(
          "models in the latest snapshot",
          num(h.models),
          c
            ? c.kind === "full"
              ? `full listing: ${c.how}`
              : `partial snapshot, not the whole Hub: ${c.how}`
            : undefined,
        ),
        stat("30-day downloads (sum)", latest ? num(latest.downloads) : "–"),
        stat(
          "snapshots",
          list.length ? num(list.length) : "–",
          list.length ? `${list[list.length - 1]?.date} … ${list[0]?.date}` : undefined,
        ),
        stat("data as of", h.dataAsOf ?? "–"),
      ];
    }),
    fill(models, "Top models", async () => {
      const r = await getJson<{ models: ModelRow[]; dataAsOf: string | null }>("/api/models", { limit: 10 });
      return figurePanel(
        {
          title: "Top models",
          definition: `${DOWNLOADS_DEFINITION} `,
          queries: ["top-models"],
          dataAsOf: r.dataAsOf,
          controls: el("a", { href: "#/models", class: "small" }, "by task and library →"),
        },
        table(
          r.models,
          [
            { header: "model", cell: (m) => modelLink(m.id), csv: (m) => m.id },
            numCol("downloads (30d)", (m) => m.downloads),
            { header: "task", cell: (m) => m.task ?? "" },
          ],
          { file: "omo-top-models", dataAsOf: r.dataAsOf },
        ),
      );
    }),
    fill(families, "Top families", async () => {
      const r = await getJson<{ families: FamilyListRow[]; dataAsOf: string | null }>("/api/families");
      const rows = r.families.filter((f) => f.totalRepos > 0).slice(0, 10);
      return [
        figurePanel(
          {
            title: "Top families",
            definition:
              "Official repos (data/families) and their lineage derivatives, each repo once; sums of 30-day downloads.",
            queries: ["families-ranking"],
            dataAsOf: r.dataAsOf,
          },
          table(
            rows,
            [
              { header: "family", cell: (f) => familyLink(f.family, f.title), csv: (f) => f.family },
              numCol("repos", (f) => f.totalRepos),
              numCol("downloads (30d)", (f) => f.totalDownloads),
            ],
            { file: "omo-top-families", dataAsOf: r.dataAsOf },
          ),
        ),
        familiesChart(rows, r.dataAsOf),
      ];
    }),
    fill(trending, "Fastest-growing models", async () => {
      const t = await getJson<Trending>("/api/trending", { limit: 10, window: 30 });
      return figurePanel(
        {
          title: "Fastest-growing models",
          definition: t.baseDate ? `${t.definition} ${t.baseDate} → ${t.date}.` : t.definition,
          queries: ["growth-dates", "growth"],
          dataAsOf: t.dataAsOf,
          controls: el("a", { href: "#/growth", class: "small" }, "growth and new entrants →"),
        },
        !t.baseDate || t.models.length === 0
          ? el("p", { class: "muted" }, t.note ?? "Needs two snapshots at least 30 days apart.")
          : table(t.models, growthColumns(t), { file: "omo-fastest-growing", dataAsOf: t.dataAsOf }),
      );
    }),
  ]);
}
