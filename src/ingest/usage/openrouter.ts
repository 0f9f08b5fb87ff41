/**
 * Readers of OpenRouter token-usage files, in every format the shared folder holds (see
 * ../shared/data/usage/openrouter/SOURCE.md): the raw rankings JSON of both daily scrapers (gzip or not), the
 * hanski319 JSON files, OpenRouter's model catalogue (`models.json`), and the converted CSVs. Each file becomes
 * dated usage snapshots with their coverage (every model, or only the top N with or without a known total) and, for
 * catalogues, the catalogue's entries. Nothing is stored here; a bad value is an InputError naming file, line, field.
 *
 * The derived summaries (`summary_open_share*.csv`) are refused: they are an independent oracle, not data.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  addDays,
  type CatalogueEntryInput,
  type CatalogueInput,
  fullCoverage,
  isMonday,
  preferenceOf,
  snapshotId,
  splitVariant,
  topCoverage,
  type UsagePeriod,
  type UsageRowInput,
  type UsageSnapshotInput,
  windowOf,
} from "../../domain/usage.js";
import { InputError, type InputLocation } from "../../errors.js";
import { type CsvObject, readCsvObjects } from "../../formats/csv.js";
import { dateFromFileName } from "../import/dates.js";
import { readJsonValue } from "../import/json-docs.js";
import { array, count, day, modelId, object, optionalCount, shown, timestamp } from "./values.js";

/** What one file held. */
export interface UsageFile {
  file: string;
  /** The format recognised, e.g. `hashd1ve rankings view=day (JSON)`. */
  format: string;
  snapshots: UsageSnapshotInput[];
  catalogues: CatalogueInput[];
  /** Rows left out on purpose (an empty model id with 0 tokens, an upstream artefact), with the reason. */
  skipped: Array<{ line?: number; field?: string; reason: string }>;
}

const CHARLES = "CharlesLiuyx/Token-Economy-Tracker";
const HASHD1VE = "hashd1ve/openrouter-pulse";
const JOHNBEAN = "johnbean393/openrouter-inference-stats";
const HANSKI = "hanski319/openrouter-token-data";

/** The snapshot of a source as the combined weekly file names them (`source` column). */
const COMBINED_SOURCES: Record<string, { source: string; endpoint: string }> = {
  charles: { source: CHARLES, endpoint: "model-rankings-chart" },
  johnbean: { source: JOHNBEAN, endpoint: "rankings-chart" },
  hanski: { source: HANSKI, endpoint: "rankings-history" },
};

/** The name a file is refused under, when it is one of the derived summaries. */
export function isDerivedSummary(file: string): boolean {
  return /^summary_.*\.csv(\.gz)?$/i.test(path.basename(file));
}

/** Files of the shared folder that describe the data rather than hold it (skipped when a folder is imported). */
export function isSidecar(file: string): boolean {
  const base = path.basename(file);
  return /^(MANIFEST\.csv|_manifest\.json|SOURCE\.md|README\.md)$/i.test(base) || /\.(md|txt)$/i.test(base);
}

// ---------------------------------------------------------------------------------------------------------------
// Building snapshots

interface SnapshotParts {
  source: string;
  endpoint: string;
  period: UsagePeriod;
  date: string;
  fetchedAt: string | null;
  status: string | null;
  file: string;
  rows: UsageRowInput[];
  /** Full coverage, or the top N with the remainder when known (null = unknown total). */
  coverage: { full: true; what?: string } | { full: false; remainder: number | null; remainderName: string };
}

/** Assembles a snapshot; two rows of one model and variant are an error naming the second one. */
function snapshot(p: SnapshotParts, where: (i: number) => InputLocation): UsageSnapshotInput {
  const seen = new Set<string>();
  p.rows.forEach((r, i) => {
    const key = `${r.model}\u0000${r.variant}`;
    if (seen.has(key)) {
      throw new InputError(
        `model ${r.model} (variant ${r.variant}) is listed twice in the snapshot of ${p.date}`,
        where(i),
      );
    }
    seen.add(key);
  });
  const named = p.rows.reduce((a, r) => a + r.tokens, 0);
  const models = p.rows.length;
  const coverage = p.coverage.full
    ? fullCoverage(models, p.coverage.what)
    : topCoverage(models, models, p.coverage.remainder !== null, p.coverage.remainderName);
  const remainder = p.coverage.full ? 0 : p.coverage.remainder;
  const w = windowOf(p.period, p.date);
  const s: Omit<UsageSnapshotInput, "preference"> = {
    id: snapshotId(p.source, p.endpoint, p.period, p.date),
    source: p.source,
    endpoint: p.endpoint,
    period: p.period,
    date: p.date,
    windowStart: w.start,
    windowEnd: w.end,
    fetchedAt: p.fetchedAt,
    status: p.status,
    coverage,
    totalTokens: remainder === null ? null : named + remainder,
    remainderTokens: remainder,
    namedTokens: named,
    file: p.file,
    rows: [...p.rows].sort((a, b) => b.tokens - a.tokens || a.model.localeCompare(b.model)),
  };
  return { ...s, preference: preferenceOf(s) };
}

