/**
 * Shares of tokens, honestly (pure; the answers feed it stored rows and matches):
 * - full coverage (every model named): a point value, share = tokens / total;
 * - only the top N named, total known: bounds — lower = the group's named tokens / total, upper = (the group's named
 *   tokens + the unnamed remainder + named models of unknown class) / total (the rest all elsewhere / all in the group);
 * - only the top N named, total unknown: no share at all (the named tokens are given, not as a share).
 * Models of unknown class (stealth, routers) are counted apart, never guessed into open or closed.
 */

import type { z } from "zod";
import type { UsageSnapshotRow } from "../queries/params/usage.js";
import type { UsagePeriod } from "./usage.js";
import type { TokenClass } from "./usage-classes.js";
import type { UsageMatch } from "./usage-match.js";

/** What a share can be broken down by. */
export const SHARE_DIMENSIONS = ["class", "licence", "family", "org", "country"] as const;
/** A breakdown. */
export type ShareDimension = (typeof SHARE_DIMENSIONS)[number];

/** `:free` (and other) variants counted with their model, or apart. */
export const VARIANT_MODES = ["grouped", "apart"] as const;
/** A variant mode. */
export type VariantMode = (typeof VARIANT_MODES)[number];

/**
 * A stored snapshot as the shares need it: a row of the usage-snapshots query (one definition of the stored row,
 * src/queries/params/usage.ts), without the fields only the store's choice of snapshot reads.
 */
export type ShareSnapshot = Omit<z.output<typeof UsageSnapshotRow>, "preference" | "file" | "chosen">;

/** A row of usage-rows. */
export interface ShareRow {
  snapshotId: string;
  model: string;
  variant: string;
  tokens: number;
}

/** A share: a point (full coverage), bounds (top N with a known total), or null (total unknown). */
export type ShareValue =
  | { tokens: number; share: number }
  | { lower: number; upper: number; namedTokens: number }
  | null;

/** One group of a breakdown at one date. */
export interface GroupShare {
  key: string;
  tokens: number;
  value: ShareValue;
}

/** The shares at one date of a period. */
export interface DateShare {
  date: string;
  period: UsagePeriod;
  window: { start: string; end: string };
  snapshot: { id: string; source: string; endpoint: string; fetchedAt: string | null; status: string | null };
  coverage: { kind: "full" | "partial"; how: string; models: number; top: number | null; totalKnown: boolean };
  tokens: { total: number | null; named: number; remainder: number | null };
  /** Named tokens by class (facts, whatever the coverage). */
  named: Record<TokenClass, number>;
  open: ShareValue;
  closed: ShareValue;
  /** Tokens of unknown class (stealth, routers), counted apart; a share only with full coverage. */
  unknown: { tokens: number; share: number | null };
  /** Tokens on `:free` variants; a share only with full coverage. */
  free: { tokens: number; share: number | null };
  /** The open share of the tokens not on `:free` variants (full coverage only). */
  openWithoutFree: { tokens: number; share: number } | null;
  /** A model (base id) holding more than a fifth of the total, and the open share without it (full coverage). */
  dominant: { id: string; tokens: number; share: number; openShareWithout: number } | null;
  /** The breakdown asked for (`by`), largest first. */
  groups: GroupShare[];
  /** What kind of figure this is, in words. */
  note: string;
}

/** The group of models of unknown class (stealth, routers) in a breakdown other than by class. */
export const UNKNOWN_CLASS_GROUP = "unknown class";

/** The group a model's tokens fall in for a breakdown. */
export function groupKey(
  m: UsageMatch,
  by: ShareDimension,
  licenceOf: (repo: string) => string | null = () => null,
): string {
  if (by === "class") return m.class;
  if (m.class === "unknown") return UNKNOWN_CLASS_GROUP;
  switch (by) {
    case "licence":
      if (m.class === "closed") return "closed-api";
      return (m.hub ? licenceOf(m.hub.repo) : null) ?? "open, licence unknown";
    case "family":
      if (m.class === "closed") return "closed";
      return m.family?.name ?? "open, no family";
    case "org":
      return m.organisation?.name ?? `unlisted: ${m.author ?? "(no prefix)"}`;
    case "country":
      return m.organisation?.country ?? "unknown country";
  }
}

const point = (tokens: number, total: number): ShareValue => ({ tokens, share: total > 0 ? tokens / total : 0 });

