/** Home: headline figures, top models and families, and a live search over models, organisations and families. */
import { buildBarChartOption } from "../../../src/charts/bar-chart.js";
import { ApiError, getJson, listOf } from "../api.js";
import { chartPanel, preferredTheme } from "../chart.js";
import { append, el, familyLink, modelLink, notice, num, orgLink, stat, table } from "../dom.js";
import type { FamilyListRow, Health, ModelRow, SearchResult, SnapshotRow } from "../types.js";

/** Runs a loader into a slot; a missing route shows "not available", other failures their message. */
export async function fill(slot: HTMLElement, what: string, load: () => Promise<Node | Node[]>): Promise<void> {
  try {
    const out = await load();
    slot.textContent = "";
    append(slot, ...(Array.isArray(out) ? out : [out]));
  } catch (err) {
    slot.textContent = "";
    const e = err as Error;
    slot.append(
      err instanceof ApiError && err.notFound
        ? notice(`${what}: not available.`)
        : notice(`${what}: ${e.message}`, "error"),
    );
  }
}

/** Official vs derivative downloads of the top families (the same bar chart as the report's). */
function familiesChart(rows: readonly FamilyListRow[]): HTMLElement {
  const panel = chartPanel({
    title: "Official repos vs derivatives",
    definition: "30-day downloads of each family's official repos and of the derivatives in their lineage.",
    queries: ["family-totals"],
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
          r.families.map((f) => el("li", {}, familyLink(f.family ?? f.name ?? "", f.title))),
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
  const models = el("div", { class: "panel" }, "Loading…");
  const families = el("div", { class: "panel" }, "Loading…");
  const trending = el("div", { class: "panel" }, "Loading…");
  root.append(
    el("h1", {}, "Adoption of open AI models"),
    el(
      "p",
      { class: "lead" },
      "Downloads of Hugging Face Hub models, organisations and model families, from dated snapshots of the Hub's rolling 30-day counter. ",
      el("a", { href: "#/compare?ids=family:llama-2,family:mistral" }, "Compare families →"),
    ),
    searchBox(),
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
      const rows = listOf<ModelRow>(await getJson<unknown>("/api/models", { limit: 10 }), "rows", "models");
      return [
        el("h2", {}, "Top models ", el("span", { class: "muted small" }, "by 30-day downloads")),
        table(rows, [
          { header: "model", cell: (m) => modelLink(m.id) },
          { header: "downloads (30d)", cell: (m) => num(m.downloads), numeric: true },
          { header: "task", cell: (m) => m.task ?? "" },
        ]),
      ];
    }),
    fill(families, "Top families", async () => {
      const rows = listOf<FamilyListRow>(await getJson<unknown>("/api/families"), "families", "rows")
        .filter((f) => f.totalRepos > 0)
        .slice(0, 10);
      return [
        el("h2", {}, "Top families ", el("span", { class: "muted small" }, "official + derivatives")),
        table(rows, [
          { header: "family", cell: (f) => familyLink(f.family, f.title) },
          { header: "repos", cell: (f) => num(f.totalRepos), numeric: true },
          { header: "downloads (30d)", cell: (f) => num(f.totalDownloads), numeric: true },
        ]),
        familiesChart(rows),
      ];
    }),
    fill(trending, "Fastest-growing models", async () => {
      const t = await getJson<Trending>("/api/trending", { limit: 10, window: 30 });
      const head = el(
        "h2",
        {},
        "Fastest-growing models ",
        el(
          "span",
          { class: "muted small" },
          t.baseDate ? `30-day downloads, ${t.baseDate} → ${t.date}` : "over 30 days",
        ),
      );
      if (!t.baseDate || t.models.length === 0) {
        return [head, el("p", { class: "muted" }, t.note ?? "Needs two snapshots at least 30 days apart.")];
      }
      return [
        head,
        table(t.models, [
          { header: "model", cell: (m) => modelLink(m.id) },
          { header: "before", cell: (m) => num(m.before), numeric: true },
          { header: "after", cell: (m) => num(m.after), numeric: true },
          { header: "change", cell: (m) => `${m.change > 0 ? "+" : ""}${num(m.change)}`, numeric: true },
          {
            header: "relative",
            cell: (m) => (m.relative === null ? "–" : `${m.relative > 0 ? "+" : ""}${(100 * m.relative).toFixed(1)} %`),
            numeric: true,
          },
        ]),
      ];
    }),
  ]);
}

interface Trending {
  date: string;
  baseDate: string | null;
  note?: string;
  models: Array<{ id: string; before: number; after: number; change: number; relative: number | null }>;
}
