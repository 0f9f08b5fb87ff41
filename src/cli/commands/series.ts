/**
 * `omo series model ID` and `omo series org AUTHOR [--match R]`: a model's or an organisation's values over the
 * stored snapshots, per day, week or month (`--bucket`, default auto), in `--from`..`--to`.
 */
import type { Command } from "commander";
import { z } from "zod";
import { BUCKETS, type Bucket, flagLabels } from "../../domain/buckets.js";
import { InputError } from "../../errors.js";
import { modelDetail } from "../../queries/index.js";
import { modelSeries, orgSeries } from "../../queries/series.js";
import { emit, outputFormat, withStore } from "../context.js";
import { parseDateOption, requireSnapshot } from "../options.js";
import { type Column, num } from "../output.js";

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

const LEGEND =
  "flags: first = first snapshot listing it; gap = the previous snapshot in range did not list it, or a whole bucket has no snapshot; ↓counter = the all-time counter dropped (no daily value); partial = the range starts or ends inside the bucket";

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

/** Registers `omo series` with its `model` and `org` subcommands. */
export function register(program: Command): void {
  const series = program
    .command("series")
    .description("history of a model or an organisation over the stored snapshots, per day, week or month");

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
      const rows = await store.query(modelSeries, { id, ...range });
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
        flags: flagLabels(r),
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
      const rows = await store.query(orgSeries, { author, match: o.match ?? null, ...range });
      const unit = rows[0]?.unit ?? null;
      if (outputFormat(cmd) === "json") {
        emit(cmd, rows, { json: { author, match: o.match ?? null, ...range, unit, rows } });
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
      const who = `${author}${o.match ? ` (repos matching /${o.match}/i)` : ""}`;
      emit(cmd, display, {
        columns,
        title: `${who}: ${rangeText(rows, range.bucket)}`,
        footer: display.some((r) => r.flags)
          ? "flags: gap×N = N repos whose previous snapshot in range did not list them, or a whole bucket has no snapshot; ↓counter×N = N all-time counters dropped; partial = the range starts or ends inside the bucket"
          : undefined,
      });
    });
  });
}
