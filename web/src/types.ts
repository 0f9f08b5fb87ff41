/**
 * Shapes of the omo API answers the dashboard reads. Where an answer is built by a body of src/answers (or the
 * domain module that builds it), its type is imported from there, so the dashboard and the API cannot drift; the few
 * routes that shape their rows inline are typed from their catalog queries' row schemas. Every JSON answer also
 * carries `dataAsOf`. (Type-only imports: nothing of the server is bundled.)
 */
import type { z } from "zod";
import type {
  familiesRanking,
  familyBody,
  familyTreeBody,
  familyVersionsBody,
  modelBody,
  orgBody,
  orgVersionsBody,
} from "../../src/answers/bodies.js";
import type { ConcentrationAnswer } from "../../src/answers/concentration.js";
import type { CostOptionsAnswer } from "../../src/answers/cost-options.js";
import type { FacetsAnswer } from "../../src/answers/facets.js";
import type { GrowthAnswer } from "../../src/answers/growth.js";
import type { ModelChildrenAnswer, ModelFamiliesAnswer } from "../../src/answers/model-lineage.js";
import type { opennessClassesBody, opennessSeriesBody } from "../../src/answers/openness.js";
import type { OrgRankingAnswer } from "../../src/answers/orgs.js";
import type { CompareData } from "../../src/charts/compare-data.js";
import type { CostPlan } from "../../src/domain/cost-plan.js";
import type { modelSeries, orgSeries, searchModels, searchOrgs, topModels } from "../../src/queries/index.js";

/** The body an async builder resolves to. */
type Body<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

/** A JSON answer: the body and the snapshot it comes from. */
export type Answer<T> = T & { dataAsOf: string | null };

/** Present in every JSON body. */
export interface AsOf {
  dataAsOf?: string | null;
}

export interface Health extends AsOf {
  ok: boolean;
  date: string | null;
  models: number;
}

export interface SnapshotRow {
  date: string;
  source: string;
  status: string;
  models: number;
  downloads: number;
  /** What the snapshot covers: a full listing of the Hub, or a partial one (how it was selected). */
  coverage?: { kind: "full" | "partial"; how: string; models: number };
}

export type SearchResult = Answer<{
  q: string;
  models: Array<z.output<typeof searchModels.row>>;
  orgs: Array<z.output<typeof searchOrgs.row>>;
  families: Array<{ family: string; title: string; description: string }>;
}>;

/** A row of `/api/models`. */
export type ModelRow = z.output<typeof topModels.row> & { rank: number };

export type ModelDetail = Answer<Body<typeof modelBody>["model"] & { history: Body<typeof modelBody>["history"] }>;

/** A bucket of a series route (model, organisation or family). */
export type SeriesRow = z.output<typeof modelSeries.row> | z.output<typeof orgSeries.row>;

export type OrgDetail = Answer<Body<typeof orgBody>>;
export type OrgVersions = Answer<Body<typeof orgVersionsBody>>;
export type OrgVersion = OrgVersions["versions"][number];

export type FamilyDetail = Answer<Body<typeof familyBody>>;
export type FamilyTree = Answer<Body<typeof familyTreeBody>>;
export type FamilyVersions = Answer<Body<typeof familyVersionsBody>>;
export type FamilyVersion = FamilyVersions["versions"][number];

/** A row of `/api/families`. */
export type FamilyListRow = Body<typeof familiesRanking>[number];

export type CompareAnswer = Answer<{ items: CompareData["items"] }>;
export type Trending = Answer<GrowthAnswer>;
export type ModelChildren = Answer<ModelChildrenAnswer>;
export type ModelFamilies = Answer<ModelFamiliesAnswer>;
export type OrgRanking = Answer<OrgRankingAnswer>;
export type Concentration = Answer<ConcentrationAnswer>;
export type Facets = Answer<FacetsAnswer>;
export type OpennessClasses = Answer<Body<typeof opennessClassesBody>>;
export type OpennessSeries = Answer<Body<typeof opennessSeriesBody>>;
export type CostOptions = Answer<CostOptionsAnswer>;
export type CostAnswer = Answer<CostPlan>;

/** A share: a point (every model named), bounds (top N with the total known), or null (total unknown). */
export type UsageShareValue =
  | { tokens: number; share: number }
  | { lower: number; upper: number; namedTokens: number }
  | null;

