/**
 * The line chart of one or more series (a model, a family, an organisation…): a pure function from data to an
 * ECharts option, used by the dashboard (canvas, in the browser) and by the SVG embeds (server-side rendering).
 */
import type { EChartsOption, LineSeriesOption } from "echarts";
import { formatCompact, formatNumber } from "./format.js";
import { type ChartTheme, THEMES, type ThemeColors } from "./theme.js";
import { isSingleSnapshot, ONE_SNAPSHOT_NOTE, singleValues, timeAxis } from "./time-axis.js";

/** One point of a series: a snapshot (or bucket) date and its value (null = no value there). */
export interface ChartPoint {
  date: string;
  value: number | null;
}

/** One line of the chart. */
export interface ChartSeries {
  name: string;
  points: readonly ChartPoint[];
}

/** How to draw the chart. */
export interface SeriesChartConfig {
  /** Logarithmic y axis (values ≤ 0 are left out: a log scale has no zero). */
  log?: boolean;
  theme?: ChartTheme;
  /**
   * `calendar` (default): x = date. `release`: x = days since the series' first point with a value, so items
   * first seen at different dates start together.
   */
  align?: "calendar" | "release";
  /** The y axis name, e.g. "downloads (30 days)". */
  metric?: string;
  /** Title drawn in the chart (embeds); the dashboard shows titles in HTML instead. */
  title?: string;
  /** Second title line, e.g. "data as of 2024-08-11". */
  subtitle?: string;
  /** The series' bucket (`day`, `week`, `month`) when known; else the time axis reads it from the dates. */
  unit?: string | null;
}

const DAY_MS = 86_400_000;

/** Days from `a` to `b` (dates `YYYY-MM-DD`). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** The points of one series as ECharts data pairs for the chosen alignment and scale. */
export function seriesData(
  points: readonly ChartPoint[],
  align: "calendar" | "release",
  log: boolean,
): Array<[string | number, number | null]> {
  const usable = (v: number | null) => v !== null && Number.isFinite(v) && (!log || v > 0);
  const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
  const start = sorted.find((p) => usable(p.value))?.date;
  return sorted.map((p) => {
    const v = usable(p.value) ? p.value : null;
    if (align === "release") return [start === undefined ? 0 : daysBetween(start, p.date), v];
    return [p.date, v];
  });
}

/** The title drawn in the chart (embeds), or none (the dashboard shows titles in HTML). */
function titleOf(config: SeriesChartConfig, theme: ThemeColors): EChartsOption["title"] {
  if (!config.title) return undefined;
  return {
    text: config.title,
    subtext: config.subtitle,
    left: 12,
    top: 6,
    textStyle: { color: theme.text, fontSize: 15, fontWeight: 600 },
    subtextStyle: { color: theme.muted, fontSize: 12 },
  };
}

/**
 * The option shown when the series have values at one snapshot at most: no axes (a line needs two points), each
 * series' value as text and the note {@link ONE_SNAPSHOT_NOTE}, so an embed never draws one dot on an hourly axis.
 */
function singleSnapshotOption(series: readonly ChartSeries[], config: SeriesChartConfig): EChartsOption {
  const theme = THEMES[config.theme ?? "light"];
  const hasTitle = Boolean(config.title);
  const values = singleValues(series);
  const date = values.find((v) => v.date)?.date ?? null;
  const lines = values.map((v) => `${v.name}: ${v.value === null ? "–" : formatNumber(v.value)}`);
  const top = hasTitle ? 64 : 16;
  return {
    animation: false,
    backgroundColor: theme.background,
    textStyle: { color: theme.text, fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" },
    title: titleOf(config, theme),
    graphic: [
      ...lines.map((text, i) => ({
        type: "text" as const,
        left: 16,
        top: top + i * 26,
        style: { text, fill: theme.palette[i % theme.palette.length], fontSize: 18, fontWeight: 600 },
      })),
      {
        type: "text" as const,
        left: 16,
        top: top + lines.length * 26 + 8,
        style: {
          text: `${config.metric ? `${config.metric}${date ? ` on ${date}` : ""} · ` : ""}${ONE_SNAPSHOT_NOTE}`,
          fill: theme.muted,
          fontSize: 13,
        },
      },
    ],
    series: [],
  };
}

/**
 * Builds the ECharts option of a line chart of several series (pure: same input, same option). Calendar time runs
 * on a date axis in the data's unit (day, week or month; never hours); when the series have values at one snapshot
 * only, the option shows the values and "one snapshot: history starts when a second is collected" instead.
 */
export function buildSeriesChartOption(series: readonly ChartSeries[], config: SeriesChartConfig = {}): EChartsOption {
  if (isSingleSnapshot(series)) return singleSnapshotOption(series, config);
  const theme = THEMES[config.theme ?? "light"];
  const align = config.align ?? "calendar";
  const log = config.log ?? false;
  const hasTitle = Boolean(config.title);
  const top = (hasTitle ? 56 : 8) + (series.length > 1 ? 32 : 0);
  const lines: LineSeriesOption[] = series.map((s, i) => ({
    type: "line",
    name: s.name,
    data: seriesData(s.points, align, log),
    showSymbol: true,
    symbolSize: 6,
    connectNulls: false,
    lineStyle: { width: 2 },
    color: theme.palette[i % theme.palette.length],
  }));
  const dates = series.flatMap((s) => s.points.filter((p) => p.value !== null).map((p) => p.date));
  return {
    animation: false,
    backgroundColor: theme.background,
    color: theme.palette,
    textStyle: { color: theme.text, fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" },
    title: titleOf(config, theme),
    legend:
      series.length > 1
        ? { type: "scroll", top: hasTitle ? 54 : 0, left: 12, right: 12, textStyle: { color: theme.text } }
        : undefined,
    grid: { left: 16, right: 24, top: top + 20, bottom: align === "release" ? 40 : 24, containLabel: true },
    tooltip: {
      trigger: "axis",
      valueFormatter: (v) => (typeof v === "number" ? formatNumber(v) : "–"),
    },
    xAxis:
      align === "release"
        ? {
            type: "value",
            name: "days since first snapshot",
            nameLocation: "middle",
            nameGap: 26,
            nameTextStyle: { color: theme.muted },
            minInterval: 1,
            axisLabel: { color: theme.muted },
            axisLine: { lineStyle: { color: theme.grid } },
            splitLine: { show: false },
          }
        : timeAxis(dates, theme, config.unit),
    yAxis: {
      type: log ? "log" : "value",
      name: config.metric,
      nameTextStyle: { color: theme.muted, align: "left" },
      scale: !log ? false : undefined,
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: theme.muted, formatter: (v: number) => formatCompact(v) },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    series: lines,
  };
}

/** Chart series from compare items (`/api/compare` items or {@link CompareItem}s): label and 30-day downloads. */
export function compareSeries(
  items: ReadonlyArray<{ label: string; points: ReadonlyArray<{ date: string; downloads: number | null }> }>,
): ChartSeries[] {
  return items.map((it) => ({ name: it.label, points: it.points.map((p) => ({ date: p.date, value: p.downloads })) }));
}
