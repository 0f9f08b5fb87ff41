/**
 * The leaderboard answers every surface gives (CLI `omo leaderboard … --json`, the API, the dashboard, the report and
 * the claims): the open-vs-closed gap per table, months behind, and the entries of one table with their matches,
 * openness, downloads, prices and the price-quality frontier. Built from the leaderboard catalog queries (plus the Hub
 * snapshot and price queries) and the reviewed rules of data/leaderboards/.
 */

import { loadAliases } from "../domain/aliases.js";
import type { ApiPrice } from "../domain/cost.js";
import { type Family, loadFamilies } from "../domain/families.js";
import {
  blendedPrice,
  type ClassifiedRow,
  classifyRows,
  entryFacts,
  frontier,
  gapByYear,
  gapFigures,
  type LeaderboardRow,
  monthsBehind,
  ranked,
} from "../domain/leaderboard-gap.js";
import { type LeaderboardRules, loadLeaderboardRules } from "../domain/leaderboard-rules.js";
import { type Board, loadBoards, type Segment, segmentOf } from "../domain/leaderboards.js";
import {
  type HubMatchResult,
  type HubMatchTables,
  hubRepoFromUrl,
  isVariantKey,
  matchClosed,
  matchFamily,
  matchHubRepo,
  nameKey,
  type OrganisationIndex,
  splitProvider,
} from "../domain/model-names.js";
import { loadOrganisationIndex } from "../domain/organisations.js";
import { SHIPPED_API_PRICES } from "../ingest/price-tables.js";
import type { CatalogQuery } from "../queries/catalog.js";
import {
  hubModelsAt,
  leaderboardEntries,
  leaderboardFirstSeen,
  leaderboardHubUrls,
  leaderboardLicencesBefore,
  leaderboardOrganisations,
  leaderboardRepoCandidates,
  leaderboardSnapshots,
  priceList,
  snapshotNear,
} from "../queries/index.js";

/** How a surface runs queries and reports what is not there or not allowed. */
export interface LeaderboardContext {
  query<P, R>(q: CatalogQuery<P, R>, params: P): Promise<R[]>;
  /** An unknown board or date (404 on the API, a one-line error in the CLI). */
  notFound(message: string): Error;
  /** A parameter that cannot be answered (400 naming it on the API). */
  badParam(param: string, message: string): Error;
}

/** The reviewed tables the answers use, loaded once per command or server. */
export interface LeaderboardDeps {
  rules: LeaderboardRules;
  organisations: OrganisationIndex;
  families: readonly Family[];
  boards: Board[];
  /** The Hub's legacy ids (no namespace) → canonical repo ids (data/aliases.yaml). */
  legacyIds: ReadonlyMap<string, string>;
}

/** Loads the reviewed leaderboard tables (rules, organisations, boards) and the family registry. */
export async function loadLeaderboardDeps(families?: readonly Family[]): Promise<LeaderboardDeps> {
  return {
    rules: await loadLeaderboardRules(),
    organisations: await loadOrganisationIndex(),
    families: families ?? (await loadFamilies()),
    boards: await loadBoards(),
    legacyIds: await loadAliases(),
  };
}

/** The board by name, or the surface's error. */
export function boardNamed(ctx: LeaderboardContext, deps: LeaderboardDeps, name: string, forGap = false): Board {
  const b = deps.boards.find((x) => x.board === name);
  if (!b) {
    throw ctx.badParam("board", `unknown leaderboard "${name}": known ${deps.boards.map((x) => x.board).join(", ")}`);
  }
  if (forGap && !b.gap) {
    throw ctx.badParam(
      "board",
      `${b.board} lists open-weight Hub models only: it has no open-vs-closed gap (use arena-text)`,
    );
  }
  return b;
}

/** The stored tables of a board within [from, to], or a not-found error saying how to load some. */
async function tablesOf(ctx: LeaderboardContext, board: Board, from: string | null, to: string | null) {
  const all = await ctx.query(leaderboardSnapshots, { board: board.board });
  if (all.length === 0) {
    throw ctx.notFound(`no ${board.board} tables stored: load them with "omo leaderboard import PATH"`);
  }
  const tables = all.filter((t) => (from === null || t.date >= from) && (to === null || t.date <= to));
  if (tables.length === 0) {
    throw ctx.notFound(
      `no ${board.board} table between ${from ?? "the first"} and ${to ?? "the last"} (stored: ${all[0]?.date} … ${all[all.length - 1]?.date})`,
    );
  }
  return { all, tables };
}

