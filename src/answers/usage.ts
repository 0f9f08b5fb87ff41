/**
 * The token-usage answers every surface shares (CLI `omo usage … --json`, the API's `/api/usage/*`, the dashboard's
 * usage page, the report's "Who serves the tokens", the claims' `token-share`): built from the usage catalog queries
 * and the matching of OpenRouter ids (src/domain/usage-match.ts), so the same question gets the same numbers.
 */

import { type ClosedModel, loadClosedModels } from "../domain/closed-models.js";
import type { Family } from "../domain/families.js";
import { classOf, type LicenceMap, loadLicences } from "../domain/licences.js";
import { baseModelId, type OrganisationIndex } from "../domain/model-names.js";
import { loadOrganisationIndex } from "../domain/organisations.js";
import type { UsagePeriod } from "../domain/usage.js";
import { type ClassRule, loadClassRule } from "../domain/usage-classes.js";
import {
  catalogueIndex,
  type HubAlias,
  hubIndex,
  type LeaderboardIndex,
  leaderboardIndex,
  loadHubAliases,
  type MatchContext,
  matchModel,
  type UsageMatch,
} from "../domain/usage-match.js";
import {
  computeShares,
  type DateShare,
  isPoint,
  monthlyShares,
  type ShareDimension,
  type ShareValue,
  type VariantMode,
} from "../domain/usage-shares.js";
import {
  familyTotals,
  leaderboardSnapshots,
  modelDetail,
  snapshotList,
  snapshotNear,
  usageCatalogue,
  usageHubRepos,
  usageRows,
  usageSnapshots,
} from "../queries/index.js";
import { familyParams } from "./bodies.js";
import { leaderboardModelsBody, loadLeaderboardDeps } from "./leaderboards.js";
import type { QueryRunner } from "./openness.js";

/** The reviewed tables usage answers read (loaded once per surface). */
export interface UsageKnowledge {
  rule: ClassRule;
  aliases: HubAlias[];
  organisations: OrganisationIndex;
  closed: ClosedModel[];
  licences: LicenceMap;
}

/** Loads the shipped rule, alias table, organisations, closed catalogue and licence map. */
export async function loadUsageKnowledge(): Promise<UsageKnowledge> {
  const [rule, aliases, organisations, closed, licences] = await Promise.all([
    loadClassRule(),
    loadHubAliases(),
    loadOrganisationIndex(),
    loadClosedModels(),
    loadLicences(),
  ]);
  return { rule, aliases, organisations, closed, licences };
}

let shipped: Promise<UsageKnowledge> | null = null;

/** The shipped tables, read once per process (the server's routes share them). */
export function shippedUsageKnowledge(): Promise<UsageKnowledge> {
  shipped ??= loadUsageKnowledge().catch((err: unknown) => {
    shipped = null;
    throw err;
  });
  return shipped;
}

/** Where usage answers come from: queries, the family registry and the reviewed tables. */
export interface UsageContext {
  run: QueryRunner;
  families: readonly Family[];
  knowledge: UsageKnowledge;
}

/** A matcher over the store's catalogue and Hub repos, memoised per id. */
export interface Matcher {
  match(id: string): UsageMatch;
  /** The licence class of a Hub repo the store knows (null when it does not know the repo or its licence). */
  licenceOf(repo: string): string | null;
  /** Hub repos known to the name rule. */
  knownRepos: number;
  /** Dates of the catalogues read. */
  catalogues: string[];
  /** The leaderboard table matched against, if any. */
  leaderboard: LeaderboardIndex | null;
}

/**
 * The LMArena text table (board arena-text) nearest `near` (default: the newest usage snapshot), indexed with the
 * leaderboards' own matching of its entries (Hub repo, closed catalogue, family); null without leaderboard tables.
 */
