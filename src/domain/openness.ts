/**
 * The openness answers the CLI (`omo openness`) and the API (`/api/openness`) share: downloads by licence class at a
 * snapshot, the same per snapshot, and licence drift between derivatives and their bases. Both surfaces run the same
 * catalog queries through a runner and get the same JSON bodies.
 */
import type { CatalogQuery } from "../queries/catalog.js";
import { licenceDrift, opennessByClass, opennessSeries } from "../queries/openness.js";
import { type Family, officialSqlParams } from "./families.js";
import type { LicenceMap } from "./licences.js";
import type { OpennessEvidence } from "./openness-evidence.js";

/** Runs a catalog query (a Store's `query`, or the server context's, which maps errors to 400s). */
export type QueryRunner = <P, R>(q: CatalogQuery<P, R>, params: P) => Promise<R[]>;

/** The filters of an openness question. */
export interface OpennessFilter {
  /** Snapshot date (already resolved to a complete snapshot). */
  date: string;
  task: string | null;
  family: Family | null;
}

function scope(f: OpennessFilter) {
  return {
    task: f.task,
    official: f.family ? officialSqlParams(f.family).officialPattern : null,
    relations: null,
    depth: 50,
  };
}

/**
 * Downloads by openness class at the snapshot, with each class's definition and the totals; for a family, its
 * openness evidence (index, opening-up-chatgpt and MOF entries) when `evidence` is given.
 */
export async function opennessClassesBody(
  run: QueryRunner,
  map: LicenceMap,
  f: OpennessFilter,
  evidence?: ReadonlyMap<string, OpennessEvidence[]>,
) {
  const rows = await run(opennessByClass, { date: f.date, ...scope(f) });
  const classes = rows.map((r) => ({
    class: r.class,
    repos: r.repos,
    downloads: r.downloads,
    share: r.share,
    gatedRepos: r.gatedRepos,
    gatedDownloads: r.gatedDownloads,
    gatingUnknown: r.gatingUnknown,
    definition: map.classes[r.class as keyof LicenceMap["classes"]] ?? null,
  }));
  const total = {
    repos: classes.reduce((a, c) => a + c.repos, 0),
    downloads: classes.reduce((a, c) => a + c.downloads, 0),
  };
  return {
    date: f.date,
    task: f.task,
    family: f.family?.name ?? null,
    rule: "class of the model's first licence tag (else cardData.license) in data/licences.yaml; for a repo tagged other or unknown (or untagged) whose model card names its licence (omo ingest --details), the class of that name; unmapped or absent: unknown",
    classes,
    total,
    ...(f.family && evidence ? { evidence: evidence.get(f.family.name) ?? [] } : {}),
  };
}

/** One line per piece of evidence: source, entry, score (or MOF components), match, file. */
export function evidenceLines(evidence: readonly OpennessEvidence[]): string[] {
  return evidence.map((e) => {
    const what =
      e.source === "mof"
        ? `${Object.keys(e.components).length} components listed`
        : `score ${e.score}/${e.scoreMax}, licence "${e.licence}"`;
    return `  ${e.source}: ${e.entry} — ${what} (${e.match}; ${e.file} @ ${e.commit.slice(0, 8)})`;
  });
}

/** Downloads by openness class in every complete snapshot. */
export async function opennessSeriesBody(run: QueryRunner, f: Omit<OpennessFilter, "date">) {
  const rows = await run(opennessSeries, scope({ ...f, date: "" }));
  return { task: f.task, family: f.family?.name ?? null, rows };
}

/** Derivatives whose licence differs from their base model's, by from → to. */
export async function licenceDriftBody(
  run: QueryRunner,
  f: OpennessFilter,
  opts: { relation?: string | null; limit?: number } = {},
) {
  const relation = (opts.relation ?? null) as "finetune" | "adapter" | "quantized" | "merge" | "unknown" | null;
  const rows = await run(licenceDrift, { date: f.date, ...scope(f), relation, limit: opts.limit ?? 50 });
  const pairs = rows.flatMap((r) =>
    r.fromLicence === null || r.toLicence === null
      ? []
      : [
          {
            fromLicence: r.fromLicence,
            fromClass: r.fromClass ?? "unknown",
            toLicence: r.toLicence,
            toClass: r.toClass ?? "unknown",
            repos: r.repos ?? 0,
            downloads: r.downloads ?? 0,
          },
        ],
  );
  return {
    date: f.date,
    task: f.task,
    family: f.family?.name ?? null,
    relation,
    derivatives: rows[0]?.derivatives ?? 0,
    changedDerivatives: rows[0]?.changedDerivatives ?? 0,
    pairs,
  };
}