/** The classified rows of a board's tables from `from` to `to` (a row with an empty label inherits earlier ones). */
async function classified(
  ctx: LeaderboardContext,
  deps: LeaderboardDeps,
  board: Board,
  from: string,
  to: string,
): Promise<ClassifiedRow[]> {
  const rows = (await ctx.query(leaderboardEntries, { board: board.board, from, to })) as LeaderboardRow[];
  const before = await ctx.query(leaderboardLicencesBefore, { board: board.board, date: from });
  const organisationOf = await ctx.query(leaderboardOrganisations, { board: board.board });
  // a board without an open-vs-closed comparison lists open-weight Hub repos only
  return classifyRows(deps.rules, deps.organisations, board.board, rows, before, {
    openWeightsOnly: !board.gap,
    organisationOf,
  });
}

/** Groups rows by date (rows come sorted by date). */
function byDate<T extends { date: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const l = out.get(r.date) ?? [];
    l.push(r);
    out.set(r.date, l);
  }
  return out;
}

/** The segments of a board that the dates fall in, each with its first and last date. */
function segmentsOf(board: Board, dates: readonly string[]) {
  const out: Array<Segment & { first: string; last: string; tables: number }> = [];
  for (const d of dates) {
    const s = segmentOf(board, d);
    const cur = out[out.length - 1];
    if (cur && cur.id === s.id) {
      cur.last = d;
      cur.tables += 1;
    } else out.push({ ...s, first: d, last: d, tables: 1 });
  }
  return out;
}

/** Exceptions applied, with their reasons and the dates they changed. */
function exceptionsApplied(deps: LeaderboardDeps, perDate: ReadonlyArray<{ date: string; exceptions: string[] }>) {
  const dates = new Map<string, string[]>();
  for (const d of perDate) for (const id of d.exceptions) dates.set(id, [...(dates.get(id) ?? []), d.date]);
  return [...dates].map(([id, ds]) => {
    const e = deps.rules.exceptions.find((x) => x.id === id);
    return { id, openness: e?.openness ?? null, reason: e?.reason ?? "", dates: ds };
  });
}

/** What the gap figures mean, for every surface. */
export const GAP_DEFINITION =
  "For each stored leaderboard table: the best closed model (no public weights: licence Proprietary, the closed catalogue, or a reviewed exception) and the best open-weight model, their scores with 95 % confidence intervals, gap = closed − open in the board's rating points, overlap = the intervals overlap; the same for the top-k averages; the share of open models among the top 10 / 20. Scores are relative to the models on the table at that date: compare within a segment, never across a scale break.";

/** Options of the gap question. */
export interface GapOptions {
  board: string;
  from: string | null;
  to: string | null;
  top: number;
}

/** The open-vs-closed gap per table, as `omo leaderboard gap --json` and `/api/leaderboards/gap`. */
export async function leaderboardGapBody(ctx: LeaderboardContext, deps: LeaderboardDeps, o: GapOptions) {
  const board = boardNamed(ctx, deps, o.board, true);
  const { tables } = await tablesOf(ctx, board, o.from, o.to);
  const first = (tables[0] as { date: string }).date;
  const last = (tables[tables.length - 1] as { date: string }).date;
  const rows = byDate(await classified(ctx, deps, board, first, last));
  const dates = tables.map((t) => {
    const f = gapFigures(rows.get(t.date) ?? [], o.top);
    const ci = (c: { ci: { plus: number | null; minus: number | null } }) => c.ci;
    return {
      date: t.date,
      segment: segmentOf(board, t.date).id,
      coverage: { kind: t.coverageKind, how: t.coverageHow, entries: t.entries },
      closed: f.closed
        ? { model: f.closed.model, score: f.closed.score, ci: ci(f.closed), organisation: f.closed.organisation }
        : null,
      open: f.open
        ? {
            model: f.open.model,
            score: f.open.score,
            ci: ci(f.open),
            licence: f.open.licence,
            licenceClass: f.open.licenceClass,
            organisation: f.open.organisation,
            country: f.open.country,
          }
        : null,
      gap: f.gap,
      overlap: f.overlap,
      topK: f.topK,
      shares: f.shares,
      counts: f.counts,
      byClass: f.byClass,
      byCountry: f.byCountry,
      exceptions: f.exceptions,
    };
  });
  return {
    board: board.board,
    title: board.title,
    score: board.score,
    definition: GAP_DEFINITION,
    from: first,
    to: last,
    top: o.top,
    segments: segmentsOf(
      board,
      tables.map((t) => t.date),
    ),
    exceptions: exceptionsApplied(deps, dates),
    byYear: gapByYear(dates),
    queries: [
      "leaderboard-snapshots",
      "leaderboard-entries",
      "leaderboard-licences-before",
      "leaderboard-organisations",
    ],
    dates,
  };
}

