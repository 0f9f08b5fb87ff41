/**
 * The openness answers the CLI (`omo openness`) and the API (`/api/openness`) share: downloads by licence class at a
 * snapshot, the same per snapshot, and licence drift between derivatives and their bases. Both surfaces run the same
 * catalog queries through a runner and get the same JSON bodies.
 */

import { type Dominant, dominantOf, type ShareRow, sharesWithout } from "../domain/dominant.js";
import { type Family, officialSqlParams } from "../domain/families.js";
import type { LicenceMap } from "../domain/licences.js";
import type { OpennessEvidence } from "../domain/openness-evidence.js";
import type { CatalogQuery } from "../queries/catalog.js";
import {
  familyMembers,
  licenceDrift,
  modelDetail,
  opennessByClass,
  opennessSeries,
  snapshotList,
  topModels,
} from "../queries/index.js";
import { snapshotCoverage, withCoverage } from "./coverage.js";

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
    coverage: await snapshotCoverage(run, f.date),
    dominant: await opennessDominant(run, f, classes, total.downloads),
    ...(f.family && evidence ? { evidence: evidence.get(f.family.name) ?? [] } : {}),
  };
}

/**
 * The model that holds more than a fifth of the downloads in scope, with its class and the class shares without it
 * (null when none does, or for a family and a task at once, where no query ranks the models of both).
 */
async function opennessDominant(
  run: QueryRunner,
  f: OpennessFilter,
  classes: readonly ShareRow[],
  total: number,
): Promise<(Dominant<ReturnType<typeof sharesWithout>> & { class: string }) | null> {
  if (f.family && f.task) return null;
  const s = scope(f);
  const [top] = f.family
    ? await run(familyMembers, {
        official: s.official as string,
        names: null,
        relations: null,
        depth: 50,
        date: f.date,
        limit: 1,
      })
    : await run(topModels, { date: f.date, limit: 1, task: f.task, library: null, license: null, author: null });
  const d = dominantOf(total, top);
  if (!d) return null;
  const [m] = await run(modelDetail, { id: d.id, date: f.date });
  const cls = m?.licenceClass ?? "unknown";
  return { ...d, class: cls, without: sharesWithout(classes, cls, d.downloads) };
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
  // each date's coverage, flagged where it differs from the previous date's: shares over other models
  const dates = withCoverage(
    [...new Set(rows.map((r) => r.date))].map((lastDate) => ({ lastDate })),
    await run(snapshotList, {}),
  );
  const byDate = new Map(dates.map((d) => [d.lastDate, d]));
  return {
    task: f.task,
    family: f.family?.name ?? null,
    rows: rows.map((r) => ({
      ...r,
      coverage: byDate.get(r.date)?.coverage ?? null,
      coverageChanged: byDate.get(r.date)?.coverageChanged ?? false,
    })),
  };
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
