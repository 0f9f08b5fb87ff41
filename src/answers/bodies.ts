/**
 * The answers every surface gives, built from the catalog queries: the CLI's `--json`, the API's JSON and the
 * dashboard read these same objects, so the same question gets the same numbers and the same shape everywhere.
 * Each builder takes an {@link AnswerContext}: the server's (bad parameters become 400s, unknown ids 404s) or the
 * CLI's (one-line errors).
 */
import { dominantOf } from "../domain/dominant.js";
import { type Family, isOfficial, officialSqlParams } from "../domain/families.js";
import {
  genericVersionOf,
  groupVersions,
  OTHER_VERSION,
  releaseOf,
  type VersionGroup,
  versionOf,
} from "../domain/versions.js";
import type { CatalogQuery } from "../queries/catalog.js";
import {
  familyBreakdown,
  familyMembers,
  familyNameOnly,
  familyTotals,
  familyTree,
  modelDetail,
  modelHistory,
  orgModels,
  orgTotals,
} from "../queries/index.js";
import { relationsLabel, relationsParam } from "../queries/params/families.js";
import { snapshotCoverage } from "./coverage.js";

/** How a surface runs queries and reports what is not there. */
export interface AnswerContext {
  /** The family registry in use. */
  readonly families: readonly Family[];
  /** Runs a catalog query; `paramNames` / `regexParam` tell a surface how to name a rejected parameter. */
  query<P, R>(
    q: CatalogQuery<P, R>,
    params: P,
    opts?: { paramNames?: Record<string, string>; regexParam?: string },
  ): Promise<R[]>;
  /** The error for an unknown model, organisation or family (404 on the API, a one-line error in the CLI). */
  notFound(message: string): Error;
}

/** A model (id case-insensitive) at a snapshot with its history, as `omo model ID --json`; 404 when unknown. */
export async function modelBody(ctx: AnswerContext, id: string, date: string) {
  const [m] = await ctx.query(modelDetail, { id, date });
  if (!m) throw ctx.notFound(`model not found: ${id.slice(0, 300)}`);
  const history = await ctx.query(modelHistory, { id });
  return { model: m, history };
}

/** Whether an organisation has repos in the snapshot (a 404 otherwise). */
async function requireOrg(ctx: AnswerContext, author: string, date: string): Promise<void> {
  const [t] = await ctx.query(orgTotals, { author, match: null, date });
  if (!t || t.repos === 0) throw ctx.notFound(`unknown organisation: ${author.slice(0, 200)} (no repos at ${date})`);
}

/** An organisation at a snapshot, as `omo org AUTHOR [--match R] --json`. */
export async function orgBody(ctx: AnswerContext, author: string, match: string | null, date: string) {
  const params = { author, match, date };
  const opts = { regexParam: "match" };
  const [totals] = await ctx.query(orgTotals, params, opts);
  if (!totals || totals.repos === 0) await requireOrg(ctx, author, date);
  const models = await ctx.query(orgModels, params, opts);
  const t = totals ?? { repos: 0, downloads: 0, likes: 0 };
  return {
    author,
    match,
    date,
    repos: t.repos,
    downloads: t.downloads,
    likes: t.likes,
    coverage: await snapshotCoverage((q, p) => ctx.query(q, p), date),
    dominant: withoutTotal(t, models[0]),
    models,
  };
}

/**
 * The model that holds more than a fifth of a total of repos and downloads, with the total without it (`dominant`
 * of an answer, see src/domain/dominant.ts); `top` is the total's largest member.
 */
export function withoutTotal(
  total: { repos: number; downloads: number },
  top: { id: string; downloads: number | null } | undefined,
) {
  const d = dominantOf(total.downloads, top);
  return d ? { ...d, without: { repos: total.repos - 1, downloads: total.downloads - d.downloads } } : null;
}

/** An organisation's repos grouped into versions, as `omo org AUTHOR --versions --json`. */
export async function orgVersionsBody(ctx: AnswerContext, author: string, match: string | null, date: string) {
  const org = await orgBody(ctx, author, match, date);
  const families = ctx.families;
  const label = (id: string): string | null => {
    const f = families.find((x) => isOfficial(x, id));
    if (!f) {
      const name = id.slice(id.indexOf("/") + 1);
      const generic = genericVersionOf(name);
      return generic ? `${name.split(/[-_ ]/)[0]} ${generic}` : null;
    }
    return `${f.title} ${versionOf(f, id) ?? OTHER_VERSION}`;
  };
  const versions: VersionGroup[] = groupVersions(org.models, label);
  const releases = groupVersions(org.models, (id) => releaseOf(families.find((x) => isOfficial(x, id)) ?? null, id));
  const claimed = [
    ...new Set(org.models.flatMap((m) => families.filter((f) => isOfficial(f, m.id)).map((f) => f.name))),
  ];
  return {
    author,
    match,
    date,
    repos: org.repos,
    downloads: org.downloads,
    coverage: org.coverage,
    dominant: org.dominant,
    families: claimed,
    /** Repos grouped by size, version and variant (one row per distinct label). */
    versions,
    /** Repos grouped by release only (`releaseOf`): what "how many versions" counts; `other` = no version found. */
    releases,
  };
}

