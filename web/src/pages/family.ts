/**
 * Family page: official repos vs derivatives (relations and name matches as toggles kept in the URL), the lineage
 * treemap, the history chart and the versions' shares.
 */
import { buildTreemapOption } from "../../../src/charts/treemap.js";
import { RELATION_VALUES as RELATIONS, relationLabel, UNTYPED_NOTE } from "../../../src/domain/relations.js";
import { ApiError, getJson } from "../api.js";
import { chartPanel, disposeCharts, figurePanel, preferredTheme } from "../chart.js";
import { append, el, familyLink, modelLink, notice, num, numCol, shareBar, stat, table } from "../dom.js";
import { dominantNote } from "../outlier.js";
import { type Route, replaceQuery } from "../router.js";
import type { FamilyDetail, FamilyTree, FamilyVersions } from "../types.js";
import { fill, historyPanel } from "./common.js";

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
    return el("label", { class: "toggle" }, box, ` ${relationLabel(r)}`);
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
      const known = err instanceof ApiError ? (err.body?.known as string[] | undefined) : undefined;
      append(
        body,
        notice(
          err instanceof ApiError && err.notFound
            ? `Unknown family “${name}”.${known ? " The families of the registry:" : ""}`
            : (err as Error).message,
          "error",
        ),
        known
          ? el(
              "ul",
              { class: "known-names", "data-testid": "known-families" },
              ...known.map((k) => el("li", {}, familyLink(k))),
            )
          : null,
      );
      return;
    }
    title.textContent = f.title;
    body.textContent = "";
    const share = f.total.downloads ? (100 * f.derivatives.downloads) / f.total.downloads : 0;
    const rel = Object.entries(f.derivatives.byRelation).sort((a, b) => b[1].downloads - a[1].downloads);
    const treeSlot = el("div");
    const versionsSlot = el("section", { class: "panel" });
    append(
      body,
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
      dominantNote(f, "this family's downloads"),
      el(
        "div",
        { class: "grid-2" },
        figurePanel(
          {
            title: "Derivatives by relation",
            definition: `Lineage derivatives grouped by the relation of the link that admitted each. ${UNTYPED_NOTE}`,
            queries: ["family-breakdown"],
            dataAsOf: f.dataAsOf,
          },
          rel.length
            ? table(
                rel,
                [
                  { header: "relation", cell: ([r]) => relationLabel(r), csv: ([r]) => r },
                  numCol("repos", ([, t]) => t.repos),
                  numCol("downloads (30d)", ([, t]) => t.downloads),
                ],
                { file: `omo-${f.family}-relations`, dataAsOf: f.dataAsOf },
              )
            : el("p", { class: "muted" }, "No derivatives linked in this snapshot."),
        ),
        figurePanel(
          {
            title: "Top members",
            definition: "Members by 30-day downloads, with how each was admitted (official, or relation and depth).",
            queries: ["family-members"],
            dataAsOf: f.dataAsOf,
          },
          table(
            f.top.slice(0, 10),
            [
              { header: "model", cell: (t) => modelLink(t.id), csv: (t) => t.id },
              {
                header: "how",
                cell: (t) => (t.depth === 0 ? "official" : `${relationLabel(t.relation)} (depth ${t.depth})`),
              },
              numCol("downloads (30d)", (t) => t.downloads),
            ],
            { file: `omo-${f.family}-members`, dataAsOf: f.dataAsOf },
          ),
        ),
      ),
      historyPanel({
        title: `Downloads history of ${f.title} (official + derivatives)`,
        url: `${api}/series`,
        params: { scope: "total", relations: params.relations, depth: params.depth },
        name: f.title,
        queries: ["family-series"],
        total: true,
      }),
      treeSlot,
      versionsSlot,
      el(
        "p",
        {},
        el("a", { href: `#/compare?ids=family:${f.family}` }, "Compare this family with others →"),
        " · ",
        el("a", { href: `#/openness?family=${f.family}` }, "its openness"),
        " · ",
        el("a", { href: `/feeds/family/${f.family}.atom`, type: "application/atom+xml" }, "Atom feed"),
      ),
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
          const t = await getJson<FamilyTree>(`${api}/tree`, params);
          if (t.nodes.length === 0) panel.empty("No members in this snapshot.");
          else panel.render(buildTreemapOption(t.nodes, { theme: preferredTheme() }));
        } catch (err) {
          panel.empty(
            err instanceof ApiError && err.notFound ? "Lineage tree: not available." : (err as Error).message,
          );
        }
      })(),
      fill(versionsSlot, "Versions", async () => {
        const v = await getJson<FamilyVersions>(`${api}/versions`);
        const total = v.versions.reduce((s, x) => s + x.downloads, 0);
        return [
          el(
            "h2",
            {},
            "Versions ",
            el("span", { class: "muted small" }, "official repos grouped by version, share of their downloads"),
          ),
          table(
            v.versions,
            [
              { header: "version", cell: (x) => x.version },
              numCol("repos", (x) => x.repos),
              numCol("downloads (30d)", (x) => x.downloads),
              {
                header: "share",
                cell: (x) => shareBar(total ? (100 * x.downloads) / total : 0),
                csv: (x) => (total ? x.downloads / total : null),
              },
            ],
            { file: `omo-${f.family}-versions`, dataAsOf: v.dataAsOf },
          ),
        ];
      }),
    ]);
  }
  await load();
}
