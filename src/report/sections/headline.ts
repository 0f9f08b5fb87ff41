/** Report section: the headline: coverage, models and downloads at the snapshot, the dominant model, the like-for-like change and the totals since the base snapshot. */
import { fig } from "../document.js";
import type { ReportWriter } from "./writer.js";

/** Writes the section. */
export function headlineSection(w: ReportWriter): void {
  const { data, m, f, day, baseDay, noteOf, int, h2, p, likeForLike } = w;
  const h = data.headline;
  h2("headline", m.headlineTitle);
  if (h.coverage) {
    p(
      m.coverage({
        date: day,
        full: h.coverage.kind === "full",
        how: h.coverage.how,
        models: int(h.coverage.models, h.source),
      }),
    );
  }
  p(
    m.headline({
      date: day,
      models: int(h.models, h.source),
      downloads: int(h.downloads, h.source),
      full: h.coverage?.kind === "full",
    }),
  );
  if (h.dominant) {
    p(
      m.dominant({
        id: h.dominant.id,
        share: fig(f.pct(h.dominant.share * 100), noteOf(h.source)),
        downloads: int(h.dominant.downloads, h.source),
        without: int(h.dominant.without, h.source),
        date: day,
      }),
    );
  }
  if (h.base && h.compare && h.compareSource) {
    likeForLike(h.compare, h.compareSource, m.likeForLike, (c) => f.signedPct(c.changePct));
    const baseSource = { ...h.source, date: h.base.date, base: undefined };
    if (h.totalChangePct !== null) {
      p(
        m.totalsFull({
          base: baseDay,
          date: day,
          before: int(h.base.downloads, baseSource),
          after: int(h.downloads, h.source),
          change: f.signedPct(h.totalChangePct),
        }),
      );
    } else {
      p(
        m.totalsNotCompared({
          base: baseDay,
          baseFull: h.base.coverage.kind === "full",
          baseHow: h.base.coverage.how,
          date: day,
          full: h.coverage?.kind === "full",
          how: h.coverage?.how ?? "–",
        }),
      );
    }
  } else p(m.headlineNoBase);
}
