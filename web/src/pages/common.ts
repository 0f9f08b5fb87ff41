/** Pieces several pages share: filling a slot from a loader, and the downloads-history chart of a series route. */
import { ApiError, getJson } from "../api.js";
import { chartPanel, preferredTheme } from "../chart.js";
import { append, el, notice } from "../dom.js";
import { type FilterField, filterForm } from "../filters.js";
import type { Route } from "../router.js";
import { coverageNote } from "../snapshots.js";
import type { AsOf, SeriesRow } from "../types.js";

/** The one-line definition of the downloads metric. */
export const DOWNLOADS_DEFINITION =
  "30-day downloads: the Hub's rolling 30-day download counter, read at each stored snapshot (the last snapshot of each bucket). Downloads are not users.";

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
        ? notice(`${what}: ${e.message && e.message !== "HTTP 404" ? e.message : "not available"}.`)
        : notice(`${what}: ${e.message}`, "error"),
    );
  }
}

/**
 * A history chart panel of 30-day downloads from a `…/series` route: a date axis in the series' bucket (day, week or
 * month), or the value and the one-snapshot note when there is one snapshot.
 */
export function historyPanel(opts: {
  title: string;
  url: string;
  params?: Record<string, string | null | undefined>;
  name: string;
  queries: string[];
  /** A total over several repos (organisation, family): warn when the snapshots' coverage differs. */
  total?: boolean;
}): HTMLElement {
  const panel = chartPanel({ title: opts.title, definition: DOWNLOADS_DEFINITION, queries: opts.queries });
  void (async () => {
    try {
      const r = await getJson<{ rows: SeriesRow[]; unit?: string | null } & AsOf>(opts.url, opts.params ?? {});
      panel.setAsOf(r.dataAsOf);
      if (r.rows.length === 0) {
        panel.empty("No snapshot lists it.");
        return;
      }
      panel.renderSeries([{ name: opts.name, points: r.rows.map((x) => ({ date: x.lastDate, value: x.downloads })) }], {
        theme: preferredTheme(),
        metric: "downloads (30 days)",
        unit: r.unit ?? r.rows[0]?.unit ?? null,
      });
      if (opts.total) panel.note(await coverageNote(r.rows.map((x) => x.lastDate)));
    } catch (err) {
      panel.empty(
        err instanceof ApiError && err.notFound ? "History: not available." : `History: ${(err as Error).message}`,
      );
    }
  })();
  return panel.root;
}

/** What an analysis page is: its heading, its filters (kept in the URL) and how it draws its data. */
export interface AnalysisSpec {
  /** The breadcrumb after "Home /". */
  crumb: string;
  title: string;
  lead: string;
  /** The route path the query belongs to, e.g. `/orgs`. */
  path: string;
  fields: readonly FilterField[];
  /** Named in the message when the data cannot be loaded. */
  what: string;
  /** Loads the data for the URL's query and returns what to show. */
  render: (query: URLSearchParams) => Promise<Node | Node[]>;
}

/**
 * Renders an analysis page: breadcrumb, heading, lead, the filter form bound to the URL's query, and the figures,
 * drawn again when a filter changes.
 */
export async function analysisPage(root: HTMLElement, route: Route, spec: AnalysisSpec): Promise<void> {
  const query = new URLSearchParams(route.query);
  const body = el("div", {}, "Loading…");
  const load = async () => {
    body.textContent = "Loading…";
    await fill(body, spec.what, () => spec.render(query));
  };
  root.append(
    el("p", { class: "crumbs" }, el("a", { href: "#/" }, "Home"), ` / ${spec.crumb}`),
    el("h1", {}, spec.title),
    el("p", { class: "lead" }, spec.lead),
    filterForm(spec.fields, query, spec.path, () => void load()),
    body,
  );
  await load();
}