/** What months behind means. */
export const MONTHS_BEHIND_DEFINITION =
  "For each table: among the closed models scoring at least the best open model's score on that same table, the one the board listed first; months behind = months from that first listing to the table's date (scores compared within one table only; first listings from the board's stored history). Censored = the first listing is only a bound (the board's first table, a partial table, or right after a gap in the history), so the figure is a lower bound. 0 with openLeads = no closed model scores as high.";

/** Months behind per table, as `omo leaderboard months-behind --json` and `/api/leaderboards/months-behind`. */
export async function monthsBehindBody(
  ctx: LeaderboardContext,
  deps: LeaderboardDeps,
  o: { board: string; from: string | null; to: string | null },
) {
  const board = boardNamed(ctx, deps, o.board, true);
  const { all, tables } = await tablesOf(ctx, board, o.from, o.to);
  const first = (tables[0] as { date: string }).date;
  const last = (tables[tables.length - 1] as { date: string }).date;
  const rows = byDate(await classified(ctx, deps, board, first, last));
  const firstSeen = new Map<string, string>();
  for (const r of await ctx.query(leaderboardFirstSeen, { board: board.board })) {
    const k = nameKey(r.model);
    const prior = firstSeen.get(k);
    if (!prior || r.first < prior) firstSeen.set(k, r.first);
  }
  const history = { tables: all.map((t) => ({ date: t.date, coverageKind: t.coverageKind })), firstSeen };
  const dates = tables.map((t) => ({
    date: t.date,
    segment: segmentOf(board, t.date).id,
    ...monthsBehind(rows.get(t.date) ?? [], t.date, history),
  }));
  return {
    board: board.board,
    title: board.title,
    definition: MONTHS_BEHIND_DEFINITION,
    from: first,
    to: last,
    queries: ["leaderboard-snapshots", "leaderboard-entries", "leaderboard-first-seen"],
    dates,
  };
}

/** A price in force for a leaderboard entry, with its source. */
export interface EntryPrice {
  input: number;
  output: number;
  /** (3 × input + output) / 4, USD per 1M tokens. */
  blended: number;
  /** `omo prices` (the price catalog) or the leaderboard's own listed price. */
  from: "prices" | "leaderboard";
  model: string;
  provider: string | null;
  asOf: string;
  source: string;
}

