/**
 * Time axes that suit dated data: snapshots are days, so an axis never shows hours. The unit (day, week, month) is
 * the series' bucket when known, else read from the spacing of the dates; ticks are at least one unit apart and
 * labelled as dates. Also says when there is nothing to draw a line through: one snapshot only. Pure, shared by the
 * dashboard, the SVG embeds and the report.
 */
import type { XAXisComponentOption } from "echarts";
import { AUTO_DAY_MAX_DAYS, AUTO_WEEK_MAX_DAYS } from "../domain/buckets.js";

/** A time unit of a dated axis. */
export type TimeUnit = "day" | "week" | "month";

const DAY_MS = 86_400_000;

/** Shortest tick step per unit (ECharts `minInterval`, ms): never below one day. */
export const UNIT_MIN_INTERVAL: Readonly<Record<TimeUnit, number>> = {
  day: DAY_MS,
  week: 7 * DAY_MS,
  month: 28 * DAY_MS,
};

/** The note shown instead of a line when a series has a single snapshot. */
export const ONE_SNAPSHOT_NOTE = "one snapshot: history starts when a second is collected";

/** The distinct dates (`YYYY-MM-DD`), sorted. */
function distinct(dates: Iterable<string>): string[] {
  return [...new Set(dates)].sort();
}

/**
 * The unit that suits a set of dates: `hint` (a series' resolved bucket) when given, else by the span of the dates
 * with the rule of the series' `auto` bucket (src/domain/buckets.ts): up to 31 days day, up to 26 weeks week, else
 * month. One date or none: day.
 */
export function timeUnitOf(dates: Iterable<string>, hint?: string | null): TimeUnit {
  if (hint === "day" || hint === "week" || hint === "month") return hint;
  const d = distinct(dates);
  if (d.length < 2) return "day";
  const span = (Date.parse(`${d[d.length - 1]}T00:00:00Z`) - Date.parse(`${d[0]}T00:00:00Z`)) / DAY_MS;
  return span <= AUTO_DAY_MAX_DAYS ? "day" : span <= AUTO_WEEK_MAX_DAYS ? "week" : "month";
}

/** Tick labels per level of the time axis: dates only, never hours or minutes. */
function labelFormats(unit: TimeUnit) {
  return {
    year: "{yyyy}",
    month: unit === "month" ? "{MMM} {yyyy}" : "{MMM} {d}",
    day: "{MMM} {d}",
    hour: "",
    minute: "",
    second: "",
    millisecond: "",
    none: "{yyyy}-{MM}-{dd}",
  };
}

/** The x axis of a calendar chart over `dates` in the chosen unit (ECharts `time` axis). */
export function timeAxis(
  dates: Iterable<string>,
  colors: { muted: string; grid: string },
  hint?: string | null,
): XAXisComponentOption {
  const all = distinct(dates);
  const unit = timeUnitOf(all, hint);
  const first = all[0];
  const last = all[all.length - 1];
  // a small margin of one unit at most, so the first and last points are not on the frame, in whole days
  const pad = Math.min(UNIT_MIN_INTERVAL[unit], DAY_MS * 3);
  return {
    type: "time",
    minInterval: UNIT_MIN_INTERVAL[unit],
    min: first ? Date.parse(`${first}T00:00:00Z`) - pad : undefined,
    max: last ? Date.parse(`${last}T00:00:00Z`) + pad : undefined,
    axisLabel: { color: colors.muted, hideOverlap: true, formatter: labelFormats(unit) },
    axisLine: { lineStyle: { color: colors.grid } },
    splitLine: { show: false },
  } as XAXisComponentOption;
}

/** A series as the one-snapshot check reads it. */
interface DatedSeries {
  name: string;
  points: ReadonlyArray<{ date: string; value: number | null }>;
}

/** Whether the series, together, have values at one date at most (nothing to draw a line through). */
export function isSingleSnapshot(series: readonly DatedSeries[]): boolean {
  const dates = new Set<string>();
  for (const s of series) for (const p of s.points) if (p.value !== null) dates.add(p.date);
  return dates.size <= 1;
}

/** The value of each series at its one snapshot (null when it has none), for the one-snapshot display. */
export function singleValues(
  series: readonly DatedSeries[],
): Array<{ name: string; date: string | null; value: number | null }> {
  return series.map((s) => {
    const p = [...s.points].reverse().find((x) => x.value !== null);
    return { name: s.name, date: p?.date ?? null, value: p?.value ?? null };
  });
}
