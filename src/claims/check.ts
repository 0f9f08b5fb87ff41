/**
 * Checking claims against the store: each claim is measured at the complete snapshot nearest its date (within a
 * tolerance) by the catalog query that answers its metric, and gets a verdict: `true`, `false`, or `unverifiable`
 * (no snapshot near the date, an unknown entity, or a quantity the Hub does not publish) with the reason.
 */
import {
  type AnswerContext,
  familyBody,
  familyParams,
  familyVersionsBody,
  orgVersionsBody,
} from "../answers/bodies.js";
import { loadPreset, planCost } from "../answers/cost-plan.js";
import { leaderboardGapBody, loadLeaderboardDeps } from "../answers/leaderboards.js";
import { opennessClassesBody } from "../answers/openness.js";
import { shippedUsageKnowledge, type UsageContext, usageMonthsBody, usageShareBody } from "../answers/usage.js";
import { loadClosedModels } from "../domain/closed-models.js";
import { parseCostRequest } from "../domain/cost-plan.js";
import type { Family } from "../domain/families.js";
import { daysBetween } from "../domain/leaderboard-gap.js";
import { type LicenceMap, licenceRows, loadLicences } from "../domain/licences.js";
import type { UsagePeriod } from "../domain/usage.js";
import type { ShareValue } from "../domain/usage-shares.js";
import { OTHER_VERSION } from "../domain/versions.js";
import { InputError } from "../errors.js";
import {
  leaderboardSnapshots,
  modelDetail,
  orgTotals,
  snapshotList,
  snapshotNear,
  usageSnapshots,
} from "../queries/index.js";
import { relationsLabel } from "../queries/params/families.js";
import type { Store } from "../store/store.js";
import { type Claim, entityKind } from "./schema.js";

/** The verdicts. */
export type Verdict = "true" | "false" | "unverifiable";

/** The result of one claim. */
export interface ClaimResult {
  id: string;
  text: string;
  verdict: Verdict;
  metric: Claim["metric"];
  op: Claim["op"];
  value: number;
  /** What the store measured (null when unverifiable). */
  measured: number | null;
  /** The date the claim speaks of (`YYYY-MM-DD`, a month's last day) and the snapshot (or price date) used. */
  target: string;
  snapshot: string | null;
  /** The catalog query that measured it. */
  query: string | null;
  /** Why a claim is unverifiable, or what was compared. */
  reason: string;
  /**
   * With `--date`: the same statement read at that date — what holds then. It never changes `verdict` (data from
   * another date does not make a dated claim true or false); null without `--date` or when it is the claim's date.
   */
  reread: Reading | null;
}

/** One reading of a claim's statement at a date: its verdict there, the measurement and where it comes from. */
export interface Reading {
  /** The date read (`YYYY-MM-DD`). */
  date: string;
  verdict: Verdict;
  measured: number | null;
  snapshot: string | null;
  query: string | null;
  reason: string;
}

/** The whole check. */
export interface ClaimsReport {
  results: ClaimResult[];
  counts: Record<Verdict, number>;
  /** True when no checkable claim is false. */
  ok: boolean;
  /** `--date`: every claim also re-read at this date (`reread`); verdicts stay those of the claims' own dates. */
  date: string | null;
}

const usd = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** The day a claim's date stands for (a month: its last day) and the default tolerance. */
export function targetOf(date: string): { target: string; tolerance: number } {
  if (date.length === 10) return { target: date, tolerance: 3 };
  const [y, m] = date.split("-").map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  return { target: last, tolerance: 7 };
}

/** Whether `measured op value` holds. */
export function compare(measured: number, op: Claim["op"], value: number, within = 5): boolean {
  switch (op) {
    case ">":
      return measured > value;
    case ">=":
      return measured >= value;
    case "<":
      return measured < value;
    case "<=":
      return measured <= value;
    case "=":
      return measured === value;
    case "~":
      return Math.abs(measured - value) <= (Math.abs(value) * within) / 100;
  }
}

/** A measurement, or the reason there is none. */
type Measure = { value: number; query: string; note?: string } | { unverifiable: string };

