/**
 * The CSV writer of omo (csv-stringify, RFC 4180 quoting), on its own so that the dashboard bundles it for its
 * "download CSV" buttons without the reader's Node streams; `src/formats/csv.ts` re-exports it for the CLI and the API.
 */
import { stringify } from "csv-stringify/sync";

/** A cell as CSV text: null/undefined empty, arrays and objects as JSON. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  return Array.isArray(v) || typeof v === "object" ? JSON.stringify(v) : String(v);
}

/**
 * Formats rows as CSV with a header line (RFC 4180 quoting; no trailing newline). `columns` picks and orders the
 * keys; by default the keys of the first row.
 */
export function toCsv(rows: ReadonlyArray<Record<string, unknown>>, columns?: ReadonlyArray<{ key: string }>): string {
  const keys = (columns ?? Object.keys(rows[0] ?? {}).map((key) => ({ key }))).map((c) => c.key);
  const records = [keys, ...rows.map((r) => keys.map((k) => cellText(r[k])))];
  return stringify(records, { record_delimiter: "\n" }).replace(/\n$/, "");
}
