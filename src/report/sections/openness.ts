/** Report section: downloads by openness class of the licence, the dominant model's weight, the chart and the closed models named. */
import { buildBarChartOption } from "../../charts/bar-chart.js";
import { renderSvg } from "../../charts/ssr.js";
import { fig } from "../document.js";
import { type ReportWriter, WIDE } from "./writer.js";

/** Writes the section. */
export function opennessSection(w: ReportWriter): void {
  const { data, m, f, day, blocks, noteOf, h2, p } = w;
  if (data.openness) {
    const op = data.openness;
    const n = noteOf(op.source);
    const share = (...classes: string[]) =>
      op.classes.filter((c) => classes.includes(c.class)).reduce((a, c) => a + c.share * 100, 0);
    h2("openness", m.opennessTitle);
    p(
      m.openness({
        date: day,
        open: fig(f.pct(share("open-source", "open-content")), n),
        rail: fig(f.pct(share("responsible-use")), n),
        vendor: fig(f.pct(share("vendor-community")), n),
        nonCommercial: fig(f.pct(share("non-commercial")), n),
        unknown: fig(f.pct(share("unknown")), n),
      }),
    );
    if (op.dominant) {
      const d = op.dominant;
      const without = (...classes: string[]) =>
        fig(
          f.pct(d.without.classes.filter((c) => classes.includes(c.class)).reduce((a, c) => a + c.share * 100, 0)),
          n,
        );
      p(
        m.opennessDominant({
          id: d.id,
          className: m.classNames[d.class] ?? d.class,
          share: fig(f.pct(d.share * 100), n),
          open: without("open-source", "open-content"),
          rail: without("responsible-use"),
          vendor: without("vendor-community"),
          nonCommercial: without("non-commercial"),
          unknown: without("unknown"),
        }),
      );
    }
    blocks.push({
      kind: "table",
      columns: [
        { label: m.colClass },
        { label: m.colRepos, align: "right" },
        { label: fig(m.colDownloads({ date: day }), n), align: "right" },
        { label: fig(m.colShare, n), align: "right" },
      ],
      rows: op.classes.map((c) => [
        m.classNames[c.class] ?? c.class,
        f.int(c.repos),
        f.int(c.downloads),
        f.pct(c.share * 100),
      ]),
    });
    const height = Math.max(180, 50 + op.classes.length * 30);
    blocks.push({
      kind: "chart",
      id: "chart-openness",
      caption: fig(m.opennessChart, n),
      svg: renderSvg(
        buildBarChartOption(
          op.classes.map((c) => m.classNames[c.class] ?? c.class),
          [{ name: m.colShare, values: op.classes.map((c) => c.share * 100) }],
          { axisLabel: (v) => f.pct(v, 0), valueLabel: (v) => f.pct(v) },
        ),
        WIDE.width,
        height,
      ),
      width: WIDE.width,
      height,
    });
    blocks.push({ kind: "h3", text: m.closedTitle });
    p(m.closed({ count: f.int(op.closed.length), names: op.closed.map((c) => c.name).join(", ") }));
  }
}