/** Measures one claim's metric at a snapshot. */
async function measure(
  store: Store,
  ctx: AnswerContext,
  claim: Claim,
  date: string,
  families: readonly Family[],
  licences: () => Promise<LicenceMap>,
): Promise<Measure> {
  const e = claim.entity;
  if ("model" in e) {
    const [m] = await store.query(modelDetail, { id: e.model, date });
    if (!m) return { unverifiable: `model ${e.model} is not listed in the snapshot of ${date}` };
    const v = claim.metric === "likes" ? m.likes : claim.metric === "downloads" ? m.downloads : m.downloadsAllTime;
    if (v === null) return { unverifiable: `the snapshot of ${date} has no ${claim.metric} figure for ${m.id}` };
    return { value: v, query: "model" };
  }
  if ("org" in e) {
    const match = e.match ?? null;
    const [any] = await store.query(orgTotals, { author: e.org, match: null, date });
    if (!any || any.repos === 0)
      return { unverifiable: `organisation ${e.org} has no repos in the snapshot of ${date}` };
    if (claim.metric === "versions") {
      const b = await orgVersionsBody(ctx, e.org, match, date);
      return { value: countReleases(b.releases), query: "org-models", note: releaseNote(b.repos, b.releases) };
    }
    const [t] = await store.query(orgTotals, { author: e.org, match, date });
    const v = claim.metric === "repos" ? t?.repos : claim.metric === "likes" ? t?.likes : t?.downloads;
    return { value: v ?? 0, query: "org-totals" };
  }
  if ("family" in e) {
    const f = families.find((x) => x.name.toLowerCase() === e.family.toLowerCase());
    if (!f) return { unverifiable: `unknown family ${e.family} (see "omo families")` };
    if (claim.metric === "versions") {
      const b = await familyVersionsBody(ctx, f, date);
      return {
        value: countReleases(b.releases),
        query: "family-members",
        note: releaseNote(b.repos, b.releases, "official repos"),
      };
    }
    if (claim.metric === "open-share") return openShare(store, await licences(), claim, date, f);
    const b = await familyBody(ctx, f, { relations: e.relations }, date, 1);
    const part = e.scope === "official" ? b.official : e.scope === "derivatives" ? b.derivatives : b.total;
    const v = claim.metric === "repos" ? part.repos : part.downloads;
    const params = familyParams(f, { relations: e.relations }, date);
    return { value: v, query: "family-totals", note: `${e.scope}, relations ${relationsLabel(params.relations)}` };
  }
  if ("hub" in e) {
    if (claim.metric === "open-share") return openShare(store, await licences(), claim, date, null);
    const s = (await store.query(snapshotList, {})).find((x) => x.date === date);
    return { value: (claim.metric === "repos" ? s?.models : s?.downloads) ?? 0, query: "snapshots" };
  }
  return { unverifiable: "unsupported entity" };
}

/** Versions counted for a claim: the releases (v1.5, not each size or context of it), `other` left out. */
function countReleases(releases: ReadonlyArray<{ version: string }>): number {
  return releases.filter((r) => r.version !== OTHER_VERSION).length;
}

/** "13 repos in 4 versions: v0, v1.1, v1.3, v1.5" (and the repos whose name gives no version). */
function releaseNote(repos: number, releases: ReadonlyArray<{ version: string; repos: number }>, what = "repos") {
  const named = releases.filter((r) => r.version !== OTHER_VERSION).map((r) => r.version);
  const other = releases.find((r) => r.version === OTHER_VERSION)?.repos ?? 0;
  return `${repos} ${what} in ${named.length} versions: ${[...named].sort().join(", ") || "none"}${other ? `; ${other} with no version in their name, not counted` : ""}`;
}

/** The share (percent) of downloads in the claim's open classes, for the Hub or one family. */
async function openShare(
  store: Store,
  map: LicenceMap,
  claim: Claim,
  date: string,
  family: Family | null,
): Promise<Measure> {
  const body = await opennessClassesBody((q, p) => store.query(q, p), map, { date, task: null, family });
  const share = body.classes.filter((c) => claim.classes.includes(c.class)).reduce((a, c) => a + c.share, 0) * 100;
  return {
    value: Math.round(share * 100) / 100,
    query: "openness-by-class",
    note: `classes ${claim.classes.join(", ")}`,
  };
}

/** What every result of a claim repeats from it. */
type ClaimBase = Pick<ClaimResult, "id" | "text" | "metric" | "op" | "value" | "target">;

/** A claim read at one date (what the leaderboard and token helpers answer): a result without its re-reading. */
type OneReading = Omit<ClaimResult, "reread">;

/** The {@link Reading} of a result read at its target date. */
function readingOf(r: OneReading): Reading {
  return {
    date: r.target,
    verdict: r.verdict,
    measured: r.measured,
    snapshot: r.snapshot,
    query: r.query,
    reason: r.reason,
  };
}

/** The unverifiable result of a claim, with the reason and the snapshot looked at (if any). */
function unverifiableOf(base: ClaimBase) {
  return (reason: string, snapshot: string | null = null): OneReading => ({
    ...base,
    verdict: "unverifiable",
    measured: null,
    snapshot,
    query: null,
    reason,
  });
}

