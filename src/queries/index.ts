/**
 * The whole query catalog by name: what `omo queries`, `/api/queries`, the API and the report look queries up in. Each
 * query is a folder `src/queries/<name>/` (see README.md there): `query.ts` and its SQL files.
 */

import { cardLicenceCandidates } from "./card-licence-candidates/query.js";
import { cardLicenceExport } from "./card-licence-export/query.js";
import { cardLicenceSummary } from "./card-licence-summary/query.js";
import type { CatalogQuery } from "./catalog.js";
import { concentration } from "./concentration/query.js";
import { entrantsSince } from "./entrants-since/query.js";
import { rankedFamilies } from "./families-ranking/query.js";
import { familyBreakdown } from "./family-breakdown/query.js";
import { familyExplain } from "./family-explain/query.js";
import { familyMembers } from "./family-members/query.js";
import { familyNameOnly } from "./family-name-only/query.js";
import { familySeries } from "./family-series/query.js";
import { familyTotals } from "./family-totals/query.js";
import { familyTree } from "./family-tree/query.js";
import { growth } from "./growth/query.js";
import { growthDates } from "./growth-dates/query.js";
import { hubModelsAt } from "./hub-models-at/query.js";
import { leaderboardEntries } from "./leaderboard-entries/query.js";
import { leaderboardFirstSeen } from "./leaderboard-first-seen/query.js";
import { leaderboardHubUrls } from "./leaderboard-hub-urls/query.js";
import { leaderboardLicencesBefore } from "./leaderboard-licences-before/query.js";
import { leaderboardOrganisations } from "./leaderboard-organisations/query.js";
import { leaderboardRepoCandidates } from "./leaderboard-repo-candidates/query.js";
import { leaderboardSnapshots } from "./leaderboard-snapshots/query.js";
import { licenceDrift } from "./licence-drift/query.js";
import { licenceMap } from "./licence-map/query.js";
import { likeForLike } from "./like-for-like/query.js";
import { modelDetail } from "./model/query.js";
import { modelChanges } from "./model-changes/query.js";
import { modelChildren } from "./model-children/query.js";
import { modelChildrenByRelation } from "./model-children-by-relation/query.js";
import { modelFacets } from "./model-facets/query.js";
import { modelHistory } from "./model-history/query.js";
import { modelNewChildren } from "./model-new-children/query.js";
import { modelParents } from "./model-parents/query.js";
import { modelSeries } from "./model-series/query.js";
import { newEntrants } from "./new-entrants/query.js";
import { opennessByClass } from "./openness-by-class/query.js";
import { opennessSeries } from "./openness-series/query.js";
import { orgModels } from "./org-models/query.js";
import { orgRanking } from "./org-ranking/query.js";
import { orgSeries } from "./org-series/query.js";
import { orgTotals } from "./org-totals/query.js";
import { previousSnapshot } from "./previous-snapshot/query.js";
import { priceFirstDate } from "./price-first-date/query.js";
import { priceLookup } from "./price-lookup/query.js";
import { priceList } from "./prices/query.js";
import { resolveSnapshot } from "./resolve-snapshot/query.js";
import { searchModels } from "./search-models/query.js";
import { searchOrgs } from "./search-orgs/query.js";
import { snapshotExport } from "./snapshot-export/query.js";
import { snapshotNear } from "./snapshot-near/query.js";
import { snapshotList } from "./snapshots/query.js";
import { topModelShares } from "./top-model-shares/query.js";
import { topModels } from "./top-models/query.js";
import { topOrgShares } from "./top-org-shares/query.js";
import { usageCatalogue } from "./usage-catalogue/query.js";
import { usageHubRepos } from "./usage-hub-repos/query.js";
import { usageRows } from "./usage-rows/query.js";
import { usageSnapshots } from "./usage-snapshots/query.js";
import { usageVersion } from "./usage-version/query.js";

export {
  cardLicenceCandidates,
  cardLicenceExport,
  cardLicenceSummary,
  concentration,
  entrantsSince,
  familyBreakdown,
  familyExplain,
  familyMembers,
  familyNameOnly,
  familySeries,
  familyTotals,
  familyTree,
  growth,
  growthDates,
  hubModelsAt,
  leaderboardEntries,
  leaderboardFirstSeen,
  leaderboardHubUrls,
  leaderboardLicencesBefore,
  leaderboardOrganisations,
  leaderboardRepoCandidates,
  leaderboardSnapshots,
  licenceDrift,
  licenceMap,
  likeForLike,
  modelChanges,
  modelChildren,
  modelChildrenByRelation,
  modelDetail,
  modelFacets,
  modelHistory,
  modelNewChildren,
  modelParents,
  modelSeries,
  newEntrants,
  opennessByClass,
  opennessSeries,
  orgModels,
  orgRanking,
  orgSeries,
  orgTotals,
  previousSnapshot,
  priceFirstDate,
  priceList,
  priceLookup,
  rankedFamilies,
  resolveSnapshot,
  searchModels,
  searchOrgs,
  snapshotExport,
  snapshotList,
  snapshotNear,
  topModelShares,
  topModels,
  topOrgShares,
  usageCatalogue,
  usageHubRepos,
  usageRows,
  usageSnapshots,
  usageVersion,
};

/** The card-licence queries. */
export const CARD_LICENCE_QUERIES = [cardLicenceCandidates, cardLicenceSummary, cardLicenceExport] as const;
/** The export queries (`omo store copy`). */
export const EXPORT_QUERIES = [snapshotExport, licenceMap] as const;
/** The leaderboard queries. */
export const LEADERBOARD_QUERIES = [
  leaderboardSnapshots,
  leaderboardEntries,
  leaderboardLicencesBefore,
  leaderboardOrganisations,
  leaderboardFirstSeen,
  leaderboardHubUrls,
  leaderboardRepoCandidates,
  hubModelsAt,
] as const;
/** The lineage queries. */
export const LINEAGE_QUERIES = [modelChildren, modelChildrenByRelation, modelNewChildren, modelParents] as const;
/** The openness queries. */
export const OPENNESS_QUERIES = [opennessByClass, opennessSeries, licenceDrift] as const;
/** The queries the report and the claim checks add. */
export const REPORT_QUERIES = [snapshotNear, previousSnapshot, modelChanges, entrantsSince, likeForLike] as const;
/** History, growth and concentration. */
export const SERIES_QUERIES: ReadonlyArray<CatalogQuery<unknown, unknown>> = [
  modelSeries,
  orgSeries,
  growthDates,
  growth,
  newEntrants,
  concentration,
  topModelShares,
  topOrgShares,
] as unknown as ReadonlyArray<CatalogQuery<unknown, unknown>>;
/** The token-usage queries. */
export const USAGE_QUERIES = [usageSnapshots, usageRows, usageCatalogue, usageHubRepos, usageVersion] as const;

/** Every catalog query keyed by its name (the groups above, and the rest), in the order `omo queries` lists them. */
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
