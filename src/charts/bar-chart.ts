/**
 * Horizontal bars of a few categories, optionally stacked (a family's official repos and its derivatives, downloads
 * by openness class): a pure function from data to an ECharts option, drawn by the dashboard in the browser and by
 * the report and embeds as server-side SVG.
 */
import type { BarSeriesOption, EChartsOption } from "echarts";
import { formatCompact, formatNumber } from "./format.js";
import { type ChartTheme, THEMES } from "./theme.js";

/** One stack of bars: its name (legend) and one value per category (null = none). */
export interface BarSeries {
  name: string;
  values: ReadonlyArray<number | null>;
}

/** How to draw the bars. */
export interface BarChartConfig {
  theme?: ChartTheme;
  /** Stack the series (default true). */
  stack?: boolean;
  /** Axis name, e.g. "downloads (30 days)". */
  metric?: string;
  /** Formats axis labels (default: compact English numbers such as 1.3M). */
  axisLabel?: (v: number) => string;
  /** Formats values in tooltips (default: full English numbers). */
  valueLabel?: (v: number) => string;
}

/** Builds the option of a horizontal bar chart; categories are drawn top to bottom in the order given. */
export function buildBarChartOption(
  categories: readonly string[],
  series: readonly BarSeries[],
  config: BarChartConfig = {},
): EChartsOption {
  const theme = THEMES[config.theme ?? "light"];
  const axisLabel = config.axisLabel ?? formatCompact;
  const valueLabel = config.valueLabel ?? formatNumber;
  const bars: BarSeriesOption[] = series.map((s, i) => ({
    type: "bar",
    name: s.name,
    stack: config.stack === false ? undefined : "total",
    data: [...s.values].reverse(),
    color: theme.palette[i % theme.palette.length],
    barMaxWidth: 22,
  }));
  return {
    animation: false,
    backgroundColor: theme.background,
    color: theme.palette,
    textStyle: { color: theme.text, fontFamily: "system-ui, -apple-system, Segoe UI, Roboto, sans-serif" },
    legend: series.length > 1 ? { top: 0, left: 12, textStyle: { color: theme.text } } : undefined,
    grid: { left: 12, right: 32, top: series.length > 1 ? 36 : 12, bottom: 28, containLabel: true },
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (v) => (typeof v === "number" ? valueLabel(v) : "–"),
    },
    xAxis: {
      type: "value",
      name: config.metric,
      nameLocation: "middle",
      nameGap: 24,
      nameTextStyle: { color: theme.muted },
      axisLabel: { color: theme.muted, formatter: (v: number) => axisLabel(v) },
      splitLine: { lineStyle: { color: theme.grid } },
    },
    yAxis: {
      type: "category",
      data: [...categories].reverse(),
      axisLabel: { color: theme.text, width: 180, overflow: "truncate" },
      axisLine: { lineStyle: { color: theme.grid } },
      axisTick: { show: false },
    },
    series: bars,
  };
}
