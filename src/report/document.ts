/**
 * The report as a language-specific document of blocks (headings, paragraphs, tables, charts) with numbered notes:
 * what the Markdown and HTML renderers both draw, so the two formats say the same thing in the same order.
 *
 * Figures inside text are tokens `FIG_OPEN note FIG_SEP text FIG_CLOSE`: the Markdown renderer turns each into the
 * text with a footnote mark, the HTML renderer into a link to the note.
 */
import type { DefinitionKey, Source } from "./build.js";
import type { Lang } from "./locale.js";

/** Opens a figure token (a private-use character, never in data). */
export const FIG_OPEN = "\uE000";
/** Separates the note number from the figure's text. */
export const FIG_SEP = "\uE001";
/** Closes a figure token. */
export const FIG_CLOSE = "\uE002";

/** A table column: its header (may hold a figure token pointing at the column's note) and alignment. */
export interface Column {
  label: string;
  align?: "left" | "right";
}

/** One block of the report. */
export type Block =
  | { kind: "h2"; id: string; text: string }
  | { kind: "h3"; text: string }
  | { kind: "p"; text: string }
  | { kind: "table"; columns: Column[]; rows: string[][] }
  | { kind: "chart"; id: string; caption: string; svg: string; width: number; height: number };

/** A numbered note: the definition and the source of the figures that point at it. */
export interface Note {
  n: number;
  def: DefinitionKey;
  definition: string;
  source: Source;
  /** The note's source line in the report's language. */
  sourceText: string;
}

/** The whole report in one language. */
export interface ReportDocument {
  lang: Lang;
  title: string;
  subtitle: string;
  intro: string;
  date: string;
  blocks: Block[];
  notes: Note[];
  footer: string;
  printHint: string;
  /** The link back to the dashboard's home, shown when the report is served by `omo serve`. */
  dashboardLink: string;
  toc: string;
  notesTitle: string;
}

/** Wraps a formatted figure so it links to note `n`. */
export function fig(text: string, n: number): string {
  return `${FIG_OPEN}${n}${FIG_SEP}${text}${FIG_CLOSE}`;
}

/** Splits text into plain runs and figure tokens. */
export function splitFigures(text: string): Array<{ text: string; note?: number }> {
  const out: Array<{ text: string; note?: number }> = [];
  const re = new RegExp(`${FIG_OPEN}(\\d+)${FIG_SEP}([^${FIG_CLOSE}]*)${FIG_CLOSE}`, "g");
  let last = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push({ text: m[2] as string, note: Number(m[1]) });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
