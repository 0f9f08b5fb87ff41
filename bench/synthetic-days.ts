/**
 * The synthesised days of the ClickHouse benches: day `i` after the base date copied from the base's statistics with
 * a deterministic day-to-day variation (shared by bench/stores.bench.ts and bench/load-profile.ts).
 */
export const BASE = "2024-07-11";

export const chDay = (table: string, i: number, loadId: string) => `INSERT INTO ${table}
  (date, key, load_id, downloads, downloads_all_time, likes, trending_score)
SELECT date + ${i}, key, 'bench-${i}',
  intDiv(downloads * (900 + (downloads + ${i} * 37 + length(key)) % toInt64(200)), 1000),
  downloads * 12 + intDiv(downloads * ${i}, 30),
  likes + if((length(key) + ${i}) % 3 = 0, 1, 0), trending_score
FROM ${table} WHERE date = toDate('${BASE}') AND load_id = '${loadId}'`;
export const chSnapshot = (
  i: number,
) => `INSERT INTO snapshot_rows (date, load_id, version, source, status, started_at, finished_at, model_count, downloads,
  malformed, coverage, coverage_how)
SELECT date + ${i}, 'bench-${i}', version, 'bench:synthesised', 'complete', started_at, finished_at, model_count,
  downloads, 0, coverage, coverage_how FROM snapshot_rows FINAL WHERE date = toDate('${BASE}')`;