/** Finds the price of an entry among the price rows in force (by name, or by the matched repo's name). */
function priceOf(
  deps: LeaderboardDeps,
  r: ClassifiedRow,
  repo: string | null,
  index: ReadonlyMap<string, ReadonlyArray<ApiPrice>>,
  date: string,
): EntryPrice | null {
  const keys = [r.key, ...(repo ? [nameKey(repo.slice(repo.indexOf("/") + 1))] : [])];
  let candidates = keys.flatMap((k) => index.get(k) ?? []);
  if (candidates.length === 0 && repo === null) {
    // a dated snapshot or variant of a priced API model (gpt-4o-2024-05-13 of gpt-4o): the longest such price key;
    // never for a Hub repo, whose fine-tunes and merges are other models
    let base = "";
    for (const k of index.keys()) if (k.length > base.length && keys.some((x) => isVariantKey(x, k))) base = k;
    candidates = base ? [...(index.get(base) ?? [])] : [];
  }
  if (candidates.length > 0) {
    const own = deps.organisations.find(r.organisation);
    const firstParty = candidates.filter((c) => own && deps.organisations.find(c.provider)?.name === own.name);
    const pool = firstParty.length > 0 ? firstParty : candidates;
    const best = [...pool].sort(
      (a, b) => blendedPrice(a.inputPer1M, a.outputPer1M) - blendedPrice(b.inputPer1M, b.outputPer1M),
    )[0] as ApiPrice;
    return {
      input: best.inputPer1M,
      output: best.outputPer1M,
      blended: blendedPrice(best.inputPer1M, best.outputPer1M),
      from: "prices",
      model: best.model,
      provider: best.provider,
      asOf: best.asOf,
      source: best.source,
    };
  }
  if (r.priceInput !== null && r.priceOutput !== null) {
    return {
      input: r.priceInput,
      output: r.priceOutput,
      blended: blendedPrice(r.priceInput, r.priceOutput),
      from: "leaderboard",
      model: r.model,
      provider: null,
      asOf: date,
      source: `${r.board} table of ${date} (listed price)`,
    };
  }
  return null;
}

/** The Hub-matching tables: reviewed aliases, URLs of other rows, and the store's repos of every organisation. */
export async function hubMatchTables(ctx: LeaderboardContext, deps: LeaderboardDeps): Promise<HubMatchTables> {
  const urlRepos = new Map<string, { repo: string; seen: string }>();
  for (const u of await ctx.query(leaderboardHubUrls, {})) {
    const repo = hubRepoFromUrl(u.url);
    const k = nameKey(u.model);
    if (repo && !urlRepos.has(k)) urlRepos.set(k, { repo, seen: `${u.board} ${u.first}` });
  }
  const authors = new Set<string>();
  for (const o of deps.organisations.organisations) for (const a of deps.organisations.hubAuthors(o)) authors.add(a);
  const hubRepos = new Map<string, string[]>();
  for (const { id } of await ctx.query(leaderboardRepoCandidates, { authors: [...authors].sort().join(",") })) {
    const a = id.slice(0, id.indexOf("/")).toLowerCase();
    hubRepos.set(a, [...(hubRepos.get(a) ?? []), id]);
  }
  // the Hub's legacy ids without a namespace (gpt2 → openai-community/gpt2, data/aliases.yaml) are aliases too
  const aliases = new Map(deps.rules.aliases);
  for (const [legacy, repo] of deps.legacyIds) {
    const k = nameKey(legacy);
    if (!aliases.has(k)) aliases.set(k, { repo, source: "data/aliases.yaml (a legacy Hub id)" });
  }
  return { aliases, urlRepos, hubRepos, organisations: deps.organisations };
}

/** Options of the models question. */
export interface ModelsOptions {
  board: string;
  /** A stored table date of the board (default: the latest). */
  date: string | null;
  /** Only the first rows by score (default all). */
  limit?: number | null;
}

/** What models and frontier mean. */
export const MODELS_DEFINITION =
  "The entries of one leaderboard table with who they are: openness (and why), licence class, organisation and country, the Hub repo they match (and by which rule), the family, 30-day downloads at the Hub snapshot nearest the table's date, the price in force at that date (USD per 1M tokens, blended 3:1 input:output; from omo prices, else the price the leaderboard lists), score per dollar, and whether the model is on the price-quality frontier (no other priced model at least as good for no more money).";

