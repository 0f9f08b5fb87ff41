/**
 * The report as one standalone HTML page: contents, figures linked to their notes, charts as inline SVG, and a
 * print layout (A4, no element wider than the page, charts and tables kept whole) for PDF.
 */
import { escapeMarkup as esc } from "../formats/markup.js";
import { type Block, type ReportDocument, splitFigures } from "./document.js";

/** Options of {@link renderHtml}. */
export interface HtmlOptions {
  /** Base URL of the JSON API (e.g. `/api`): notes then link each query to `{base}/queries/NAME`. */
  apiBase?: string;
  /** Where the dashboard is (e.g. `/#/`): a link back to it heads the page (not printed). */
  homeHref?: string;
}

/** Text with figure tokens as links to their notes. */
function inline(s: string): string {
  return splitFigures(s)
    .map((r) =>
      r.note === undefined
        ? esc(r.text)
        : `<a class="fig" href="#note-${r.note}" aria-describedby="note-${r.note}">${esc(r.text)}<sup>${r.note}</sup></a>`,
    )
    .join("");
}

/** An ECharts SSR SVG made scalable: a viewBox from its size, so CSS can shrink it to the page width. */
function scalable(svg: string, width: number, height: number): string {
  return svg.includes("viewBox")
    ? svg
    : svg.replace(/^<svg\b/, `<svg viewBox="0 0 ${width} ${height}" preserveAspectRatio="xMinYMin meet"`);
}

function block(b: Block): string {
  switch (b.kind) {
    case "h2":
      return `<h2 id="${esc(b.id)}">${inline(b.text)}</h2>`;
    case "h3":
      return `<h3>${inline(b.text)}</h3>`;
    case "p":
      return `<p>${inline(b.text)}</p>`;
    case "table": {
      const cls = (c: { align?: string }) => (c.align === "right" ? ' class="num"' : "");
      const head = b.columns.map((c) => `<th${cls(c)}>${inline(c.label)}</th>`).join("");
      const rows = b.rows
        .map((r) => `<tr>${r.map((v, i) => `<td${cls(b.columns[i] ?? {})}>${inline(v)}</td>`).join("")}</tr>`)
        .join("\n");
      return `<div class="table"><table><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div>`;
    }
    case "chart":
      return `<figure class="chart" id="${esc(b.id)}">${scalable(b.svg, b.width, b.height)}<figcaption>${inline(b.caption)}</figcaption></figure>`;
  }
}

const CSS = `
:root { color-scheme: light; --text: #1f2328; --muted: #59636e; --rule: #d0d7de; --accent: #2563eb; }
* { box-sizing: border-box; }
body { font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--text); margin: 0; }
main { max-width: 820px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 28px; margin: 0 0 4px; }
.subtitle { color: var(--muted); margin: 0 0 16px; }
h2 { font-size: 21px; margin: 32px 0 8px; padding-top: 8px; border-top: 1px solid var(--rule); }
h3 { font-size: 16px; margin: 20px 0 6px; }
nav ol { columns: 2; padding-left: 20px; margin: 0; }
a.fig { color: inherit; text-decoration: underline dotted var(--accent); }
a.fig sup { color: var(--accent); font-size: 10px; margin-left: 1px; }
.table { width: 100%; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; margin: 8px 0; }
th, td { padding: 4px 6px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { font-weight: 600; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
figure.chart { margin: 12px 0; }
figure.chart svg { display: block; width: 100%; height: auto; max-width: 100%; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
.notes { font-size: 13px; color: var(--muted); }
.notes li { margin: 4px 0; }
.print-hint { color: var(--muted); font-size: 13px; }
.back { margin: 0 0 12px; font-size: 14px; }
.back a { color: var(--accent); }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .print-hint, .back { display: none; }
  nav ol { columns: 2; }
  h2, h3 { break-after: avoid; }
  figure.chart, tr { break-inside: avoid; }
  a.fig { text-decoration: none; }
}`;

/** Renders the document as a standalone HTML page. */
export function renderHtml(doc: ReportDocument, opts: HtmlOptions = {}): string {
  const toc = doc.blocks
    .filter((b): b is Extract<Block, { kind: "h2" }> => b.kind === "h2")
    .map(
      (b) =>
        `<li><a href="#${esc(b.id)}">${esc(
          splitFigures(b.text)
            .map((r) => r.text)
            .join(""),
        )}</a></li>`,
    )
    .join("");
  const query = (name: string) =>
    name
      .split(", ")
      .map((q) =>
        opts.apiBase
          ? `<a href="${esc(`${opts.apiBase}/queries/${q}`)}"><code>${esc(q)}</code></a>`
          : `<code>${esc(q)}</code>`,
      )
      .join(", ");
  const notes = doc.notes
    .map(
      (n) =>
        `<li id="note-${n.n}" value="${n.n}">${esc(n.definition)} ${esc(n.sourceText).replace(esc(n.source.query), query(n.source.query))}</li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.title)} — ${esc(doc.date)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${opts.homeHref ? `<p class="back"><a href="${esc(opts.homeHref)}">${esc(doc.dashboardLink)}</a></p>\n` : ""}<header><h1>${esc(doc.title)}</h1><p class="subtitle">${esc(doc.subtitle)}</p></header>
<p>${esc(doc.intro)}</p>
<p class="print-hint">${esc(doc.printHint)}</p>
<nav aria-label="${esc(doc.toc)}"><h2>${esc(doc.toc)}</h2><ol>${toc}<li><a href="#notes">${esc(doc.notesTitle)}</a></li></ol></nav>
${doc.blocks.map(block).join("\n")}
<h2 id="notes">${esc(doc.notesTitle)}</h2>
<ol class="notes">
${notes}
</ol>
<footer>${esc(doc.footer)}</footer>
</main>
</body>
</html>
`;
}
