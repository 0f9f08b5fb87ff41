/** Tiny DOM helpers: element builder, tables, number cells, messages. */
import { formatNumber } from "../../src/charts/format.js";

type Child = Node | string | number | null | undefined | false;

/** Creates an element with attributes (`class`, `href`, `data-*`…, or `on*` handlers) and children. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number | boolean | EventListener | null | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === "function") e.addEventListener(k.replace(/^on/, ""), v);
    else if (v === true) e.setAttribute(k, "");
    else e.setAttribute(k, String(v));
  }
  append(e, ...children);
  return e;
}

/** Appends children, skipping empty ones. */
export function append(parent: Element, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.append(typeof c === "number" ? String(c) : c);
  }
}

/** A column of {@link table}. */
export interface Column<T> {
  header: string;
  cell: (row: T) => Child;
  numeric?: boolean;
}

/** A table with a header row; numeric columns are right-aligned. */
export function table<T>(rows: readonly T[], columns: readonly Column<T>[], caption?: string): HTMLTableElement {
  return el(
    "table",
    { class: "data" },
    caption ? el("caption", {}, caption) : null,
    el("thead", {}, el("tr", {}, ...columns.map((c) => el("th", { class: c.numeric ? "num" : null }, c.header)))),
    el(
      "tbody",
      {},
      ...rows.map((r) => el("tr", {}, ...columns.map((c) => el("td", { class: c.numeric ? "num" : null }, c.cell(r))))),
    ),
  );
}

/** A number with thousands separators. */
export function num(n: number | null | undefined): string {
  return formatNumber(n);
}

/** A headline figure: a big number and its label. */
export function stat(label: string, value: Child, note?: string): HTMLElement {
  return el(
    "div",
    { class: "stat" },
    el("div", { class: "stat-value" }, value),
    el("div", { class: "stat-label" }, label),
    note ? el("div", { class: "stat-note" }, note) : null,
  );
}

/** A notice: `not available` for a missing route, or an error message. */
export function notice(text: string, kind: "info" | "error" = "info"): HTMLElement {
  return el("p", { class: `notice ${kind}`, role: kind === "error" ? "alert" : null }, text);
}

/** Link to a model page. */
export function modelLink(id: string): HTMLAnchorElement {
  return el("a", { href: `#/model/${id}` }, id);
}

/** Link to an organisation page. */
export function orgLink(author: string): HTMLAnchorElement {
  return el("a", { href: `#/org/${encodeURIComponent(author)}` }, author);
}

/** Link to a family page. */
export function familyLink(name: string, title?: string): HTMLAnchorElement {
  return el("a", { href: `#/family/${encodeURIComponent(name)}` }, title ?? name);
}

/** A horizontal bar showing a share (0-100). */
export function shareBar(share: number): HTMLElement {
  const w = Math.max(0, Math.min(100, share));
  return el(
    "span",
    { class: "share" },
    el("span", { class: "share-bar", style: `width:${w.toFixed(1)}%` }),
    el("span", { class: "share-text" }, `${share.toFixed(1)} %`),
  );
}
