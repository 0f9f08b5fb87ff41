/** Report section: changes since the base snapshot: like-for-like totals, the movers and the new entrants. */
import { fig } from "../document.js";
import type { ReportWriter } from "./writer.js";

/** Writes the section. */
export function changesSection(w: ReportWriter): void {
  const { data, m, f, day, baseDay, blocks, noteOf, h2, p, delta, likeForLike } = w;
  if (data.base && data.changes) {
    const c = data.changes;
    const n = noteOf(c.source);
    h2("changes", m.changesTitle({ base: baseDay }));
    likeForLike(
      c.compare,
      { query: "like-for-like", date: data.date, base: data.base, def: "likeForLike" },
      m.changesTotals,
      (x) => delta(x.after, x.before),
    );
    if (c.movers.length > 0) {
      blocks.push({ kind: "h3", text: m.changesMovers });
      blocks.push({
        kind: "table",
        columns: [
          { label: m.colModel },
          { label: fig(m.colBefore({ date: baseDay }), n), align: "right" },
          { label: fig(m.colAfter({ date: day }), n), align: "right" },
          { label: fig(m.colChange, n), align: "right" },
        ],
        rows: c.movers.map((r) => [
          r.id,
          f.int(r.before),
          f.int(r.after),
          `${f.signedInt(r.change)}${r.relative === null ? "" : ` (${f.signedPct(r.relative * 100)})`}`,
        ]),
      });
    }
    const ne = noteOf(c.entrantSource);
    p(
      m.changesEntrants({
        count: fig(f.int(c.entrantCount), ne),
        downloads: fig(f.int(c.entrantDownloads), ne),
        date: day,
        basePartial: c.basePartial,
        base: baseDay,
      }),
    );
    if (c.entrants.length > 0) {
      blocks.push({
        kind: "table",
        columns: [{ label: m.colModel }, { label: fig(m.colDownloads({ date: day }), ne), align: "right" }],
        rows: c.entrants.map((e) => [e.id, f.int(e.downloads)]),
      });
    }
  } else {
    h2("changes", m.changesTitleNone);
    p(m.changesNone);
  }
}
