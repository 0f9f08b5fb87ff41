/** Report section: the top models by 30-day downloads at the snapshot. */
import { fig } from "../document.js";
import type { ReportWriter } from "./writer.js";

/** Writes the section. */
export function topModelsSection(w: ReportWriter): void {
  const { data, m, f, day, blocks, noteOf, h2 } = w;
  h2("top-models", m.topModelsTitle);
  const tm = noteOf(data.topModels.source);
  blocks.push({
    kind: "table",
    columns: [
      { label: m.colRank, align: "right" },
      { label: m.colModel },
      { label: fig(m.colDownloads({ date: day }), tm), align: "right" },
      { label: m.colLikes, align: "right" },
    ],
    rows: data.topModels.rows.map((r, i) => [f.int(i + 1), r.id, f.int(r.downloads), f.int(r.likes)]),
  });
}
