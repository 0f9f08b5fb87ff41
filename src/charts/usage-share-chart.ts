/**
 * The open-weight share of tokens over time: a point where every model is named, a band (lower–upper) where only the
 * top N are named and the total is known, a gap where the total is unknown. A pure function from data to an ECharts
 * option, used by the dashboard's usage page (canvas) and the report (server-side SVG).
 */
import type { EChartsOption, LineSeriesOption } from "echarts";
import { type ChartTheme, THEMES } from "./theme.js";

/** One date of the series: a point, bounds, or neither (no share). */
export interface UsageSharePoint {
  date: string;
  /** The share (0–1) where every model is named. */
  value: number | null;
  /** Bounds (0–1) where only the top N are named and the total is known. */
  lower: number | null;
  upper: number | null;
}

/** How to draw it. */
export interface UsageShareChartConfig {
  theme?: ChartTheme;
  /** Legend names (per language). */
  labels?: { point: string; band: string; lower: string; gap: string };
  /** The y axis name. */
  metric?: string;
  /** Formats a share for axis and tooltip (default `72 %`). */
  percent?: (v: number) => string;
}

const DEFAULT_LABELS = {
  point: "open share (every model named)",
  band: "bounds (top N named, total known)",
  lower: "lower bound",
  gap: "no share: total unknown",
};

/** Builds the option (pure). Dates without a value or bounds leave a gap in both series. */
export function buildUsageShareOption(
  points: readonly UsageSharePoint[],
  config: UsageShareChartConfig = {},
): EChartsOption {
  const theme = THEMES[config.theme ?? "light"];
  const labels = config.labels ?? DEFAULT_LABELS;
  const pct = config.percent ?? ((v: number) => `${Math.round(v * 100)} %`);
  const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
  const bounded = (p: UsageSharePoint) => p.lower !== null && p.upper !== null;
  const pointColour = theme.palette[0] as string;
  const bandColour = theme.palette[4] as string;
  const series: LineSeriesOption[] = [
    {
      type: "line",
      name: labels.lower,
      stack: "bounds",
      data: sorted.map((p) => [p.date, bounded(p) ? p.lower : null]),
      showSymbol: false,
      connectNulls: false,
      lineStyle: { width: 1, color: bandColour, opacity: 0.6 },
      color: bandColour,
      tooltip: { show: false },
      silent: true,
    },
    {
      type: "line",
      name: labels.band,
      stack: "bounds",
      data: sorted.map((p) => [p.date, bounded(p) ? (p.upper as number) - (p.lower as number) : null]),
      showSymbol: false,
      connectNulls: false,
      lineStyle: { width: 1, color: bandColour, opacity: 0.6 },
      areaStyle: { color: bandColour, opacity: 0.25 },
      color: bandColour,
    },
    {
      type: "line",
      name: labels.point,
      data: sorted.map((p) => [p.date, p.value]),
      showSymbol: true,
      symbolSize: 5,
      connectNulls: false,
      lineStyle: { width: 2, color: pointColour },
      color: pointColour,
      // stretches of dates with neither a point nor bounds, shaded and labelled (the gap is part of the answer)
      markArea: gapAreas(sorted, labels.gap, theme.muted),
    },
  ];
  const byDate = new Map(sorted.map((p) => [p.date, p]));
  return {
    animation: false,
    backgroundColor: theme.background,
    textStyle: { color: theme.text, fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" },
    legend: {
      top: 0,
      left: 12,
      data: [labels.point, labels.band],
      textStyle: { color: theme.text },
    },
    grid: { left: 16, right: 24, top: 40, bottom: 24, containLabel: true },
    tooltip: {
      trigger: "axis",
      formatter: (params: unknown) => {
        const list = Array.isArray(params) ? params : [params];
        const first = list[0] as { axisValueLabel?: string; value?: [string, number | null] } | undefined;
        const date = first?.value?.[0] ?? "";
        const p = byDate.get(String(date).slice(0, 10));
        if (!p) return String(date);
        if (p.value !== null) return `${p.date}: ${pct(p.value)}`;
        if (bounded(p)) return `${p.date}: ${pct(p.lower as number)} – ${pct(p.upper as number)}`;
        return `${p.date}: –`;
      },
    },
    xAxis: {
      type: "time",
      axisLabel: { color: theme.muted, hideOverlap: true },
      axisLine: { lineStyle: { color: theme.grid } },
      splitLine: { show: false },
    },
    yAxis: {
      type: "value",
      min: 0,
      max: 1,
      name: config.metric,
      nameTextStyle: { color: theme.muted, align: "left" },
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: theme.muted, formatter: (v: number) => pct(v) },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    series,
  };
}

/** Runs of consecutive dates without a value or bounds, as a shaded mark area with a label. */
function gapAreas(sorted: readonly UsageSharePoint[], label: string, colour: string): LineSeriesOption["markArea"] {
  const runs: Array<[string, string]> = [];
  let start: string | null = null;
  let last: string | null = null;
  for (const p of sorted) {
    const empty = p.value === null && (p.lower === null || p.upper === null);
    if (empty) {
      start ??= p.date;
      last = p.date;
    } else if (start !== null && last !== null) {
      runs.push([start, last]);
      start = null;
    }
  }
  if (start !== null && last !== null) runs.push([start, last]);
  if (runs.length === 0) return undefined;
  return {
    silent: true,
    itemStyle: { color: colour, opacity: 0.08 },
    label: { show: true, position: "insideTop", color: colour, fontSize: 11 },
    data: runs.map(([a, b], i) => [{ xAxis: a, name: i === 0 ? label : "" }, { xAxis: b }]),
  };
}

/** The chart points of a share answer's dates (`open` as point, bounds or null). */
export function usageSharePoints(
  dates: ReadonlyArray<{
    date: string;
    open: { share: number } | { lower: number; upper: number } | null;
  }>,
): UsageSharePoint[] {
  return dates.map((d) => {
    const o = d.open;
    if (o && "share" in o) return { date: d.date, value: o.share, lower: null, upper: null };
    if (o && "lower" in o) return { date: d.date, value: null, lower: o.lower, upper: o.upper };
    return { date: d.date, value: null, lower: null, upper: null };
  });
}

/** A share value as text: `72.9 %` (point), `12.0–51.0 %` (bounds), `no share` (total unknown). */
export function shareText(
  v: { share: number } | { lower: number; upper: number } | null,
  digits = 1,
  none = "no share",
): string {
  if (v === null) return none;
  if ("share" in v) return `${(v.share * 100).toFixed(digits)} %`;
  return `${(v.lower * 100).toFixed(digits)}–${(v.upper * 100).toFixed(digits)} %`;
}
