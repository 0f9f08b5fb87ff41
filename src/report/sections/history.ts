/** Report section: the history of the compared subjects (models, families, organisations) over the stored snapshots. */
import { buildSeriesChartOption, compareSeries } from "../../charts/series-chart.js";
import { renderSvg } from "../../charts/ssr.js";
import { fig } from "../document.js";
import { type ReportWriter, WIDE } from "./writer.js";

/** Writes the section. */
export function historySection(w: ReportWriter): void {
  const { data, m, f, blocks, noteOf, h2, p } = w;
  h2("history", m.historyTitle);
  if (data.history?.items.some((i) => i.points.length > 1)) {
    const n = noteOf(data.history.source);
    blocks.push({
      kind: "chart",
      id: "chart-history",
      caption: fig(m.historyChart, n),
      svg: renderSvg(
        buildSeriesChartOption(compareSeries(data.history.items), { metric: m.downloadsMetric }),
        WIDE.width,
        WIDE.height,
      ),
      width: WIDE.width,
      height: WIDE.height,
    });
    if (data.history.coverageChanged.length > 0) {
      p(
        m.historyCoverage({
          dates: data.history.coverageChanged.map((d) => f.date(d)).join(", "),
          count: data.history.coverageChanged.length,
        }),
      );
    }
  } else p(m.historyNone);
}
