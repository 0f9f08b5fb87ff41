/** Number formatting shared by charts and pages: thousands separators, compact axis labels. */

const full = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** `1296549` → `1,296,549`; null/undefined → `–`. */
export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? "–" : full.format(n);
}

/** `1296549` → `1.3M`, for axis labels. */
export function formatCompact(n: number): string {
  return compact.format(n);
}

/** A share in percent with one decimal, `12.3 %`. */
export function formatPercent(p: number | null | undefined): string {
  return p === null || p === undefined || !Number.isFinite(p) ? "–" : `${p.toFixed(1)} %`;
}
