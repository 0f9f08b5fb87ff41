/**
 * Model page: metadata, licence and its openness class, the families it belongs to with the chain of links that
 * admits it, its parents, its direct derivatives by relation (the top ones listed, a relation filter and the number
 * listed in the URL: `#/model/A/N?relation=quantized&limit=50`), the downloads history and every snapshot.
 */
import { RELATION_LABELS, relationLabel, UNTYPED_NOTE } from "../../../src/domain/relations.js";
import { ApiError, getJson, modelPath } from "../api.js";
import { figurePanel } from "../chart.js";
import { el, familyLink, modelLink, notice, num, numCol, orgLink, stat, table } from "../dom.js";
import { filterForm } from "../filters.js";
import { type Route, replaceQuery } from "../router.js";
import { snapshots } from "../snapshots.js";
import type { ModelChildren, ModelDetail, ModelFamilies } from "../types.js";
import { historyPanel } from "./common.js";
import { fill } from "./home.js";

function field(label: string, value: Node | string | null | undefined): HTMLElement[] {
  return [el("dt", {}, label), el("dd", {}, value === null || value === undefined || value === "" ? "–" : value)];
}

/** What each licence class means, in a few words (data/licences.yaml has the full definitions). */
const CLASS_HINT: Record<string, string> = {
  "open-source": "OSI-approved or equivalent: use, change and share, commercial use included",
  "open-content": "open content licence (e.g. CC-BY): reuse with attribution",
  "responsible-use": "open weights with use restrictions (RAIL and similar)",
  "vendor-community": "the vendor's own licence, with conditions (e.g. Llama's 700M-user clause)",
  "no-derivatives": "usable, commercially too, but no modified versions may be shared (CC-BY-ND)",
  "non-commercial": "no commercial use",
  unknown: "no licence tag, or one the licence map does not know",
  "closed-api": "API only: no weights published",
};

