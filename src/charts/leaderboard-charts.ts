/**
 * The open-vs-closed charts, pure functions from answer bodies to ECharts options (the dashboard draws them on canvas,
 * the report renders them to SVG): the gap over time drawn as one line per scale segment, never joined across a
 * break, and the price-quality scatter with the frontier.
 */
import type { EChartsOption, LineSeriesOption, ScatterSeriesOption } from "echarts";
import { formatNumber } from "./format.js";
import { type ChartTheme, THEMES } from "./theme.js";

/** One table's gap, as the gap answer gives it. */
export interface GapPoint {
  date: string;
  segment: string;
  gap: number | null;
}

/** A segment of the board's scale. */
export interface GapSegment {
  id: string;
  label: string;
  first: string;
}

/** Labels and options of the gap chart. */
export interface GapChartConfig {
  theme?: ChartTheme;
  /** Y axis name, e.g. "gap (rating points)". */
  metric?: string;
  /** Name of the break marker, e.g. "scale break". */
  breakLabel?: string;
}

/**
 * The gap (best closed − best open) per table, one line per segment, so a line never crosses a scale break; a dashed
 * vertical marker at each segment's first date after the first.
 */
export function buildGapChartOption(
  points: readonly GapPoint[],
  segments: readonly GapSegment[],
  config: GapChartConfig = {},
): EChartsOption {
  const theme = THEMES[config.theme ?? "light"];
  const lines: LineSeriesOption[] = segments.map((s, i) => ({
    type: "line",
    name: s.label,
    data: points.filter((p) => p.segment === s.id).map((p) => [p.date, p.gap]),
    showSymbol: true,
    symbolSize: 5,
    connectNulls: false,
    lineStyle: { width: 2 },
    color: theme.palette[i % theme.palette.length],
    ...(i > 0
      ? {
          markLine: {
            silent: true,
            symbol: "none",
            lineStyle: { type: "dashed", color: theme.muted },
            label: { formatter: config.breakLabel ?? "scale break", color: theme.muted },
            data: [{ xAxis: s.first }],
          },
        }
      : {}),
  }));
  return {
    animation: false,
    backgroundColor: theme.background,
    textStyle: { color: theme.text, fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" },
    legend: { type: "scroll", top: 0, left: 12, right: 12, textStyle: { color: theme.text } },
    grid: { left: 16, right: 24, top: 48, bottom: 24, containLabel: true },
    tooltip: { trigger: "axis", valueFormatter: (v) => (typeof v === "number" ? formatNumber(v) : "–") },
    xAxis: {
      type: "time",
      axisLabel: { color: theme.muted, hideOverlap: true },
      axisLine: { lineStyle: { color: theme.grid } },
      splitLine: { show: false },
    },
    yAxis: {
      type: "value",
      name: config.metric ?? "gap (rating points)",
      nameTextStyle: { color: theme.muted, align: "left" },
      axisLine: { show: false },
      axisLabel: { color: theme.muted },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    series: lines,
  };
}

/** A priced model of one table. */
export interface FrontierPoint {
  model: string;
  score: number;
  /** USD per 1M tokens, blended. */
  price: number;
  openness: string;
}

/** Labels and options of the frontier chart. */
export interface FrontierChartConfig {
  theme?: ChartTheme;
  /** Series names per openness and for the frontier line. */
  names?: { open: string; closed: string; unknown: string; frontier: string };
  xName?: string;
  yName?: string;
}

/** Score against price (log scale), open and closed models apart, the frontier as a step line. */
export function buildFrontierChartOption(
  points: readonly FrontierPoint[],
  front: readonly FrontierPoint[],
  config: FrontierChartConfig = {},
): EChartsOption {
  const theme = THEMES[config.theme ?? "light"];
  const names = config.names ?? { open: "open weights", closed: "closed", unknown: "unknown", frontier: "frontier" };
  const kinds = ["open", "closed", "unknown"] as const;
  const colors = { open: theme.palette[2], closed: theme.palette[1], unknown: theme.palette[9] };
  const scatter: ScatterSeriesOption[] = kinds
    .filter((k) => points.some((p) => p.openness === k))
    .map((k) => ({
      type: "scatter",
      name: names[k],
      symbolSize: 8,
      color: colors[k],
      data: points.filter((p) => p.openness === k).map((p) => ({ value: [p.price, p.score], name: p.model })),
    }));
  const line: LineSeriesOption = {
    type: "line",
    name: names.frontier,
    step: "end",
    showSymbol: false,
    color: theme.text,
    lineStyle: { width: 1.5, type: "dashed" },
    data: [...front].sort((a, b) => a.price - b.price).map((p) => [p.price, p.score]),
  };
  return {
    animation: false,
    backgroundColor: theme.background,
    textStyle: { color: theme.text, fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" },
    legend: { top: 0, left: 12, textStyle: { color: theme.text } },
    grid: { left: 16, right: 24, top: 40, bottom: 36, containLabel: true },
    tooltip: {
      trigger: "item",
      formatter: (p: unknown) => {
        const d = p as { data?: { name?: string; value?: [number, number] } | [number, number] };
        const v = Array.isArray(d.data) ? d.data : d.data?.value;
        const n = Array.isArray(d.data) ? "" : (d.data?.name ?? "");
        return v ? `${n} ${formatNumber(v[1])} @ $${v[0].toFixed(2)}` : "";
      },
    },
    xAxis: {
      type: "log",
      name: config.xName ?? "USD per 1M tokens (3:1 input:output)",
      nameLocation: "middle",
      nameGap: 24,
      nameTextStyle: { color: theme.muted },
      axisLabel: { color: theme.muted },
      axisLine: { lineStyle: { color: theme.grid } },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    yAxis: {
      type: "value",
      scale: true,
      name: config.yName ?? "score",
      nameTextStyle: { color: theme.muted, align: "left" },
      axisLabel: { color: theme.muted },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    series: [...scatter, line],
  };
}
