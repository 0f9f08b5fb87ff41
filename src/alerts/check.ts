/**
 * Evaluating a watchlist against the store at a snapshot (default: the latest complete one), with the previous
 * complete snapshot as "before". Every figure comes from catalog queries; nothing is remembered between runs:
 * - a threshold rule fires when the figure is beyond the threshold at the snapshot; `newly` says it was not at the
 *   previous snapshot (what a webhook and a feed announce, so a rule that stays beyond is not announced daily);
 * - a change rule compares like for like: the same model, or the repos of the organisation or family listed with a
 *   count at both snapshots (repos counts are compared as listed);
 * - a new-derivatives rule fires when direct children are listed that no snapshot up to the previous one listed.
 * A rule that cannot be evaluated (the model is not listed, no previous snapshot) is `unknown` with the reason.
 */
import { type AnswerContext, familyBody, familyParams, modelBody } from "../answers/bodies.js";
import type { Family } from "../domain/families.js";
import { InputError } from "../errors.js";
import {
  familyMembers,
  modelDetail,
  modelNewChildren,
  orgModels,
  orgTotals,
  previousSnapshot,
  resolveSnapshot,
} from "../queries/index.js";
import type { Store } from "../store/store.js";
import { describeRule, type Rule, type Watchlist } from "./watchlist.js";

/** A rule's state at the snapshot. */
export type AlertStatus = "fired" | "quiet" | "unknown";

/** A new direct derivative. */
export interface NewDerivative {
  id: string;
  relation: string;
  downloads: number | null;
  created: string | null;
  firstSeen: string;
}

/** The result of one rule. */
export interface AlertResult {
  id: string;
  /** The rule in words. */
  rule: string;
  kind: Rule["kind"];
  entity: Rule["entity"];
  metric: string;
  status: AlertStatus;
  /** Fired at the snapshot and not at the previous one (change and new-derivatives rules: whenever they fire). */
  newly: boolean;
  /** The snapshot evaluated and the one compared with (null when there is none). */
  date: string;
  previous: string | null;
  /** The figure at the snapshot, at the previous one (like for like for a change), and the change in percent. */
  value: number | null;
  before: number | null;
  changePct: number | null;
  threshold: number | null;
  derivatives?: NewDerivative[];
  /** The catalog queries behind the figures. */
  query: string;
  /** What was compared, or why the rule could not be evaluated. */
  reason: string;
  /** The dashboard page of the subject (a hash route). */
  link: string;
}

/** A whole check. */
export interface AlertsReport {
  watchlist: { name: string; title: string; file: string };
  date: string;
  previous: string | null;
  results: AlertResult[];
  counts: Record<AlertStatus, number>;
  /** True when no rule fired. */
  ok: boolean;
}

const n = (x: number) => x.toLocaleString("en-US");
const pct = (x: number) => `${x > 0 ? "+" : ""}${x.toFixed(1)}%`;

/** The dashboard route of a rule's subject. */
function linkOf(e: Rule["entity"]): string {
  if (e.kind === "model") return `#/model/${e.id}`;
  return `#/${e.kind}/${encodeURIComponent(e.id)}`;
}

/** A figure of one subject at one snapshot; null when the subject is not listed there. */
async function figureAt(
  ctx: AnswerContext,
  rule: Exclude<Rule, { kind: "new-derivatives" }>,
  family: Family | null,
  date: string,
) {
  const e = rule.entity;
  if (e.kind === "model") {
    const [m] = await ctx.query(modelDetail, { id: e.id, date });
    if (!m?.inSnapshot) return { value: null, query: "model" };
    return { value: rule.metric === "likes" ? m.likes : m.downloads, query: "model" };
  }
  if (e.kind === "org") {
    const [t] = await ctx.query(orgTotals, { author: e.id, match: null, date });
    if (!t || t.repos === 0) return { value: null, query: "org-totals" };
    return {
      value: rule.metric === "repos" ? t.repos : rule.metric === "likes" ? t.likes : t.downloads,
      query: "org-totals",
    };
  }
  const b = await familyBody(ctx, family as Family, {}, date, 1);
  const part = rule.scope === "official" ? b.official : rule.scope === "derivatives" ? b.derivatives : b.total;
  return { value: rule.metric === "repos" ? part.repos : part.downloads, query: "family-totals" };
}

/** The values (id → figure) of the members of an organisation or family listed at a snapshot. */
async function membersAt(
  ctx: AnswerContext,
  rule: Exclude<Rule, { kind: "new-derivatives" }>,
  family: Family | null,
  date: string,
): Promise<Map<string, number | null>> {
  const metric = rule.metric;
  if (rule.entity.kind === "org") {
    const rows = await ctx.query(orgModels, { author: rule.entity.id, match: null, date });
    return new Map(rows.map((r) => [r.id.toLowerCase(), metric === "likes" ? r.likes : r.downloads]));
  }
  const rows = await ctx.query(familyMembers, { ...familyParams(family as Family, {}, date), limit: 100_000 });
  const keep = rows.filter((r) => rule.scope === "total" || (rule.scope === "official") === (r.depth === 0));
  return new Map(keep.map((r) => [r.id.toLowerCase(), r.downloads]));
}

