/**
 * The rules a model row must meet to enter a snapshot, defined once. Both import paths apply them: the Node sanitizer
 * (src/ingest/import/sanitize.ts, which names the file, line and field of the first row that breaks one) and DuckDB's
 * fast path (src/store/duckdb/stage-sql.ts, which flags such rows so the file goes through the sanitizer instead).
 * The patterns are written in the common subset of JavaScript and RE2 regular expressions (ASCII classes only), so
 * the two paths accept exactly the same values.
 */

/** The longest model id accepted (the Hub's own ids are at most ~140 characters: a namespace, `/`, a name). */
export const MAX_MODEL_ID_LENGTH = 300;

/**
 * A model id: `namespace/name` or a bare legacy name (`gpt2`), without whitespace, control characters or a second
 * slash. Characters 0x00–0x20 and 0x7f are refused; so is anything past {@link MAX_MODEL_ID_LENGTH}.
 */
export const MODEL_ID_PATTERN = "^[^/\\x00-\\x20\\x7f]+(/[^/\\x00-\\x20\\x7f]+)?$";

/** A row's snapshot date as the fast path takes it: `YYYY-MM-DD` (other spellings go through the sanitizer). */
export const ROW_DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

/**
 * A timestamp (`createdAt`, `lastModified`): an ISO 8601 date, optionally with a time, fractional seconds and a zone
 * (`2023-09-04T16:38:41.000Z`, `2024-07-11 10:00:00+02:00`, `2024-07-11`); the day and time must also be real.
 */
export const TIMESTAMP_PATTERN =
  "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?$";

const ID_RE = new RegExp(MODEL_ID_PATTERN);
const TIMESTAMP_RE = new RegExp(TIMESTAMP_PATTERN);

/** Why an id breaks the rule, or null when it is a valid model id. */
export function modelIdProblem(id: string): string | null {
  if (id.length > MAX_MODEL_ID_LENGTH) return `longer than ${MAX_MODEL_ID_LENGTH} characters (${id.length})`;
  if (!ID_RE.test(id)) return 'expected "namespace/name" or a bare name';
  return null;
}

/** Whether a timestamp text meets {@link TIMESTAMP_PATTERN} and names a real day and time. */
export function isTimestamp(text: string): boolean {
  if (!TIMESTAMP_RE.test(text)) return false;
  const [y, mo, d] = [Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))];
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return false;
  if (text.length > 10) {
    const [h, mi, s] = [Number(text.slice(11, 13)), Number(text.slice(14, 16)), Number(text.slice(17, 19) || "0")];
    if (h > 23 || mi > 59 || s > 59) return false;
  }
  return !Number.isNaN(Date.parse(text.replace(" ", "T")));
}
