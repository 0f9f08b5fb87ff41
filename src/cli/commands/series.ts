/**
 * `omo series model ID` and `omo series org AUTHOR [--match R]`: a model's or an organisation's values over the
 * stored snapshots, per day, week or month (`--bucket`, default auto), in `--from`..`--to`.
 */
import type { Command } from "commander";
import { z } from "zod";
import { withCoverage } from "../../answers/coverage.js";
import { BUCKETS, type Bucket, flagLabels } from "../../domain/buckets.js";
import { findFamily, officialSqlParams } from "../../domain/families.js";
import { InputError } from "../../errors.js";
import { familySeries, modelDetail, modelSeries, orgSeries, snapshotList } from "../../queries/index.js";
import type { GroupSeriesRow } from "../../queries/params/series.js";
import { emit, outputFormat, withStore } from "../context.js";
import { parseDateOption, requireSnapshot } from "../options.js";
import { type Column, num } from "../output.js";
import { familyParams, registry } from "./family.js";
import { summaryOf } from "./index.js";

interface RangeOptions {
  from?: string;
  to?: string;
  bucket?: string;
}

/** The validated `--from`, `--to`, `--bucket` of a series command. */
export function parseRange(o: RangeOptions): { from: string | null; to: string | null; bucket: Bucket } {
  const from = parseDateOption(o.from, "--from") ?? null;
  const to = parseDateOption(o.to, "--to") ?? null;
  if (from && to && from > to) throw new InputError(`invalid range: --from ${from} is after --to ${to}`);
  const b = z.enum(BUCKETS).safeParse(o.bucket ?? "auto");
  if (!b.success) throw new InputError(`invalid --bucket "${o.bucket}": expected one of ${BUCKETS.join(", ")}`);
  return { from, to, bucket: b.data };
}

const daily = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** How a bucket reads in a table: the day, `wk` and the Monday starting the week, or the month `YYYY-MM`. */
function bucketLabel(r: { bucket: string; unit: string }): string {
  if (r.unit === "month") return r.bucket.slice(0, 7);
  if (r.unit === "week") return `wk ${r.bucket}`;
  return r.bucket;
}

const COVERAGE_LEGEND =
  "coverage≠ = this point's snapshot covers other models than the previous point's (omo snapshots): the change of totals there is not growth (compare like for like: omo growth)";

const LEGEND = `flags: first = first snapshot listing it; gap = the previous snapshot in range did not list it, or a whole bucket has no snapshot; ↓counter = the all-time counter dropped (no daily value); partial = the range starts or ends inside the bucket; ${COVERAGE_LEGEND}`;

/** Describes the range a series covers, for titles. */
function rangeText(rows: Array<{ firstDate: string; lastDate: string; unit: string }>, bucket: Bucket): string {
  if (rows.length === 0) return "no snapshot in range lists it";
  const first = rows[0]?.firstDate;
  const last = rows[rows.length - 1]?.lastDate;
  return `${first} … ${last}, by ${rows[0]?.unit}${bucket === "auto" ? " (auto)" : ""}`;
}

function addRangeOptions(c: Command): Command {
  return c
    .option("--from <date>", "first snapshot date to include (default: the earliest)")
    .option("--to <date>", "last snapshot date to include (default: the latest)")
    .option("--bucket <unit>", "auto | day | week | month (auto: day up to 31 days, week up to 26 weeks)", "auto");
}

/** Prints a group series (organisation, family): table, JSON with the subject, or CSV. */
function emitGroupSeries(
  cmd: Command,
  rows: Array<z.infer<typeof GroupSeriesRow> & { coverageChanged: boolean }>,
  who: string,
  range: ReturnType<typeof parseRange>,
  subject: Record<string, unknown>,
): void {
  const unit = rows[0]?.unit ?? null;
  if (outputFormat(cmd) === "json") {
    emit(cmd, rows, { json: { ...subject, ...range, unit, rows } });
    return;
  }
  if (outputFormat(cmd) === "csv") {
    emit(cmd, rows);
    return;
  }
  const display = rows.map((r) => ({
    ...r,
    label: bucketLabel(r),
    allTime:
      r.downloadsAllTime === null
        ? ""
        : `${num(r.downloadsAllTime)}${r.allTimeRepos < r.repos ? ` (${r.allTimeRepos} repos)` : ""}`,
    daily: r.dailyDownloads === null ? "" : daily.format(r.dailyDownloads),
    flags: [r.gapRepos ? `gap×${r.gapRepos}` : "", r.decreaseRepos ? `↓counter×${r.decreaseRepos}` : ""]
      .concat(r.partial ? ["partial"] : [])
      .concat(r.coverageChanged ? ["coverage≠"] : [])
      .filter(Boolean)
      .join(" "),
  }));
  const columns: Column[] = [
    { key: "label", header: unit === "day" ? "date" : "bucket" },
    ...(unit === "day"
      ? []
      : [
          { key: "snapshots", align: "right" as const },
          { key: "lastDate", header: "last" },
        ]),
    { key: "repos", align: "right" },
    { key: "newRepos", header: "new", align: "right" },
    { key: "downloads", header: "downloads (30d)", align: "right" },
    { key: "likes", align: "right" },
    { key: "allTime", header: "all time", align: "right" },
    { key: "daily", header: "daily (counter)", align: "right" },
    { key: "flags" },
  ];
  emit(cmd, display, {
    columns,
    title: `${who}: ${rangeText(rows, range.bucket)}`,
    footer: display.some((r) => r.flags)
      ? `flags: gap×N = N repos whose previous snapshot in range did not list them, or a whole bucket has no snapshot; ↓counter×N = N all-time counters dropped; partial = the range starts or ends inside the bucket; ${COVERAGE_LEGEND}`
      : undefined,
  });
}

