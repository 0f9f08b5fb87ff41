/**
 * Catalog entries about licences stated in model cards (`model_card_licence`, filled by `omo ingest --details`): which
 * repos to fetch, and what the fetched cards say, by licence name and class.
 */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import { CH_STATS_AT, Count, DateParam, SNAPSHOT_DATE_SQL } from "./common.js";
import { chLicenceKey, LICENCE_CLASS_JOIN_SQL } from "./openness.js";

/** Repos whose licence tag says nothing usable: `other` (a custom licence), `unknown`. */
const VAGUE_TAGS = "('other', 'unknown')";

/** Repos of a snapshot tagged `other` or `unknown`, by downloads, whose card is still to fetch. */
export const cardLicenceCandidates = defineQuery({
  name: "card-licence-candidates",
  description:
    "Repos listed in the snapshot (default: the latest) whose licence tag is `other` or `unknown`, with at least `min_downloads` 30-day downloads, most downloaded first: the repos whose model card (`GET /api/models/{id}`) `omo ingest --details` fetches for `cardData.license_name`. Repos whose card was fetched on or after `fetched_since` are left out (null: none is).",
  params: z.object({
    date: DateParam,
    min_downloads: z.number().int().min(0).default(1000),
    fetched_since: DateParam,
    limit: z.number().int().positive().max(1_000_000).default(100_000),
  }),
  sql: {
    duckdb: `SELECT m.id, s.downloads, lower(m.license) AS license
FROM model_stats s JOIN model m ON m.mid = s.mid
  LEFT JOIN model_card_licence cl ON cl.key = m.key
WHERE s.date = ${SNAPSHOT_DATE_SQL} AND lower(m.license) IN ${VAGUE_TAGS}
  AND coalesce(s.downloads, 0) >= $min_downloads
  AND ($fetched_since::DATE IS NULL OR cl.fetched_on IS NULL OR cl.fetched_on < $fetched_since::DATE)
ORDER BY s.downloads DESC NULLS LAST, m.id
LIMIT $limit`,
    clickhouse: `SELECT id, downloads, lic AS license FROM (
  SELECT key, id, downloads, lic FROM ${CH_STATS_AT}
  ALL INNER JOIN (SELECT key, id, lowerUTF8(ifNull(license, '')) AS lic FROM model
    WHERE lowerUTF8(ifNull(license, '')) IN ${VAGUE_TAGS}) USING key
  WHERE ifNull(downloads, 0) >= $min_downloads
) ALL LEFT JOIN (SELECT key, fetched_on FROM model_card_licence) USING key
WHERE isNull($fetched_since) OR isNull(fetched_on) OR fetched_on < toDate($fetched_since)
ORDER BY downloads DESC, id
LIMIT $limit`,
  },
  row: z.object({ id: z.string(), downloads: Count.nullable(), license: z.string() }),
});

/**
 * What the fetched cards of the snapshot's repos tagged `other`, `unknown` (or untagged) say: per licence name (null:
 * the card names none), the class the openness queries now give those repos, with repos and 30-day downloads.
 */
export const cardLicenceSummary = defineQuery({
  name: "card-licence-summary",
  description:
    "Repos listed in the snapshot whose licence tag is `other` or `unknown` (or absent) and whose model card was fetched (`omo ingest --details`), by the licence name the card states (`cardData.license_name`, lower-cased; null when it states none) and the openness class that name has in data/licences.yaml ('unknown' when the name is not mapped): repos and 30-day downloads, most downloaded first.",
  params: z.object({ date: DateParam }),
  sql: {
    duckdb: `SELECT lower(cl.license_name) AS "licenceName", coalesce(lc.class, 'unknown') AS class, count(*) AS repos,
  coalesce(sum(s.downloads), 0) AS downloads
FROM model_stats s JOIN model m ON m.mid = s.mid ${LICENCE_CLASS_JOIN_SQL}
WHERE s.date = ${SNAPSHOT_DATE_SQL} AND cl.key IS NOT NULL
  AND (m.license IS NULL OR lower(m.license) IN ${VAGUE_TAGS})
GROUP BY 1, 2
ORDER BY downloads DESC, repos DESC, "licenceName" NULLS LAST, class`,
    clickhouse: `SELECT nullIf(cname, '') AS licenceName, ifNull(lclass, 'unknown') AS class, count() AS repos,
  ifNull(sum(downloads), 0) AS downloads
FROM (
  SELECT * FROM ${chLicenceKey(`(
    SELECT key, downloads, lic FROM ${CH_STATS_AT}
    ALL INNER JOIN (SELECT key, lowerUTF8(ifNull(license, '')) AS lic FROM model
      WHERE lowerUTF8(ifNull(license, '')) IN ('other', 'unknown', '')) USING key)`)}
  WHERE key IN (SELECT key FROM model_card_licence)
) ALL LEFT JOIN (SELECT tag AS lickey, class AS lclass FROM licence_class) USING lickey
GROUP BY licenceName, class
ORDER BY downloads DESC, repos DESC, isNull(licenceName), licenceName, class`,
  },
  row: z.object({
    licenceName: z.string().nullable(),
    class: z.string(),
    repos: Count,
    downloads: Count,
  }),
});

/** Every stored card licence (what `omo store copy` carries over), by key. */
export const cardLicenceExport = defineQuery({
  name: "card-licence-export",
  description:
    "Every licence fetched from a model card (model_card_licence: repo id, cardData.license_name, license_link, license, the day fetched, the endpoint), ordered by lower-cased id.",
  params: z.object({}),
  sql: {
    duckdb: `SELECT id, license_name AS "licenseName", license_link AS "licenseLink", card_license AS "cardLicense",
  strftime(fetched_on, '%Y-%m-%d') AS "fetchedOn", source FROM model_card_licence ORDER BY key`,
    clickhouse: `SELECT id, license_name AS licenseName, license_link AS licenseLink, card_license AS cardLicense,
  toString(fetched_on) AS fetchedOn, source FROM model_card_licence ORDER BY key`,
  },
  row: z.object({
    id: z.string(),
    licenseName: z.string().nullable(),
    licenseLink: z.string().nullable(),
    cardLicense: z.string().nullable(),
    fetchedOn: z.string(),
    source: z.string(),
  }),
});

/** The card-licence queries, for the catalog. */
export const CARD_LICENCE_QUERIES = [cardLicenceCandidates, cardLicenceSummary, cardLicenceExport] as const;