export async function usageLeaderboard(
  ctx: UsageContext,
  near: string | null = null,
): Promise<LeaderboardIndex | null> {
  const tables = await ctx.run(leaderboardSnapshots, { board: "arena-text" });
  if (tables.length === 0) return null;
  const target =
    near ??
    (await ctx.run(usageSnapshots, { period: null, source: null, from: null, to: null }))
      .map((x) => x.windowEnd)
      .sort()
      .pop() ??
    "0000-00-00";
  const days = (d: string) => Math.abs(Date.parse(`${d}T00:00:00Z`) - Date.parse(`${target}T00:00:00Z`));
  // a table naming every model beats a nearer one that names only the top (the later arena-extra scrapes keep 30)
  const full = tables.filter((t) => t.coverageKind === "full");
  const table = [...(full.length > 0 ? full : tables)].sort(
    (a, b) => days(a.date) - days(b.date) || a.date.localeCompare(b.date),
  )[0];
  if (!table) return null;
  const lctx = {
    query: ctx.run,
    notFound: (m: string) => new Error(m),
    badParam: (_p: string, m: string) => new Error(m),
  };
  const body = await leaderboardModelsBody(lctx, await loadLeaderboardDeps(ctx.families), {
    board: "arena-text",
    date: table.date,
    limit: null,
  });
  return leaderboardIndex(
    body.board,
    body.date,
    body.entries.map((e) => ({
      model: e.model,
      score: e.score,
      rank: e.rank,
      hubRepo: e.hub?.repo ?? null,
      closedId: e.closedCatalogue?.id ?? null,
      family: e.family?.family ?? null,
      open: e.openness === "open",
    })),
  );
}

/** Builds the matcher: reads OpenRouter's catalogue and the Hub repos of every organisation spelling once. */
export async function usageMatcher(
  ctx: UsageContext,
  opts: {
    /** Match against the stored leaderboard table nearest this date (`true`: the newest usage date; default none). */
    leaderboard?: boolean | string;
  } = {},
): Promise<Matcher> {
  const k = ctx.knowledge;
  const catalogue = await ctx.run(usageCatalogue, {});
  const authors = new Set<string>();
  for (const o of k.organisations.organisations) for (const a of k.organisations.hubAuthors(o)) authors.add(a);
  for (const a of k.rule.authors.keys()) authors.add(a);
  const stored = await ctx.run(usageHubRepos, { authors: [...authors].filter((a) => !a.includes(",")).join(",") });
  const licence = new Map<string, string | null>();
  for (const r of stored) licence.set(r.id.toLowerCase(), r.license);
  const repos = [...stored.map((r) => r.id), ...catalogue.flatMap((c) => (c.huggingFaceId ? [c.huggingFaceId] : []))];
  const mctx: MatchContext = {
    rule: k.rule,
    aliases: k.aliases,
    catalogue: catalogueIndex(catalogue),
    hubRepos: hubIndex(repos),
    families: ctx.families,
    organisations: k.organisations,
    closed: k.closed,
    leaderboard: opts.leaderboard
      ? await usageLeaderboard(ctx, typeof opts.leaderboard === "string" ? opts.leaderboard : null)
      : null,
  };
  const memo = new Map<string, UsageMatch>();
  return {
    match(id) {
      let m = memo.get(id);
      if (!m) {
        m = matchModel(id, mctx);
        memo.set(id, m);
      }
      return m;
    },
    licenceOf(repo) {
      const tag = licence.get(repo.toLowerCase());
      return tag === undefined || tag === null ? null : classOf(k.licences, tag);
    },
    knownRepos: new Set(repos.map((r) => r.toLowerCase())).size,
    leaderboard: mctx.leaderboard ?? null,
    catalogues: [...new Set(catalogue.map((c) => `${c.asOf} (${c.source})`))],
  };
}

/** What a share question asks. */
export interface ShareQuestion {
  period: UsagePeriod;
  from: string | null;
  to: string | null;
  by: ShareDimension;
  variants: VariantMode;
  source: string | null;
}

/** The definition every token-share figure carries. */
export const TOKEN_SHARE_DEFINITION =
  "Share of the tokens (prompt + completion, as OpenRouter publishes them) OpenRouter served in the window: a point where every model is named; lower/upper bounds where only the top N are named and the total is known (the unnamed rest and models of unknown class all elsewhere / all in the group); none where the total is unknown. One gateway, not the market: first-party APIs and self-hosting are not in it; tokens are not spend.";

