/**
 * SQL that reads input files into the temporary staging table. Every reader yields the same columns, the Hub's
 * wire fields, so one normalisation (normalize-sql.ts) serves every source. Paths and dates are bound parameters.
 */

/** The staging table: one row per input object, as read. */
export const CREATE_STAGE_RAW = `CREATE OR REPLACE TEMP TABLE stage_raw (
  file_no INTEGER, id VARCHAR, author VARCHAR, downloads BIGINT, downloads_all_time BIGINT, likes BIGINT,
  trending_score DOUBLE, tags VARCHAR[], pipeline_tag VARCHAR, library_name VARCHAR, created_at VARCHAR,
  last_modified VARCHAR, gated JSON, private BOOLEAN, card_data JSON, base_models JSON, snap_date DATE
)`;

/** The column types DuckDB's JSON reader is told to produce (unknown keys are ignored). */
const JSON_COLUMNS = `{id: 'VARCHAR', author: 'VARCHAR', downloads: 'BIGINT', downloadsAllTime: 'BIGINT', likes: 'BIGINT',
  trendingScore: 'DOUBLE', tags: 'VARCHAR[]', pipeline_tag: 'VARCHAR', library_name: 'VARCHAR', createdAt: 'VARCHAR',
  lastModified: 'VARCHAR', gated: 'JSON', private: 'BOOLEAN', cardData: 'JSON', baseModels: 'JSON', date: 'VARCHAR'}`;

const SELECT_WIRE = `SELECT $file_no, id, author, downloads, downloadsAllTime, likes, trendingScore, tags, pipeline_tag,
  library_name, createdAt, lastModified, gated, private, cardData, baseModels,
  coalesce(try_cast(date AS DATE), $default_date::DATE)`;

/** Stages a JSON Lines file (plain or gzip). */
export const STAGE_JSONL = `INSERT INTO stage_raw ${SELECT_WIRE}
FROM read_json($path, format = 'newline_delimited', columns = ${JSON_COLUMNS}, maximum_object_size = 67108864)`;

/** Stages a file holding one JSON array of model objects (a scraped page). */
export const STAGE_JSON_ARRAY = `INSERT INTO stage_raw ${SELECT_WIRE}
FROM read_json($path, format = 'array', columns = ${JSON_COLUMNS}, maximum_object_size = 67108864)`;

/** Lists the columns of a Parquet file, to map whichever of the Hub's fields it has. */
export const DESCRIBE_PARQUET = "DESCRIBE SELECT * FROM read_parquet($path)";

/**
 * Parquet column → staging expression. Keys are the Hub dump's column names (fixed list, never user text);
 * `cardData` is a JSON string in the public dump, `baseModels` a struct.
 */
export const PARQUET_COLUMNS: Readonly<Record<string, string>> = {
  id: "CAST(id AS VARCHAR)",
  author: "CAST(author AS VARCHAR)",
  downloads: "CAST(downloads AS BIGINT)",
  downloadsAllTime: "CAST(downloadsAllTime AS BIGINT)",
  likes: "CAST(likes AS BIGINT)",
  trendingScore: "CAST(trendingScore AS DOUBLE)",
  tags: "CAST(tags AS VARCHAR[])",
  pipeline_tag: "CAST(pipeline_tag AS VARCHAR)",
  library_name: "CAST(library_name AS VARCHAR)",
  createdAt: "CAST(createdAt AS VARCHAR)",
  lastModified: "CAST(lastModified AS VARCHAR)",
  gated: "to_json(gated)",
  private: "CAST(private AS BOOLEAN)",
  cardData: "CASE WHEN typeof(cardData) = 'VARCHAR' THEN try_cast(cardData AS JSON) ELSE to_json(cardData) END",
  baseModels: "to_json(baseModels)",
  date: "CAST(date AS VARCHAR)",
};

/** The order of staging columns after `file_no`, matching {@link CREATE_STAGE_RAW}. */
export const PARQUET_ORDER = Object.keys(PARQUET_COLUMNS);

/** Builds the Parquet staging statement from the columns the file has (names from the fixed map only). */
export function stageParquetSql(present: ReadonlySet<string>): string {
  const exprs = PARQUET_ORDER.map((col) => {
    if (col === "date") {
      return present.has("date")
        ? `coalesce(try_cast(CAST(date AS VARCHAR) AS DATE), $default_date::DATE)`
        : "$default_date::DATE";
    }
    const expr = PARQUET_COLUMNS[col] as string;
    // typeof() is evaluated per row only when the column exists; otherwise a typed NULL stands in.
    return present.has(col) ? expr : "NULL";
  });
  return `INSERT INTO stage_raw SELECT $file_no, ${exprs.join(", ")} FROM read_parquet($path)`;
}

/** Counts what a just-staged file holds: rows, malformed rows, undated rows and distinct dates. */
export const STAGED_FILE_SUMMARY = `SELECT count(*) AS rows,
  count(*) FILTER (WHERE id IS NULL OR trim(id) = '' OR downloads < 0 OR downloads_all_time < 0 OR likes < 0) AS malformed,
  count(*) FILTER (WHERE snap_date IS NULL) AS undated,
  list(DISTINCT strftime(snap_date, '%Y-%m-%d') ORDER BY 1) FILTER (WHERE snap_date IS NOT NULL) AS dates
FROM stage_raw WHERE file_no = $file_no`;

/** Removes one file's rows from staging. */
export const UNSTAGE_FILE = "DELETE FROM stage_raw WHERE file_no = $file_no";
