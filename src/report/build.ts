/**
 * The data of a report at one snapshot, language-free: every figure comes from a named catalog query (through the
 * same answer builders as the CLI and the API) and carries its provenance (query, snapshot date, definition), so
 * the renderers can footnote or link each one.
 */
import { type AnswerContext, familiesRanking, familyBody, familyTreeBody, orgVersionsBody } from "../answers/bodies.js";
import { type ComparisonBody, comparisonBody } from "../answers/comparison.js";
import { type CoverageBody, coverageOf, withCoverage } from "../answers/coverage.js";
import { type CompareItem, loadCompareData } from "../charts/compare-data.js";
import { type ClosedModel, closedModelsAt, loadClosedModels } from "../domain/closed-models.js";
import { type CostPlan, parseCostRequest, planCost } from "../domain/cost-plan.js";
import { dominantOf } from "../domain/dominant.js";
import { type Family, findFamily, officialSqlParams } from "../domain/families.js";
import { licenceRows, loadLicences } from "../domain/licences.js";
import { opennessClassesBody } from "../domain/openness.js";
import { InputError } from "../errors.js";
import { relationsParam } from "../queries/families.js";
import {
  entrantsSince,
  modelChanges,
  previousSnapshot,
  resolveSnapshot,
  snapshotList,
  topModels,
} from "../queries/index.js";
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

  return {
    date,
    base,
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
  };
}
