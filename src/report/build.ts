/**
 * The data of a report at one snapshot, language-free: every figure comes from a named catalog query (through the
 * same answer builders as the CLI and the API) and carries its provenance (query, snapshot date, definition), so
 * the renderers can footnote or link each one.
 */
import { type AnswerContext, familiesRanking, familyBody, familyTreeBody, orgVersionsBody } from "../answers/bodies.js";
import { type ComparisonBody, comparisonBody } from "../answers/comparison.js";
import { planCost } from "../answers/cost-plan.js";
import { type CoverageBody, coverageOf, withCoverage } from "../answers/coverage.js";
import { leaderboardGapBody, loadLeaderboardDeps, monthsBehindBody } from "../answers/leaderboards.js";
import { opennessClassesBody } from "../answers/openness.js";
import {
  shippedUsageKnowledge,
  type UsageContext,
  usageMatcher,
  usageModelsBody,
  usageMonthsBody,
  usageShareBody,
  usageSignalsBody,
} from "../answers/usage.js";
import { type CompareItem, loadCompareData } from "../charts/compare-data.js";
import { type ClosedModel, closedModelsAt, loadClosedModels } from "../domain/closed-models.js";
import { type CostPlan, parseCostRequest } from "../domain/cost-plan.js";
import { dominantOf } from "../domain/dominant.js";
import { type Family, findFamily, officialSqlParams } from "../domain/families.js";
import { licenceRows, loadLicences } from "../domain/licences.js";
import type { DateShare, MonthShare } from "../domain/usage-shares.js";
import { InputError } from "../errors.js";
import {
  entrantsSince,
  leaderboardSnapshots,
  modelChanges,
  previousSnapshot,
  resolveSnapshot,
  snapshotList,
  topModels,
  usageVersion,
} from "../queries/index.js";
import { relationsParam } from "../queries/params/families.js";
import type { Store } from "../store/store.js";
import type { Subjects } from "./subjects.js";

/** What a figure's footnote explains; each key has a definition in both message catalogues. */
export type DefinitionKey =
  | "snapshotTotal"
  | "modelDownloads"
  | "familyTotals"
  | "orgTotals"
  | "orgVersions"
  | "openness"
  | "cost"
  | "changes"
  | "entrants"
  | "history"
  | "lineage"
  | "tokenShare"
  | "tokenMonths"
  | "tokenSignals"
  | "gap"
  | "monthsBehind"
  | "likeForLike";

/** Where a figure comes from: the named query, the snapshot(s) and the definition. */
export interface Source {
  query: string;
  date: string;
  /** The earlier snapshot, for figures that compare two. */
  base?: string;
  def: DefinitionKey;
}

/** A followed family now, and its members listed at both the base snapshot and now (like for like). */
export interface FamilySection {
  body: Awaited<ReturnType<typeof familyBody>>;
  tree: Awaited<ReturnType<typeof familyTreeBody>>["nodes"];
  compare: ComparisonBody | null;
  relations: string | null;
  source: Source;
}

/** A followed organisation now (versions), and its repos listed at both the base snapshot and now. */
export interface OrgSection {
  author: string;
  match: string | null;
  body: Awaited<ReturnType<typeof orgVersionsBody>> | null;
  compare: ComparisonBody | null;
  source: Source;
}

/** Everything a report shows. */
export interface ReportData {
  /** The snapshot reported. */
  date: string;
  /** The snapshot compared with (`--from`, else the previous one), or null. */
  base: string | null;
  /** Complete snapshots stored, and the earliest one. */
  snapshots: { count: number; earliest: string | null };
  headline: {
    models: number;
    downloads: number;
    /** What the snapshot covers (a partial snapshot is not the whole Hub). */
    coverage: CoverageBody | null;
    /** The model holding more than a fifth of the total, and the total without it. */
    dominant: { id: string; downloads: number; share: number; without: number } | null;
    base: { date: string; models: number; downloads: number; coverage: CoverageBody } | null;
    /** The change since the base snapshot, like for like: the models listed at both dates. */
    compare: ComparisonBody | null;
    /** The change of the two totals, only when both snapshots are full listings (else null: not comparable). */
    totalChangePct: number | null;
    source: Source;
    compareSource: Source | null;
  };
  topModels: {
    rows: Array<{ id: string; author: string; downloads: number | null; likes: number | null }>;
    source: Source;
  };
  /** The families with the most downloads, among the `tracked` families of the registry. */
  topFamilies: { rows: Awaited<ReturnType<typeof familiesRanking>>; tracked: number; source: Source };
  families: FamilySection[];
  orgs: OrgSection[];
  openness: {
    classes: Awaited<ReturnType<typeof opennessClassesBody>>["classes"];
    total: { repos: number; downloads: number };
    dominant: Awaited<ReturnType<typeof opennessClassesBody>>["dominant"];
    closed: ClosedModel[];
    source: Source;
  } | null;
  cost: { plan: CostPlan; source: Source } | { preset: string; error: string } | null;
  changes: {
    /** All models listed at both snapshots (like for like). */
    compare: ComparisonBody;
    /** The earlier snapshot is partial: a model it does not list need not be new on the Hub. */
    basePartial: boolean;
    movers: Array<{ id: string; before: number; after: number; change: number; relative: number | null }>;
    entrants: Array<{ id: string; downloads: number | null }>;
    entrantCount: number;
    entrantDownloads: number;
    source: Source;
    entrantSource: Source;
  } | null;
  /** `coverageChanged`: dates of the chart's points whose snapshot covers other models than the previous one's. */
  history: { items: CompareItem[]; coverageChanged: string[]; source: Source } | null;
  /** Open vs closed on the LMArena text leaderboard, from the tables stored up to the report's date. */
  openVsClosed: {
    gap: Awaited<ReturnType<typeof leaderboardGapBody>>;
    monthsBehind: Awaited<ReturnType<typeof monthsBehindBody>>["dates"][number] | null;
    source: Source;
    monthsSource: Source;
  } | null;
  usage: UsageSection | null;
}