/**
 * A leaderboard claim (`gap`, `open-share-top-k`): measured on the board's stored table nearest the target date
 * within the tolerance (on a tie the earlier one); unverifiable when there is none, or when that table has no
 * closed or no open model (a gap needs both).
 */
async function leaderboardClaim(
  store: Store,
  c: Claim,
  board: string,
  target: string,
  tolerance: number,
  base: ClaimBase,
  families: readonly Family[],
): Promise<OneReading> {
  const unverifiable = unverifiableOf(base);
  const deps = await loadLeaderboardDeps(families);
  if (!deps.boards.some((b) => b.board === board && b.gap)) {
    return unverifiable(
      `${board} is not a leaderboard with an open-vs-closed comparison (data/leaderboards/boards.yaml)`,
    );
  }
  const tables = await store.query(leaderboardSnapshots, { board });
  const near = tables
    .map((t) => ({ date: t.date, days: daysBetween(target, t.date) }))
    .filter((t) => Math.abs(t.days) <= tolerance)
    .sort((a, b) => Math.abs(a.days) - Math.abs(b.days) || a.date.localeCompare(b.date))[0];
  if (!near) {
    return unverifiable(
      `no ${board} table within ${tolerance} days of ${target} (${tables.length ? `tables ${tables[0]?.date} … ${tables[tables.length - 1]?.date}` : "none stored"})`,
    );
  }
  const ctx = {
    query: store.query.bind(store),
    notFound: (m: string) => new InputError(m),
    badParam: (_p: string, m: string) => new InputError(m),
  };
  const body = await leaderboardGapBody(ctx, deps, { board, from: near.date, to: near.date, top: c.k });
  const d = body.dates[0];
  let measured: number | null = null;
  let what = "";
  if (c.metric === "gap") {
    if (!d || d.gap === null)
      return unverifiable(
        `the ${board} table of ${near.date} has no closed or no open model with a known licence`,
        near.date,
      );
    measured = d.gap;
    what = `best closed ${d.closed?.model} ${d.closed?.score} minus best open ${d.open?.model} ${d.open?.score}, segment ${d.segment}`;
  } else {
    const share = d?.shares.find((x) => x.top === c.k);
    if (!share) return unverifiable(`the ${board} table of ${near.date} has no scored entries`, near.date);
    measured = share.share;
    what = `${share.open} of the top ${c.k} are open-weight models (${share.unknown} of unknown openness)`;
  }
  const distance =
    near.days === 0 ? "" : ` (${Math.abs(near.days)} days ${near.days < 0 ? "before" : "after"} ${target})`;
  return {
    ...base,
    verdict: compare(measured, c.op, c.value, c.within) ? "true" : "false",
    measured,
    snapshot: near.date,
    query: "leaderboard-entries",
    reason: `${board} ${c.metric}: ${what}, on the table of ${near.date}${distance}`,
  };
}