/** Renders `#/model/AUTHOR/NAME[?relation=R&limit=N]`. */
export async function renderModel(root: HTMLElement, route: Route): Promise<void> {
  const id = route.parts.slice(1).join("/");
  const query = new URLSearchParams(route.query);
  const date = query.get("date");
  root.append(
    el("p", { class: "crumbs" }, el("a", { href: "#/" }, "Home"), " / model"),
    el("h1", {}, id),
    // the page's snapshot is in the URL; changing it draws the page again
    filterForm([{ key: "date", label: "snapshot", kind: "snapshot" }], query, `/model/${id}`, () =>
      window.dispatchEvent(new HashChangeEvent("hashchange")),
    ),
  );
  let m: ModelDetail;
  try {
    m = await getJson<ModelDetail>(`/api/models/${modelPath(id)}`, { date });
  } catch (err) {
    root.append(
      notice(
        err instanceof ApiError && err.notFound ? `Model ${id}: not found or not available.` : (err as Error).message,
        "error",
      ),
    );
    return;
  }
  (root.querySelector("h1") as HTMLElement).textContent = m.id;
  const asOf = m.dataAsOf ?? m.date;
  const parents = m.baseModels ?? [];
  const familySlot = el("div", {}, "Loading…");
  const childrenSlot = el("div", { id: "derivatives" }, "Loading…");
  root.append(
    el(
      "div",
      { class: "stats" },
      stat("downloads (30 days)", num(m.downloads), m.inSnapshot ? undefined : "not listed in this snapshot"),
      stat(
        "downloads (all time)",
        num(m.downloadsAllTime),
        m.downloadsAllTime === null ? "not in this source" : undefined,
      ),
      stat("likes", num(m.likes)),
      stat("data as of", asOf ?? "–"),
    ),
    el(
      "div",
      { class: "grid-2" },
      figurePanel(
        {
          title: "About",
          definition:
            "Latest known metadata of the repo; the licence is its first license: tag (else cardData.license).",
          queries: ["model"],
          dataAsOf: asOf,
        },
        el(
          "dl",
          { class: "meta" },
          ...field("organisation", orgLink(m.author)),
          ...field("task", m.task),
          ...field("library", m.library),
          ...field("licence", m.license ? el("span", { class: "badge" }, m.license) : null),
          ...field(
            "licence class",
            el(
              "span",
              { "data-testid": "licence-class" },
              el("a", { href: `#/openness` }, m.licenceClass),
              el("span", { class: "muted small" }, ` — ${CLASS_HINT[m.licenceClass] ?? ""}`),
            ),
          ),
          ...field("gated", m.gated === null ? null : String(m.gated)),
          ...field("created", m.createdAt?.slice(0, 10)),
          ...field("first / last seen", m.firstSeen ? `${m.firstSeen} / ${m.lastSeen ?? "–"}` : null),
          ...field(
            "on the Hub",
            el("a", { href: `https://huggingface.co/${m.id}`, rel: "noopener" }, `huggingface.co/${m.id}`),
          ),
          ...field("feed", el("a", { href: `/feeds/model/${m.id}.atom`, type: "application/atom+xml" }, "Atom feed")),
        ),
      ),
      figurePanel(
        {
          title: "Family",
          definition:
            "A family is its official repos (data/families) and every repo reached from them through base-model links; the chain is the one the family walk follows.",
          queries: ["model-parents", "family-explain"],
          dataAsOf: asOf,
        },
        familySlot,
        el("h4", {}, "Derived from"),
        parents.length
          ? el(
              "ul",
              { class: "plain" },
              ...parents.map((p) =>
                el("li", {}, modelLink(p.id), " ", el("span", { class: "badge" }, relationLabel(p.relation))),
              ),
            )
          : el("p", { class: "muted" }, "No base model declared."),
        el("p", { class: "small muted" }, UNTYPED_NOTE),
      ),
    ),
    childrenSlot,
    historyPanel({
      title: "Downloads history",
      url: `/api/models/${modelPath(m.id)}/series`,
      name: m.id,
      queries: ["model-series"],
    }),
    figurePanel(
      {
        title: "Every snapshot",
        definition: "The model's figures in each stored snapshot that lists it.",
        queries: ["model-history"],
        dataAsOf: asOf,
      },
      table(
        [...m.history].reverse(),
        [
          { header: "date", cell: (h) => h.date },
          numCol("downloads (30d)", (h) => h.downloads),
          numCol("all time", (h) => h.downloadsAllTime),
          numCol("likes", (h) => h.likes),
        ],
        { file: `omo-${m.id.replace("/", "-")}-snapshots` },
      ),
    ),
    el("p", {}, el("a", { href: `#/compare?ids=${m.id}` }, "Compare this model with others →")),
  );

  const api = `/api/models/${modelPath(m.id)}`;
  await Promise.all([
    fill(familySlot, "Family", async () => {
      const f = await getJson<ModelFamilies>(`${api}/family`, { date });
      if (f.families.length === 0) {
        return el("p", { class: "muted", "data-testid": "family" }, "In no family of the registry (data/families).");
      }
      return el(
        "div",
        { "data-testid": "family" },
        ...f.families.map((x) =>
          el(
            "div",
            { class: "family-chain" },
            el(
              "p",
              {},
              familyLink(x.family, x.title),
              x.official ? " — an official repo" : ` — derivative at depth ${x.depth}`,
            ),
            x.official
              ? null
              : el(
                  "ol",
                  { class: "chain" },
                  ...x.chain.map((s) =>
                    el(
                      "li",
                      {},
                      s.id === m.id ? el("strong", {}, s.id) : modelLink(s.id),
                      " ",
                      el("span", { class: "badge" }, s.label),
                    ),
                  ),
                ),
          ),
        ),
      );
    }),
    loadChildren(),
  ]);

  async function loadChildren(): Promise<void> {
    const relation = query.get("relation");
    const limit = Number(query.get("limit") ?? 20) || 20;
    await fill(childrenSlot, "Derivatives", async () => {
      const c = await getJson<ModelChildren>(`${api}/children`, { relation, limit, date });
      const listed = (await snapshots().catch(() => [])).find((s) => s.date === c.date);
      const pick = (r: string | null) => () => {
        if (r) query.set("relation", r);
        else query.delete("relation");
        replaceQuery(`/model/${m.id}`, query);
        void loadChildren();
      };
      const more = () => {
        query.set("limit", String(Math.min(limit * 5, 10_000)));
        replaceQuery(`/model/${m.id}`, query);
        void loadChildren();
      };
      const buttons = el(
        "div",
        { class: "segmented wrap", role: "group", "aria-label": "Relation" },
        el(
          "button",
          { type: "button", class: "seg", "aria-pressed": String(!relation), onclick: pick(null) },
          `all ${num(c.total.repos)}`,
        ),
        ...c.byRelation.map((g) =>
          el(
            "button",
            {
              type: "button",
              class: "seg",
              "data-relation": g.relation,
              "aria-pressed": String(relation === g.relation),
              onclick: pick(g.relation),
            },
            `${g.label} ${num(g.repos)}`,
          ),
        ),
      );
      const shown = relation ? (c.byRelation.find((g) => g.relation === relation) ?? { repos: 0 }) : c.total;
      return figurePanel(
        {
          title: `Top derivatives${relation ? ` (${relationLabel(relation)})` : ""}`,
          definition: c.definition,
          queries: ["model-children-by-relation", "model-children"],
          dataAsOf: c.dataAsOf,
        },
        el(
          "div",
          { class: "stats compact" },
          stat("direct derivatives", el("span", { "data-testid": "derivative-count" }, num(c.total.repos))),
          stat("their downloads (30 days)", num(c.total.downloads)),
        ),
        c.total.repos > 0 ? buttons : null,
        c.children.length
          ? table(
              c.children,
              [
                { header: "model", cell: (x) => modelLink(x.id), csv: (x) => x.id },
                { header: "relation", cell: (x) => x.relationLabel, csv: (x) => x.relation },
                numCol("downloads (30d)", (x) => x.downloads),
                numCol("likes", (x) => x.likes),
                { header: "licence", cell: (x) => x.license ?? "" },
              ],
              { file: `omo-${m.id.replace("/", "-")}-derivatives`, dataAsOf: c.dataAsOf },
            )
          : el(
              "p",
              { class: "muted", "data-testid": "no-derivatives" },
              `No derivative listed in the snapshot of ${c.date}${listed ? ` (it lists ${num(listed.models)} models in all; another snapshot may cover more: pick it above)` : ""}.`,
            ),
        c.children.length < shown.repos
          ? el(
              "p",
              { class: "small" },
              `${num(c.children.length)} of ${num(shown.repos)} listed. `,
              el("button", { type: "button", class: "link", onclick: more }, "List more"),
            )
          : null,
        el("p", { class: "small muted" }, `Relations: ${Object.values(RELATION_LABELS).join(", ")}. ${UNTYPED_NOTE}`),
      );
    });
  }
}