/** "Who serves the tokens": OpenRouter usage beside the Hub's downloads (null when the store holds no usage). */
export interface UsageSection {
  /** The latest 7-day window where every model is named. */
  latest: DateShare | null;
  /** Its breakdown by the country of the model's organisation. */
  countries: DateShare["groups"];
  months: MonthShare[];
  /** The weekly series for the chart. */
  weeks: Array<{ date: string; open: DateShare["open"] }>;
  models: Array<{
    model: string;
    tokens: number;
    share: number | null;
    class: string;
    family: string | null;
    organisation: string | null;
    country: string | null;
  }>;
  signals: {
    hub: { date: string; models: number } | null;
    rows: Array<{
      title: string;
      tokenShare: DateShare["open"];
      downloadShare: number | null;
      leaderboard: { model: string; score: number | null } | null;
    }>;
    /** The leaderboard table the scores come from. */
    board: { board: string; date: string } | null;
  };
  source: Source;
  monthsSource: Source;
  signalsSource: Source;
}

/** What to report. */
export interface ReportOptions {
  /** Snapshot date (default: the latest complete one). */
  date?: string | null;
  /** Compare with this snapshot instead of the previous one. */
  from?: string | null;
  subjects: Subjects;
  families: readonly Family[];
}

/** A complete snapshot at exactly `date` (or the latest), else an InputError naming the option. */
async function snapshotAt(store: Store, date: string | null, option: string): Promise<string> {
  const [hit] = await store.query(resolveSnapshot, { date });
  if (hit) return hit.date;
  throw new InputError(
    date === null
      ? `no snapshots in ${store.location}: load one with "omo import FILE" or "omo ingest"`
      : `no complete snapshot of ${date} (see "omo snapshots")`,
    { field: option },
  );
}