/** Registers `omo series` with its `model`, `org` and `family` subcommands. */
export function register(program: Command): void {
  const series = program.command("series").description(summaryOf("series"));

  addRangeOptions(
    series
      .command("model <id>")
      .description(
        "a model per bucket: 30-day downloads, all-time downloads, likes, daily downloads from the all-time counter, flags",
      ),
  ).action(async (id: string, o: RangeOptions, cmd: Command) => {
    const range = parseRange(o);
    await withStore(cmd, async (store) => {
      await requireSnapshot(store, undefined);
      const [m] = await store.query(modelDetail, { id, date: null });
      if (!m) throw new InputError(`model not found: ${id}`);
      const rows = withCoverage(await store.query(modelSeries, { id, ...range }), await store.query(snapshotList, {}));
      const unit = rows[0]?.unit ?? null;
      if (outputFormat(cmd) === "json") {
        emit(cmd, rows, { json: { id: m.id, ...range, unit, rows } });
        return;
      }
      if (outputFormat(cmd) === "csv") {
        emit(cmd, rows);
        return;
      }
      const display = rows.map((r) => ({
        ...r,
        label: bucketLabel(r),
        daily: r.dailyDownloads === null ? "" : daily.format(r.dailyDownloads),
        flags: [flagLabels(r), r.coverageChanged ? "coverage≠" : ""].filter(Boolean).join(" "),
      }));
      const columns: Column[] = [
        { key: "label", header: unit === "day" ? "date" : "bucket" },
        ...(unit === "day"
          ? []
          : [
              { key: "snapshots", align: "right" as const },
              { key: "lastDate", header: "last" },
            ]),
        { key: "downloads", header: "downloads (30d)", align: "right" },
        { key: "downloadsAllTime", header: "all time", align: "right" },
        { key: "likes", align: "right" },
        { key: "daily", header: "daily (counter)", align: "right" },
        { key: "flags" },
      ];
      emit(cmd, display, {
        columns,
        title: `${m.id}: ${rangeText(rows, range.bucket)}`,
        footer: display.some((r) => r.flags) ? LEGEND : undefined,
      });
    });
  });

  addRangeOptions(
    series
      .command("org <author>")
      .description("an organisation per bucket: repos, new repos, 30-day downloads, likes, all-time downloads")
      .option("--match <regex>", "keep repos whose name matches (case-insensitive regular expression)"),
  ).action(async (author: string, o: RangeOptions & { match?: string }, cmd: Command) => {
    const range = parseRange(o);
    await withStore(cmd, async (store) => {
      await requireSnapshot(store, undefined);
      const rows = withCoverage(
        await store.query(orgSeries, { author, match: o.match ?? null, ...range }),
        await store.query(snapshotList, {}),
      );
      const who = `${author}${o.match ? ` (repos matching /${o.match}/i)` : ""}`;
      emitGroupSeries(cmd, rows, who, range, { author, match: o.match ?? null });
    });
  });

  addRangeOptions(
    series
      .command("family <name>")
      .description("a family per bucket: the members of its lineage walk (official ∪ derivatives by default)")
      .option("--scope <scope>", "total | official | derivatives", "total")
      .option(
        "--relations <list>",
        "follow only these link relations (as omo family --relations; all,reupload adds re-uploads)",
      )
      .option("--depth <n>", "deepest chain of links followed (default 50)")
      .option("--families <path...>", "extra family files or folders (YAML)"),
  ).action(
    async (name: string, o: RangeOptions & { scope?: string; relations?: string; depth?: string }, cmd: Command) => {
      const range = parseRange(o);
      const scope = z.enum(["total", "official", "derivatives"]).safeParse(o.scope ?? "total");
      if (!scope.success) throw new InputError(`invalid --scope "${o.scope}": expected total, official or derivatives`);
      const f = findFamily(await registry(cmd), name);
      await withStore(cmd, async (store) => {
        await requireSnapshot(store, undefined);
        const p = familyParams(f, o, "");
        const rows = withCoverage(
          await store.query(familySeries, {
            official: officialSqlParams(f).officialPattern,
            relations: p.relations,
            depth: p.depth,
            scope: scope.data,
            ...range,
          }),
          await store.query(snapshotList, {}),
        );
        emitGroupSeries(cmd, rows, `${f.title} (${scope.data})`, range, { family: f.name, scope: scope.data });
      });
    },
  );
}
