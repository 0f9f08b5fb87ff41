/**
 * The normalising projection of the DuckDB store (src/store/duckdb/stage-sql.ts NORMALISE and the raw part of
 * normalize-sql.ts CREATE_STAGE_LINK), in TypeScript: ClickHouse 18.16 has no JSON type and no JSON functions
 * beyond `visitParam*`, so each Hub wire object is normalised here into one flat staging row, sent as JSONEachRow.
 * Keep the two in step; the contract tests compare the stores' answers on the same files.
 */

/** One staged row, as the staging table's columns. */
export interface StagedRow {
  file_no: number;
  line_no: number;
  /** `YYYY-MM-DD`, or 1970-01-01 with `dated` = 0 when neither the row nor the input gives a date. */
  snap_date: string;
  dated: number;
  key: string;
  id: string;
  author: string;
  downloads: number | null;
  downloads_all_time: number | null;
  likes: number | null;
  trending_score: number | null;
  /** `YYYY-MM-DD hh:mm:ss` UTC (ClickHouse DateTime: whole seconds, 1970..2105), or null. */
  created_at: string | null;
  last_modified: string | null;
  pipeline_tag: string | null;
  library_name: string | null;
  license: string | null;
  gated: string | null;
  private: number | null;
  tags: string[];
  /** Whether the source had a `tags` list (ClickHouse has no Nullable(Array)). */
  tags_known: number;
  /** Whether the row said anything about lineage (tags, cardData.base_model or baseModels present). */
  lineage_known: number;
  malformed: number;
  /** Raw lineage links before alias resolution: parallel arrays (parent as written, trimmed). */
  link_parent: string[];
  link_relation: string[];
  link_origin: string[];
}

/** A wire value that cannot be read as the column's type: the whole file is refused (the importer then sanitizes). */
export class WireTypeError extends Error {
  override name = "WireTypeError";
}

const RELATIONS = new Set(["finetune", "adapter", "quantized", "merge"]);
const TYPED_TAG = /^(finetune|adapter|quantized|merge):/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1970 && y <= 2105 && mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** VARCHAR column: strings as is, numbers and booleans as text, null/missing → null. */
function text(v: unknown, field: string): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw new WireTypeError(`field "${field}": expected text`);
}

/** BIGINT column: integers, numeric strings; fractions round half away from zero as DuckDB's cast. */
function bigint(v: unknown, field: string): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) throw new WireTypeError(`field "${field}": expected an integer`);
  return n < 0 ? -Math.round(-n) : Math.round(n);
}

function double(v: unknown, field: string): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  if (!Number.isFinite(n)) throw new WireTypeError(`field "${field}": expected a number`);
  return n;
}

/** try_cast(try_cast(x AS TIMESTAMPTZ) AS TIMESTAMP), truncated to seconds; outside ClickHouse's range → null. */
function timestamp(v: unknown): string | null {
  if (typeof v !== "string" || v.trim() === "") return null;
  const t = Date.parse(v);
  if (!Number.isFinite(t)) return null;
  const iso = new Date(t).toISOString(); // YYYY-MM-DDThh:mm:ss.sssZ
  const year = Number(iso.slice(0, 4));
  if (year < 1970 || year > 2105) return null;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** The text DuckDB's `->>` gives for a JSON value (strings unquoted, others as JSON). */
function jsonText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === "string" ? v : JSON.stringify(v);
}

interface RawLink {
  parent: string;
  relation: string;
  origin: string;
}