/** Token shares per date of a period, as `omo usage share --json` and `/api/usage/share`. */
export async function usageShareBody(ctx: UsageContext, q: ShareQuestion, matcher?: Matcher) {
  const m = matcher ?? (await usageMatcher(ctx));
  const params = { period: q.period, source: q.source, from: q.from, to: q.to };
  const snapshots = (await ctx.run(usageSnapshots, params)).filter((s) => s.chosen);
  const rows = await ctx.run(usageRows, params);
  const dates: DateShare[] = computeShares(snapshots, rows, (id) => m.match(id), {
    by: q.by,
    variants: q.variants,
    licenceOf: (r) => m.licenceOf(r),
  });
  const count = (f: (d: DateShare) => boolean) => dates.filter(f).length;
  return {
    period: q.period,
    from: q.from,
    to: q.to,
    by: q.by,
    variants: q.variants,
    source: q.source,
    definition: TOKEN_SHARE_DEFINITION,
    queries: ["usage-snapshots", "usage-rows", "usage-catalogue", "usage-hub-repos"],
    rule: {
      file: "data/usage/openrouter-classes.yaml",
      asOf: ctx.knowledge.rule.asOf,
      source: ctx.knowledge.rule.source,
    },
    counts: {
      dates: dates.length,
      points: count((d) => isPoint(d.open)),
      bounds: count((d) => d.open !== null && !isPoint(d.open)),
      noShare: count((d) => d.open === null),
    },
    dates,
  };
}

/** Open share per calendar month from the weekly chart and the full-coverage 7-day windows, as `omo usage months`. */
export async function usageMonthsBody(
  ctx: UsageContext,
  q: { from: string | null; to: string | null },
  matcher?: Matcher,
) {
  const m = matcher ?? (await usageMatcher(ctx));
  const base = { from: q.from, to: q.to, by: "class" as const, variants: "grouped" as const, source: null };
  const weeks = await usageShareBody(ctx, { ...base, period: "week" }, m);
  const windows = await usageShareBody(ctx, { ...base, period: "7d" }, m);
  const months = monthlyShares(
    weeks.dates,
    windows.dates.filter((d) => d.coverage.kind === "full"),
    windows.dates.filter((d) => d.coverage.kind === "partial"),
  );
  return {
    from: q.from,
    to: q.to,
    definition:
      "Open-weight share of a calendar month's tokens, weighted by tokens over its weeks (a week counts in the month of its Monday): a week takes the full-coverage value of the 7-day window ending on its Sunday where every model is named, else the chart's bounds (top 9 + Others); weeks whose total is unknown are left out and counted. A month with no week of known total falls back to the 7-day windows inside it that name the top 15 with the week's total (the monthly Wayback captures).",
    queries: weeks.queries,
    months,
  };
}

/** What a models question asks. */
export interface ModelsQuestion {
  period: UsagePeriod;
  date: string | null;
  variants: VariantMode;
  limit: number;
  source: string | null;
}

/** The models of the snapshot answering for a date (default: the period's latest), as `omo usage models --json`. */
export async function usageModelsBody(ctx: UsageContext, q: ModelsQuestion, matcher?: Matcher) {
  const m = matcher ?? (await usageMatcher(ctx));
  const all = (await ctx.run(usageSnapshots, { period: q.period, source: q.source, from: null, to: null })).filter(
    (s) => s.chosen,
  );
  const snap = q.date ? all.find((s) => s.date === q.date) : all[all.length - 1];
  if (!snap) {
    return { period: q.period, date: q.date, snapshot: null, available: all.map((s) => s.date), models: [], total: 0 };
  }
  const rows = await ctx.run(usageRows, { period: q.period, source: q.source, from: snap.date, to: snap.date });
  const full = snap.coverageKind === "full" && snap.totalTokens !== null;
  const grouped = new Map<
    string,
    { model: string; variant: string; tokens: number; free: number; prompt: number | null; completion: number | null }
  >();
  for (const r of rows) {
    const key = q.variants === "apart" ? `${r.model}\u0000${r.variant}` : r.model;
    const g = grouped.get(key) ?? {
      model: r.model,
      variant: q.variants === "apart" ? r.variant : "all",
      tokens: 0,
      free: 0,
      prompt: 0,
      completion: 0,
    };
    g.tokens += r.tokens;
    if (r.variant === "free") g.free += r.tokens;
    g.prompt = g.prompt === null || r.prompt === null ? null : g.prompt + r.prompt;
    g.completion = g.completion === null || r.completion === null ? null : g.completion + r.completion;
    grouped.set(key, g);
  }
  const models = [...grouped.values()]
    .sort((a, b) => b.tokens - a.tokens || a.model.localeCompare(b.model) || a.variant.localeCompare(b.variant))
    .slice(0, q.limit)
    .map((g, i) => {
      const x = m.match(g.model);
      return {
        rank: i + 1,
        model: g.model,
        variant: g.variant,
        tokens: g.tokens,
        freeTokens: g.free,
        prompt: g.prompt,
        completion: g.completion,
        share: full ? g.tokens / (snap.totalTokens as number) : null,
        shareOfKnownTotal: !full && snap.totalTokens ? g.tokens / snap.totalTokens : null,
        class: x.class,
        classBasis: x.classBasis,
        hubRepo: x.hub?.repo ?? null,
        hubMethod: x.hub?.method ?? null,
        family: x.family?.name ?? null,
        organisation: x.organisation?.name ?? null,
        country: x.organisation?.country ?? null,
        closedModel: x.closed?.id ?? null,
      };
    });
  return {
    period: q.period,
    date: snap.date,
    variants: q.variants,
    snapshot: {
      id: snap.id,
      source: snap.source,
      endpoint: snap.endpoint,
      window: { start: snap.windowStart, end: snap.windowEnd },
      fetchedAt: snap.fetchedAt,
      status: snap.status,
      coverage: {
        kind: snap.coverageKind,
        how: snap.coverageHow,
        models: snap.models,
        top: snap.top,
        totalKnown: snap.totalKnown,
      },
      totalTokens: snap.totalTokens,
      namedTokens: snap.namedTokens,
      remainderTokens: snap.remainderTokens,
    },
    definition: TOKEN_SHARE_DEFINITION,
    queries: ["usage-snapshots", "usage-rows"],
    available: all.map((s) => s.date),
    models,
    total: grouped.size,
  };
}

