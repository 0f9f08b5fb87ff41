/**
 * The data of a report at one snapshot, language-free: every figure comes from a named catalog query (through the
 * same answer builders as the CLI and the API) and carries its provenance (query, snapshot date, definition), so
 * the renderers can footnote or link each one.
 */
import {
  type AnswerContext,
  familiesRanking,
  familyBody,
  familyTreeBody,
  orgBody,
  orgVersionsBody,
} from "../answers/bodies.js";
import { type CompareItem, loadCompareData } from "../charts/compare-data.js";
import { type ClosedModel, closedModelsAt, loadClosedModels } from "../domain/closed-models.js";
import { type CostPlan, parseCostRequest, planCost } from "../domain/cost-plan.js";
import { type Family, findFamily } from "../domain/families.js";
import { licenceRows, loadLicences } from "../domain/licences.js";
import { opennessClassesBody } from "../domain/openness.js";
import { InputError } from "../errors.js";
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
  | "lineage";

/** Where a figure comes from: the named query, the snapshot(s) and the definition. */
export interface Source {
  query: string;
  date: string;
  /** The earlier snapshot, for figures that compare two. */
  base?: string;
  def: DefinitionKey;
}

/** A followed family with its totals now and at the base snapshot. */
export interface FamilySection {
  body: Awaited<ReturnType<typeof familyBody>>;
  tree: Awaited<ReturnType<typeof familyTreeBody>>["nodes"];
  base: { repos: number; downloads: number; officialDownloads: number } | null;
  relations: string | null;
  source: Source;
}

/** A followed organisation with its versions now and its totals at the base snapshot. */
export interface OrgSection {
  author: string;
  match: string | null;
  body: Awaited<ReturnType<typeof orgVersionsBody>> | null;
  base: { repos: number; downloads: number } | null;
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
    base: { date: string; models: number; downloads: number } | null;
    /** Percent change of the summed 30-day downloads since the base snapshot. */
    changePct: number | null;
    source: Source;
  };
  topModels: {
    rows: Array<{ id: string; author: string; downloads: number | null; likes: number | null }>;
    source: Source;
  };
  topFamilies: { rows: Awaited<ReturnType<typeof familiesRanking>>; source: Source };
  families: FamilySection[];
  orgs: OrgSection[];
  openness: {
    classes: Awaited<ReturnType<typeof opennessClassesBody>>["classes"];
    total: { repos: number; downloads: number };
    closed: ClosedModel[];
    source: Source;
  } | null;
  cost: { plan: CostPlan; source: Source } | { preset: string; error: string } | null;
  changes: {
    movers: Array<{ id: string; before: number; after: number; change: number; relative: number | null }>;
    entrants: Array<{ id: string; downloads: number | null }>;
    entrantCount: number;
    entrantDownloads: number;
    source: Source;
    entrantSource: Source;
  } | null;
  history: { items: CompareItem[]; source: Source } | null;
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

  const headline = {
    models: now?.models ?? 0,
    downloads: now?.downloads ?? 0,
    base: then ? { date: then.date, models: then.models, downloads: then.downloads } : null,
    changePct: then && then.downloads > 0 ? (((now?.downloads ?? 0) - then.downloads) / then.downloads) * 100 : null,
    source: { query: "snapshots", date, ...(base ? { base } : {}), def: "snapshotTotal" as const },
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
    let b: FamilySection["base"] = null;
    if (base) {
      const old = await familyBody(ctx, f, o, base, 1);
      b = { repos: old.total.repos, downloads: old.total.downloads, officialDownloads: old.official.downloads };
    }
    families.push({
      body,
      tree,
      base: b,
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
    let b: OrgSection["base"] = null;
    if (base) {
      const old = await orgBody(ctx, sub.author, match, base).catch(() => null);
      b = old ? { repos: old.repos, downloads: old.downloads } : { repos: 0, downloads: 0 };
    }
    orgs.push({ author: sub.author, match, body, base: b, source: { query: "org-totals", date, def: "orgTotals" } });
  }

  let openness: ReportData["openness"] = null;
  if (s.openness) {
    const map = await loadLicences();
    await store.refreshLicences(licenceRows(map));
    const body = await opennessClassesBody((q, p) => store.query(q, p), map, { date, task: null, family: null });
    openness = {
      classes: body.classes,
      total: body.total,
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
  if (base) {
    const movers = await store.query(modelChanges, { date, base, limit: s.top });
    const entrants = await store.query(entrantsSince, { date, base, limit: 5 });
    changes = {
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
      history = { items: data.items, source: { query, date, def: "history" } };
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
    topFamilies: { rows: ranking, source: { query: "family-totals", date, def: "familyTotals" } },
    families,
    orgs,
    openness,
    cost,
    changes,
    history,
  };
}