/** Checks every claim; `date` re-reads all of them at that date instead of their own. */
export async function checkClaims(
  store: Store,
  claims: readonly Claim[],
  opts: { date?: string | null; families: readonly Family[] },
): Promise<ClaimsReport> {
  const ctx: AnswerContext = {
    families: opts.families,
    query: (q, p) => store.query(q, p),
    notFound: (m) => new InputError(m),
  };
  const snapshots = (await store.query(snapshotList, {})).filter((s) => s.status === "complete").map((s) => s.date);
  const closed = await loadClosedModels();
  // the licence map, read and made current in the store once, on the first open-share claim
  let licenceMap: Promise<LicenceMap> | null = null;
  const licences = () => {
    licenceMap ??= loadLicences().then(async (map) => {
      await store.refreshLicences(licenceRows(map));
      return map;
    });
    return licenceMap;
  };
  /** Reads one claim's statement at `target` (a snapshot within `tolerance` days, or prices in force then). */
  const readAt = async (c: Claim, target: string, tolerance: number, reread: boolean): Promise<Reading> => {
    const unverifiable = (reason: string, snapshot: string | null = null): Reading => ({
      date: target,
      verdict: "unverifiable",
      measured: null,
      snapshot,
      query: null,
      reason,
    });
    const kind = entityKind(c.entity);
    if ("closed" in c.entity) {
      const name = c.entity.closed;
      const known = closed.find((m) => m.name.toLowerCase() === name.toLowerCase() || m.id === name.toLowerCase());
      return unverifiable(
        known
          ? `${known.name} (${known.provider}) is API-only: it publishes no weights and no ${c.metric} figures, so no snapshot can measure it`
          : `${name} is not a known API-only model (data/closed-models.yaml) and has no Hub statistics`,
      );
    }
    if ("preset" in c.entity) {
      const e = c.entity;
      try {
        const plan = await planCost(store, parseCostRequest({ preset: e.preset, asOf: target }));
        const opt = plan.options.find(
          (o) => o.model.toLowerCase() === e.option.toLowerCase() || o.label.toLowerCase() === e.option.toLowerCase(),
        );
        if (!opt) return unverifiable(`preset ${e.preset} has no option ${e.option}`);
        const measured = Math.round(opt.monthlyUsd * 100) / 100;
        const holds = compare(opt.monthlyUsd, c.op, c.value, c.within);
        const derived = (await loadPreset(e.preset)).derivedFrom;
        if (derived) {
          // the workload was sized from a claimed cost: the figure cannot confirm (or refute) the claim
          return {
            ...unverifiable(
              `the arithmetic is ${holds ? "consistent" : "not consistent"}: ${opt.label} costs $${usd.format(measured)} a month at prices in force on ${plan.asOf}, but the preset's workload was derived from $${usd.format(derived.monthlyUsd)} a month on ${derived.option} (prices of ${derived.asOf}), the claimed figure, not measured: circular`,
              plan.asOf,
            ),
            measured,
            query: "price-lookup",
          };
        }
        return {
          date: target,
          verdict: holds ? "true" : "false",
          measured,
          snapshot: plan.asOf,
          query: "price-lookup",
          reason: `${opt.label}: USD a month at prices in force on ${plan.asOf}`,
        };
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        return unverifiable(`cannot price preset ${e.preset} at ${target}: ${err.message}`);
      }
    }
    // leaderboard and token claims read their own tables (the board's nearest table, the usage snapshot)
    const base = { id: c.id, text: c.text, metric: c.metric, op: c.op, value: c.value, target };
    if ("tokens" in c.entity) {
      const e = c.entity;
      return readingOf(await tokenShare(store, c, e, target, tolerance, opts.families, base, unverifiableOf(base)));
    }
    if ("leaderboard" in c.entity) {
      return readingOf(await leaderboardClaim(store, c, c.entity.leaderboard, target, tolerance, base, opts.families));
    }
    const [snap] = await store.query(snapshotNear, { target, tolerance });
    if (!snap) {
      const have = snapshots.length
        ? `snapshots: ${snapshots.slice(0, 5).join(", ")}${snapshots.length > 5 ? ", …" : ""}`
        : "no snapshots";
      return unverifiable(`no complete snapshot within ${tolerance} days of ${target} (${have})`);
    }
    const m = await measure(store, ctx, c, snap.date, opts.families, licences);
    if ("unverifiable" in m) return unverifiable(m.unverifiable, snap.date);
    const holds = compare(m.value, c.op, c.value, c.within);
    const distance =
      snap.days === 0 ? "" : ` (${Math.abs(snap.days)} days ${snap.days < 0 ? "before" : "after"} ${target})`;
    return {
      date: target,
      verdict: holds ? "true" : "false",
      measured: m.value,
      snapshot: snap.date,
      query: m.query,
      reason: `${kind} ${c.metric}${m.note ? ` (${m.note})` : ""} at the snapshot of ${snap.date}${distance}${reread ? `; claim dated ${c.date}, re-read at ${target}` : ""}`,
    };
  };

  const results: ClaimResult[] = [];
  for (const c of claims) {
    const own = targetOf(c.date);
    const r = await readAt(c, own.target, c.tolerance ?? own.tolerance, false);
    const reread = opts.date && opts.date !== own.target ? await readAt(c, opts.date, c.tolerance ?? 0, true) : null;
    results.push({
      id: c.id,
      text: c.text,
      metric: c.metric,
      op: c.op,
      value: c.value,
      target: own.target,
      verdict: r.verdict,
      measured: r.measured,
      snapshot: r.snapshot,
      query: r.query,
      reason: r.reason,
      reread,
    });
  }
  const counts = { true: 0, false: 0, unverifiable: 0 } as Record<Verdict, number>;
  for (const r of results) counts[r.verdict] += 1;
  return { results, counts, ok: counts.false === 0, date: opts.date ?? null };
}

/** Days between two dates (b − a). */
function dayDiff(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * A `token-share` claim: the group's share of OpenRouter tokens at the usage snapshot of the period nearest the
 * claim's date. Checkable only where coverage allows: a point (every model named) is compared; bounds (top N and the
 * total) decide only when both ends agree; no share (total unknown) is unverifiable.
 */