/** How OpenRouter ids matched, over the full-coverage snapshots of a period, as `omo usage match --json`. */
export async function usageMatchesBody(
  ctx: UsageContext,
  q: { period: UsagePeriod; from: string | null; to: string | null; limit: number },
  matcher?: Matcher,
) {
  const m = matcher ?? (await usageMatcher(ctx, { leaderboard: true }));
  const params = { period: q.period, source: null, from: q.from, to: q.to };
  const snaps = (await ctx.run(usageSnapshots, params)).filter((s) => s.chosen && s.coverageKind === "full");
  const ids = new Set(snaps.map((s) => s.id));
  const rows = (await ctx.run(usageRows, params)).filter((r) => ids.has(r.snapshotId));
  const byModel = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    byModel.set(r.model, (byModel.get(r.model) ?? 0) + r.tokens);
    total += r.tokens;
  }
  const methods = { catalogue: 0, alias: 0, "name-rule": 0, none: 0 };
  const openMethods = { catalogue: 0, alias: 0, "name-rule": 0, none: 0 };
  const classes = { open: 0, closed: 0, unknown: 0 };
  const boards = { "hub-repo": 0, name: 0, "closed-catalogue": 0, none: 0 };
  const models = [...byModel.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([id, tokens]) => {
      const x = m.match(id);
      const method = x.hub?.method ?? "none";
      methods[method] += tokens;
      if (x.class === "open") openMethods[method] += tokens;
      classes[x.class] += tokens;
      boards[x.leaderboard?.rule ?? "none"] += tokens;
      return { id, tokens, share: total > 0 ? tokens / total : 0, match: x };
    });
  const open = classes.open;
  const rate = (o: Record<string, number>, of: number) =>
    Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { tokens: v, share: of > 0 ? v / of : 0 }]));
  const brief = (x: (typeof models)[number]) => ({
    id: x.id,
    tokens: x.tokens,
    share: x.share,
    class: x.match.class,
    classBasis: x.match.classBasis,
    ruleClass: x.match.ruleClass,
    hubRepo: x.match.hub?.repo ?? null,
    hubMethod: x.match.hub?.method ?? null,
    family: x.match.family?.name ?? null,
    organisation: x.match.organisation?.name ?? null,
    country: x.match.organisation?.country ?? null,
    closedModel: x.match.closed?.id ?? null,
    leaderboardModel: x.match.leaderboard?.model ?? null,
    leaderboardScore: x.match.leaderboard?.score ?? null,
    leaderboardRule: x.match.leaderboard?.rule ?? null,
  });
  return {
    period: q.period,
    from: snaps[0]?.date ?? q.from,
    to: snaps[snaps.length - 1]?.date ?? q.to,
    snapshots: snaps.length,
    ids: models.length,
    tokens: total,
    catalogues: m.catalogues,
    knownHubRepos: m.knownRepos,
    /** Share of all tokens by how their Hub repo was found ("none": no repo). */
    hubMatch: rate(methods, total),
    /** The same among the tokens of open-weight models. */
    openHubMatch: rate(openMethods, open),
    classes: rate(classes, total),
    /** Share of all tokens by how their model was found on the leaderboard table ("none": not found). */
    leaderboard: m.leaderboard
      ? { board: m.leaderboard.board, date: m.leaderboard.date, match: rate(boards, total) }
      : null,
    families: {
      matched: models.filter((x) => x.match.family).reduce((a, x) => a + x.tokens, 0) / (open || 1),
      note: "share of open-weight tokens whose Hub repo is official in a family of the registry",
    },
    organisations: {
      matched: models.filter((x) => x.match.organisation).reduce((a, x) => a + x.tokens, 0) / (total || 1),
      note: "share of all tokens whose OpenRouter prefix is in data/organisations.yaml",
    },
    closedCatalogue: models
      .filter((x) => x.match.closed)
      .map(brief)
      .slice(0, q.limit),
    differFromRule: models.filter((x) => x.match.class !== x.match.ruleClass).map(brief),
    unmatchedOpen: models
      .filter((x) => x.match.class === "open" && !x.match.hub)
      .map(brief)
      .slice(0, q.limit),
    top: models.slice(0, q.limit).map(brief),
  };
}

