/** Renders command results as a human table (default), JSON (`--json`) or CSV (`--csv`). */
import { toCsv } from "../formats/csv.js";

/** Output format chosen by the global flags. */
export type OutputFormat = "table" | "json" | "csv";

/** A column of a human table: key in the row, header, and alignment. */
export interface Column {
  key: string;
  header?: string;
  align?: "left" | "right";
}

const nf = new Intl.NumberFormat("en-US");

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isInteger(v) ? nf.format(v) : v.toFixed(2);
  if (Array.isArray(v)) return v.map((x) => (typeof x === "object" ? JSON.stringify(x) : String(x))).join(" ");
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

/** Formats rows as an aligned text table. */
export function table(rows: Record<string, unknown>[], columns?: Column[]): string {
  const cols: Column[] = columns ?? Object.keys(rows[0] ?? {}).map((key) => ({ key }));
  if (rows.length === 0) return "(no rows)";
  const head = cols.map((c) => c.header ?? c.key);
  const body = rows.map((r) => cols.map((c) => cell(r[c.key])));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? "").length)));
  const right = cols.map(
    (c, i) => c.align === "right" || (c.align === undefined && rows.some((r) => typeof r[c.key] === "number") && i > 0),
  );
  const fmt = (cells: string[]) =>
    cells
      .map((s, i) => (right[i] ? s.padStart(widths[i] ?? 0) : s.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [fmt(head), fmt(widths.map((w) => "-".repeat(w))), ...body.map(fmt)].join("\n");
}

/** Formats rows as CSV with a header line (the one CSV writer, src/formats/csv.ts). */
export function csv(rows: Record<string, unknown>[], columns?: Column[]): string {
  return toCsv(rows, columns);
}

/** Formats a thousands-separated integer for messages. */
export function num(n: number): string {
  return nf.format(n);
}
