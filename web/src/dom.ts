/**
 * Tiny DOM helpers: element builder, tables (every table with a "CSV" download of the rows it shows, and cells
 * labelled for the phone layout, where rows become cards), number cells, messages.
 */
import { formatNumber } from "../../src/charts/format.js";
import { csvButton } from "./export.js";

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
  /** The value in the CSV download (default: the cell's text). */
  csv?: (row: T) => string | number | boolean | null | undefined;
}

/** A numeric column: the number formatted in the table, the raw value in the CSV. */
export function numCol<T>(header: string, get: (row: T) => number | null | undefined): Column<T> {
  return { header, cell: (r) => num(get(r)), numeric: true, csv: (r) => get(r) ?? null };
}

/** Options of {@link table}. */
export interface TableOptions {
  caption?: string;
  /** Base name of the CSV file (default `table`); the date of the data is added when given. */
  file?: string;
  dataAsOf?: string | null;
}

/**
 * A table with a header row and a "CSV" button that downloads the rows shown. Numeric columns are right-aligned;
 * each cell carries its column name (`data-label`) so that on a phone a row reads as a card of label–value lines.
 */
export function table<T>(
  rows: readonly T[],
  columns: readonly Column<T>[],
  opts: TableOptions | string = {},
): HTMLElement {
  const o: TableOptions = typeof opts === "string" ? { caption: opts } : opts;
  const cells = rows.map((r) => columns.map((c) => c.cell(r)));
  const t = el(
    "table",
    { class: "data" },
    o.caption ? el("caption", {}, o.caption) : null,
    el(
      "thead",
      {},
      el("tr", {}, ...columns.map((c) => el("th", { class: c.numeric ? "num" : null, scope: "col" }, c.header))),
    ),
    el(
      "tbody",
      {},
      ...cells.map((row) =>
        el(
          "tr",
          {},
          ...row.map((cell, i) => {
            const c = columns[i] as Column<T>;
            return el("td", { class: c.numeric ? "num" : null, "data-label": c.header }, cell);
          }),
        ),
      ),
    ),
  );
  const csvRows = () =>
    rows.map((r, ri) => {
      const out: Record<string, unknown> = {};
      columns.forEach((c, i) => {
        const cell = t.tBodies[0]?.rows[ri]?.cells[i];
        out[c.header] = c.csv ? c.csv(r) : (cell?.textContent ?? "").trim();
      });
      return out;
    });
  const file = `${o.file ?? "table"}${o.dataAsOf ? `-${o.dataAsOf}` : ""}.csv`;
  return el(
    "div",
    { class: "table-block" },
    el(
      "div",
      { class: "table-tools" },
      csvButton(() => ({ rows: csvRows(), columns: columns.map((c) => c.header) }), file),
    ),
    t,
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
