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
import type { OrgRankingAnswer } from "../../src/answers/orgs.js";
import type { CompareData } from "../../src/charts/compare-data.js";
import type { CostPlan } from "../../src/domain/cost-plan.js";
import type { opennessClassesBody, opennessSeriesBody } from "../../src/domain/openness.js";
import type { topModels } from "../../src/queries/models.js";
import type { searchModels, searchOrgs } from "../../src/queries/search.js";
import type { modelSeries, orgSeries } from "../../src/queries/series.js";

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