/** Builds the data of a report (all queries run here; rendering is pure). */
export async function buildReport(store: Store, opts: ReportOptions): Promise<ReportData> {
  const ctx: AnswerContext = {
    families: opts.families,
    query: (q, p) => store.query(q, p),
    notFound: (m) => new InputError(m),
  };
  const date = await snapshotAt(store, opts.date ?? null, "date");
  let base: string | null = null;
  if (opts.from) {
    base = await snapshotAt(store, opts.from, "from");
    if (base >= date) throw new InputError(`--from ${base} must be before the report date ${date}`, { field: "from" });
  } else {
    base = (await store.query(previousSnapshot, { date }))[0]?.date ?? null;
  }
  const all = (await store.query(snapshotList, {})).filter((s) => s.status === "complete");
  const at = (d: string) => all.find((s) => s.date === d);
  const now = at(date);
  const then = base ? at(base) : undefined;
  const s = opts.subjects;

  const [first] = await store.query(topModels, {
    date,
    limit: 1,
    task: null,
    library: null,
    license: null,
    author: null,
  });
  const total = now?.downloads ?? 0;
  const dom = dominantOf(total, first);
  const compare = base ? await comparisonBody(ctx, date, base) : null;
  const bothFull = now?.coverage === "full" && then?.coverage === "full";
  const headline: ReportData["headline"] = {
    models: now?.models ?? 0,
    downloads: total,
    coverage: now ? coverageOf(now) : null,
    dominant: dom ? { ...dom, without: total - dom.downloads } : null,
    base: then ? { date: then.date, models: then.models, downloads: then.downloads, coverage: coverageOf(then) } : null,
    compare,
    totalChangePct: then && bothFull && then.downloads > 0 ? ((total - then.downloads) / then.downloads) * 100 : null,
    source: { query: "snapshots", date, def: "snapshotTotal" },
    compareSource: base ? { query: "like-for-like", date, base, def: "likeForLike" } : null,
  };

  const top = await store.query(topModels, {
    date,
    limit: s.top,
    task: null,
    library: null,
    license: null,
    author: null,
  });
  const ranking = (await familiesRanking(ctx, date)).slice(0, s.top);

  const families: FamilySection[] = [];
  for (const sub of s.families) {
    const f = findFamily(opts.families, sub.family);
    const o = { relations: sub.relations };
    const body = await familyBody(ctx, f, o, date, 5);
    const tree = (await familyTreeBody(ctx, f, o, date)).nodes;
    const scope = { official: officialSqlParams(f).officialPattern, relations: relationsParam(sub.relations) };
    families.push({
      body,
      tree,
      compare: base ? await comparisonBody(ctx, date, base, scope) : null,
      relations: sub.relations ?? null,
      source: { query: "family-totals", date, def: "familyTotals" },
    });
  }

  const orgs: OrgSection[] = [];
  for (const sub of s.orgs) {
    const match = sub.match ?? null;
    const body = await orgVersionsBody(ctx, sub.author, match, date).catch((e: unknown) => {
      if (e instanceof InputError) return null;
      throw e;
    });
    const compare = base ? await comparisonBody(ctx, date, base, { author: sub.author, match }) : null;
    orgs.push({ author: sub.author, match, body, compare, source: { query: "org-totals", date, def: "orgTotals" } });
  }

  let openness: ReportData["openness"] = null;
  if (s.openness) {
    const map = await loadLicences();
    await store.refreshLicences(licenceRows(map));
    const body = await opennessClassesBody((q, p) => store.query(q, p), map, { date, task: null, family: null });
    openness = {
      classes: body.classes,
      total: body.total,
      dominant: body.dominant,
      // the catalogue runs to 2026: the report names the API-only models available at its date
      closed: closedModelsAt(await loadClosedModels(), date),
      source: { query: "openness-by-class", date, def: "openness" },
    };
  }

  let cost: ReportData["cost"] = null;
  if (s.costPreset) {
    try {
      const plan = await planCost(store, parseCostRequest({ preset: s.costPreset }));
      cost = { plan, source: { query: "price-lookup", date: plan.asOf, def: "cost" } };
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      cost = { preset: s.costPreset, error: e.message };
    }
  }

  let changes: ReportData["changes"] = null;
  if (base && compare) {
    const movers = await store.query(modelChanges, { date, base, limit: s.top });
    const entrants = await store.query(entrantsSince, { date, base, limit: 5 });
    changes = {
      compare,
      basePartial: then?.coverage !== "full",
      movers: movers.map((m) => ({
        id: m.id,
        before: m.before,
        after: m.after,
        change: m.change,
        relative: m.relative,
      })),
      entrants: entrants.map((e) => ({ id: e.id, downloads: e.downloads })),
      entrantCount: entrants[0]?.entrants ?? 0,
      entrantDownloads: entrants[0]?.newDownloads ?? 0,
      source: { query: "model-changes", date, base, def: "changes" },
      entrantSource: { query: "entrants-since", date, base, def: "entrants" },
    };
  }

  let history: ReportData["history"] = null;
  if (s.compare.length > 0 && all.length > 1) {
    const data = await loadCompareData(store, s.compare.join(","), {
      families: opts.families,
      from: opts.from ?? null,
      to: date,
      bucket: "auto",
    }).catch((e: unknown) => {
      if (e instanceof InputError) return null;
      throw e;
    });
    if (data) {
      const kinds = { model: "model-series", family: "family-series", org: "org-series" } as const;
      const query = [...new Set(data.items.map((i) => kinds[i.kind]))].join(", ");
      const dates = [...new Set(data.items.flatMap((i) => i.points.map((p) => p.date)))].sort();
      const flagged = withCoverage(
        dates.map((d) => ({ lastDate: d })),
        all,
      )
        .filter((p) => p.coverageChanged)
        .map((p) => p.lastDate);
      history = { items: data.items, coverageChanged: flagged, source: { query, date, def: "history" } };
    }
  }

  // open vs closed: the LMArena tables up to the report's date (a table after it is not the state at that date)
  let openVsClosed: ReportData["openVsClosed"] = null;
  const boardTables = (await store.query(leaderboardSnapshots, { board: "arena-text" })).filter((t) => t.date <= date);
  if (boardTables.length > 0) {
    const deps = await loadLeaderboardDeps(opts.families);
    const lctx = {
      query: ctx.query,
      notFound: (m: string) => new InputError(m),
      badParam: (_p: string, m: string) => new InputError(m),
    };
    const gap = await leaderboardGapBody(lctx, deps, { board: "arena-text", from: null, to: date, top: 5 });
    const latest = [...gap.dates].reverse().find((d) => d.gap !== null);
    const mb = latest
      ? (await monthsBehindBody(lctx, deps, { board: "arena-text", from: latest.date, to: latest.date })).dates[0]
      : undefined;
    openVsClosed = {
      gap,
      monthsBehind: mb ?? null,
      source: { query: "leaderboard-entries", date: latest?.date ?? gap.to, def: "gap" },
      monthsSource: { query: "leaderboard-first-seen", date: latest?.date ?? gap.to, def: "monthsBehind" },
    };
  }

  let usage: ReportData["usage"] = null;
  if (s.usage && ((await store.query(usageVersion, {}))[0]?.snapshots ?? 0) > 0) {
    usage = await buildUsage(store, opts.families);
  }

  return {
    date,
    base,
    usage,
    snapshots: { count: all.length, earliest: all.length ? (all[all.length - 1]?.date ?? null) : null },
    headline,
    topModels: {
      rows: top.map((m) => ({ id: m.id, author: m.author, downloads: m.downloads, likes: m.likes })),
      source: { query: "top-models", date, def: "modelDownloads" },
    },
    topFamilies: {
      rows: ranking,
      tracked: opts.families.length,
      source: { query: "family-totals", date, def: "familyTotals" },
    },
    families,
    orgs,
    openness,
    cost,
    changes,
    history,
    openVsClosed,
  };
}

