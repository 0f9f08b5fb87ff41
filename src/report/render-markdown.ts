/**
 * The report as Markdown (GitHub-flavoured): tables, footnotes after each figure (`[^n]`), charts as inline SVG in
 * `<figure>` blocks.
 */
import { type Block, type ReportDocument, splitFigures } from "./document.js";

/** Escapes text for a Markdown paragraph or table cell. */
function esc(s: string): string {
  return s.replace(/([\\`*_[\]<>|])/g, "\\$1");
}

/** Text with figure tokens as `figure[^n]`. */
function inline(s: string): string {
  return splitFigures(s)
    .map((r) => (r.note === undefined ? esc(r.text) : `${esc(r.text)}[^${r.note}]`))
    .join("");
}

function block(b: Block): string {
  switch (b.kind) {
    case "h2":
      return `## ${inline(b.text)}`;
    case "h3":
      return `### ${inline(b.text)}`;
    case "p":
      return inline(b.text);
    case "table": {
      const head = `| ${b.columns.map((c) => inline(c.label)).join(" | ")} |`;
      const rule = `| ${b.columns.map((c) => (c.align === "right" ? "---:" : "---")).join(" | ")} |`;
      const rows = b.rows.map((r) => `| ${r.map((c) => inline(c)).join(" | ")} |`);
      return [head, rule, ...rows].join("\n");
    }
    case "chart":
      // an HTML block: no blank line inside, so Markdown renderers keep it whole
      return `<figure id="${b.id}">\n${b.svg.replace(/\n\s*\n/g, "\n")}\n<figcaption>${inline(b.caption)}</figcaption>\n</figure>`;
  }
}

/** Renders the document as Markdown. */
export function renderMarkdown(doc: ReportDocument): string {
  const parts = [
    `# ${esc(doc.title)}`,
    `_${esc(doc.subtitle)}_`,
    esc(doc.intro),
    ...doc.blocks.map(block),
    `## ${esc(doc.notesTitle)}`,
    ...doc.notes.map((n) => `[^${n.n}]: ${esc(n.definition)} ${esc(n.sourceText)}`),
    `---\n\n${esc(doc.footer)}`,
  ];
  return `${parts.join("\n\n")}\n`;
}
