/**
 * The model keys whose `cityHash64` is shared by another key (migration 20, issue 15), per dimension generation.
 *
 * A query that asks which keys of one date another date does not list (entrants-since, new-entrants) groups the two
 * dates' rows by the key's 64-bit hash instead of its text (0.42 s instead of 0.95 s on two dates of the full listing,
 * two threads), and search-models puts a date's statistics and the dimension's matches together by grouping on it
 * instead of a join. That is exact only where no two keys share a hash, so every load lists the hashes its
 * generation's keys share (`model_dim_rows` holds each model ever loaded once, so every key of every visible snapshot
 * is among them), and the queries group the keys with those hashes by text. No two of the 760,000 keys of the
 * full listing share one (a shared hash among 10^6 keys has odds of about 3 in 10^8); the pass costs a grouping of the
 * generation's keys by hash at load (0.22 s on the full listing).
 */

/** The table (coordinator, one partition per generation like the dimension). */
export const CREATE_KEY_HASH_COLLISIONS = `CREATE TABLE IF NOT EXISTS key_hash_collisions (load_id String, h UInt64)
ENGINE = MergeTree PARTITION BY load_id ORDER BY h`;

/** Lists the shared hashes of generation `g` (a literal load id), once its dimension rows are written. */
export function writeKeyHashCollisions(g: string): string {
  return `INSERT INTO key_hash_collisions (load_id, h)
SELECT ${g}, h FROM (SELECT cityHash64(key) AS h FROM model_dim_rows WHERE load_id = ${g} GROUP BY h HAVING count() > 1)`;
}

/** Lists them for every generation the dimension holds, from scratch (migration 20; a re-run lists them again). */
export const REBUILD_KEY_HASH_COLLISIONS = [
  "TRUNCATE TABLE key_hash_collisions",
  `INSERT INTO key_hash_collisions (load_id, h)
SELECT load_id, h FROM (SELECT load_id, cityHash64(key) AS h FROM model_dim_rows GROUP BY load_id, h HAVING count() > 1)`,
];