/** What a signals question asks: one family, one model, or every family; at a date of a period (default latest). */
export interface SignalsQuestion {
  period: UsagePeriod;
  date: string | null;
  family: string | null;
  model: string | null;
  /** Days a Hub snapshot may lie from the usage window's last day (default 31). */
  tolerance: number;
}

/** The definition of the download share beside a token share. */
export const DOWNLOAD_SHARE_DEFINITION =
  "Share of the 30-day downloads of every model listed in the Hub snapshot nearest the usage date (a family: official repos and lineage derivatives; a model: its repo). The snapshot's own coverage applies: a listing of trending models is not the whole Hub.";

/**
 * "Used in production" vs "downloaded" vs "rated": token share (OpenRouter) beside download share (the Hub snapshot
 * nearest the usage date) for each family of the registry, one family, or one model, as `omo usage signals --json`.
 * Leaderboard scores join when the store holds leaderboard snapshots (issue 13).
 */
export async function usageSignalsBody(ctx: UsageContext, q: SignalsQuestion, matcher?: Matcher) {
  const all = (await ctx.run(usageSnapshots, { period: q.period, source: null, from: null, to: null })).filter(
    (s) => s.chosen,
  );
  const snap = q.date ? all.find((s) => s.date === q.date) : all[all.length - 1];
  if (!snap)
    return { period: q.period, date: q.date, usage: null, hub: null, available: all.map((s) => s.date), rows: [] };
  const m = matcher ?? (await usageMatcher(ctx, { leaderboard: snap.windowEnd }));
  const rows = await ctx.run(usageRows, { period: q.period, source: null, from: snap.date, to: snap.date });
  const [near] = await ctx.run(snapshotNear, { target: snap.windowEnd, tolerance: q.tolerance });
  const hubTotal = near
    ? ((await ctx.run(snapshotList, {})).find((s) => s.date === near.date)?.downloads ?? null)
    : null;
  const usage = {
    date: snap.date,
    window: { start: snap.windowStart, end: snap.windowEnd },
    source: snap.source,
    coverage: { kind: snap.coverageKind, how: snap.coverageHow, top: snap.top, totalKnown: snap.totalKnown },
    totalTokens: snap.totalTokens,
  };
  const hub = near
    ? { date: near.date, distanceDays: near.days, models: near.models, downloads: hubTotal ?? near.downloads }
    : null;
  const downloadShare = (downloads: number | null) =>
    hub && downloads !== null ? { downloads, share: hub.downloads > 0 ? downloads / hub.downloads : 0 } : null;
  const tokenValue = (pick: (x: UsageMatch) => boolean): ShareValue => {
    const tokens = rows.reduce((a, r) => a + (pick(m.match(r.model)) ? r.tokens : 0), 0);
    const unknown = rows.reduce((a, r) => a + (m.match(r.model).class === "unknown" ? r.tokens : 0), 0);
    const full = snap.coverageKind === "full" && snap.totalTokens !== null;
    if (full) return { tokens, share: tokens / ((snap.totalTokens as number) || 1) };
    if (!snap.totalKnown || !snap.totalTokens) return null;
    const rest = (snap.remainderTokens ?? 0) + unknown;
    return {
      lower: tokens / snap.totalTokens,
      upper: Math.min(1, (tokens + rest) / snap.totalTokens),
      namedTokens: tokens,
    };
  };
  const difference = (t: ShareValue, d: { share: number } | null) =>
    t === null || d === null
      ? null
      : isPoint(t)
        ? t.share - d.share
        : { lower: t.lower - d.share, upper: t.upper - d.share };
  const out: Array<{
    kind: "family" | "model";
    id: string;
    title: string;
    tokenShare: ShareValue;
    downloadShare: { downloads: number; share: number } | null;
    difference: number | { lower: number; upper: number } | null;
    leaderboard: { board: string; date: string; model: string; score: number | null; rank: number | null } | null;
  }> = [];
  const lb = m.leaderboard;
  if (q.model) {
    const target = q.model.toLowerCase();
    const picked = (x: UsageMatch) => x.base === baseOf(target) || x.hub?.repo.toLowerCase() === target;
    const sample = rows.map((r) => m.match(r.model)).find(picked);
    const repo = sample?.hub?.repo ?? (target.includes("/") ? q.model : null);
    let downloads: number | null = null;
    if (hub && repo) downloads = (await ctx.run(modelDetail, { id: repo, date: hub.date }))[0]?.downloads ?? null;
    const t = tokenValue(picked);
    const d = downloadShare(downloads);
    out.push({
      kind: "model",
      id: q.model,
      title: repo ?? q.model,
      tokenShare: t,
      downloadShare: d,
      difference: difference(t, d),
      leaderboard: sample?.leaderboard
        ? {
            board: sample.leaderboard.board,
            date: sample.leaderboard.date,
            model: sample.leaderboard.model,
            score: sample.leaderboard.score,
            rank: sample.leaderboard.rank,
          }
        : null,
    });
  } else {
    const families = q.family
      ? ctx.families.filter((f) => f.name.toLowerCase() === q.family?.toLowerCase())
      : ctx.families;
    for (const f of families) {
      let downloads: number | null = null;
      if (hub) downloads = (await ctx.run(familyTotals, familyParams(f, {}, hub.date)))[0]?.totalDownloads ?? null;
      const t = tokenValue((x) => x.family?.name === f.name);
      const d = downloadShare(downloads);
      // the family's best open-weight entry (a closed API model named like the family is not its member)
      const best = lb?.entries.find((e) => e.family === f.name && e.open);
      out.push({
        kind: "family",
        id: f.name,
        title: f.title,
        tokenShare: t,
        downloadShare: d,
        difference: difference(t, d),
        leaderboard:
          lb && best ? { board: lb.board, date: lb.date, model: best.model, score: best.score, rank: best.rank } : null,
      });
    }
    const gap = (x: (typeof out)[number]) =>
      x.difference === null
        ? -1
        : typeof x.difference === "number"
          ? Math.abs(x.difference)
          : Math.max(Math.abs(x.difference.lower), Math.abs(x.difference.upper));
    out.sort((a, b) => gap(b) - gap(a) || a.id.localeCompare(b.id));
  }
  return {
    period: q.period,
    date: snap.date,
    usage,
    hub,
    definitions: { tokens: TOKEN_SHARE_DEFINITION, downloads: DOWNLOAD_SHARE_DEFINITION },
    leaderboard: lb
      ? `the best entry of the family (or the model's entry) on ${lb.board} of ${lb.date}, the stored table nearest the usage data: its score is a rating relative to that table, not comparable across tables`
      : "no leaderboard tables in this store (omo leaderboard import): no scores",
    queries: ["usage-snapshots", "usage-rows", "snapshot-near", "snapshots", q.model ? "model" : "family-totals"],
    available: all.map((s) => s.date),
    rows: out,
  };
}

/** The base of an OpenRouter id or the lower-cased repo id. */
function baseOf(id: string): string {
  return baseModelId(id);
}