/** The share of `tokens` at a snapshot: point, bounds (`unattributed` = remainder + named tokens of unknown class). */
function shareOf(s: ShareSnapshot, tokens: number, unattributed: number): ShareValue {
  if (s.coverageKind === "full" && s.totalTokens !== null) return point(tokens, s.totalTokens);
  if (!s.totalKnown || s.totalTokens === null || s.totalTokens === 0) return null;
  return {
    lower: tokens / s.totalTokens,
    upper: Math.min(1, (tokens + unattributed) / s.totalTokens),
    namedTokens: tokens,
  };
}

/** Computes the shares of every snapshot given (one per date: the chosen ones). */
export function computeShares(
  snapshots: readonly ShareSnapshot[],
  rows: readonly ShareRow[],
  match: (model: string) => UsageMatch,
  opts: { by: ShareDimension; variants: VariantMode; licenceOf?: (repo: string) => string | null },
): DateShare[] {
  const bySnapshot = new Map<string, ShareRow[]>();
  for (const r of rows) {
    const list = bySnapshot.get(r.snapshotId);
    if (list) list.push(r);
    else bySnapshot.set(r.snapshotId, [r]);
  }
  return snapshots.map((s) => {
    const list = bySnapshot.get(s.id) ?? [];
    const named: Record<TokenClass, number> = { open: 0, closed: 0, unknown: 0 };
    const groups = new Map<string, number>();
    const bases = new Map<string, { tokens: number; cls: TokenClass }>();
    let free = 0;
    let openFree = 0;
    for (const r of list) {
      const m = match(r.model);
      named[m.class] += r.tokens;
      const isFree = r.variant === "free";
      if (isFree) {
        free += r.tokens;
        if (m.class === "open") openFree += r.tokens;
      }
      const key = groupKey(m, opts.by, opts.licenceOf);
      const k = opts.variants === "apart" && r.variant !== "standard" ? `${key}:${r.variant}` : key;
      groups.set(k, (groups.get(k) ?? 0) + r.tokens);
      const b = bases.get(m.base) ?? { tokens: 0, cls: m.class };
      b.tokens += r.tokens;
      bases.set(m.base, b);
    }
    const remainder = s.coverageKind === "full" ? 0 : (s.remainderTokens ?? 0);
    const total = s.totalTokens;
    const full = s.coverageKind === "full" && total !== null;
    const unknownKey = opts.by === "class" ? "unknown" : UNKNOWN_CLASS_GROUP;
    const unknownKeys = new Set([...groups.keys()].filter((k) => k === unknownKey || k.startsWith(`${unknownKey}:`)));
    const groupList: GroupShare[] = [...groups.entries()]
      .map(([key, tokens]) => ({
        key,
        tokens,
        // a group of unknown models is not itself "unattributed" on top of its own tokens
        value: shareOf(s, tokens, remainder + (unknownKeys.has(key) ? 0 : named.unknown)),
      }))
      .sort((a, b) => b.tokens - a.tokens || a.key.localeCompare(b.key));
    let dominant: DateShare["dominant"] = null;
    if (full && total > 0) {
      const top = [...bases.entries()].sort((a, b) => b[1].tokens - a[1].tokens)[0];
      if (top && top[1].tokens / total > 0.2) {
        const rest = total - top[1].tokens;
        const openRest = named.open - (top[1].cls === "open" ? top[1].tokens : 0);
        dominant = {
          id: top[0],
          tokens: top[1].tokens,
          share: top[1].tokens / total,
          openShareWithout: rest > 0 ? openRest / rest : 0,
        };
      }
    }
    const note = full
      ? "every model named: point values"
      : s.totalKnown
        ? `only the top ${s.top ?? s.models} named, the total known: bounds (the unnamed rest and models of unknown class all elsewhere / all in the group)`
        : `only the top ${s.top ?? s.models} named and the total unknown: no share`;
    return {
      date: s.date,
      period: s.period,
      window: { start: s.windowStart, end: s.windowEnd },
      snapshot: { id: s.id, source: s.source, endpoint: s.endpoint, fetchedAt: s.fetchedAt, status: s.status },
      coverage: { kind: s.coverageKind, how: s.coverageHow, models: s.models, top: s.top, totalKnown: s.totalKnown },
      tokens: { total, named: s.namedTokens, remainder: s.coverageKind === "full" ? 0 : s.remainderTokens },
      named,
      open: shareOf(s, named.open, remainder + named.unknown),
      closed: shareOf(s, named.closed, remainder + named.unknown),
      unknown: { tokens: named.unknown, share: full ? named.unknown / (total || 1) : null },
      free: { tokens: free, share: full ? free / (total || 1) : null },
      openWithoutFree:
        full && total - free > 0
          ? (point(named.open - openFree, total - free) as { tokens: number; share: number })
          : null,
      dominant,
      groups: groupList,
      note,
    };
  });
}

