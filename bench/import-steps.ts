/** The steps of DuckDB's import that bench/import-profile.ts times (no I/O here, so a unit test can check the rules). */

/** The steps, in the order an import runs them. */
export const STEPS = [
  "file read",
  "staged checks",
  "model rows",
  "statistics",
  "roll-ups",
  "lineage links",
  "snapshot row",
  "family walks",
  "commit",
] as const;
export type Step = (typeof STEPS)[number];

/**
 * The step of a statement: before the load's transaction (`inTransaction` false) the file read or the staged checks. The rules go by the table
 * a statement writes or reads, first match wins; "other" is reported with its statements so no time goes unseen.
 */
export function stepOf(sql: string, inTransaction: boolean): Step | "other" {
  const s = sql.replace(/\s+/g, " ").trim();
  if (!inTransaction) return /^INSERT INTO stage_model\b/.test(s) ? "file read" : "staged checks";
  if (/^(COMMIT|CHECKPOINT)\b/.test(s)) return "commit";
  if (/rollup_/.test(s)) return "roll-ups";
  if (/^(INSERT INTO|UPDATE) model\b/.test(s)) return "model rows";
  if (/^(INSERT INTO|DELETE FROM) model_stats\b/.test(s)) return "statistics";
  if (/^(INSERT INTO|DELETE FROM) model_link\b|stage_newer/.test(s)) return "lineage links";
  if (/\bsnapshot\b/.test(s)) return "snapshot row";
  if (/family_|stage_member|regexp_matches|FROM model_link\b/.test(s)) return "family walks";
  return "other";
}