async function tokenShare(
  store: Store,
  c: Claim,
  e: { tokens: "openrouter"; group: string; by: "class" | "family" | "org" | "country"; period: UsagePeriod },
  target: string,
  tolerance: number,
  families: readonly Family[],
  base: ClaimBase,
  unverifiable: (reason: string, snapshot?: string | null) => OneReading,
): Promise<OneReading> {
  const lo = new Date(Date.parse(`${target}T00:00:00Z`) - tolerance * 86_400_000).toISOString().slice(0, 10);
  const hi = new Date(Date.parse(`${target}T00:00:00Z`) + tolerance * 86_400_000).toISOString().slice(0, 10);
  // a month (claim date YYYY-MM) is read inside the month: its weeks aggregated for the open share, else its last
  // snapshot; a day is read at the nearest snapshot within the tolerance
  const month = c.date.length === 7 ? c.date : null;
  const ctx: UsageContext = { run: (q, p) => store.query(q, p), families, knowledge: await shippedUsageKnowledge() };
  if (month && e.period === "week" && e.by === "class" && e.group.toLowerCase() === "open") {
    const m = (await usageMonthsBody(ctx, { from: `${month}-01`, to: target })).months.find((x) => x.month === month);
    if (m) {
      const what = `${month}: open share over ${m.weeksKnown} of ${m.weeks} weeks with a known total (weeks from Monday, token-weighted)`;
      return judge(c, base, unverifiable, m.open, what, month, "");
    }
  }
  const near = (
    await store.query(usageSnapshots, {
      period: e.period,
      source: null,
      from: month ? `${month}-01` : lo,
      to: month ? target : hi,
    })
  )
    .filter((s) => s.chosen)
    .sort(
      (a, b) => Math.abs(dayDiff(target, a.date)) - Math.abs(dayDiff(target, b.date)) || a.date.localeCompare(b.date),
    )[0];
  if (!near) {
    return unverifiable(
      `no OpenRouter usage snapshot of period ${e.period} within ${tolerance} days of ${target} (load the rankings with "omo usage import")`,
    );
  }
  const body = await usageShareBody(ctx, {
    period: e.period,
    from: near.date,
    to: near.date,
    by: e.by,
    variants: "grouped",
    source: null,
  });
  const d = body.dates[0];
  if (!d) return unverifiable(`the usage snapshot of ${near.date} has no rows`, near.date);
  const g = d.groups.find((x) => x.key.toLowerCase() === e.group.toLowerCase());
  const total = d.tokens.total;
  const where = `${e.period} ending ${d.window.end}, ${d.snapshot.source}: ${d.coverage.how}`;
  const distance = near.date === target ? "" : ` (${Math.abs(dayDiff(target, near.date))} days from ${target})`;
  // a group absent from the named models holds nothing named: 0, or up to the unattributed rest
  const value =
    g?.value ??
    (total === null
      ? null
      : d.coverage.kind === "full"
        ? { tokens: 0, share: 0 }
        : { lower: 0, upper: ((d.tokens.remainder ?? 0) + d.named.unknown) / total, namedTokens: 0 });
  const what = `token share of ${e.by === "class" ? e.group : `${e.by} ${e.group}`} at ${where}`;
  return judge(c, base, unverifiable, value, what, near.date, distance);
}

/** The verdict of a share: a point compared; bounds decide when both ends agree; no share is unverifiable. */
function judge(
  c: Claim,
  base: ClaimBase,
  unverifiable: (reason: string, snapshot?: string | null) => OneReading,
  value: ShareValue,
  what: string,
  snapshot: string,
  distance: string,
): OneReading {
  if (value === null) {
    return unverifiable(
      `${what}: only the top models are named and the total is unknown, so no share${distance}`,
      snapshot,
    );
  }
  const round = (x: number) => Math.round(x * 10_000) / 100;
  if ("share" in value) {
    const measured = round(value.share);
    return {
      ...base,
      verdict: compare(measured, c.op, c.value, c.within) ? "true" : "false",
      measured,
      snapshot,
      query: "usage-rows",
      reason: `${what}${distance}`,
    };
  }
  const lower = round(value.lower);
  const upper = round(value.upper);
  const a = compare(lower, c.op, c.value, c.within);
  const b = compare(upper, c.op, c.value, c.within);
  const bounds = `lies between ${lower} and ${upper} % (only the top models named, the total known)`;
  if (a !== b) return unverifiable(`${what} ${bounds}: the bounds do not decide${distance}`, snapshot);
  return {
    ...base,
    verdict: a ? "true" : "false",
    measured: null,
    snapshot,
    query: "usage-rows",
    reason: `${what} ${bounds}: both bounds ${a ? "satisfy" : "contradict"} the claim${distance}`,
  };
}