/** The entries of one table with matches, downloads, prices and the frontier, as `omo leaderboard models --json`. */
export async function leaderboardModelsBody(ctx: LeaderboardContext, deps: LeaderboardDeps, o: ModelsOptions) {
  const board = boardNamed(ctx, deps, o.board);
  const { all } = await tablesOf(ctx, board, null, null);
  const table = o.date === null ? all[all.length - 1] : all.find((t) => t.date === o.date);
  if (!table) {
    const near = all.filter((t) => t.date <= (o.date as string)).pop() ?? all[0];
    throw ctx.notFound(`no ${board.board} table of ${o.date}; the nearest earlier one is ${near?.date}`);
  }
  const date = table.date;
  const rows = ranked(await classified(ctx, deps, board, date, date));
  const tables = await hubMatchTables(ctx, deps);
  const matched = rows.map((r) => ({
    r,
    hub: matchHubRepo({ name: r.model, url: r.url, organisation: r.organisation }, tables),
  }));
  // the Hub snapshot nearest the table's date, and the matched repos' downloads there
  const [snap] = await ctx.query(snapshotNear, { target: date, tolerance: 3660 });
  const repos = [...new Set(matched.map((m) => m.hub.repo).filter((x): x is string => x !== null))];
  const downloads = new Map<string, { downloads: number | null; likes: number | null }>();
  if (snap && repos.length > 0) {
    for (const h of await ctx.query(hubModelsAt, { ids: repos.join(","), date: snap.date })) {
      downloads.set(h.id.toLowerCase(), { downloads: h.downloads, likes: h.likes });
    }
  }
  // prices in force at the table's date
  const prices = (await ctx.query(priceList, {
    shipped: SHIPPED_API_PRICES,
    as_of: date,
    provider: null,
    model: null,
    // a model retired by its provider on or before the table's date has no price in force
    include_retired: false,
    limit: 100_000,
  })) as ApiPrice[];
  const index = new Map<string, ApiPrice[]>();
  for (const p of prices) {
    const k = nameKey(splitProvider(p.model).model);
    index.set(k, [...(index.get(k) ?? []), p]);
  }
  const entries = matched.map(({ r, hub }, i) => {
    const repo = hub.repo;
    const closedHit = matchClosed(r.model, deps.rules.closed);
    const family = matchFamily(deps.families, repo, r.model);
    const price = r.score === null ? null : priceOf(deps, r, repo, index, date);
    const d = repo ? downloads.get(repo.toLowerCase()) : undefined;
    return {
      place: i + 1,
      ...entryFacts(r),
      rank: r.rank,
      openness: r.classification.openness,
      licenceFrom: r.classification.licenceFrom,
      why: r.classification.rule,
      exception: r.classification.exception,
      hub: hub.repo
        ? { repo: hub.repo, rule: (hub as { rule: string }).rule, evidence: (hub as { evidence: string }).evidence }
        : null,
      unmatched: hub.repo ? null : (hub as { reason: string }).reason,
      family: family ? { family: family.family, title: family.title, rule: family.rule } : null,
      closedCatalogue: closedHit ? { id: closedHit.model.id, rule: closedHit.rule } : null,
      downloads: d?.downloads ?? null,
      price,
      scorePerDollar:
        price && r.score !== null && price.blended > 0 ? Math.round((r.score / price.blended) * 10) / 10 : null,
      frontier: false,
    };
  });
  // a listed price of 0 (a free promotion) is no price: it stays in the table but not on the frontier
  const priced = entries
    .filter((e) => e.price !== null && e.price.blended > 0 && e.score !== null)
    .map((e) => ({
      model: e.model,
      score: e.score as number,
      price: (e.price as EntryPrice).blended,
      openness: e.openness,
    }));
  const front = frontier(priced);
  const onFront = new Set(front.map((p) => p.model));
  for (const e of entries) e.frontier = onFront.has(e.model);
  const open = entries.filter((e) => e.openness === "open");
  const withUrl = entries.filter((_, i) => hubRepoFromUrl(rows[i]?.url) !== null);
  const limited = o.limit ? entries.slice(0, o.limit) : entries;
  return {
    board: board.board,
    title: board.title,
    score: board.score,
    date,
    segment: segmentOf(board, date).id,
    coverage: { kind: table.coverageKind, how: table.coverageHow, entries: table.entries },
    definition: MODELS_DEFINITION,
    hubSnapshot: snap ? { date: snap.date, days: snap.days } : null,
    pricesAsOf: date,
    match: {
      open: open.length,
      openMatched: open.filter((e) => e.hub !== null).length,
      withHubUrl: withUrl.length,
      withHubUrlMatched: withUrl.filter((e) => e.hub !== null).length,
      byRule: Object.fromEntries(
        [...new Set(entries.map((e) => e.hub?.rule ?? "unmatched"))].map((k) => [
          k,
          entries.filter((e) => (e.hub?.rule ?? "unmatched") === k).length,
        ]),
      ),
      unmatchedOpen: open.filter((e) => e.hub === null).map((e) => ({ model: e.model, reason: e.unmatched })),
    },
    frontier: front,
    queries: [
      "leaderboard-entries",
      "leaderboard-licences-before",
      "leaderboard-hub-urls",
      "leaderboard-repo-candidates",
      "snapshot-near",
      "hub-models-at",
      "prices",
    ],
    entries: limited,
  };
}

