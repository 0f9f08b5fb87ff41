/**
 * Downloads from the dashboard: a table's rows as CSV (omo's one CSV writer, src/formats/csv-write.ts) and a chart
 * as PNG or SVG (ECharts, rendered off-screen from the panel's option at a readable size, also when the screen shows
 * a one-snapshot value instead of a chart). Reusable by any page: `csvButton`, `chartExportButtons`.
 */
import type { EChartsCoreOption } from "echarts/core";
import * as echarts from "echarts/core";
import { toCsv } from "../../src/formats/csv-write.js";

/** Saves a blob under a file name (the browser's download). */
export function downloadBlob(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name part: letters, digits, dots and dashes. */
export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9.]+/g, "-")
      .replace(/^-+|-+$/g, "") || "omo"
  );
}

/** A small button that downloads `get()`'s rows (keyed by the column names, in that order) as a CSV file. */
export function csvButton(
  get: () => { rows: Array<Record<string, unknown>>; columns: string[] },
  filename: string,
): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "tool";
  b.textContent = "CSV";
  b.title = `Download this table as CSV (${filename})`;
  b.setAttribute("aria-label", `Download this table as CSV`);
  b.addEventListener("click", () => {
    const { rows, columns } = get();
    const text = `${toCsv(
      rows,
      columns.map((key) => ({ key })),
    )}\n`;
    downloadBlob(filename, new Blob([text], { type: "text/csv;charset=utf-8" }));
  });
  return b;
}

/** Renders an option off-screen and returns a PNG data URL or an SVG string. */
function renderOffscreen(option: EChartsCoreOption, kind: "png" | "svg", width: number, height: number): string {
  const opt = { ...(option as Record<string, unknown>), animation: false };
  if (kind === "svg") {
    const chart = echarts.init(null as unknown as HTMLElement, null, { renderer: "svg", ssr: true, width, height });
    try {
      chart.setOption(opt);
      return chart.renderToSVGString();
    } finally {
      chart.dispose();
    }
  }
  const host = document.createElement("div");
  host.style.cssText = `position:absolute;left:-20000px;top:0;width:${width}px;height:${height}px`;
  document.body.append(host);
  const chart = echarts.init(host, null, { renderer: "canvas", width, height });
  try {
    chart.setOption(opt);
    const bg = (opt as { backgroundColor?: string }).backgroundColor ?? "#ffffff";
    return chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: bg });
  } finally {
    chart.dispose();
    host.remove();
  }
}

/** Saves a chart option as a PNG or SVG file. */
export function exportChart(
  option: EChartsCoreOption,
  kind: "png" | "svg",
  filename: string,
  width = 960,
  height = 480,
) {
  const out = renderOffscreen(option, kind, width, height);
  if (kind === "svg") {
    downloadBlob(filename, new Blob([out], { type: "image/svg+xml;charset=utf-8" }));
    return;
  }
  const bytes = atob(out.slice(out.indexOf(",") + 1));
  const buf = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) buf[i] = bytes.charCodeAt(i);
  downloadBlob(filename, new Blob([buf], { type: "image/png" }));
}

/** "PNG" and "SVG" buttons for a chart whose current option `get()` returns (null: nothing drawn yet). */
export function chartExportButtons(get: () => EChartsCoreOption | null, name: () => string): HTMLElement {
  const wrap = document.createElement("span");
  wrap.className = "chart-tools";
  for (const kind of ["png", "svg"] as const) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "tool";
    b.textContent = kind.toUpperCase();
    b.setAttribute("aria-label", `Download this chart as ${kind.toUpperCase()}`);
    b.addEventListener("click", () => {
      const option = get();
      if (option) exportChart(option, kind, `${name()}.${kind}`);
    });
    wrap.append(b);
  }
  return wrap;
}
