/** Turns DuckDB's JS values into plain JSON-able values: BIGINT → number, timestamps/dates → ISO strings. */

/** Converts one value returned by `getRowObjectsJS()` into a plain JSON value. */
export function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = plain(v);
    return out;
  }
  return value;
}