/**
 * The status of a week of a chart captured at `fetchedAt`: the week still running, the first point of the capture
 * (its values can be cut short), settled (captured at least 8 days after the week began), or recent.
 */
export function chartWeekStatus(week: string, fetchedAt: string | null, firstPoint: boolean, lastPoint: boolean) {
  if (!fetchedAt) return lastPoint ? "last_point_of_capture_possibly_partial" : firstPoint ? FIRST_POINT : null;
  const t = Date.parse(fetchedAt);
  if (t < Date.parse(`${addDays(week, 7)}T00:00:00Z`)) return "partial_week_in_progress";
  if (firstPoint) return FIRST_POINT;
  return t >= Date.parse(`${addDays(week, 8)}T00:00:00Z`) ? "settled" : "recent";
}
const FIRST_POINT = "first_point_of_capture_possibly_truncated";

/** A named model's row where only its tokens are known (charts, top-N lists). */
function namedRowOf(id: string, tokens: number): UsageRowInput {
  return {
    ...splitVariant(id),
    tokens,
    prompt: null,
    completion: null,
    reasoning: null,
    requests: null,
    lastDate: null,
  };
}

/** A list of `{model, tokens}` at `field` (hanski319's JSON files). */
function namedModels(list: unknown, file: string, field: string): UsageRowInput[] {
  return array(list, { file, field }).map((x, j) => {
    const r = object(x, { file, field: `${field}[${j}]` });
    const id = modelId(r.model, { file, field: `${field}[${j}].model` });
    return namedRowOf(id, count(r.tokens, { file, field: `${field}[${j}].tokens` }));
  });
}

/** Chart weeks start on Mondays (OpenRouter's chart `x`). */
function mustBeMonday(date: string, loc: InputLocation): void {
  if (!isMonday(date)) throw new InputError(`a chart week must start on a Monday, got ${date}`, loc);
}

/** A chart's `Others` key. */
const OTHERS = /^others$/i;

// ---------------------------------------------------------------------------------------------------------------
// Sidecar metadata: capture times from MANIFEST.csv / _manifest.json beside a file

async function readJsonIfThere(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, "utf8"));
  } catch {
    return null;
  }
}

