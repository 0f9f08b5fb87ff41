/** The whole query catalog by name: what `omo queries`, `/api/queries`, the API and the report look queries up in. */
import { CARD_LICENCE_QUERIES } from "./card-licences.js";
import type { CatalogQuery } from "./catalog.js";
import { EXPORT_QUERIES } from "./export.js";
import {
  familyBreakdown,
  familyExplain,
  familyMembers,
  familyNameOnly,
  familySeries,
  familyTotals,
  familyTree,
  rankedFamilies,
} from "./families.js";
import { LEADERBOARD_QUERIES } from "./leaderboards.js";
import { LINEAGE_QUERIES, modelChildren, modelChildrenByRelation, modelNewChildren, modelParents } from "./lineage.js";
import { modelDetail, modelFacets, modelHistory, topModels } from "./models.js";
import { licenceDrift, OPENNESS_QUERIES, opennessByClass, opennessSeries } from "./openness.js";
import { orgModels, orgRanking, orgTotals } from "./orgs.js";
import { priceFirstDate, priceList, priceLookup } from "./prices.js";
import { entrantsSince, modelChanges, previousSnapshot, REPORT_QUERIES, snapshotNear } from "./report.js";
import { searchModels, searchOrgs } from "./search.js";
import { SERIES_QUERIES } from "./series.js";
import { resolveSnapshot, snapshotList } from "./snapshots.js";
import { USAGE_QUERIES, usageCatalogue, usageHubRepos, usageRows, usageSnapshots } from "./usage.js";

export {
  entrantsSince,
  familyBreakdown,
  familyExplain,
  familyMembers,
  familyNameOnly,
  familySeries,
  familyTotals,
  familyTree,
  licenceDrift,
  modelChanges,
  modelChildren,
  modelChildrenByRelation,
  modelDetail,
  modelFacets,
  modelHistory,
  modelNewChildren,
  modelParents,
  opennessByClass,
  opennessSeries,
  orgModels,
  orgRanking,
  orgTotals,
  previousSnapshot,
  rankedFamilies,
  resolveSnapshot,
  snapshotList,
  snapshotNear,
  topModels,
  usageCatalogue,
  usageHubRepos,
  usageRows,
  usageSnapshots,
};

/** Every catalog query keyed by its name. */
export const CATALOG: Readonly<Record<string, CatalogQuery<unknown, unknown>>> = Object.fromEntries(
  [
    snapshotList,
    resolveSnapshot,
    topModels,
    modelDetail,
    modelHistory,
    orgTotals,
    orgModels,
    orgRanking,
    modelFacets,
    ...LINEAGE_QUERIES,
    familyTotals,
    familyBreakdown,
    familyMembers,
    familyNameOnly,
    familyExplain,
    familyTree,
    familySeries,
    rankedFamilies,
    ...SERIES_QUERIES,
    searchModels,
    searchOrgs,
    ...OPENNESS_QUERIES,
    ...CARD_LICENCE_QUERIES,
    priceList,
    priceLookup,
    priceFirstDate,
    ...REPORT_QUERIES,
    ...EXPORT_QUERIES,
    ...USAGE_QUERIES,
    ...LEADERBOARD_QUERIES,
  ].map((q) => [q.name, q as CatalogQuery<unknown, unknown>]),
);
