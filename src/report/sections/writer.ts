/**
 * What every section of the report writes with: the report data, the language's messages and formatter, the blocks
 * written so far and the numbered notes their figures point at (one note per definition, query and dates).
 */
import type { ReportData, Source } from "../build.js";
import { type Block, fig, type Note } from "../document.js";
import { type Formatter, formatter, type Lang } from "../locale.js";
import { type Messages, messages } from "../messages.js";

/** Chart sizes in the report (CSS pixels; the HTML scales them to the page width). */
export const WIDE = { width: 760, height: 360 };

/** A like-for-like comparison of the report data (the headline's, a family's, an organisation's). */
export type LikeForLike = NonNullable<ReportData["headline"]["compare"]>;

/** The state one report is written in, shared by its sections. */
export interface ReportWriter {
  data: ReportData;
  m: Messages;
  f: Formatter;
  /** The report date and the base date, formatted ("" without a base). */
  day: string;
  baseDay: string;
  blocks: Block[];
  notes: Note[];
  /** The number of the note of a source (added on first use). */
  noteOf: (s: Source) => number;
  /** An integer figure pointing at its source's note. */
  int: (v: number | null | undefined, s: Source) => string;
  h2: (id: string, text: string) => void;
  p: (text: string) => void;
  /** A change written out: "+1,234, +5.6 %" (no percentage from zero). */
  delta: (now: number, before: number) => string;
  /** The like-for-like sentences of a comparison (and the one naming the model that decides it). */
  likeForLike: (
    c: LikeForLike,
    s: Source,
    text: Messages["likeForLike"],
    change: (c: { before: number; after: number; changePct: number | null }) => string,
  ) => void;
}

/** A writer for the report of `data` in `lang`, with no blocks or notes yet. */
export function reportWriter(data: ReportData, lang: Lang): ReportWriter {
  const m = messages(lang);
  const f = formatter(lang);
  const notes: Note[] = [];
  const noteOf = (s: Source): number => {
    const key = `${s.def}|${s.query}|${s.date}|${s.base ?? ""}`;
    const found = notes.find((n) => `${n.def}|${n.source.query}|${n.source.date}|${n.source.base ?? ""}` === key);
    if (found) return found.n;
    const n = notes.length + 1;
    notes.push({
      n,
      def: s.def,
      definition: m.definitions[s.def],
      source: s,
      sourceText:
        s.def === "cost"
          ? m.notePrices({ query: s.query, date: f.date(s.date) })
          : s.def === "gap" || s.def === "monthsBehind"
            ? m.noteLeaderboard({ query: s.query, date: f.date(s.date) })
            : m.noteSource({ query: s.query, date: f.date(s.date), base: s.base ? f.date(s.base) : null }),
    });
    return n;
  };
  const int = (v: number | null | undefined, s: Source) => fig(f.int(v), noteOf(s));
  const blocks: Block[] = [];
  const h2 = (id: string, text: string) => {
    blocks.push({ kind: "h2", id, text });
  };
  const p = (text: string) => {
    blocks.push({ kind: "p", text });
  };
  const delta = (now: number, before: number) =>
    `${f.signedInt(now - before)} (${f.signedPct(before > 0 ? ((now - before) / before) * 100 : null)})`;

  const day = f.date(data.date);
  const baseDay = data.base ? f.date(data.base) : "";
  const likeForLike: ReportWriter["likeForLike"] = (c, s, text, change) => {
    const n = noteOf(s);
    p(
      text({
        models: fig(f.int(c.models), n),
        base: baseDay,
        date: day,
        before: fig(f.int(c.before), n),
        after: fig(f.int(c.after), n),
        change: change(c),
      }),
    );
    if (c.dominant) {
      const d = c.dominant;
      p(
        m.likeForLikeDominant({
          id: d.id,
          share: fig(f.pct(d.share * 100), n),
          at: f.date(d.at),
          base: baseDay,
          date: day,
          before: fig(f.int(d.before), n),
          after: fig(f.int(d.after), n),
          change: fig(change(d.without), n),
        }),
      );
    }
  };
  return { data, m, f, day, baseDay, blocks, notes, noteOf, int, h2, p, delta, likeForLike };
}