/** What the match summary means. */
export const MATCHES_DEFINITION =
  "Every entry of every stored table of the board, linked to a Hub repo by the first rule that applies: the URL column when it names a huggingface.co repo, the reviewed alias table (data/leaderboards/aliases.yaml), the same name's Hub URL on another table, or the normalised-name rule against the repos of the organisation's Hub namespaces that the store knows (stored Hub snapshots, Open LLM Leaderboard rows). Shares count entries (a model listed on 200 tables counts 200 times) and, apart, distinct names.";

/** How the board's entries match Hub repos, over all stored tables: shares by rule and the unmatched open names. */
export async function leaderboardMatchesBody(ctx: LeaderboardContext, deps: LeaderboardDeps, o: { board: string }) {
  const board = boardNamed(ctx, deps, o.board);
  const { tables } = await tablesOf(ctx, board, null, null);
  const first = (tables[0] as { date: string }).date;
  const last = (tables[tables.length - 1] as { date: string }).date;
  const rows = await classified(ctx, deps, board, first, last);
  const t = await hubMatchTables(ctx, deps);
  const memo = new Map<string, HubMatchResult>();
  const byRule: Record<string, number> = {};
  const unmatched = new Map<string, { model: string; organisation: string | null; entries: number; reason: string }>();
  const names = new Map<string, boolean>();
  let open = 0;
  let openMatched = 0;
  let withUrl = 0;
  let withUrlMatched = 0;
  for (const r of rows) {
    const k = `${r.key}\u0000${r.url ?? ""}\u0000${r.organisation ?? ""}`;
    let m = memo.get(k);
    if (!m) {
      m = matchHubRepo({ name: r.model, url: r.url, organisation: r.organisation }, t);
      memo.set(k, m);
    }
    if (hubRepoFromUrl(r.url)) {
      withUrl += 1;
      if (m.repo) withUrlMatched += 1;
    }
    if (r.classification.openness !== "open") continue;
    open += 1;
    names.set(r.key, (names.get(r.key) ?? false) || m.repo !== null);
    if (m.repo) {
      openMatched += 1;
      const rule = (m as { rule: string }).rule;
      byRule[rule] = (byRule[rule] ?? 0) + 1;
    } else {
      const u = unmatched.get(r.key) ?? {
        model: r.model,
        organisation: r.org?.name ?? r.organisation,
        entries: 0,
        reason: (m as { reason: string }).reason,
      };
      u.entries += 1;
      unmatched.set(r.key, u);
    }
  }
  const share = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : null);
  return {
    board: board.board,
    from: first,
    to: last,
    tables: tables.length,
    definition: MATCHES_DEFINITION,
    entries: rows.length,
    open: { entries: open, matched: openMatched, share: share(openMatched, open), byRule },
    openNames: {
      names: names.size,
      matched: [...names.values()].filter(Boolean).length,
      share: share([...names.values()].filter(Boolean).length, names.size),
    },
    withHubUrl: { entries: withUrl, matched: withUrlMatched },
    unmatched: [...unmatched.values()].sort((a, b) => b.entries - a.entries || a.model.localeCompare(b.model)),
    queries: ["leaderboard-entries", "leaderboard-hub-urls", "leaderboard-repo-candidates"],
  };
}

