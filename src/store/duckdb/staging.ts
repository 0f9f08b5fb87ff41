/**
 * The one normaliser: staging and cleaning of input files with DuckDB's readers and the SQL of stage-sql.ts and
 * normalize-sql.ts. Both stores load through it: the DuckDB store on its own connection (the staged rows then go
 * into its tables inside the load transaction), the ClickHouse store on an in-process DuckDB of its own (the cleaned
 * rows are then sent to the server: src/store/clickhouse/staged-rows.ts). So the rules of a row — wire types,
 * malformed fields, the licence, gating, lineage links and their aliases, one row per (date, model) — are written
 * once, and a file reads the same whichever store it goes to.
 */
import { type DuckDBConnection, LIST, listValue, VARCHAR } from "@duckdb/node-api";
import { InputError } from "../../errors.js";
import type { ReuploadCandidate, StageInput, StageResult } from "../store.js";
import * as N from "./normalize-sql.js";
import * as S from "./stage-sql.js";

/** The staged files of one load on one DuckDB connection (temporary tables: `stage_model`, `stage_link`…). */
export class DuckDBStaging {
  private fileNo = 0;
  /** Malformed counts of each staged file, so `prepare` can skip the pass that drops them when there are none. */
  private readonly staged = new Map<number, { malformed: number }>();

  private constructor(readonly conn: DuckDBConnection) {}

  /** Creates the staging tables on `conn`. */
  static async open(conn: DuckDBConnection): Promise<DuckDBStaging> {
    // timestamps are read as instants and kept as UTC wall time, whatever the machine's time zone (the ClickHouse
    // load's own in-process DuckDB included)
    await conn.run("SET TimeZone = 'UTC'");
    await conn.run(S.CREATE_STAGE);
    await conn.run(S.CREATE_STAGE_ALIAS);
    return new DuckDBStaging(conn);
  }

  /** How many files are staged. */
  get files(): number {
    return this.staged.size;
  }

  /** Reads one file into `stage_model`, normalised; a file the reader rejects throws (the caller may sanitize it). */
  async stage(input: StageInput): Promise<StageResult> {
    this.fileNo += 1;
    const bind = { file_no: this.fileNo, path: input.path, default_date: input.defaultDate, ...S.RULE_BINDINGS };
    if (input.format === "jsonl") await this.conn.run(S.STAGE_JSONL, bind);
    else if (input.format === "json-array") await this.conn.run(S.STAGE_JSON_ARRAY, bind);
    else {
      const cols = await this.conn.runAndReadAll(S.DESCRIBE_PARQUET, { path: input.path });
      const present = new Set(cols.getRowObjectsJS().map((r) => String(r.column_name)));
      if (!present.has("id")) {
        this.fileNo -= 1;
        const found = [...present].slice(0, 12).join(", ");
        throw new InputError(`no "id" column: not a Hub model listing (columns: ${found || "none"})`, {
          file: input.label,
        });
      }
      await this.conn.run(S.stageParquetSql(present), bind);
    }
    const summary = await this.conn.runAndReadAll(S.STAGED_FILE_SUMMARY, { file_no: this.fileNo });
    const row = summary.getRowObjectsJS()[0] ?? {};
    this.staged.set(this.fileNo, { malformed: Number(row.malformed ?? 0) });
    return {
      rows: Number(row.rows ?? 0),
      malformed: Number(row.malformed ?? 0),
      undated: Number(row.undated ?? 0),
      firstBadField: row.first_bad == null ? null : String(row.first_bad),
      dates: ((row.dates as string[] | null) ?? []).map(String),
    };
  }

  /** Drops what the last {@link stage} added. */
  async unstageLast(): Promise<void> {
    await this.conn.run(S.UNSTAGE_FILE, { file_no: this.fileNo });
    this.staged.delete(this.fileNo);
  }

  /**
   * Before a commit: the aliases in, every malformed row out (callers decided: strict already failed, or they are
   * counted), one row per (date, key) — the last file's —, and the lineage links of the staged rows (`stage_link`).
   */
  async prepare(aliases: ReadonlyMap<string, string> | undefined): Promise<void> {
    if (aliases && aliases.size > 0)
      await this.conn.run(
        S.INSERT_STAGE_ALIASES,
        { aliases: listValue([...aliases.keys()]), canonicals: listValue([...aliases.values()]) },
        { aliases: LIST(VARCHAR), canonicals: LIST(VARCHAR) },
      );
    const files = [...this.staged.values()];
    if (files.some((f) => f.malformed > 0)) await this.conn.run(S.DROP_ALL_MALFORMED);
    const [dups] = (await this.conn.runAndReadAll(N.COUNT_DUPLICATES)).getRowObjectsJS();
    if (Number(dups?.dups ?? 0) > 0) await this.conn.run(N.DROP_DUPLICATES);
    await this.conn.run(N.CREATE_STAGE_LINK);
    await this.conn.run(N.CREATE_STAGE_REUPLOAD);
  }

  /** Candidates of the re-upload rule among the prepared rows (repos of `reuploaders` with no lineage link). */
  async reuploadCandidates(reuploaders: readonly string[]): Promise<ReuploadCandidate[]> {
    const rows = await this.conn.runAndReadAll(N.REUPLOAD_CANDIDATES, { authors: reuploaders.join(",") });
    return rows.getRowObjectsJS().map((r) => ({ date: String(r.date), key: String(r.key), id: String(r.id) }));
  }

  /** The dates of the prepared rows, oldest first. */
  async dates(): Promise<string[]> {
    return (await this.conn.runAndReadAll(N.STAGED_DATES)).getRowObjectsJS().map((r) => String(r.date));
  }

  /** Drops the staging tables. */
  async drop(): Promise<void> {
    for (const t of ["stage_model", "stage_link", "stage_alias", "stage_reupload"]) {
      await this.conn.run(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