/** Options of the family queries, as `omo family` takes them. */
export interface FamilyOptions {
  relations?: string;
  names?: boolean;
  depth?: number;
}

/** The bound parameters of the family queries (as the CLI's familyParams). */
export function familyParams(f: Family, o: FamilyOptions, date: string) {
  const sql = officialSqlParams(f);
  return {
    official: sql.officialPattern,
    names: o.names ? sql.namePattern : null,
    relations: relationsParam(o.relations),
    depth: o.depth ?? 50,
    date,
  };
}

/** Names of family query parameters as the API calls them. */
export const FAMILY_PARAM_NAMES = { relations: "relations", depth: "depth", date: "date", limit: "top" };

/** A family at a snapshot, as `omo family NAME --json` (top = members listed). */
export async function familyBody(ctx: AnswerContext, f: Family, o: FamilyOptions, date: string, top: number) {
  const params = familyParams(f, o, date);
  const opts = { paramNames: FAMILY_PARAM_NAMES };
  const [t] = await ctx.query(familyTotals, params, opts);
  const breakdown = await ctx.query(familyBreakdown, params, opts);
  const members = await ctx.query(familyMembers, { ...params, limit: top }, opts);
  const nameOnly = o.names ? await ctx.query(familyNameOnly, { ...params, limit: top }, opts) : [];
  const group = (dim: "relation" | "depth") =>
    Object.fromEntries(
      breakdown.filter((b) => b.dimension === dim).map((b) => [b.value, { repos: b.repos, downloads: b.downloads }]),
    );
  const tt = t ?? {
    officialRepos: 0,
    officialDownloads: 0,
    derivativeRepos: 0,
    derivativeDownloads: 0,
    totalRepos: 0,
    totalDownloads: 0,
    nameOnlyRepos: 0,
    nameOnlyDownloads: 0,
  };
  return {
    family: f.name,
    title: f.title,
    date,
    official: { repos: tt.officialRepos, downloads: tt.officialDownloads },
    derivatives: {
      repos: tt.derivativeRepos,
      downloads: tt.derivativeDownloads,
      byRelation: group("relation"),
      byDepth: group("depth"),
    },
    total: { repos: tt.totalRepos, downloads: tt.totalDownloads },
    coverage: await snapshotCoverage((q, p) => ctx.query(q, p), date),
    dominant: withoutTotal({ repos: tt.totalRepos, downloads: tt.totalDownloads }, members[0]),
    ...(o.names ? { nameOnly: { repos: tt.nameOnlyRepos, downloads: tt.nameOnlyDownloads, top: nameOnly } } : {}),
    relations: relationsLabel(params.relations),
    depth: params.depth,
    top: members,
  };
}

/** A family's lineage tree, as `omo family NAME --tree --json`. */
export async function familyTreeBody(ctx: AnswerContext, f: Family, o: FamilyOptions, date: string) {
  const params = familyParams(f, o, date);
  const nodes = await ctx.query(familyTree, params, { paramNames: FAMILY_PARAM_NAMES });
  return { family: f.name, date, nodes };
}

/** A family's official repos by version, as `omo family NAME --versions --json`. */
export async function familyVersionsBody(ctx: AnswerContext, f: Family, date: string) {
  const params = familyParams(f, {}, date);
  const official = (await ctx.query(familyMembers, { ...params, limit: 100_000 })).filter((m) => m.depth === 0);
  const versions = groupVersions(official, f);
  const releases = groupVersions(official, (id) => releaseOf(f, id));
  return { family: f.name, date, repos: official.length, versions, releases };
}

/** Every family ranked by total downloads, as `omo families --json`. */
export async function familiesRanking(ctx: AnswerContext, date: string) {
  const rows = [];
  for (const f of ctx.families) {
    const [t] = await ctx.query(familyTotals, familyParams(f, {}, date));
    rows.push({
      family: f.name,
      title: f.title,
      officialRepos: t?.officialRepos ?? 0,
      officialDownloads: t?.officialDownloads ?? 0,
      derivativeRepos: t?.derivativeRepos ?? 0,
      derivativeDownloads: t?.derivativeDownloads ?? 0,
      totalRepos: t?.totalRepos ?? 0,
      totalDownloads: t?.totalDownloads ?? 0,
    });
  }
  rows.sort((a, b) => b.totalDownloads - a.totalDownloads || a.family.localeCompare(b.family));
  return rows.map((r, i) => ({ rank: i + 1, date, ...r }));
}