/** The raw links of one wire object (before alias resolution and de-duplication, done in SQL at commit). */
function rawLinks(tags: string[] | null, cardData: unknown, baseModels: unknown): RawLink[] {
  const out: RawLink[] = [];
  const push = (parent: unknown, relation: string, origin: string) => {
    if (typeof parent !== "string") return;
    const p = parent.trim();
    if (p === "") return;
    out.push({ parent: p, relation: RELATIONS.has(relation) ? relation : "unknown", origin });
  };
  for (const t of tags ?? []) {
    if (!t.startsWith("base_model:")) continue;
    const v = t.slice(11);
    if (TYPED_TAG.test(v)) push(v.slice(v.indexOf(":") + 1), v.slice(0, v.indexOf(":")), "typed-tag");
    else push(v, "unknown", "tag");
  }
  if (cardData !== null && typeof cardData === "object" && !Array.isArray(cardData) && "base_model" in cardData) {
    const c = cardData as Record<string, unknown>;
    const rel = c.base_model_relation;
    const relation = rel === null || rel === undefined ? "unknown" : (jsonText(rel) ?? "unknown").toLowerCase();
    const bm = c.base_model;
    if (typeof bm === "string") push(bm, relation, "cardData");
    else if (Array.isArray(bm)) for (const p of bm) push(jsonText(p), relation, "cardData");
  }
  if (baseModels !== null && baseModels !== undefined) {
    const list = Array.isArray(baseModels) ? baseModels : [baseModels];
    for (const bm of list) {
      if (bm === null || typeof bm !== "object" || Array.isArray(bm)) continue;
      const o = bm as Record<string, unknown>;
      const relation =
        o.relation === null || o.relation === undefined ? "unknown" : String(jsonText(o.relation)).toLowerCase();
      if (!Array.isArray(o.models)) continue;
      for (const m of o.models) {
        if (m !== null && typeof m === "object" && !Array.isArray(m)) {
          push(jsonText((m as Record<string, unknown>).id), relation, "baseModels");
        }
      }
    }
  }
  return out;
}

/** Normalises one wire object (a parsed JSON line) into a staging row. */
export function normaliseWire(
  w: Record<string, unknown>,
  fileNo: number,
  lineNo: number,
  defaultDate: string | null,
): StagedRow {
  const id = text(w.id, "id");
  const rowDate = typeof w.date === "string" && validDate(w.date) ? w.date : null;
  const date = rowDate ?? defaultDate;
  const rawTags = w.tags;
  let tags: string[] | null = null;
  if (Array.isArray(rawTags)) tags = rawTags.map((t) => text(t, "tags") ?? "");
  else if (rawTags !== null && rawTags !== undefined) throw new WireTypeError('field "tags": expected a list');
  const downloads = bigint(w.downloads, "downloads");
  const allTime = bigint(w.downloadsAllTime, "downloadsAllTime");
  const likes = bigint(w.likes, "likes");
  const cardData = w.cardData;
  let license: string | null = null;
  const licTag = (tags ?? []).find((t) => t.startsWith("license:"));
  if (licTag !== undefined) license = licTag.slice(8);
  else if (cardData !== null && typeof cardData === "object" && !Array.isArray(cardData)) {
    const l = (cardData as Record<string, unknown>).license;
    if (typeof l === "string") license = l;
    else if (Array.isArray(l)) license = jsonText(l[0]);
  }
  const gatedRaw = w.gated;
  const gated = gatedRaw === null || gatedRaw === undefined ? null : (jsonText(gatedRaw) ?? "").toLowerCase();
  const priv = w.private;
  const hasCardBase =
    cardData !== null && typeof cardData === "object" && !Array.isArray(cardData) && "base_model" in cardData;
  const hasBaseModels = w.baseModels !== null && w.baseModels !== undefined;
  const links = rawLinks(tags, cardData, w.baseModels);
  const author = text(w.author, "author");
  return {
    file_no: fileNo,
    line_no: lineNo,
    snap_date: date ?? "1970-01-01",
    dated: date ? 1 : 0,
    key: (id ?? "").toLowerCase(),
    id: id ?? "",
    author: author !== null && author !== "" ? author : ((id ?? "").split("/")[0] ?? ""),
    downloads,
    downloads_all_time: allTime,
    likes,
    trending_score: double(w.trendingScore, "trendingScore"),
    created_at: timestamp(w.createdAt),
    last_modified: timestamp(w.lastModified),
    pipeline_tag: text(w.pipeline_tag, "pipeline_tag"),
    library_name: text(w.library_name, "library_name"),
    license,
    gated,
    private: typeof priv === "boolean" ? (priv ? 1 : 0) : null,
    tags: tags ?? [],
    tags_known: tags ? 1 : 0,
    lineage_known: tags !== null || hasCardBase || hasBaseModels ? 1 : 0,
    malformed:
      id === null || id.trim() === "" || (downloads ?? 0) < 0 || (allTime ?? 0) < 0 || (likes ?? 0) < 0 ? 1 : 0,
    link_parent: links.map((l) => l.parent),
    link_relation: links.map((l) => l.relation),
    link_origin: links.map((l) => l.origin),
  };
}
