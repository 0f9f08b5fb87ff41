/**
 * The open-vs-closed figures of one leaderboard table, computed from its classified rows (pure, no I/O): the best
 * closed and the best open model with their confidence intervals, the gap and whether the intervals overlap, the same
 * for the top-k averages, the share of open models among the top 10 / 20, by licence class and by the organisation's
 * country; how many months behind the best open model is; and the price-quality frontier.
 */

import type { LeaderboardEntryRow } from "../store/store.js";
import { type Classification, classifyEntry, hasDatedException, type LeaderboardRules } from "./leaderboard-rules.js";
import type { OpennessClass } from "./licences.js";
import { nameKey, type OrganisationIndex } from "./model-names.js";

/** One stored row of a leaderboard table as the `leaderboard-entries` query returns it. */
export type LeaderboardRow = Omit<LeaderboardEntryRow, "line" | "knowledgeCutoff"> & { date: string };

/** A row with who it is: its name key, openness, organisation and country. */
export interface ClassifiedRow extends LeaderboardRow {
  board: string;
  key: string;
  classification: Classification;
  /** The organisation as the table names it, else as the same name's other rows name it. */
  organisation: string | null;
  /** The organisation's display name and country (data/organisations.yaml), when known. */
  org: { name: string; country: string | null } | null;
}

/** A label that says nothing (empty, N/A, Unknown): such a row inherits the licence of an earlier table. */
function informative(rules: LeaderboardRules, label: string | null): boolean {
  if (label === null || label.trim() === "") return false;
  const m = rules.labels.get(nameKey(label));
  return m?.kind !== "none";
}

/**
 * Classifies the rows of a board's tables (sorted by date, then row), walking the dates in order so that a row whose
 * licence label says nothing inherits the latest informative label of the same name (from `before`, the labels of
 * tables before the first date, or from an earlier table in `rows`). Rows without an organisation take the one the
 * same name has on the board's latest row naming one (`organisationOf`), else the provider of the closed-catalogue
 * entry they match. The rows are extended in place (they are the query's fresh objects). With
 * `openWeightsOnly` (the Open LLM Leaderboards list Hub repos only) every row is open, classed by its licence tag.
 */
export function classifyRows(
  rules: LeaderboardRules,
  organisations: OrganisationIndex,
  board: string,
  rows: readonly LeaderboardRow[],
  before: ReadonlyArray<{ model: string; license: string; date: string }> = [],
  opts: {
    openWeightsOnly?: boolean;
    /** Each name's organisation over the board's whole history (`leaderboard-organisations`). */
    organisationOf?: ReadonlyArray<{ model: string; organization: string }>;
  } = {},
): ClassifiedRow[] {
  const last = new Map<string, { license: string; date: string }>();
  for (const b of before) {
    if (!informative(rules, b.license)) continue;
    const k = nameKey(b.model);
    const prior = last.get(k);
    if (!prior || prior.date <= b.date) last.set(k, { license: b.license, date: b.date });
  }
  const orgOf = new Map<string, string>();
  for (const o of opts.organisationOf ?? []) orgOf.set(nameKey(o.model), o.organization);
  const out: ClassifiedRow[] = [];
  // the same name with the same label classifies the same way on every table: classify once. The label inherited
  // (and the date of its table) is part of the key only when the row's own label says nothing, the row's date only
  // when an exception with dates names the model (72,465 rows of arena-text: 72,344 classifications when both were
  // always in the key, and the memo only cost)
  const memo = new Map<string, Classification>();
  let i = 0;
  while (i < rows.length) {
    const date = (rows[i] as LeaderboardRow).date;
    const table: LeaderboardRow[] = [];
    while (i < rows.length && (rows[i] as LeaderboardRow).date === date) table.push(rows[i++] as LeaderboardRow);
    const seen: Array<[string, { license: string; date: string }]> = [];
    for (const r of table) {
      const key = nameKey(r.model);
      const own = informative(rules, r.license);
      const inherited = own ? null : (last.get(key) ?? null);
      const memoKey = `${key}\u0000${r.license ?? ""}\u0000${inherited?.license ?? ""}\u0000${inherited?.date ?? ""}\u0000${hasDatedException(rules, key) ? date : ""}`;
      let classification = memo.get(memoKey);
      if (!classification) {
        classification = classifyEntry(rules, { board, date, model: r.model, license: r.license }, inherited, opts);
        memo.set(memoKey, classification);
      }
      // the table's organisation, else the same name's on another table, else the closed catalogue's provider
      const organisation = r.organization ?? orgOf.get(key) ?? classification.catalogue?.provider ?? null;
      const o = organisations.find(organisation);
      out.push(
        Object.assign(r, {
          board,
          key,
          classification,
          organisation,
          org: o ? { name: o.name, country: o.country } : null,
        }),
      );
      if (own) seen.push([key, { license: r.license as string, date }]);
    }
    // labels of this table are inherited by later tables only
    for (const [k, v] of seen) last.set(k, v);
  }
  return out;
}