/** Whether a share value is a point. */
export function isPoint(v: ShareValue): v is { tokens: number; share: number } {
  return v !== null && "share" in v;
}

/** Whether a share value is a pair of bounds. */
export function isBounds(v: ShareValue): v is { lower: number; upper: number; namedTokens: number } {
  return v !== null && "lower" in v;
}

/** The open share of a calendar month, from its weeks. */
export interface MonthShare {
  /** `YYYY-MM`: the weeks whose Monday falls in it. */
  month: string;
  weeks: number;
  /** Weeks with a known total (full coverage, or top N + total). */
  weeksKnown: number;
  /** Of those, weeks where every model is named (a 7-day window ending on the week's Sunday). */
  weeksFull: number;
  /** Tokens of the weeks (or windows) with a known total. */
  tokens: number;
  /** What the figure is built from: the month's weeks, or (no week with a total) 7-day windows inside the month. */
  basis: "weeks" | "windows" | "none";
  /** With basis `windows`: how many 7-day windows (top N + total) of the month were used. */
  windows: number;
  open: ShareValue;
}

/**
 * Open share per calendar month, token-weighted over its weeks (a week belongs to the month of its Monday): a week
 * takes the full-coverage value of the 7-day window ending on its Sunday when there is one, else the chart's bounds;
 * weeks without a total are left out and counted (`weeksKnown` < `weeks`). A point when every known week is full,
 * bounds otherwise. A month none of whose weeks has a total falls back to the bounded 7-day windows (top N + total)
 * ending inside it, token-weighted (`basis: "windows"`); with neither, no share.
 */
export function monthlyShares(
  weeks: readonly DateShare[],
  fullWindows: readonly DateShare[],
  boundedWindows: readonly DateShare[] = [],
): MonthShare[] {
  const full = new Map(fullWindows.filter((d) => isPoint(d.open)).map((d) => [d.date, d]));
  const months = new Map<
    string,
    { weeks: number; known: number; full: number; total: number; lo: number; hi: number }
  >();
  for (const w of weeks) {
    const month = w.date.slice(0, 7);
    const m = months.get(month) ?? { weeks: 0, known: 0, full: 0, total: 0, lo: 0, hi: 0 };
    m.weeks += 1;
    const sunday = new Date(Date.parse(`${w.date}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
    const f = full.get(sunday);
    if (f && f.tokens.total !== null && isPoint(f.open)) {
      m.known += 1;
      m.full += 1;
      m.total += f.tokens.total;
      m.lo += f.open.tokens;
      m.hi += f.open.tokens;
    } else if (w.tokens.total !== null && isBounds(w.open)) {
      m.known += 1;
      m.total += w.tokens.total;
      m.lo += w.open.lower * w.tokens.total;
      m.hi += w.open.upper * w.tokens.total;
    }
    months.set(month, m);
  }
  return [...months.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([month, m]): MonthShare => {
      const base = { month, weeks: m.weeks, weeksKnown: m.known, weeksFull: m.full };
      if (m.known > 0 && m.total > 0) {
        return {
          ...base,
          tokens: m.total,
          basis: "weeks",
          windows: 0,
          open:
            m.full === m.known
              ? { tokens: m.lo, share: m.lo / m.total }
              : { lower: m.lo / m.total, upper: m.hi / m.total, namedTokens: m.lo },
        };
      }
      const inMonth = boundedWindows.filter((d) => d.date.startsWith(month) && d.tokens.total && isBounds(d.open));
      const total = inMonth.reduce((a, d) => a + (d.tokens.total ?? 0), 0);
      if (inMonth.length === 0 || total === 0) return { ...base, tokens: 0, basis: "none", windows: 0, open: null };
      let lo = 0;
      let hi = 0;
      for (const d of inMonth) {
        const b = d.open as { lower: number; upper: number };
        lo += b.lower * (d.tokens.total ?? 0);
        hi += b.upper * (d.tokens.total ?? 0);
      }
      return {
        ...base,
        tokens: total,
        basis: "windows",
        windows: inMonth.length,
        open: { lower: lo / total, upper: hi / total, namedTokens: lo },
      };
    });
}