/** One date of `/api/usage/share`. */
export interface UsageShareDate {
  date: string;
  period: string;
  window: { start: string; end: string };
  snapshot: { id: string; source: string; fetchedAt: string | null; status: string | null };
  coverage: { kind: "full" | "partial"; how: string; models: number; top: number | null; totalKnown: boolean };
  tokens: { total: number | null; named: number; remainder: number | null };
  open: UsageShareValue;
  closed: UsageShareValue;
  unknown: { tokens: number; share: number | null };
  free: { tokens: number; share: number | null };
  groups: Array<{ key: string; tokens: number; value: UsageShareValue }>;
  note: string;
}

/** `/api/usage/share`. */
export interface UsageShareAnswer extends AsOf {
  period: string;
  by: string;
  definition: string;
  queries: string[];
  counts: { dates: number; points: number; bounds: number; noShare: number };
  dates: UsageShareDate[];
}

/** `/api/usage/models`. */
export interface UsageModelsAnswer extends AsOf {
  date: string | null;
  snapshot: {
    source: string;
    window: { start: string; end: string };
    coverage: { kind: string; how: string };
    totalTokens: number | null;
  } | null;
  models: Array<{
    rank: number;
    model: string;
    tokens: number;
    freeTokens: number;
    share: number | null;
    class: string;
    hubRepo: string | null;
    hubMethod: string | null;
    family: string | null;
    organisation: string | null;
    country: string | null;
  }>;
}

/** `/api/usage/signals`. */
export interface UsageSignalsAnswer extends AsOf {
  usage: { window: { start: string; end: string }; source: string; coverage: { how: string } } | null;
  hub: { date: string; distanceDays: number; models: number; downloads: number } | null;
  definitions: { tokens: string; downloads: string };
  rows: Array<{
    id: string;
    title: string;
    tokenShare: UsageShareValue;
    downloadShare: { downloads: number; share: number } | null;
    leaderboard: { board: string; date: string; model: string; score: number | null } | null;
  }>;
}

/** `/api/leaderboards/gap`. */
export interface LeaderboardGap extends AsOf {
  board: string;
  title: string;
  score: string;
  definition: string;
  from: string;
  to: string;
  top: number;
  segments: Array<{ id: string; label: string; reason: string; first: string; last: string; tables: number }>;
  exceptions: Array<{ id: string; openness: string | null; reason: string; dates: string[] }>;
  dates: Array<{
    date: string;
    segment: string;
    coverage: { kind: string; how: string; entries: number };
    closed: { model: string; score: number; ci: { plus: number | null; minus: number | null } } | null;
    open: {
      model: string;
      score: number;
      ci: { plus: number | null; minus: number | null };
      licence: string | null;
      licenceClass: string | null;
      country: string | null;
    } | null;
    gap: number | null;
    overlap: boolean | null;
    shares: Array<{ top: number; share: number }>;
  }>;
}

/** `/api/leaderboards/months-behind`. */
export interface MonthsBehindAnswer extends AsOf {
  definition: string;
  dates: Array<{
    date: string;
    segment: string;
    open: { model: string; score: number } | null;
    reachedBy: { model: string; score: number; firstListed: string } | null;
    months: number | null;
    censored: boolean;
    openLeads: boolean;
  }>;
}

/** `/api/leaderboards/models`. */
export interface LeaderboardModels extends AsOf {
  board: string;
  title: string;
  date: string;
  segment: string;
  definition: string;
  hubSnapshot: { date: string; days: number } | null;
  coverage: { kind: string; how: string };
  match: { open: number; openMatched: number };
  frontier: Array<{ model: string; score: number; price: number; openness: string }>;
  entries: Array<{
    place: number;
    model: string;
    score: number | null;
    ci: { plus: number | null; minus: number | null };
    openness: string;
    licence: string | null;
    licenceClass: string | null;
    organisation: string | null;
    country: string | null;
    hub: { repo: string; rule: string } | null;
    family: { family: string; title: string } | null;
    downloads: number | null;
    price: { blended: number; from: string } | null;
    scorePerDollar: number | null;
    frontier: boolean;
  }>;
}

/** `/api/leaderboards`. */
export interface LeaderboardTables extends AsOf {
  tables: Array<{ board: string; date: string; entries: number; coverageKind: string }>;
}
