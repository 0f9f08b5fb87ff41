/**
 * Chart panels: an ECharts canvas built from the shared option builders (src/charts), with the "data as of" date,
 * a one-line definition of the metric and a "how is this computed?" disclosure showing the catalog SQL.
 */
import { BarChart, LineChart, ScatterChart, TreemapChart } from "echarts/charts";
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { getQuery } from "./api.js";
import { el } from "./dom.js";

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  TreemapChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** What a chart panel shows around the chart. */
export interface PanelSpec {
  title: string;
  /** One line: what the plotted number is. */
  definition: string;
  /** Catalog queries behind the chart, for the SQL disclosure. */
  queries: readonly string[];
  dataAsOf?: string | null;
  /** Extra controls shown in the panel header. */
  controls?: HTMLElement | null;
  height?: number;
}

/** A mounted chart panel. */
export interface ChartPanel {
  root: HTMLElement;
  /** Sets (replaces) the option and records the y axis type on the chart element (`data-y-axis`). */
  render(option: echarts.EChartsCoreOption): void;
  /** Shows a message instead of the chart. */
  empty(message: string): void;
  setAsOf(date: string | null | undefined): void;
}

const live = new Set<echarts.ECharts>();
window.addEventListener("resize", () => {
  for (const c of live) c.resize();
});

/** Disposes every chart (called when the page changes). */
export function disposeCharts(): void {
  for (const c of live) c.dispose();
  live.clear();
}

/** The disclosure listing the SQL of the named catalog queries, loaded when first opened. */
export function sqlDisclosure(queries: readonly string[]): HTMLElement {
  const body = el("div", { class: "sql-body" }, "Loading…");
  const details = el("details", { class: "how" }, el("summary", {}, "How is this computed?"), body);
  let loaded = false;
  details.addEventListener("toggle", async () => {
    if (!details.open || loaded) return;
    loaded = true;
    body.textContent = "";
    for (const name of queries) {
      try {
        const q = await getQuery(name);
        body.append(
          el("h4", {}, `Query `, el("code", {}, q.name)),
          el("p", {}, q.description),
          el("pre", { class: "sql" }, el("code", {}, q.sql.trim())),
        );
      } catch {
        body.append(el("p", { class: "muted" }, `The SQL of “${name}” is not available.`));
      }
    }
  });
  return details;
}

/** Builds a chart panel; the chart is created on the first {@link ChartPanel.render}. */
export function chartPanel(spec: PanelSpec): ChartPanel {
  const asOf = el("span", { class: "as-of-chip" });
  const host = el("div", {
    class: "chart",
    style: `height:${spec.height ?? 340}px`,
    role: "img",
    "aria-label": spec.title,
  });
  const root = el(
    "section",
    { class: "panel chart-panel" },
    el("div", { class: "panel-head" }, el("h3", {}, spec.title), spec.controls ?? null, asOf),
    el("p", { class: "definition" }, spec.definition),
    host,
    sqlDisclosure(spec.queries),
  );
  let chart: echarts.ECharts | null = null;
  const setAsOf = (d: string | null | undefined) => {
    asOf.textContent = d ? `data as of ${d}` : "";
  };
  setAsOf(spec.dataAsOf);
  return {
    root,
    setAsOf,
    render(option) {
      host.classList.remove("chart-empty");
      if (!chart || chart.isDisposed()) {
        host.textContent = "";
        chart = echarts.init(host, null, { renderer: "canvas" });
        live.add(chart);
      }
      chart.setOption({ ...option, animation: true }, { notMerge: true });
      const y = (chart.getOption() as { yAxis?: Array<{ type?: string }> }).yAxis?.[0]?.type;
      host.dataset.yAxis = y ?? "none";
      host.dataset.rendered = "1";
    },
    empty(message) {
      if (chart) {
        live.delete(chart);
        chart.dispose();
        chart = null;
      }
      host.classList.add("chart-empty");
      host.dataset.rendered = "0";
      host.textContent = message;
    },
  };
}

/** The user's colour scheme, for chart themes. */
export function preferredTheme(): "light" | "dark" {
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}