/** `snapshot_date → fetched_at` from the MANIFEST.csv beside a converted CSV (both scrapers write one). */
async function manifestTimes(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let csv: { header: string[]; rows: CsvObject[] };
  try {
    csv = await readCsvObjects(path.join(dir, "MANIFEST.csv"));
  } catch {
    return out;
  }
  for (const r of csv.rows) {
    const d = r.values.snapshot_date;
    const t = r.values.fetched_at || r.values.snapshot_ts;
    if (d && t && !Number.isNaN(Date.parse(t))) out.set(d, new Date(Date.parse(t)).toISOString());
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// JSON formats

/** hashd1ve `rankings_models_{day,week,month}.json[.gz]`: `{data: [{model_permaslug, variant, total_*…}]}`. */
async function hashd1veRankings(file: string, rows: unknown[], view: "day" | "week" | "month"): Promise<UsageFile> {
  const manifest = object((await readJsonIfThere(path.join(path.dirname(file), "_manifest.json"))) ?? {}, { file });
  const fetchedAt =
    typeof manifest.snapshot_ts === "string"
      ? timestamp(manifest.snapshot_ts, { file, field: "_manifest.json" })
      : null;
  const skipped: UsageFile["skipped"] = [];
  const parsed: UsageRowInput[] = [];
  const fieldAt: number[] = [];
  rows.forEach((raw, i) => {
    const at = (f: string): InputLocation => ({ file, field: `data[${i}].${f}` });
    const r = object(raw, { file, field: `data[${i}]` });
    const prompt = count(r.total_prompt_tokens ?? 0, at("total_prompt_tokens"));
    const completion = count(r.total_completion_tokens ?? 0, at("total_completion_tokens"));
    if ((r.model_permaslug === "" || r.model_permaslug === null) && prompt + completion === 0) {
      skipped.push({ field: `data[${i}].model_permaslug`, reason: "no model id and 0 tokens (upstream artefact)" });
      return;
    }
    const split = splitVariant(modelId(r.model_permaslug, at("model_permaslug")));
    parsed.push({
      model: split.model,
      variant: typeof r.variant === "string" && r.variant ? r.variant : split.variant,
      tokens: prompt + completion,
      prompt,
      completion,
      reasoning: optionalCount(r.total_native_tokens_reasoning, at("total_native_tokens_reasoning")),
      requests: optionalCount(r.count, at("count")),
      lastDate: day(r.date, at("date")),
    });
    fieldAt.push(i);
  });
  if (parsed.length === 0) throw new InputError("no rows: the rankings list is empty", { file, field: "data" });
  const end = parsed.reduce((a, r) => ((r.lastDate as string) > a ? (r.lastDate as string) : a), "0000-00-00");
  if (view === "day") {
    const other = parsed.findIndex((r) => r.lastDate !== end);
    if (other >= 0) {
      throw new InputError(`a day's rankings hold rows of ${parsed[other]?.lastDate} and of ${end}`, {
        file,
        field: `data[${fieldAt[other]}].date`,
      });
    }
  }
  const period: UsagePeriod = view === "day" ? "day" : view === "week" ? "7d" : "30d";
  const s = snapshot(
    {
      source: HASHD1VE,
      endpoint: `rankings/models?view=${view}`,
      period,
      date: end,
      fetchedAt,
      status: null,
      file,
      rows: parsed,
      coverage: { full: true },
    },
    (i) => ({ file, field: `data[${fieldAt[i]}]` }),
  );
  return { file, format: `hashd1ve rankings view=${view} (JSON)`, snapshots: [s], catalogues: [], skipped };
}

/** OpenRouter's catalogue `/api/v1/models` (`models.json[.gz]`): `{data: [{id, canonical_slug, hugging_face_id…}]}`. */
async function catalogueJson(file: string, rows: unknown[]): Promise<UsageFile> {
  const manifest = (await readJsonIfThere(path.join(path.dirname(file), "_manifest.json"))) as {
    snapshot_date?: unknown;
  } | null;
  const asOf =
    (typeof manifest?.snapshot_date === "string" ? manifest.snapshot_date : null) ??
    dateFromFileName(file) ??
    dateFromFileName(path.dirname(file));
  if (!asOf) {
    throw new InputError("the catalogue's date is unknown: put it in the file or folder name (YYYY-MM-DD)", { file });
  }
  const entries: CatalogueEntryInput[] = rows.map((raw, i) => {
    const at = (f: string): InputLocation => ({ file, field: `data[${i}].${f}` });
    const r = object(raw, { file, field: `data[${i}]` });
    const hf = r.hugging_face_id;
    if (hf !== null && hf !== undefined && typeof hf !== "string") {
      throw new InputError(`expected a Hub repo id or null, got ${shown(hf)}`, at("hugging_face_id"));
    }
    const slug = r.canonical_slug;
    return {
      id: modelId(r.id, at("id")),
      canonicalSlug: typeof slug === "string" && slug ? slug : null,
      huggingFaceId: typeof hf === "string" && hf.trim() ? hf.trim() : null,
      name: typeof r.name === "string" ? r.name : null,
    };
  });
  return {
    file,
    format: "OpenRouter model catalogue /api/v1/models (JSON)",
    snapshots: [],
    catalogues: [{ source: "openrouter:/api/v1/models", asOf: day(asOf, { file }), file, entries }],
    skipped: [],
  };
}

/** Rows of a chart point `ys: {permaslug[:variant]: tokens, …, Others: tokens}`. */
function chartRows(ys: Record<string, unknown>, at: (key: string) => InputLocation) {
  const rows: UsageRowInput[] = [];
  let others: number | null = null;
  for (const [key, v] of Object.entries(ys)) {
    const tokens = count(v, at(key));
    if (OTHERS.test(key)) {
      others = (others ?? 0) + tokens;
      continue;
    }
    rows.push(namedRowOf(modelId(key, at(key)), tokens));
  }
  return { rows, others };
}

/** CharlesLiuyx `daily/YYYY-MM-DD.json[.gz]`: models_week (trailing 7 days, every model) and the weekly chart. */
function charlesDaily(file: string, doc: Record<string, unknown>): UsageFile {
  const fetchedAt = timestamp(doc.fetched_at, { file, field: "fetched_at" });
  const payload = object(doc.payload, { file, field: "payload" });
  const snapshots: UsageSnapshotInput[] = [];
  const week = array(payload.models_week, { file, field: "payload.models_week" });
  const skipped: UsageFile["skipped"] = [];
  const fieldAt: number[] = [];
  const rows = week.flatMap((raw, i): UsageRowInput[] => {
    const at = (f: string): InputLocation => ({ file, field: `payload.models_week[${i}].${f}` });
    const r = object(raw, { file, field: `payload.models_week[${i}]` });
    const prompt = count(r.prompt_tokens, at("prompt_tokens"));
    const completion = count(r.completion_tokens, at("completion_tokens"));
    if ((r.permaslug === "" || r.permaslug === null) && prompt + completion === 0) {
      skipped.push({
        field: `payload.models_week[${i}].permaslug`,
        reason: "no model id and 0 tokens (upstream artefact)",
      });
      return [];
    }
    const split = splitVariant(modelId(r.permaslug, at("permaslug")));
    fieldAt.push(i);
    return [
      {
        model: split.model,
        variant: typeof r.variant === "string" && r.variant ? r.variant : split.variant,
        tokens: prompt + completion,
        prompt,
        completion,
        reasoning: optionalCount(r.reasoning_tokens, at("reasoning_tokens")),
        requests: optionalCount(r.requests, at("requests")),
        lastDate: day(r.date, at("date")),
      },
    ];
  });
  if (rows.length > 0) {
    // the newest row date is the window's last day; older rows are models that stopped serving (kept: they count)
    const end = rows.reduce((a, r) => ((r.lastDate as string) > a ? (r.lastDate as string) : a), "0000-00-00");
    snapshots.push(
      snapshot(
        {
          source: CHARLES,
          endpoint: "rankings/models",
          period: "7d",
          date: end,
          fetchedAt,
          status: null,
          file,
          rows,
          coverage: { full: true },
        },
        (i) => ({ file, field: `payload.models_week[${fieldAt[i]}]` }),
      ),
    );
  }
  const chart =
    payload.weekly_chart === undefined ? [] : array(payload.weekly_chart, { file, field: "payload.weekly_chart" });
  chart.forEach((raw, i) => {
    const p = object(raw, { file, field: `payload.weekly_chart[${i}]` });
    const week = day(p.x, { file, field: `payload.weekly_chart[${i}].x` });
    mustBeMonday(week, { file, field: `payload.weekly_chart[${i}].x` });
    const ys = object(p.ys, { file, field: `payload.weekly_chart[${i}].ys` });
    const { rows: named, others } = chartRows(ys, (k) => ({ file, field: `payload.weekly_chart[${i}].ys.${k}` }));
    snapshots.push(
      snapshot(
        {
          source: CHARLES,
          endpoint: "model-rankings-chart",
          period: "week",
          date: week,
          fetchedAt,
          status: chartWeekStatus(week, fetchedAt, i === 0, i === chart.length - 1),
          file,
          rows: named,
          coverage: { full: false, remainder: others, remainderName: "Others" },
        },
        () => ({ file, field: `payload.weekly_chart[${i}].ys` }),
      ),
    );
  });
  return { file, format: "CharlesLiuyx daily rankings (JSON)", snapshots, catalogues: [], skipped };
}

/** A Wayback capture id `wayback-page:20250205104428` as an ISO timestamp. */
function waybackTime(capture: string): string | null {
  const m = /(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(capture);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z` : null;
}

/** hanski319 `rankings-monthly.json`: one trailing week per month, its top 15 and the week's total. */
function hanskiMonthly(file: string, doc: Record<string, unknown>): UsageFile {
  const months = array(doc.months, { file, field: "months" });
  const generated = typeof doc.generatedAt === "string" ? day(doc.generatedAt, { file, field: "generatedAt" }) : null;
  const snapshots = months.map((raw, i) => {
    const f = (k: string) => `months[${i}].${k}`;
    const m = object(raw, { file, field: `months[${i}]` });
    const date = day(m.weekEnding, { file, field: f("weekEnding") });
    const total = count(m.weekTotal, { file, field: f("weekTotal") });
    const rows = namedModels(m.models, file, f("models"));
    const named = rows.reduce((a, r) => a + r.tokens, 0);
    if (named > total) {
      throw new InputError(`the named models hold ${named} tokens, more than the week total ${total}`, {
        file,
        field: f("weekTotal"),
      });
    }
    const capture = typeof m.source === "string" ? m.source : "";
    const s = snapshot(
      {
        source: HANSKI,
        endpoint: "rankings-monthly",
        period: "7d",
        date,
        fetchedAt: waybackTime(capture) ?? (generated ? `${generated}T00:00:00.000Z` : null),
        status: m.straddles === true ? "window_straddles_month" : null,
        file,
        rows,
        coverage: { full: false, remainder: total - named, remainderName: "the rest of the week total" },
      },
      (j) => ({ file, field: f(`models[${j}]`) }),
    );
    const counted = typeof m.modelsCounted === "number" ? m.modelsCounted : null;
    if (counted) s.coverage.how += `; the total counts ${counted} models`;
    return s;
  });
  return { file, format: "hanski319 monthly top 15 (JSON)", snapshots, catalogues: [], skipped: [] };
}

/** hanski319 `chart-weeks.json`: weeks copied from the chart with their total and Others. */
function hanskiChartWeeks(file: string, doc: Record<string, unknown>): UsageFile {
  const captured = typeof doc.capturedAt === "string" ? day(doc.capturedAt, { file, field: "capturedAt" }) : null;
  const fetchedAt = captured ? `${captured}T00:00:00.000Z` : null;
  const weeks = array(doc.weeks, { file, field: "weeks" });
  const snapshots = weeks.map((raw, i) => {
    const f = (k: string) => `weeks[${i}].${k}`;
    const w = object(raw, { file, field: `weeks[${i}]` });
    const date = day(w.weekStart, { file, field: f("weekStart") });
    mustBeMonday(date, { file, field: f("weekStart") });
    const total = count(w.total, { file, field: f("total") });
    const others = count(w.others, { file, field: f("others") });
    const rows = namedModels(w.models, file, f("models"));
    const named = rows.reduce((a, r) => a + r.tokens, 0);
    if (named + others !== total) {
      throw new InputError(`named models (${named}) + others (${others}) differ from the total ${total}`, {
        file,
        field: f("total"),
      });
    }
    return snapshot(
      {
        source: HANSKI,
        endpoint: "chart-weeks",
        period: "week",
        date,
        fetchedAt,
        status: chartWeekStatus(date, fetchedAt, false, false),
        file,
        rows,
        coverage: { full: false, remainder: others, remainderName: "Others" },
      },
      (j) => ({ file, field: f(`models[${j}]`) }),
    );
  });
  return { file, format: "hanski319 chart weeks (JSON)", snapshots, catalogues: [], skipped: [] };
}

/** hanski319 `rankings-history.json`: 52 weeks of the chart's top 9, no Others (the total is unknown). */
function hanskiHistory(file: string, list: unknown[]): UsageFile {
  const snapshots = list.map((raw, i) => {
    const f = (k: string) => `[${i}].${k}`;
    const w = object(raw, { file, field: `[${i}]` });
    const date = day(w.date, { file, field: f("date") });
    mustBeMonday(date, { file, field: f("date") });
    const rows = namedModels(w.models, file, f("models"));
    return snapshot(
      {
        source: HANSKI,
        endpoint: "rankings-history",
        period: "week",
        date,
        fetchedAt: null,
        status: chartWeekStatus(date, null, false, i === list.length - 1),
        file,
        rows,
        coverage: { full: false, remainder: null, remainderName: "" },
      },
      (j) => ({ file, field: f(`models[${j}]`) }),
    );
  });
  return { file, format: "hanski319 rankings history, top 9 (JSON)", snapshots, catalogues: [], skipped: [] };
}

/** The view a hashd1ve rankings file holds, from its name (`rankings_models_day.json.gz`). */
function viewOf(file: string): "day" | "week" | "month" | null {
  const m = /rankings_models_(day|week|month)\b/i.exec(path.basename(file));
  return m ? (m[1]?.toLowerCase() as "day" | "week" | "month") : null;
}

async function readJsonUsage(file: string): Promise<UsageFile> {
  const value = await readJsonValue(file);
  if (Array.isArray(value)) {
    const first = value[0] as Record<string, unknown> | undefined;
    if (first && typeof first === "object" && "date" in first && Array.isArray(first.models)) {
      return hanskiHistory(file, value);
    }
    throw new InputError("not an OpenRouter usage file: a JSON array of unknown items", { file });
  }
  const doc = object(value, { file });
  if (doc.payload && typeof doc.payload === "object" && "models_week" in (doc.payload as object)) {
    return charlesDaily(file, doc);
  }
  if (Array.isArray(doc.months)) return hanskiMonthly(file, doc);
  if (Array.isArray(doc.weeks)) return hanskiChartWeeks(file, doc);
  if (Array.isArray(doc.data)) {
    const first = (doc.data[0] ?? {}) as Record<string, unknown>;
    if ("model_permaslug" in first || "total_prompt_tokens" in first) {
      const view = viewOf(file);
      if (!view) {
        throw new InputError(
          "a rankings file whose view (day, week or month) is not in its name: name it rankings_models_<view>.json",
          { file },
        );
      }
      return hashd1veRankings(file, doc.data, view);
    }
    if ("canonical_slug" in first || "hugging_face_id" in first) return catalogueJson(file, doc.data);
  }
  const keys = Object.keys(doc).slice(0, 8).join(", ");
  throw new InputError(`not an OpenRouter usage file: unknown JSON document (keys: ${keys || "none"})`, { file });
}

// ---------------------------------------------------------------------------------------------------------------
// CSV formats

type Loc = (r: CsvObject, field: string) => InputLocation;

/** Columns that identify each converted CSV. */
const CSV_KINDS: Array<{ kind: string; columns: string[] }> = [
  { kind: "classification", columns: ["model_id", "class_rule", "catalogue_hugging_face_id"] },
  { kind: "combined", columns: ["date", "model_id", "tokens", "period", "class_rule", "source"] },
  { kind: "chart", columns: ["date", "model_id", "tokens", "week_total", "status", "fetched_at"] },
  { kind: "monthly", columns: ["date", "model_id", "tokens", "week_total", "models_counted", "capture"] },
  { kind: "johnbean", columns: ["date", "model_id", "tokens", "week_end", "source_commit"] },
  { kind: "per-model", columns: ["date", "model_id", "tokens", "period", "variant", "snapshot_date"] },
  { kind: "initial", columns: ["date", "model_id", "tokens", "period", "week_end"] },
];

/** Groups rows by a key, keeping first-seen order. */
function groupBy(rows: readonly CsvObject[], key: (r: CsvObject) => string): Map<string, CsvObject[]> {
  const out = new Map<string, CsvObject[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Checks the `period` column holds the value the format says. */
function expectPeriod(r: CsvObject, want: string, at: Loc): void {
  const got = r.values.period ?? "";
  if (got !== want) throw new InputError(`expected period "${want}", got ${shown(got)}`, at(r, "period"));
}

/** A chart or top-N row (no prompt/completion split). */
function namedRow(r: CsvObject, at: Loc): UsageRowInput {
  return namedRowOf(modelId(r.values.model_id, at(r, "model_id")), count(r.values.tokens, at(r, "tokens")));
}

async function readCsvUsage(file: string): Promise<UsageFile> {
  const { header, rows } = await readCsvObjects(file);
  const kind = CSV_KINDS.find((k) => k.columns.every((c) => header.includes(c)))?.kind;
  if (!kind) {
    throw new InputError(`not an OpenRouter usage CSV: unknown columns ${header.slice(0, 8).join(", ")}`, {
      file,
      line: 1,
    });
  }
  const at: Loc = (r, field) => ({ file, line: r.line, field });
  const dayOf = (r: CsvObject, field = "date") => day(r.values[field], at(r, field));
  const snapshots: UsageSnapshotInput[] = [];
  const skipped: UsageFile["skipped"] = [];
  const firstLine =
    (list: CsvObject[]) =>
    (i: number): InputLocation => ({ file, line: list[i]?.line ?? list[0]?.line });

  if (kind === "classification") {
    // the shared folder's class table carries the union of 23 daily catalogues (2026-07-31 … 2026-08-22)
    const entries: CatalogueEntryInput[] = [];
    for (const r of rows) {
      const id = r.values.model_id ?? "";
      const status = r.values.class_catalogue ?? "";
      if (!id || status === "not_in_catalogue" || status === "") continue;
      const hf = (r.values.catalogue_hugging_face_id ?? "").trim();
      entries.push({ id, canonicalSlug: id, huggingFaceId: hf || null, name: null });
    }
    return {
      file,
      format: "model_classification.csv (catalogue hugging_face_id, union of the daily catalogues)",
      snapshots: [],
      catalogues: [
        { source: "openrouter:/api/v1/models union (model_classification.csv)", asOf: "2026-08-22", file, entries },
      ],
      skipped: [],
    };
  }

  if (kind === "per-model") {
    // models_daily.csv (period day) or models_trailing7d.csv (period 7d_trailing): every row of every capture
    const times = await manifestTimes(path.dirname(file));
    const first = rows[0];
    const periodText = first?.values.period ?? "";
    if (periodText !== "day" && periodText !== "7d_trailing") {
      throw new InputError(`expected period "day" or "7d_trailing", got ${shown(periodText)}`, {
        file,
        line: first?.line ?? 2,
        field: "period",
      });
    }
    const period: UsagePeriod = periodText === "day" ? "day" : "7d";
    for (const [capture, list] of groupBy(rows, (r) => r.values.snapshot_date ?? "")) {
      const parsed: UsageRowInput[] = [];
      const kept: CsvObject[] = [];
      for (const r of list) {
        expectPeriod(r, periodText, at);
        dayOf(r, "snapshot_date");
        const tokens = count(r.values.tokens, at(r, "tokens"));
        if (!r.values.model_id && tokens === 0) {
          skipped.push({ line: r.line, field: "model_id", reason: "no model id and 0 tokens (upstream artefact)" });
          continue;
        }
        const prompt = optionalCount(r.values.prompt_tokens, at(r, "prompt_tokens"));
        const completion = optionalCount(r.values.completion_tokens, at(r, "completion_tokens"));
        if (prompt !== null && completion !== null && prompt + completion !== tokens) {
          throw new InputError(
            `tokens ${tokens} is not prompt + completion (${prompt} + ${completion})`,
            at(r, "tokens"),
          );
        }
        const split = splitVariant(modelId(r.values.model_id, at(r, "model_id")));
        parsed.push({
          model: split.model,
          variant: r.values.variant || split.variant,
          tokens,
          prompt,
          completion,
          reasoning: optionalCount(r.values.reasoning_tokens, at(r, "reasoning_tokens")),
          requests: optionalCount(r.values.requests, at(r, "requests")),
          lastDate: dayOf(r),
        });
        kept.push(r);
      }
      if (parsed.length === 0) continue;
      const end = parsed.reduce((a, r) => ((r.lastDate as string) > a ? (r.lastDate as string) : a), "0000-00-00");
      const main = kept.find((r) => r.values.is_main_date === "1");
      if (main && dayOf(main) !== end) {
        throw new InputError(`the capture's main date is ${dayOf(main)} but a row is dated ${end}`, at(main, "date"));
      }
      if (period === "day") {
        const other = parsed.findIndex((r) => r.lastDate !== end);
        if (other >= 0)
          throw new InputError(
            `a day capture holds rows of ${parsed[other]?.lastDate} and ${end}`,
            at(kept[other] as CsvObject, "date"),
          );
      }
      snapshots.push(
        snapshot(
          {
            source: period === "day" ? HASHD1VE : CHARLES,
            endpoint: period === "day" ? "rankings/models?view=day" : "rankings/models",
            period,
            date: end,
            fetchedAt: times.get(capture) ?? null,
            status: null,
            file,
            rows: parsed,
            coverage: { full: true },
          },
          firstLine(kept),
        ),
      );
    }
    return {
      file,
      format: period === "day" ? "hashd1ve models_daily (CSV)" : "CharlesLiuyx models_trailing7d (CSV)",
      snapshots,
      catalogues: [],
      skipped,
    };
  }

  if (kind === "chart" || kind === "combined" || kind === "johnbean" || kind === "initial") {
    const keyOf = (r: CsvObject) =>
      kind === "combined" ? `${r.values.date}|${r.values.source}` : (r.values.date ?? "");
    for (const [, list] of groupBy(rows, keyOf)) {
      const head = list[0] as CsvObject;
      const date = dayOf(head);
      mustBeMonday(date, at(head, "date"));
      let origin = { source: HANSKI, endpoint: "rankings-history" };
      if (kind === "chart") origin = { source: CHARLES, endpoint: "model-rankings-chart" };
      if (kind === "johnbean") origin = { source: JOHNBEAN, endpoint: "rankings-chart" };
      if (kind === "combined") {
        const named = COMBINED_SOURCES[head.values.source ?? ""];
        if (!named) throw new InputError(`unknown source ${shown(head.values.source)}`, at(head, "source"));
        origin = named;
      }
      const named: UsageRowInput[] = [];
      const namedLines: CsvObject[] = [];
      let others: number | null = null;
      for (const r of list) {
        expectPeriod(r, "week", at);
        if (dayOf(r) !== date) throw new InputError("rows of one week disagree on the date", at(r, "date"));
        if (OTHERS.test(r.values.model_id ?? "")) {
          others = (others ?? 0) + count(r.values.tokens, at(r, "tokens"));
          continue;
        }
        if (r.values.week_end) {
          const end = dayOf(r, "week_end");
          if (end !== addDays(date, 6))
            throw new InputError(`week_end ${end} is not ${addDays(date, 6)}`, at(r, "week_end"));
        }
        named.push(namedRow(r, at));
        namedLines.push(r);
      }
      let remainder: number | null = others;
      let fetchedAt: string | null = null;
      let status: string | null = null;
      if (kind === "chart") {
        const total = count(head.values.week_total, at(head, "week_total"));
        const sum = named.reduce((a, r) => a + r.tokens, 0);
        if (sum > total)
          throw new InputError(
            `the named models hold ${sum} tokens, more than week_total ${total}`,
            at(head, "week_total"),
          );
        if (others !== null && sum + others !== total) {
          throw new InputError(
            `named models (${sum}) + Others (${others}) differ from week_total ${total}`,
            at(head, "week_total"),
          );
        }
        remainder = total - sum;
        fetchedAt = timestamp(head.values.fetched_at, at(head, "fetched_at"));
        status = head.values.status || null;
      } else if (kind === "combined" && head.values.source === "charles") {
        status = "settled";
      }
      snapshots.push(
        snapshot(
          {
            ...origin,
            period: "week",
            date,
            fetchedAt,
            status,
            file,
            rows: named,
            coverage: { full: false, remainder, remainderName: "Others" },
          },
          firstLine(namedLines),
        ),
      );
    }
    const formats: Record<string, string> = {
      chart: "CharlesLiuyx weekly chart top 9 + Others (CSV)",
      combined: "weekly top models combined (CSV)",
      johnbean: "johnbean393 weekly top 9 (CSV)",
      initial: "hanski319 weekly top 9, initial commit (CSV)",
    };
    return { file, format: formats[kind] as string, snapshots, catalogues: [], skipped };
  }

  // monthly top 15 with the week's total
  for (const [, list] of groupBy(rows, (r) => r.values.date ?? "")) {
    const head = list[0] as CsvObject;
    const date = dayOf(head);
    for (const r of list) expectPeriod(r, "7d_ending_date", at);
    const total = count(head.values.week_total, at(head, "week_total"));
    const named = list.map((r) => namedRow(r, at));
    const sum = named.reduce((a, r) => a + r.tokens, 0);
    if (sum > total)
      throw new InputError(
        `the named models hold ${sum} tokens, more than week_total ${total}`,
        at(head, "week_total"),
      );
    const s = snapshot(
      {
        source: HANSKI,
        endpoint: "rankings-monthly",
        period: "7d",
        date,
        fetchedAt: waybackTime(head.values.capture ?? ""),
        status: head.values.straddles === "1" ? "window_straddles_month" : null,
        file,
        rows: named,
        coverage: { full: false, remainder: total - sum, remainderName: "the rest of the week total" },
      },
      firstLine(list),
    );
    const counted = Number(head.values.models_counted);
    if (counted > 0) s.coverage.how += `; the total counts ${counted} models`;
    snapshots.push(s);
  }
  return { file, format: "hanski319 monthly top 15 (CSV)", snapshots, catalogues: [], skipped };
}

/** Reads one usage file of any supported format. */
export async function readUsageFile(file: string): Promise<UsageFile> {
  if (isDerivedSummary(file)) {
    throw new InputError(
      "a derived summary (open shares computed outside omo): it is an oracle to check omo's figures against, not input",
      { file },
    );
  }
  const lower = file.toLowerCase();
  if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) return readCsvUsage(file);
  if (lower.endsWith(".json") || lower.endsWith(".json.gz")) return readJsonUsage(file);
  throw new InputError("not an OpenRouter usage file: expected .json, .json.gz, .csv or .csv.gz", { file });
}
