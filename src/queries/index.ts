/** The whole query catalog by name: what `omo sql --list`, the API and the report look queries up in. */
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
} from "./families.js";
import { modelDetail, modelHistory, topModels } from "./models.js";
import { licenceDrift, OPENNESS_QUERIES, opennessByClass, opennessSeries } from "./openness.js";
import { orgModels, orgTotals } from "./orgs.js";
import { priceFirstDate, priceList, priceLookup } from "./prices.js";
import { entrantsSince, modelChanges, previousSnapshot, REPORT_QUERIES, snapshotNear } from "./report.js";
import { searchModels, searchOrgs } from "./search.js";
import { SERIES_QUERIES } from "./series.js";
import { resolveSnapshot, snapshotList } from "./snapshots.js";

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
  modelDetail,
  modelHistory,
  opennessByClass,
  opennessSeries,
  orgModels,
  orgTotals,
  previousSnapshot,
  resolveSnapshot,
  snapshotList,
  snapshotNear,
  topModels,
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
    familyTotals,
    familyBreakdown,
    familyMembers,
    familyNameOnly,
    familyExplain,
    familyTree,
    familySeries,
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
  ].map((q) => [q.name, q as CatalogQuery<unknown, unknown>]),
);