/** A model as the gap figures show it. */
export interface Contender {
  model: string;
  score: number;
  ci: { plus: number | null; minus: number | null };
  votes: number | null;
  organisation: string | null;
  country: string | null;
  licence: string | null;
  licenceClass: OpennessClass | null;
}

/** What every surface shows of an entry: name, score and interval, votes, organisation, country, licence. */
export function entryFacts(r: ClassifiedRow) {
  return {
    model: r.model,
    score: r.score,
    ci: { plus: r.ciPlus, minus: r.ciMinus },
    votes: r.votes,
    organisation: r.org?.name ?? r.organisation,
    country: r.org?.country ?? null,
    licence: r.classification.licence,
    licenceClass: r.classification.licenceClass,
  };
}

/** A scored entry as a contender. */
function contender(r: ClassifiedRow): Contender {
  return { ...entryFacts(r), score: r.score as number };
}

/** Rows with a score, best first (score, then the table's own order). */
export function ranked(rows: readonly ClassifiedRow[]): ClassifiedRow[] {
  return rows
    .filter((r) => r.score !== null)
    .sort((a, b) => (b.score as number) - (a.score as number) || a.pos - b.pos);
}

/** The mean of numbers, null for none. */
function mean(xs: readonly number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** Rounds to one decimal (scores are integers on LMArena; averages are not). */
export function round1(x: number | null): number | null {
  return x === null ? null : Math.round(x * 10) / 10;
}

/** The figures of one table. */
export interface GapFigures {
  closed: Contender | null;
  open: (Contender & { licence: string | null; licenceClass: OpennessClass | null }) | null;
  /** Best closed score minus best open score. */
  gap: number | null;
  /** Whether the two 95 % intervals overlap (closed lower bound ≤ open upper bound); null without intervals. */
  overlap: boolean | null;
  topK: { k: number; closed: number | null; open: number | null; gap: number | null; closedN: number; openN: number };
  /** Share of open models among the top N rows by score (unknown-openness rows take their places too). */
  shares: Array<{ top: number; open: number; closed: number; unknown: number; share: number }>;
  counts: { closed: number; open: number; unknown: number };
  byClass: Array<{ class: string; entries: number; inTop20: number; best: { model: string; score: number } }>;
  byCountry: Array<{
    country: string;
    entries: number;
    inTop20: number;
    openInTop20: number;
    best: { model: string; score: number; openness: string };
    bestOpen: { model: string; score: number } | null;
  }>;
  /** Exceptions that changed the answer of this table: a row they reclassified is, or would have been, the best of its class. */
  exceptions: string[];
}

/** The open-vs-closed figures of one table. */
export function gapFigures(rows: readonly ClassifiedRow[], k: number): GapFigures {
  const order = ranked(rows);
  const closedRows = order.filter((r) => r.classification.openness === "closed");
  const openRows = order.filter((r) => r.classification.openness === "open");
  const closed = closedRows[0] ? contender(closedRows[0]) : null;
  const open = openRows[0] ? contender(openRows[0]) : null;
  const gap = closed && open ? closed.score - open.score : null;
  let overlap: boolean | null = null;
  if (closed && open && closed.ci.minus !== null && open.ci.plus !== null) {
    overlap = closed.score - closed.ci.minus <= open.score + open.ci.plus;
  }
  const topClosed = closedRows.slice(0, k).map((r) => r.score as number);
  const topOpen = openRows.slice(0, k).map((r) => r.score as number);
  const cm = mean(topClosed);
  const om = mean(topOpen);
  const shares = [...new Set([10, 20, k])]
    .sort((a, b) => a - b)
    .map((top) => {
      const head = order.slice(0, top);
      const n = (o: string) => head.filter((r) => r.classification.openness === o).length;
      return {
        top,
        open: n("open"),
        closed: n("closed"),
        unknown: n("unknown"),
        share: head.length ? (round1((n("open") / head.length) * 100) ?? 0) : 0,
      };
    });
  const top20 = new Set(order.slice(0, 20));
  const byClass = new Map<string, GapFigures["byClass"][number]>();
  for (const r of openRows) {
    const c = r.classification.licenceClass ?? "unknown";
    const g = byClass.get(c) ?? {
      class: c,
      entries: 0,
      inTop20: 0,
      best: { model: r.model, score: r.score as number },
    };
    g.entries += 1;
    if (top20.has(r)) g.inTop20 += 1;
    byClass.set(c, g);
  }
  const byCountry = new Map<string, GapFigures["byCountry"][number]>();
  for (const r of order) {
    if (r.classification.openness === "unknown") continue;
    const c = r.org?.country ?? "unknown";
    const g = byCountry.get(c) ?? {
      country: c,
      entries: 0,
      inTop20: 0,
      openInTop20: 0,
      best: { model: r.model, score: r.score as number, openness: r.classification.openness },
      bestOpen: null,
    };
    g.entries += 1;
    if (top20.has(r)) {
      g.inTop20 += 1;
      if (r.classification.openness === "open") g.openInTop20 += 1;
    }
    if (!g.bestOpen && r.classification.openness === "open") g.bestOpen = { model: r.model, score: r.score as number };
    byCountry.set(c, g);
  }
  const count = (o: string) => rows.filter((r) => r.classification.openness === o).length;
  return {
    closed,
    open,
    gap,
    overlap,
    topK: {
      k,
      closed: round1(cm),
      open: round1(om),
      gap: cm !== null && om !== null ? round1(cm - om) : null,
      closedN: topClosed.length,
      openN: topOpen.length,
    },
    shares,
    counts: { closed: count("closed"), open: count("open"), unknown: count("unknown") },
    byClass: [...byClass.values()].sort((a, b) => b.best.score - a.best.score),
    byCountry: [...byCountry.values()].sort((a, b) => b.best.score - a.best.score),
    exceptions: decisive(order),
  };
}

/**
 * The exceptions that changed a table's answer: a row whose openness an exception changed and that is the best of its
 * new class, or would have been the best of the class its label gave it.
 */
function decisive(order: readonly ClassifiedRow[]): string[] {
  const best = (o: string) => order.find((r) => r.classification.openness === o);
  const out = new Set<string>();
  for (const r of order) {
    const c = r.classification;
    if (c.exception === null || c.byRule === c.openness) continue;
    const before = best(c.byRule);
    if (best(c.openness) === r || !before || (r.score as number) > (before.score as number)) out.add(c.exception);
  }
  return [...out];
}

/** The gap by year and segment: tables, the first and last table's gap, the smallest and the largest. */
export function gapByYear(dates: ReadonlyArray<{ date: string; segment: string; gap: number | null }>) {
  const out: Array<{
    year: string;
    segment: string;
    tables: number;
    first: { date: string; gap: number | null };
    last: { date: string; gap: number | null };
    min: number | null;
    max: number | null;
  }> = [];
  for (const d of dates) {
    const year = d.date.slice(0, 4);
    let g = out.find((x) => x.year === year && x.segment === d.segment);
    if (!g) {
      g = {
        year,
        segment: d.segment,
        tables: 0,
        first: { date: d.date, gap: d.gap },
        last: { date: d.date, gap: d.gap },
        min: null,
        max: null,
      };
      out.push(g);
    }
    g.tables += 1;
    g.last = { date: d.date, gap: d.gap };
    if (d.gap !== null) {
      g.min = g.min === null ? d.gap : Math.min(g.min, d.gap);
      g.max = g.max === null ? d.gap : Math.max(g.max, d.gap);
    }
  }
  return out;
}

/** Days from `a` to `b` (`YYYY-MM-DD`). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Months (of 30.44 days) from `a` to `b`, one decimal. */
export function monthsBetween(a: string, b: string): number {
  return Math.round((daysBetween(a, b) / 30.436875) * 10) / 10;
}

/** What the board's history says about when tables exist (for censoring first-seen dates). */
export interface BoardHistory {
  /** Every stored table date of the board, ascending, with its coverage. */
  tables: ReadonlyArray<{ date: string; coverageKind: "full" | "partial" }>;
  /** First date each name key is listed. */
  firstSeen: ReadonlyMap<string, string>;
}

/** Whether a first-listed date is only a bound: the board's first table, a partial table, or after a gap > 45 days. */
export function censoredAt(history: BoardHistory, date: string): boolean {
  const i = history.tables.findIndex((t) => t.date === date);
  if (i <= 0) return true;
  const t = history.tables[i] as { date: string; coverageKind: string };
  const prev = history.tables[i - 1] as { date: string };
  return t.coverageKind === "partial" || daysBetween(prev.date, date) > 45;
}

/** How long ago a closed model first reached the score the best open model has at one table. */
export interface MonthsBehind {
  open: { model: string; score: number } | null;
  /** The closed model that defines it: scoring at least that on the same table, listed earliest. */
  reachedBy: { model: string; score: number; firstListed: string } | null;
  months: number | null;
  /** True when the first-listed date is only a bound (so the months are a lower bound). */
  censored: boolean;
  /** True when no closed model scores as high as the best open one (open leads: 0 months). */
  openLeads: boolean;
}

/**
 * Months behind at `date`: among the closed models of that table scoring at least the best open score, the one the
 * board listed first; months from that first listing to `date`. Scores are compared within the one table (no splice
 * across dates or scale breaks); the first-listed dates come from the board's history.
 */
export function monthsBehind(rows: readonly ClassifiedRow[], date: string, history: BoardHistory): MonthsBehind {
  const order = ranked(rows);
  const open = order.find((r) => r.classification.openness === "open");
  if (!open) return { open: null, reachedBy: null, months: null, censored: false, openLeads: false };
  const s = open.score as number;
  const reached = order.filter((r) => r.classification.openness === "closed" && (r.score as number) >= s);
  const o = { model: open.model, score: s };
  if (reached.length === 0) return { open: o, reachedBy: null, months: 0, censored: false, openLeads: true };
  let best: { r: ClassifiedRow; first: string } | null = null;
  for (const r of reached) {
    const first = history.firstSeen.get(r.key) ?? date;
    if (!best || first < best.first) best = { r, first };
  }
  const b = best as { r: ClassifiedRow; first: string };
  return {
    open: o,
    reachedBy: { model: b.r.model, score: b.r.score as number, firstListed: b.first },
    months: monthsBetween(b.first, date),
    censored: censoredAt(history, b.first),
    openLeads: false,
  };
}

/** A model with a score and a blended price, for the frontier. */
export interface PricedPoint {
  model: string;
  score: number;
  /** USD per 1M tokens, blended 3:1 input:output. */
  price: number;
  openness: string;
}

/** The blended price of input/output prices per 1M tokens (3 input tokens per output token). */
export function blendedPrice(input: number, output: number): number {
  return Math.round(((3 * input + output) / 4) * 1e6) / 1e6;
}

/**
 * The price-quality frontier: the points no other point beats on both (at least as good a score for no more money,
 * better on one), cheapest first.
 */
export function frontier<T extends PricedPoint>(points: readonly T[]): T[] {
  const out = points.filter(
    (p) =>
      !points.some(
        (q) => q !== p && q.score >= p.score && q.price <= p.price && (q.score > p.score || q.price < p.price),
      ),
  );
  return out.sort((a, b) => a.price - b.price || b.score - a.score || a.model.localeCompare(b.model));
}
