/**
 * Family page: official repos vs derivatives (relations and name matches as toggles kept in the URL), the lineage
 * treemap, the history chart and the versions' shares.
 */
import { buildTreemapOption } from "../../../src/charts/treemap.js";
import { ApiError, getJson } from "../api.js";
import { chartPanel, disposeCharts, preferredTheme } from "../chart.js";
import { el, modelLink, notice, num, shareBar, stat, table } from "../dom.js";
import { type Route, replaceQuery } from "../router.js";
import type { AsOf, FamilyDetail, FamilyVersion, TreeNode } from "../types.js";
import { historyPanel } from "./common.js";
import { fill } from "./home.js";

const RELATIONS = ["finetune", "adapter", "quantized", "merge", "unknown"] as const;

/** Renders `#/family/NAME[?relations=a,b&names=1]`. */
export async function renderFamily(root: HTMLElement, route: Route): Promise<void> {
  const name = route.parts[1] as string;
  const query = new URLSearchParams(route.query);
  const path = `/family/${encodeURIComponent(name)}`;
  const api = `/api/families/${encodeURIComponent(name)}`;
  const selected = new Set(query.get("relations")?.split(",").filter(Boolean) ?? RELATIONS);
  const title = el("h1", {}, name);
  const body = el("div", { class: "family-body" });

  const boxes = RELATIONS.map((r) => {
    const box = el("input", { type: "checkbox", value: r, checked: selected.has(r), "data-relation": r });
    return el("label", { class: "toggle" }, box, ` ${r === "unknown" ? "derived (untyped)" : r}`);
  });
  const names = el("input", { type: "checkbox", id: "names", checked: query.get("names") === "1" });
  const controls = el(
    "fieldset",
    { class: "filter" },
    el("legend", {}, "Count derivatives linked by"),
    ...boxes,
    el("label", { class: "toggle sep" }, names, " show name-only matches (apart)"),
  );
  controls.addEventListener("change", () => {
    const on = [...controls.querySelectorAll<HTMLInputElement>("input[data-relation]")]
      .filter((b) => b.checked)
      .map((b) => b.value);
    if (on.length === RELATIONS.length) query.delete("relations");
    else query.set("relations", on.join(",") || "none");
    if (names.checked) query.set("names", "1");
    else query.delete("names");
    replaceQuery(path, query);
    void load();
  });
  root.append(el("p", { class: "crumbs" }, el("a", { href: "#/" }, "Home"), " / family"), title, controls, body);

  async function load(): Promise<void> {
    disposeCharts();
    body.textContent = "Loading…";
    const relations = query.get("relations");
    // no relation ticked = no derivatives: the walk stops at the official repos (depth 0)
    const params: Record<string, string | null> =
      relations === "none" ? { depth: "0", names: query.get("names") } : { relations, names: query.get("names") };
    let f: FamilyDetail;
    try {
      f = await getJson<FamilyDetail>(api, params);
    } catch (err) {
      body.textContent = "";
      body.append(
        notice(
          err instanceof ApiError && err.notFound
            ? `Family ${name}: not found or not available.`
            : (err as Error).message,
          "error",
        ),
      );
      return;
    }
    title.textContent = f.title;
    body.textContent = "";
    const share = f.total.downloads ? (100 * f.derivatives.downloads) / f.total.downloads : 0;
    const rel = Object.entries(f.derivatives.byRelation).sort((a, b) => b[1].downloads - a[1].downloads);
    const treeSlot = el("div");
    const versionsSlot = el("section", { class: "panel" });
    body.append(
      el(
        "div",
        { class: "stats" },
        stat("official", num(f.official.downloads), `${num(f.official.repos)} repos`),
        stat(
          "derivatives",
          num(f.derivatives.downloads),
          `${num(f.derivatives.repos)} repos · ${share.toFixed(1)} % of total`,
        ),
        stat("total (30-day downloads)", num(f.total.downloads), `${num(f.total.repos)} repos`),
        f.nameOnly
          ? stat("name-only matches (not in total)", num(f.nameOnly.downloads), `${num(f.nameOnly.repos)} repos`)
          : null,
        stat("data as of", f.dataAsOf ?? f.date ?? "–"),
      ),
      el(
        "div",
        { class: "grid-2" },
        el(
          "section",
          { class: "panel" },
          el("h2", {}, "Derivatives by relation"),
          rel.length
            ? table(rel, [
                { header: "relation", cell: ([r]) => (r === "unknown" ? "derived (untyped)" : r) },
                { header: "repos", cell: ([, t]) => num(t.repos), numeric: true },
                { header: "downloads (30d)", cell: ([, t]) => num(t.downloads), numeric: true },
              ])
            : el("p", { class: "muted" }, "No derivatives linked in this snapshot."),
        ),
        el(
          "section",
          { class: "panel" },
          el("h2", {}, "Top members"),
          table(f.top.slice(0, 10), [
            { header: "model", cell: (t) => modelLink(t.id) },
            { header: "how", cell: (t) => (t.depth === 0 ? "official" : `${t.relation} (depth ${t.depth})`) },
            { header: "downloads (30d)", cell: (t) => num(t.downloads), numeric: true },
          ]),
        ),
      ),
      historyPanel({
        title: `Downloads history of ${f.title} (official + derivatives)`,
        url: `${api}/series`,
        params: { scope: "total", relations: params.relations, depth: params.depth },
        name: f.title,
        queries: ["family-series"],
      }),
      treeSlot,
      versionsSlot,
      el("p", {}, el("a", { href: `#/compare?ids=family:${f.family}` }, "Compare this family with others →")),
    );
    const panel = chartPanel({
      title: "Lineage treemap",
      definition:
        "Area = 30-day downloads of a model and everything derived from it; official repos at the top level. Click to zoom.",
      queries: ["family-tree"],
      dataAsOf: f.dataAsOf ?? f.date,
      height: 420,
    });
    treeSlot.append(panel.root);
    await Promise.all([
      (async () => {
        try {
          const t = await getJson<{ nodes: TreeNode[] } & AsOf>(`${api}/tree`, params);
          if (t.nodes.length === 0) panel.empty("No members in this snapshot.");
          else panel.render(buildTreemapOption(t.nodes, { theme: preferredTheme() }));
        } catch (err) {
          panel.empty(
            err instanceof ApiError && err.notFound ? "Lineage tree: not available." : (err as Error).message,
          );
        }
      })(),
      fill(versionsSlot, "Versions", async () => {
        const v = await getJson<{ versions: FamilyVersion[] } & AsOf>(`${api}/versions`);
        const total = v.versions.reduce((s, x) => s + x.downloads, 0);
        return [
          el(
            "h2",
            {},
            "Versions ",
            el("span", { class: "muted small" }, "official repos grouped by version, share of their downloads"),
          ),
          table(v.versions, [
            { header: "version", cell: (x) => x.version },
            { header: "repos", cell: (x) => num(x.repos), numeric: true },
            { header: "downloads (30d)", cell: (x) => num(x.downloads), numeric: true },
            { header: "share", cell: (x) => shareBar(total ? (100 * x.downloads) / total : 0) },
          ]),
        ];
      }),
    ]);
  }
  await load();
}
