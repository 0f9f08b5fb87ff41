/** Model page: metadata, licence, lineage parents (and children when the API gives them), downloads history. */
import { ApiError, getJson, modelPath } from "../api.js";
import { el, modelLink, notice, num, orgLink, stat, table } from "../dom.js";
import type { Route } from "../router.js";
import type { ModelDetail } from "../types.js";
import { historyPanel } from "./common.js";

function field(label: string, value: Node | string | null | undefined): HTMLElement[] {
  return [el("dt", {}, label), el("dd", {}, value === null || value === undefined || value === "" ? "–" : value)];
}

/** Renders `#/model/AUTHOR/NAME`. */
export async function renderModel(root: HTMLElement, route: Route): Promise<void> {
  const id = route.parts.slice(1).join("/");
  root.append(el("p", { class: "crumbs" }, el("a", { href: "#/" }, "Home"), " / model"), el("h1", {}, id));
  let m: ModelDetail;
  try {
    m = await getJson<ModelDetail>(`/api/models/${modelPath(id)}`);
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
  const parents = m.baseModels ?? [];
  root.append(
    el(
      "div",
      { class: "stats" },
      stat("downloads (30 days)", num(m.downloads)),
      stat(
        "downloads (all time)",
        num(m.downloadsAllTime),
        m.downloadsAllTime === null ? "not in this source" : undefined,
      ),
      stat("likes", num(m.likes)),
      stat("data as of", m.dataAsOf ?? m.date ?? "–"),
    ),
    el(
      "div",
      { class: "grid-2" },
      el(
        "section",
        { class: "panel" },
        el("h2", {}, "About"),
        el(
          "dl",
          { class: "meta" },
          ...field("organisation", orgLink(m.author)),
          ...field("task", m.task),
          ...field("library", m.library),
          ...field("licence", m.license ? el("span", { class: "badge" }, m.license) : null),
          ...field("gated", m.gated === null ? null : String(m.gated)),
          ...field("created", m.createdAt?.slice(0, 10)),
          ...field("first / last seen", m.firstSeen ? `${m.firstSeen} / ${m.lastSeen ?? "–"}` : null),
          ...field(
            "on the Hub",
            el("a", { href: `https://huggingface.co/${m.id}`, rel: "noopener" }, `huggingface.co/${m.id}`),
          ),
        ),
      ),
      el(
        "section",
        { class: "panel" },
        el("h2", {}, "Lineage"),
        el("h4", {}, "Derived from"),
        parents.length
          ? el(
              "ul",
              {},
              ...parents.map((p) =>
                el(
                  "li",
                  {},
                  modelLink(p.id),
                  " ",
                  el("span", { class: "badge" }, p.relation === "unknown" ? "derived" : p.relation),
                ),
              ),
            )
          : el("p", { class: "muted" }, "No base model declared."),
        el("h4", {}, "Top derivatives"),
        m.children?.length
          ? table(m.children.slice(0, 10), [
              { header: "model", cell: (c) => modelLink(c.id) },
              { header: "relation", cell: (c) => c.relation ?? "" },
              { header: "downloads (30d)", cell: (c) => num(c.downloads), numeric: true },
            ])
          : el("p", { class: "muted" }, m.children ? "None listed." : "Derivatives per model: not available."),
        el("p", { class: "small muted" }, "“derived” = the July-2024 tag form base_model:X, which does not say how."),
      ),
    ),
    historyPanel({
      title: "Downloads history",
      url: `/api/models/${modelPath(m.id)}/series`,
      name: m.id,
      queries: ["model-series"],
    }),
    el(
      "section",
      { class: "panel" },
      el("h2", {}, "Every snapshot"),
      table([...m.history].reverse(), [
        { header: "date", cell: (h) => h.date },
        { header: "downloads (30d)", cell: (h) => num(h.downloads), numeric: true },
        { header: "all time", cell: (h) => num(h.downloadsAllTime), numeric: true },
        { header: "likes", cell: (h) => num(h.likes), numeric: true },
      ]),
    ),
    el("p", {}, el("a", { href: `#/compare?ids=${m.id}` }, "Compare this model with others →")),
  );
}
