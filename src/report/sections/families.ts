/** Report section: the top families, official repos and lineage derivatives, with their chart. */
import { buildBarChartOption } from "../../charts/bar-chart.js";
import { renderSvg } from "../../charts/ssr.js";
import { fig } from "../document.js";
import { type ReportWriter, WIDE } from "./writer.js";

/** Writes the section. */
export function topFamiliesSection(w: ReportWriter): void {
  const { data, m, f, day, blocks, noteOf, h2, p } = w;
  const bar = { axisLabel: (v: number) => f.int(v), valueLabel: (v: number) => f.int(v) };
  h2("top-families", m.topFamiliesTitle);
  const tf = noteOf(data.topFamilies.source);
  const fams = data.topFamilies.rows;
  p(m.topFamiliesIntro({ tracked: f.int(data.topFamilies.tracked), shown: f.int(fams.length), date: day }));
  const colDl = m.colDownloads({ date: day });
  blocks.push({
    kind: "table",
    columns: [
      { label: m.colRank, align: "right" },
      { label: m.colFamily },
      { label: `${m.colOfficial}: ${m.colRepos}`, align: "right" },
      { label: fig(`${m.colOfficial}: ${colDl}`, tf), align: "right" },
      { label: `${m.colDerivatives}: ${m.colRepos}`, align: "right" },
      { label: fig(`${m.colDerivatives}: ${colDl}`, tf), align: "right" },
      { label: fig(`${m.colTotal}: ${colDl}`, tf), align: "right" },
    ],
    rows: fams.map((r) => [
      f.int(r.rank),
      r.title,
      f.int(r.officialRepos),
      f.int(r.officialDownloads),
      f.int(r.derivativeRepos),
      f.int(r.derivativeDownloads),
      f.int(r.totalDownloads),
    ]),
  });
  if (fams.length > 0) {
    const height = Math.max(200, 60 + fams.length * 28);
    blocks.push({
      kind: "chart",
      id: "chart-top-families",
      caption: fig(m.topFamiliesChart, tf),
      svg: renderSvg(
        buildBarChartOption(
          fams.map((r) => r.title),
          [
            { name: m.official, values: fams.map((r) => r.officialDownloads) },
            { name: m.derivatives, values: fams.map((r) => r.derivativeDownloads) },
          ],
          { ...bar, metric: m.downloadsMetric },
        ),
        WIDE.width,
        height,
      ),
      width: WIDE.width,
      height,
    });
  }
}