/** Why one name is classified and matched as it is (`omo leaderboard models --explain NAME`). */
export async function explainEntryBody(
  ctx: LeaderboardContext,
  deps: LeaderboardDeps,
  o: { board: string; date: string | null; name: string },
) {
  const body = await leaderboardModelsBody(ctx, deps, { board: o.board, date: o.date });
  const key = nameKey(o.name);
  const e = body.entries.find((x) => nameKey(x.model) === key);
  if (!e) throw ctx.notFound(`no entry named "${o.name.slice(0, 200)}" on the ${body.board} table of ${body.date}`);
  const tables = await hubMatchTables(ctx, deps);
  const steps: Array<{ rule: string; result: string }> = [];
  const url = (await ctx.query(leaderboardEntries, { board: body.board, from: body.date, to: body.date })).find(
    (r) => nameKey(r.model) === key,
  )?.url;
  const fromUrl = hubRepoFromUrl(url);
  steps.push({ rule: "url", result: fromUrl ? `URL names ${fromUrl}` : `URL ${url ?? "(none)"} names no Hub repo` });
  const alias = tables.aliases.get(key);
  steps.push({
    rule: "alias",
    result: alias ? `${alias.repo ?? "no public weights"} (${alias.source})` : "not in data/leaderboards/aliases.yaml",
  });
  const seen = tables.urlRepos.get(key);
  steps.push({
    rule: "same-name-url",
    result: seen ? `${seen.repo}, linked on ${seen.seen}` : "no row of the same name links the Hub",
  });
  const res: HubMatchResult = matchHubRepo(
    { name: e.model, url: null, organisation: e.organisation },
    { ...tables, aliases: new Map(), urlRepos: new Map() },
  );
  steps.push({
    rule: "name",
    result: res.repo ? (res as { evidence: string }).evidence : (res as { reason: string }).reason,
  });
  return { board: body.board, date: body.date, entry: e, steps };
}

/**
 * The cheapest model at least as good as a given one on a date (`omo cost --as-good-as MODEL --as-of D`): on the
 * board's latest table on or before D, the priced entries scoring at least the named model's score there; the
 * cheapest overall and the cheapest open-weight one (blended price; prices in force at the table's date).
 */
export async function cheapestAsGoodAsBody(
  ctx: LeaderboardContext,
  deps: LeaderboardDeps,
  o: { board: string; asOf: string | null; model: string },
) {
  const board = boardNamed(ctx, deps, o.board);
  const { all } = await tablesOf(ctx, board, null, o.asOf);
  const table = all.filter((t) => o.asOf === null || t.date <= o.asOf).pop();
  if (!table) throw ctx.notFound(`no ${board.board} table on or before ${o.asOf}`);
  const body = await leaderboardModelsBody(ctx, deps, { board: board.board, date: table.date });
  const key = nameKey(o.model);
  const ref = body.entries.find((e) => nameKey(e.model) === key && e.score !== null);
  if (!ref || ref.score === null) {
    // a catalogue name (gpt-4) stands for several entries (GPT-4-0314, GPT-4-0613…): ask for one
    const same = body.entries.filter((e) => e.closedCatalogue !== null && nameKey(e.closedCatalogue.id) === key);
    const near = (same.length ? same : body.entries.filter((e) => nameKey(e.model).startsWith(key))).slice(0, 10);
    throw ctx.badParam(
      "model",
      `no entry "${o.model.slice(0, 200)}" on the ${board.board} table of ${table.date}${near.length ? `; give one of: ${near.map((e) => e.model).join(", ")}` : ""}`,
    );
  }
  const target = ref.score;
  const candidates = body.entries
    .filter((e) => e.score !== null && e.score >= target && e.price !== null && e.price.blended > 0)
    .sort((a, b) => (a.price?.blended ?? 0) - (b.price?.blended ?? 0) || (b.score ?? 0) - (a.score ?? 0));
  const pick = (e: (typeof candidates)[number] | undefined) =>
    e
      ? {
          model: e.model,
          score: e.score,
          ci: e.ci,
          openness: e.openness,
          organisation: e.organisation,
          hub: e.hub,
          price: e.price,
        }
      : null;
  return {
    board: board.board,
    date: table.date,
    asOf: o.asOf,
    reference: { model: ref.model, score: target, ci: ref.ci, openness: ref.openness, price: ref.price },
    cheapest: pick(candidates[0]),
    cheapestOpen: pick(candidates.find((e) => e.openness === "open")),
    asGoodAndPriced: candidates.length,
    definition:
      "Among the priced entries of the table scoring at least the reference model's score on the same table, the one with the lowest blended price (USD per 1M tokens, 3:1 input:output, prices in force at the table's date). Scores are compared within one table only; the confidence intervals are shown, not used.",
    queries: body.queries,
  };
}
