/** Server-side rendering of a chart option to an SVG string (ECharts SSR): embeds and the report use it. */
import * as echarts from "echarts";

/** Renders an ECharts option to a standalone SVG string of the given size. */
export function renderSvg(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
