/**
 * Filters kept in the URL: a form of fields bound to query parameters (the page's whole state is its URL, so a view
 * can be shared and reloaded as is). Task and library fields suggest the values of `/api/facets`. Reusable by any
 * page: `filterForm(fields, query, path, onChange)`.
 */
import { getJson } from "./api.js";
import { el } from "./dom.js";
import { replaceQuery } from "./router.js";
import { snapshotOptions } from "./snapshots.js";
import type { Facets } from "./types.js";

/** One field of a filter form, bound to the query parameter `key`. */
export interface FilterField {
  key: string;
  label: string;
  /**
   * `text` (free), `select` (fixed options), `task` / `library` (free text with the facets as suggestions),
   * `snapshot` (the stored snapshots; empty = the latest).
   */
  kind: "text" | "select" | "task" | "library" | "number" | "snapshot";
  options?: Array<[value: string, text: string]>;
  placeholder?: string;
  /** A default that is not written to the URL. */
  fallback?: string;
}

let facets: Promise<Facets> | null = null;

/** The task and library values of the latest snapshot (loaded once per page load). */
function facetValues(): Promise<Facets> {
  facets ??= getJson<Facets>("/api/facets", { limit: 300 });
  facets.catch(() => {
    facets = null;
  });
  return facets;
}

/**
 * A form whose fields show and set query parameters. On submit (or on a change of a select) the URL's query is
 * replaced in place and `onChange` runs; empty fields and defaults are left out of the URL.
 */
export function filterForm(
  fields: readonly FilterField[],
  query: URLSearchParams,
  path: string,
  onChange: () => void,
): HTMLFormElement {
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const controls = fields.map((f) => {
    const id = `filter-${f.key}`;
    let input: HTMLInputElement | HTMLSelectElement;
    if (f.kind === "snapshot") {
      const current = query.get(f.key) ?? "";
      const select = el(
        "select",
        { id, name: f.key },
        el("option", { value: current, selected: true }, current || "latest"),
      );
      void snapshotOptions().then((opts) => {
        select.textContent = "";
        for (const [v, t] of opts) select.append(el("option", { value: v, selected: v === current }, t));
      });
      select.addEventListener("change", () => form.requestSubmit());
      input = select;
    } else if (f.kind === "select") {
      input = el(
        "select",
        { id, name: f.key },
        ...(f.options ?? []).map(([v, t]) =>
          el("option", { value: v, selected: (query.get(f.key) ?? f.fallback ?? "") === v }, t),
        ),
      );
      input.addEventListener("change", () => form.requestSubmit());
    } else {
      input = el("input", {
        id,
        name: f.key,
        type: f.kind === "number" ? "number" : "search",
        value: query.get(f.key) ?? "",
        placeholder: f.placeholder ?? f.fallback ?? "",
        autocomplete: "off",
        list: f.kind === "task" || f.kind === "library" ? `${id}-values` : null,
        min: f.kind === "number" ? 1 : null,
      });
    }
    inputs.set(f.key, input);
    const list =
      f.kind === "task" || f.kind === "library" ? el("datalist", { id: `${id}-values` }) : (null as HTMLElement | null);
    if (list) {
      void facetValues()
        .then((x) => {
          for (const v of f.kind === "task" ? x.tasks : x.libraries) {
            list.append(el("option", { value: v.value }, `${v.value} (${v.repos.toLocaleString("en-US")} repos)`));
          }
        })
        .catch(() => undefined);
    }
    return el("label", { class: "field", for: id }, el("span", { class: "field-label" }, f.label), input, list);
  });
  const form = el(
    "form",
    { class: "filter filters", role: "search" },
    ...controls,
    el("button", { type: "submit" }, "Apply"),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    for (const f of fields) {
      const v = (inputs.get(f.key)?.value ?? "").trim();
      if (v && v !== f.fallback) query.set(f.key, v);
      else query.delete(f.key);
    }
    replaceQuery(path, query);
    onChange();
  });
  return form;
}

/** A query parameter, else a default. */
export function param(query: URLSearchParams, key: string, fallback: string): string {
  return query.get(key) || fallback;
}
