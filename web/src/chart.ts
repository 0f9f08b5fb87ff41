/**
 * Panels: every figure of the dashboard sits in a panel with its "data as of" date, a one-line definition and a
 * "how is this computed?" disclosure showing the catalog SQL. Chart panels draw an ECharts canvas from the shared
 * option builders (src/charts) with PNG and SVG downloads; a series with a single snapshot is shown as its value
 * with "one snapshot: history starts when a second is collected" rather than as one dot.
 */
import { BarChart, LineChart, ScatterChart, TreemapChart } from "echarts/charts";
import {
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer, SVGRenderer } from "echarts/renderers";
import { formatNumber } from "../../src/charts/format.js";
import { buildSeriesChartOption, type ChartSeries, type SeriesChartConfig } from "../../src/charts/series-chart.js";
import { isSingleSnapshot, ONE_SNAPSHOT_NOTE, singleValues } from "../../src/charts/time-axis.js";
import { getQuery } from "./api.js";
import { el } from "./dom.js";
import { chartExportButtons, slug } from "./export.js";

echarts.use([
  BarChart,
  LineChart,
  ScatterChart,
  TreemapChart,
  GraphicComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
  SVGRenderer,
]);

/** What a panel shows around its figure. */
export interface PanelSpec {
  title: string;
  /** One line: what the number is. */
  definition: string;
  /** Catalog queries behind the figure, for the SQL disclosure. */
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
  /**
   * Draws series as a line chart (shared builder), or, when they have values at one snapshot only, shows each value
   * and the one-snapshot note (`data-single="1"`).
   */
  renderSeries(series: readonly ChartSeries[], config?: SeriesChartConfig): void;
  /** Shows a message instead of the chart. */
  empty(message: string): void;
  setAsOf(date: string | null | undefined): void;
  /** Shows a note under the chart (replacing the previous one; null clears it). */
  note(node: HTMLElement | null): void;
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
          el("h4", {}, "Query ", el("code", {}, q.name)),
          el("p", {}, q.description),
          el("pre", { class: "sql" }, el("code", {}, q.sql.trim())),
        );
      } catch {
        body.append(el("p", { class: "muted" }, `The SQL of “${name}” is not available.`));
      }
    }
    // every query listed: what a reader (or a test) waits for before reading the whole disclosure
    details.dataset.loaded = "1";
  });
  return details;
}

/** A figure panel (tables, statistics): title, as-of, definition, body, and the SQL disclosure. */
export function figurePanel(
  spec: PanelSpec,
  ...body: Array<Node | null>
): HTMLElement & { setAsOf(d: string | null | undefined): void } {
  const asOf = el("span", { class: "as-of-chip" }, spec.dataAsOf ? `data as of ${spec.dataAsOf}` : "");
  const root = el(
    "section",
    { class: "panel figure-panel" },
    el("div", { class: "panel-head" }, el("h2", {}, spec.title), spec.controls ?? null, asOf),
    el("p", { class: "definition" }, spec.definition),
    ...body,
    sqlDisclosure(spec.queries),
  ) as HTMLElement & { setAsOf(d: string | null | undefined): void };
  root.setAsOf = (d) => {
    asOf.textContent = d ? `data as of ${d}` : "";
  };
  return root;
}

/** Builds a chart panel; the chart is created on the first {@link ChartPanel.render}. */
export function chartPanel(spec: PanelSpec): ChartPanel {
  const asOf = el("span", { class: "as-of-chip" });
  const height = spec.height ?? 340;
  const host = el("div", {
    class: "chart",
    style: `height:${height}px`,
    role: "img",
    "aria-label": spec.title,
  });
  let current: echarts.EChartsCoreOption | null = null;
  let asOfDate: string | null = spec.dataAsOf ?? null;
  const tools = chartExportButtons(
    () => current,
    () => `omo-${slug(spec.title)}${asOfDate ? `-${asOfDate}` : ""}`,
  );
  const root = el(
    "section",
    { class: "panel chart-panel" },
    el("div", { class: "panel-head" }, el("h3", {}, spec.title), spec.controls ?? null, tools, asOf),
    el("p", { class: "definition" }, spec.definition),
    host,
    el("div", { class: "chart-note" }),
    sqlDisclosure(spec.queries),
  );
  const noteSlot = root.querySelector(".chart-note") as HTMLElement;
  let chart: echarts.ECharts | null = null;
  const setAsOf = (d: string | null | undefined) => {
    asOfDate = d ?? null;
    asOf.textContent = d ? `data as of ${d}` : "";
  };
  setAsOf(spec.dataAsOf);
  const drop = () => {
    if (chart) {
      live.delete(chart);
      chart.dispose();
      chart = null;
    }
  };
  const render = (option: echarts.EChartsCoreOption) => {
    host.classList.remove("chart-empty", "chart-single");
    host.style.height = `${height}px`;
    delete host.dataset.single;
    current = option;
    if (!chart || chart.isDisposed()) {
      host.textContent = "";
      chart = echarts.init(host, null, { renderer: "canvas" });
      live.add(chart);
    }
    // animated unless the reader's system asks for reduced motion (WCAG 2.3.3); the host says which, for its test
    const animate = motionAllowed();
    chart.setOption({ ...option, animation: animate }, { notMerge: true });
    host.dataset.animation = animate ? "1" : "0";
    const y = (chart.getOption() as { yAxis?: Array<{ type?: string }> }).yAxis?.[0]?.type;
    host.dataset.yAxis = y ?? "none";
    host.dataset.rendered = "1";
  };
  return {
    root,
    setAsOf,
    note(node) {
      noteSlot.textContent = "";
      if (node) noteSlot.append(node);
    },
    render,
    renderSeries(series, config = {}) {
      const option = buildSeriesChartOption(series, config);
      if (!isSingleSnapshot(series)) {
        render(option);
        return;
      }
      // one snapshot: the values as text (the PNG/SVG downloads draw the same as an image)
      drop();
      current = option;
      host.classList.remove("chart-empty");
      host.classList.add("chart-single");
      host.style.height = "auto";
      host.dataset.rendered = "1";
      host.dataset.single = "1";
      host.dataset.yAxis = "none";
      host.textContent = "";
      const values = singleValues(series);
      host.append(
        el(
          "ul",
          { class: "single-values" },
          ...values.map((v) =>
            el(
              "li",
              {},
              el("span", { class: "single-name" }, v.name),
              el("span", { class: "single-value num" }, v.value === null ? "–" : formatNumber(v.value)),
              v.date ? el("span", { class: "single-date muted" }, `at ${v.date}`) : null,
            ),
          ),
        ),
        el("p", { class: "single-note muted" }, ONE_SNAPSHOT_NOTE),
      );
    },
    empty(message) {
      drop();
      current = null;
      host.classList.remove("chart-single");
      host.style.height = `${height}px`;
      host.classList.add("chart-empty");
      host.dataset.rendered = "0";
      host.textContent = message;
    },
  };
}

/** Whether charts may animate: not when the reader's system asks for reduced motion (`prefers-reduced-motion`). */
export function motionAllowed(): boolean {
  return !window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
}

/** The user's colour scheme, for chart themes. */
export function preferredTheme(): "light" | "dark" {
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}