/** Whether a figure is beyond a threshold rule's bound. */
function beyond(rule: { above?: number; below?: number }, v: number): boolean {
  return rule.above !== undefined ? v > rule.above : v < (rule.below ?? Number.NEGATIVE_INFINITY);
}

/** Evaluates one threshold or change rule. */
async function evaluateFigure(
  ctx: AnswerContext,
  rule: Exclude<Rule, { kind: "new-derivatives" }>,
  family: Family | null,
  date: string,
  previous: string | null,
  base: Omit<AlertResult, "status" | "newly" | "value" | "before" | "changePct" | "threshold" | "query" | "reason">,
): Promise<AlertResult> {
  const unknown = (reason: string, query: string, value: number | null = null): AlertResult => ({
    ...base,
    status: "unknown",
    newly: false,
    value,
    before: null,
    changePct: null,
    threshold: rule.above ?? rule.below ?? null,
    query,
    reason,
  });
  const now = await figureAt(ctx, rule, family, date);
  if (rule.kind === "threshold") {
    if (now.value === null)
      return unknown(`${rule.entity.kind} ${rule.entity.id} is not listed in the snapshot of ${date}`, now.query);
    const fired = beyond(rule, now.value);
    const then = previous ? await figureAt(ctx, rule, family, previous) : null;
    const wasBeyond = then?.value !== null && then?.value !== undefined && beyond(rule, then.value);
    const bound = rule.above !== undefined ? `above ${n(rule.above)}` : `below ${n(rule.below ?? 0)}`;
    return {
      ...base,
      status: fired ? "fired" : "quiet",
      newly: fired && !wasBeyond,
      value: now.value,
      before: then?.value ?? null,
      changePct: null,
      threshold: rule.above ?? rule.below ?? null,
      query: now.query,
      reason: `${rule.metric} ${n(now.value)} at ${date}${fired ? ` is ${bound}` : ` is not ${bound}`}${
        then?.value !== null && then?.value !== undefined
          ? `; ${n(then.value)} at ${previous}${fired ? (wasBeyond ? " (already beyond then)" : " (crossed since)") : ""}`
          : ""
      }`,
    };
  }
  // change
  if (!previous) return unknown(`no complete snapshot before ${date} to compare with`, now.query, now.value);
  let value: number | null;
  let before: number | null;
  let how: string;
  let query = now.query;
  if (rule.entity.kind === "model") {
    const then = await figureAt(ctx, rule, family, previous);
    if (now.value === null) return unknown(`model ${rule.entity.id} is not listed in the snapshot of ${date}`, query);
    if (then.value === null)
      return unknown(`model ${rule.entity.id} is not listed in the snapshot of ${previous}`, query, now.value);
    value = now.value;
    before = then.value;
    how = `${n(before)} at ${previous} → ${n(value)} at ${date}`;
  } else if (rule.metric === "repos") {
    const then = await figureAt(ctx, rule, family, previous);
    if (now.value === null || then.value === null)
      return unknown(`${rule.entity.kind} ${rule.entity.id} is not listed at both ${previous} and ${date}`, query);
    value = now.value;
    before = then.value;
    how = `repos listed: ${n(before)} at ${previous} → ${n(value)} at ${date} (each snapshot's own coverage)`;
  } else {
    const a = await membersAt(ctx, rule, family, previous);
    const b = await membersAt(ctx, rule, family, date);
    let sa = 0;
    let sb = 0;
    let common = 0;
    for (const [id, v] of b) {
      const w = a.get(id);
      if (v === null || w === null || w === undefined) continue;
      sa += w;
      sb += v;
      common++;
    }
    query = rule.entity.kind === "org" ? "org-models" : "family-members";
    if (common === 0)
      return unknown(
        `no repo of ${rule.entity.kind} ${rule.entity.id} is listed with a count at both ${previous} and ${date}`,
        query,
      );
    value = sb;
    before = sa;
    how = `${n(sa)} → ${n(sb)} over the ${n(common)} repos listed at both ${previous} and ${date} (like for like; ${n(b.size - common)} others now)`;
  }
  const changePct = before === 0 ? (value === 0 ? 0 : null) : (100 * (value - before)) / before;
  const c = rule.change as NonNullable<typeof rule.change>;
  const fired =
    changePct !== null &&
    (c.direction === "up"
      ? changePct >= c.percent
      : c.direction === "down"
        ? changePct <= -c.percent
        : Math.abs(changePct) >= c.percent);
  return {
    ...base,
    status: changePct === null ? "unknown" : fired ? "fired" : "quiet",
    newly: fired,
    value,
    before,
    changePct,
    threshold: null,
    query,
    reason: `${rule.metric} ${how}: ${changePct === null ? "no change in percent from 0" : pct(changePct)} (rule ${c.text})`,
  };
}