/** The usage section's data: every figure from the usage answers (the same as `omo usage … --json`). */
async function buildUsage(store: Store, families: readonly Family[]): Promise<UsageSection> {
  const ctx: UsageContext = { run: (q, p) => store.query(q, p), families, knowledge: await shippedUsageKnowledge() };
  const matcher = await usageMatcher(ctx);
  const share = { from: null, to: null, variants: "grouped" as const, source: null };
  const windows = await usageShareBody(ctx, { ...share, period: "7d", by: "country" }, matcher);
  const latest = [...windows.dates].reverse().find((d) => d.coverage.kind === "full") ?? null;
  const weeks = await usageShareBody(ctx, { ...share, period: "week", by: "class" }, matcher);
  const months = await usageMonthsBody(ctx, { from: null, to: null }, matcher);
  const models = latest
    ? await usageModelsBody(
        ctx,
        { period: "7d", date: latest.date, variants: "grouped", limit: 10, source: null },
        matcher,
      )
    : null;
  const signals = latest
    ? await usageSignalsBody(ctx, { period: "7d", date: latest.date, family: null, model: null, tolerance: 31 })
    : null;
  const date = latest?.date ?? weeks.dates[weeks.dates.length - 1]?.date ?? "";
  return {
    latest,
    countries: latest?.groups ?? [],
    months: months.months,
    // a week whose 7-day window ending on its Sunday names every model is a point, not the chart's bounds
    weeks: weeks.dates.map((d) => {
      const sunday = new Date(Date.parse(`${d.date}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
      const full = windows.dates.find((w) => w.date === sunday && w.coverage.kind === "full");
      return { date: d.date, open: full ? full.open : d.open };
    }),
    models: (models?.models ?? []).map((m) => ({
      model: m.model,
      tokens: m.tokens,
      share: m.share,
      class: m.class,
      family: m.family,
      organisation: m.organisation,
      country: m.country,
    })),
    signals: {
      hub: signals?.hub ? { date: signals.hub.date, models: signals.hub.models } : null,
      rows: (signals?.rows ?? [])
        .filter((r) => r.difference !== null)
        .slice(0, 6)
        .map((r) => ({
          title: r.title,
          tokenShare: r.tokenShare,
          downloadShare: r.downloadShare?.share ?? null,
          leaderboard: r.leaderboard ? { model: r.leaderboard.model, score: r.leaderboard.score } : null,
        })),
      board: signals?.rows.find((r) => r.leaderboard)?.leaderboard ?? null,
    },
    source: { query: "usage-rows", date, def: "tokenShare" },
    monthsSource: { query: "usage-rows", date: weeks.dates[weeks.dates.length - 1]?.date ?? date, def: "tokenMonths" },
    signalsSource: { query: "family-totals", date: signals?.hub?.date ?? date, def: "tokenSignals" },
  };
}
