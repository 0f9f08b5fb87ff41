/**
 * The outlier rule of the rules of truth: an answer whose total is dominated by one model (more than a fifth of it)
 * carries `dominant: { id, downloads, share, without }` (team.md; added to the answers by the truth issue, wt-11b).
 * The dashboard shows it wherever an answer has the field; answers without it show nothing here.
 */
import { el, modelLink, num } from "./dom.js";

/** The field as agreed in team.md. */
export interface Dominant {
  id: string;
  downloads: number;
  /** Share of the total: a fraction of 1 (a percentage is accepted too). */
  share: number;
  /** The same figure without that model. */
  without: number;
}

/** The `dominant` field of an answer, when it has a usable one. */
export function dominantOf(body: unknown): Dominant | null {
  const d = (body as { dominant?: unknown } | null)?.dominant as Partial<Dominant> | null | undefined;
  if (!d || typeof d.id !== "string" || typeof d.downloads !== "number" || typeof d.without !== "number") return null;
  return {
    id: d.id,
    downloads: d.downloads,
    share: typeof d.share === "number" ? d.share : Number.NaN,
    without: d.without,
  };
}

/** A note naming the model that dominates a total and the figure without it; null when the answer has none. */
export function dominantNote(body: unknown, what = "this total"): HTMLElement | null {
  const d = dominantOf(body);
  if (!d) return null;
  const pct = Number.isFinite(d.share) ? (d.share <= 1 ? d.share * 100 : d.share) : null;
  return el(
    "p",
    { class: "notice dominant", "data-testid": "dominant" },
    "One model dominates ",
    what,
    ": ",
    modelLink(d.id),
    ` has ${num(d.downloads)} downloads${pct === null ? "" : ` (${pct.toFixed(1)} %)`}; without it the figure is `,
    el("strong", {}, num(d.without)),
    ".",
  );
}