/** Options of {@link checkWatchlist}. */
export interface CheckOptions {
  /** The snapshot to evaluate (default: the latest complete one). */
  date?: string | null;
  families: readonly Family[];
}

/** Evaluates every rule of a watchlist at a snapshot. */
export async function checkWatchlist(store: Store, w: Watchlist, opts: CheckOptions): Promise<AlertsReport> {
  const ctx: AnswerContext = {
    families: opts.families,
    query: (q, p) => store.query(q, p),
    notFound: (m) => new InputError(m),
  };
  const [snap] = await store.query(resolveSnapshot, { date: opts.date ?? null });
  if (!snap) {
    throw new InputError(
      opts.date
        ? `no complete snapshot for ${opts.date}`
        : "no snapshots loaded: load one with omo import or omo ingest",
    );
  }
  const date = snap.date;
  const [prev] = await store.query(previousSnapshot, { date });
  const previous = prev?.date ?? null;
  // a threshold is a figure at one snapshot; whether it was beyond before reads another snapshot, which says so when
  // it covered another number of models (the totals are then not like for like)
  const coverage =
    prev && prev.models !== snap.models
      ? ` (not like for like: the snapshots list ${snap.models.toLocaleString("en-US")} and ${prev.models.toLocaleString("en-US")} models)`
      : "";
  const results: AlertResult[] = [];
  for (const rule of w.rules) {
    const base = {
      id: rule.id,
      rule: describeRule(rule),
      kind: rule.kind,
      entity: rule.entity,
      metric: rule.kind === "new-derivatives" ? "derivatives" : rule.metric,
      date,
      previous,
      link: linkOf(rule.entity),
    };
    if (rule.kind === "new-derivatives") {
      const known = await ctx.query(modelDetail, { id: rule.entity.id, date });
      const empty = { value: null, before: null, changePct: null, threshold: null, query: "model-new-children" };
      if (!known[0]) {
        results.push({
          ...base,
          ...empty,
          status: "unknown",
          newly: false,
          reason: `model ${rule.entity.id} is not in the store`,
        });
        continue;
      }
      if (!previous) {
        results.push({
          ...base,
          ...empty,
          status: "unknown",
          newly: false,
          reason: `no complete snapshot before ${date}: every derivative would look new`,
        });
        continue;
      }
      const rows = await ctx.query(modelNewChildren, { id: rule.entity.id, date, since: previous, limit: 100 });
      const fired = rows.length > 0;
      results.push({
        ...base,
        ...empty,
        value: rows.length,
        status: fired ? "fired" : "quiet",
        newly: fired,
        derivatives: rows.map((r) => ({
          id: r.id,
          relation: r.relation,
          downloads: r.downloads,
          created: r.created,
          firstSeen: r.firstSeen,
        })),
        reason: fired
          ? `${rows.length} direct derivative${rows.length === 1 ? "" : "s"} of ${known[0].id} listed at ${date} and in no snapshot up to ${previous}: ${rows
              .slice(0, 5)
              .map((r) => r.id)
              .join(", ")}${rows.length > 5 ? ", …" : ""}`
          : `no direct derivative of ${known[0].id} first seen after ${previous}`,
      });
      continue;
    }
    let family: Family | null = null;
    if (rule.entity.kind === "family") {
      family = opts.families.find((f) => f.name === rule.entity.id.toLowerCase()) ?? null;
      if (!family) {
        throw new InputError(
          `rule ${rule.id}: unknown family "${rule.entity.id}"; known families: ${opts.families.map((f) => f.name).join(", ")}`,
          { file: w.file },
        );
      }
    }
    if (rule.entity.kind === "model") {
      // canonical spelling of the id for the messages; an unknown model is evaluated as not listed
      const m = await modelBody(ctx, rule.entity.id, date).catch(() => null);
      if (m) base.entity = { ...rule.entity, id: m.model.id };
    }
    const result = await evaluateFigure(ctx, rule, family, date, previous, base);
    if (rule.kind === "threshold" && rule.entity.kind !== "model" && result.before !== null) result.reason += coverage;
    results.push(result);
  }
  const counts: Record<AlertStatus, number> = { fired: 0, quiet: 0, unknown: 0 };
  for (const r of results) counts[r.status] += 1;
  return {
    watchlist: { name: w.name, title: w.title, file: w.file },
    date,
    previous,
    results,
    counts,
    ok: counts.fired === 0,
  };
}
