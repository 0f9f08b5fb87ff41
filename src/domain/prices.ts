/**
 * What a price in force means at a date, without I/O: whether it is stale (its source older than six months), and
 * where two sources of the same model disagree (more than 2× apart). Rows come from the price catalog queries.
 */
import type { ApiPrice } from "./cost.js";

/** A price as the catalog queries return it (USD per 1M tokens): an {@link ApiPrice} with its origin and retirement. */
export type PriceInForce = ApiPrice & {
  origin: "imported" | "shipped";
  retired: string | null;
};

/** Months after which a price is flagged stale. */
export const STALE_AFTER_MONTHS = 6;

/** Ratio above which two sources' prices of the same model are named as a disagreement. */
export const DISAGREEMENT_FACTOR = 2;

/** `YYYY-MM-DD` plus `months` calendar months (the day clamped to the month's length). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** Whether a figure dated `asOf` (a day, or a month `YYYY-MM`) is older than six months at `at`. */
export function isStale(asOf: string, at: string): boolean {
  const day = asOf.length === 7 ? `${asOf}-01` : asOf;
  return addMonths(day, STALE_AFTER_MONTHS) < at;
}

/** Provider spellings of the same API across sources (LiteLLM `together_ai`, Portkey `together-ai`…). */
const PROVIDER_ALIASES: Record<string, string> = {
  gemini: "google",
  "vertex-ai-language-models": "google",
  "vertex-ai": "google",
  xai: "x-ai",
  mistral: "mistral-ai",
  "bedrock-converse": "bedrock",
  novita: "novita-ai",
  zai: "z-ai",
};

/** A provider name compared across sources: lower-cased, `_` as `-`, known aliases folded. */
export function normaliseProvider(provider: string): string {
  const p = provider.trim().toLowerCase().replace(/_/g, "-");
  return PROVIDER_ALIASES[p] ?? p;
}

/**
 * The key under which two sources' rows are the same model: the normalised provider and the model id without a
 * leading provider prefix (`together_ai/Qwen/X` of LiteLLM and `Qwen/X` of Portkey's together-ai file meet as
 * `together-ai|qwen/x`).
 */
export function priceMatchKey(provider: string, model: string): string {
  const p = normaliseProvider(provider);
  let m = model.trim().toLowerCase();
  const slash = m.indexOf("/");
  if (slash > 0 && normaliseProvider(m.slice(0, slash)) === p) m = m.slice(slash + 1);
  return `${p}|${m}`;
}

/** One disagreement between two sources over one price of a model. */
export interface PriceDisagreement {
  key: string;
  which: "input" | "output";
  /** The higher price and its row. */
  high: { value: number; source: string; provider: string; model: string; asOf: string };
  low: { value: number; source: string; provider: string; model: string; asOf: string };
  ratio: number;
  /** e.g. `output $6.00 (litellm …, 2026-07-24) vs $0.60 (portkey:together-ai.json, 2026-08-21): 10.0×`. */
  text: string;
}

const usd = (v: number) => `$${v < 0.01 && v > 0 ? v.toPrecision(2) : v.toFixed(2)}`;

/** A source named briefly: the file or table it came from. */
export function sourceLabel(source: string): string {
  return source.length > 60 ? `${source.slice(0, 57)}…` : source;
}

/** Pairs of rows of the same model (by {@link priceMatchKey}) from different sources whose prices differ by more than 2×. */
export function findDisagreements(rows: readonly PriceInForce[]): PriceDisagreement[] {
  const groups = new Map<string, PriceInForce[]>();
  for (const r of rows) {
    const k = priceMatchKey(r.provider, r.model);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out: PriceDisagreement[] = [];
  for (const [key, list] of groups) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i] as PriceInForce;
        const b = list[j] as PriceInForce;
        if (a.source === b.source) continue;
        for (const which of ["input", "output"] as const) {
          const va = which === "input" ? a.inputPer1M : a.outputPer1M;
          const vb = which === "input" ? b.inputPer1M : b.outputPer1M;
          const hi = Math.max(va, vb);
          const lo = Math.min(va, vb);
          if (lo <= 0 || hi / lo <= DISAGREEMENT_FACTOR) continue;
          const [h, l] = va >= vb ? [a, b] : [b, a];
          const side = (r: PriceInForce, v: number) => ({
            value: v,
            source: r.source,
            provider: r.provider,
            model: r.model,
            asOf: r.asOf,
          });
          const ratio = Math.round((hi / lo) * 10) / 10;
          out.push({
            key,
            which,
            high: side(h, hi),
            low: side(l, lo),
            ratio,
            text: `${which} ${usd(hi)} per 1M (${h.provider} ${h.model}, ${h.asOf}: ${sourceLabel(h.source)}) vs ${usd(lo)} (${l.provider} ${l.model}, ${l.asOf}: ${sourceLabel(l.source)}): sources disagree ${ratio}×`,
          });
        }
      }
    }
  }
  return out;
}

/** A price row with what it means at a date: stale or not, and the disagreements it takes part in. */
export type AnnotatedPrice = PriceInForce & {
  stale: boolean;
  disagreement: string | null;
};

/** Flags stale rows (at `at`) and names each row's disagreements with other sources. */
export function annotatePrices(rows: readonly PriceInForce[], at: string): AnnotatedPrice[] {
  const disagreements = findDisagreements(rows);
  return rows.map((r) => {
    const mine = disagreements.filter(
      (d) =>
        (d.high.source === r.source && d.high.model === r.model && d.high.provider === r.provider) ||
        (d.low.source === r.source && d.low.model === r.model && d.low.provider === r.provider),
    );
    return { ...r, stale: isStale(r.asOf, at), disagreement: mine.length ? mine.map((d) => d.text).join("; ") : null };
  });
}

/**
 * Imported price rows with the retirement day of the closed-catalogue model they name (its id or an alias, compared
 * lower-cased, with or without the provider prefix) where the price table gives none: a price table may keep a
 * retired model under another key (LiteLLM's `claude-4-opus-20250514` without the `deprecation_date` its
 * `claude-opus-4-20250514` carries), and a retired model is never in force.
 */
export function withCatalogueRetirements<R extends { model: string; deprecationDate?: string | null }>(
  rows: readonly R[],
  catalogue: ReadonlyArray<{ id: string; aliases: readonly string[]; retired: string | null }>,
): { rows: R[]; filled: number } {
  const retiredBy = new Map<string, string>();
  for (const m of catalogue) {
    if (!m.retired) continue;
    for (const n of [m.id, ...m.aliases]) retiredBy.set(n.toLowerCase(), m.retired);
  }
  let filled = 0;
  const out = rows.map((r) => {
    if (r.deprecationDate) return r;
    const key = r.model.toLowerCase();
    const retired = retiredBy.get(key) ?? retiredBy.get(key.slice(key.indexOf("/") + 1));
    if (!retired) return r;
    filled += 1;
    return { ...r, deprecationDate: retired };
  });
  return { rows: out, filled };
}
