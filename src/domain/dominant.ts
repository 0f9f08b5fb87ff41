/**
 * Outliers: a model that holds more than a fifth of a total decides it (on the 2024-07-11 listing one audio model,
 * MIT/ast-finetuned-audioset-10-10-0.4593, is 37 % of all downloads, most likely automated traffic). An answer that
 * carries such a total names the model and gives the same figure without it: `dominant: { id, downloads, share,
 * without }`, null when no model passes the threshold (shape agreed in team.md). Pure arithmetic, no I/O.
 */

/** A model dominates a total when it holds more than this share of it. */
export const DOMINANT_SHARE = 0.2;

/** The model that dominates a total, and the answer's figure without it. */
export interface Dominant<W> {
  id: string;
  /** The model's 30-day downloads in the total. */
  downloads: number;
  /** Its share of the total, 0..1. */
  share: number;
  /** The same figure without that model. */
  without: W;
}

/** The largest member of a total when it holds more than {@link DOMINANT_SHARE} of it, else null. */
export function dominantOf(
  total: number,
  top: { id: string; downloads: number | null } | null | undefined,
): { id: string; downloads: number; share: number } | null {
  if (!top || top.downloads === null || total <= 0) return null;
  const share = top.downloads / total;
  return share > DOMINANT_SHARE ? { id: top.id, downloads: top.downloads, share } : null;
}

/**
 * The Herfindahl–Hirschman index by organisation without one model: the model's `downloads` leave its
 * organisation's total (`orgDownloads`) and the grand total (`total`). `hhi` is the index with it (sum of squared
 * percentage shares, 0–10,000). Null when nothing is left.
 */
export function hhiWithout(hhi: number, total: number, orgDownloads: number, downloads: number): number | null {
  const rest = total - downloads;
  if (rest <= 0) return null;
  const squares = (hhi * total * total) / 10_000 - orgDownloads * orgDownloads + (orgDownloads - downloads) ** 2;
  return (squares * 10_000) / (rest * rest);
}

/** A change in percent, null from zero. */
export function changePct(before: number, after: number): number | null {
  return before > 0 ? ((after - before) / before) * 100 : null;
}

/** One class (or any group) of a total with its share. */
export interface ShareRow {
  class: string;
  repos: number;
  downloads: number;
  share: number;
}

/** Shares of a grouped total with one model (of group `group`) taken out. */
export function sharesWithout<R extends ShareRow>(
  rows: readonly R[],
  group: string,
  downloads: number,
): { total: { repos: number; downloads: number }; classes: ShareRow[] } {
  const classes = rows.map((r) =>
    r.class === group
      ? { class: r.class, repos: r.repos - 1, downloads: r.downloads - downloads, share: 0 }
      : { class: r.class, repos: r.repos, downloads: r.downloads, share: 0 },
  );
  const total = classes.reduce((a, c) => a + c.downloads, 0);
  for (const c of classes) c.share = total > 0 ? c.downloads / total : 0;
  return { total: { repos: classes.reduce((a, c) => a + c.repos, 0), downloads: total }, classes };
}
