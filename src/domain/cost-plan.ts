/**
 * From a cost request (CLI flags or the API's JSON body, optionally on top of a preset in `data/presets/`) to a priced
 * comparison: API prices come from the store's price catalog queries (shipped table + imported LiteLLM tables), GPU
 * prices and throughputs from the reviewed tables in `data/prices/`, and {@link computeCost} does the arithmetic.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InputError } from "../errors.js";
import { IsoDate } from "../queries/common.js";
import { priceFirstDate, priceLookup } from "../queries/prices.js";
import type { Store } from "../store/store.js";
import {
  type ApiPrice,
  type Assumption,
  type CostOption,
  type CostResult,
  computeCost,
  type GpuPrice,
  parseSelfHostedSpec,
  resolveGpuPrice,
  resolveThroughput,
  type Throughput,
  WorkloadSchema,
  zodToInput,
} from "./cost.js";
import { yaml } from "./yaml-file.js";

/** The shipped price tables: `<project>/data/prices` (this module is in `src/domain` or `dist/domain`). */
export const PRICES_DIR = fileURLToPath(new URL("../../data/prices/", import.meta.url));
/** The shipped presets: `<project>/data/presets`. */
export const PRESETS_DIR = fileURLToPath(new URL("../../data/presets/", import.meta.url));
/** The reviewed API price table the price queries read in place. */
export const SHIPPED_API_PRICES = path.join(PRICES_DIR, "api-prices.csv");

const models = z.array(z.string().trim().min(1).max(300)).max(20);

/** Tuning values a request or a preset may set. */
const tuning = {
  asOf: IsoDate.optional(),
  utilisation: z.number({ error: "expected a number" }).gt(0, "must be above 0").lte(1, "must be at most 1").optional(),
  peakFactor: z.number({ error: "expected a number" }).gte(1, "must be at least 1").optional(),
  hoursPerMonth: z
    .number({ error: "expected a number" })
    .gt(0, "must be positive")
    .lte(744, "must be at most 744")
    .optional(),
  streamTokensPerSecond: z.number({ error: "expected a number" }).positive("must be positive").optional(),
};

/** A cost request: a preset and/or a workload, the options to price, and tuning values. */
export const CostRequestSchema = z
  .object({
    preset: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "expected a preset name such as article-2023")
      .optional(),
    workload: WorkloadSchema.optional(),
    api: models.optional(),
    hosted: models.optional(),
    selfHosted: models.optional(),
    ...tuning,
  })
  .strict();

/** A validated cost request. */
export type CostRequest = z.infer<typeof CostRequestSchema>;

/** A preset file: a named request with a title and a note printed with the result. */
export const PresetSchema = z
  .object({
    name: z.string().min(1),
    title: z.string().min(1),
    note: z.string().optional(),
    workload: WorkloadSchema,
    api: models.optional(),
    hosted: models.optional(),
    selfHosted: models.optional(),
    ...tuning,
  })
  .strict();

/** A loaded preset. */
export type Preset = z.infer<typeof PresetSchema>;

/** Parses a cost request (throws an InputError naming the field). */
export function parseCostRequest(raw: unknown): CostRequest {
  const r = CostRequestSchema.safeParse(raw);
  if (!r.success) throw zodToInput(r.error);
  return r.data;
}

// ---------------------------------------------------------------------------------------------------------------
// Tables and presets
// ---------------------------------------------------------------------------------------------------------------

/** Splits CSV text (RFC 4180: quoted fields, doubled quotes) into records of strings by header. */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      field = "";
      if (record.some((f) => f !== "")) records.push(record);
      record = [];
    } else field += c;
  }
  record.push(field);
  if (record.some((f) => f !== "")) records.push(record);
  const [header, ...rows] = records;
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? "").trim()])));
}

async function readTable(file: string): Promise<Record<string, string>[]> {
  try {
    return parseCsv(await readFile(file, "utf8"));
  } catch (err) {
    throw new InputError(`cannot read price table: ${(err as Error).message.split("\n")[0]}`, { file });
  }
}

function num(v: string | undefined, file: string, line: number, field: string): number {
  const n = Number(v);
  if (v === undefined || v === "" || !Number.isFinite(n) || n < 0) {
    throw new InputError(`expected a non-negative number, got "${v ?? ""}"`, { file, line, field });
  }
  return n;
}

/** The GPU hourly prices of `data/prices/gpus.csv` (an empty price is kept as null: "no price"). */
export async function loadGpuPrices(dir = PRICES_DIR): Promise<GpuPrice[]> {
  const file = path.join(dir, "gpus.csv");
  return (await readTable(file)).map((r, i) => ({
    gpu: r.gpu ?? "",
    usdPerHour: r.usd_per_hour ? num(r.usd_per_hour, file, i + 2, "usd_per_hour") : null,
    asOf: r.as_of ?? "",
    basis: r.basis ?? "",
    source: r.source ?? "",
  }));
}

/** The measured throughputs of `data/prices/throughput.csv`. */
export async function loadThroughputs(dir = PRICES_DIR): Promise<Throughput[]> {
  const file = path.join(dir, "throughput.csv");
  return (await readTable(file)).map((r, i) => ({
    model: r.model ?? "",
    gpu: r.gpu ?? "",
    gpus: num(r.gpus, file, i + 2, "gpus"),
    tokensPerSecond: num(r.output_tokens_per_s, file, i + 2, "output_tokens_per_s"),
    asOf: r.as_of ?? "",
    engine: r.engine ?? "",
    source: r.source ?? "",
    caveat: r.caveat ?? "",
  }));
}

/** Names of the shipped presets. */
export async function listPresets(dir = PRESETS_DIR): Promise<string[]> {
  return (await readdir(dir))
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Loads the preset called `name` from `data/presets/NAME.yaml`. */
export async function loadPreset(name: string, dir = PRESETS_DIR): Promise<Preset> {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(name)) {
    throw new InputError(`invalid preset name "${name}"`, { field: "preset" });
  }
  const file = path.join(dir, `${name}.yaml`);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    const known = await listPresets(dir).catch(() => []);
    throw new InputError(`unknown preset "${name}"; known: ${known.join(", ") || "(none)"}`, { field: "preset" });
  }
  let doc: unknown;
  try {
    doc = yaml().parse(text);
  } catch (err) {
    throw new InputError(`not valid YAML: ${(err as Error).message.split("\n")[0]}`, { file });
  }
  const r = PresetSchema.safeParse(doc);
  if (!r.success) {
    const e = zodToInput(r.error);
    throw new InputError(e.message, { file });
  }
  return r.data;
}

// ---------------------------------------------------------------------------------------------------------------
// Planning
// ---------------------------------------------------------------------------------------------------------------

/** The priced comparison with what it was asked. */
export interface CostPlan extends CostResult {
  preset: { name: string; title: string } | null;
  asOf: string;
}

const VOLUME_PER_REQUEST = ["requestsPerMonth", "inputTokensPerRequest", "outputTokensPerRequest"] as const;
const VOLUME_PER_MONTH = ["tokensPerMonth", "ratio"] as const;
const PEAK = ["peakConcurrency", "peakTokensPerSecond"] as const;

/** The preset's workload with the request's fields on top (a volume or peak form given replaces the other form). */
export function mergeWorkload(
  base: Record<string, unknown> | undefined,
  over: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(base ?? {}) };
  const o = Object.fromEntries(Object.entries(over ?? {}).filter(([, v]) => v !== undefined));
  const has = (keys: readonly string[]) => keys.some((k) => k in o);
  if (has(VOLUME_PER_REQUEST) || has(VOLUME_PER_MONTH)) {
    for (const k of [...VOLUME_PER_REQUEST, ...VOLUME_PER_MONTH]) delete out[k];
  }
  if (has(PEAK)) for (const k of PEAK) delete out[k];
  return { ...out, ...o };
}

/** Today in UTC, `YYYY-MM-DD`. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Resolves one API price at a date, or an InputError saying why there is none. */
export async function lookupApiPrice(store: Store, model: string, asOf: string, field: string): Promise<ApiPrice[]> {
  const rows = await store.query(priceLookup, { shipped: SHIPPED_API_PRICES, as_of: asOf, model });
  if (rows.length > 0) return rows.map((r) => ({ ...r }));
  const [first] = await store.query(priceFirstDate, { shipped: SHIPPED_API_PRICES, model });
  if (first?.first) {
    throw new InputError(`no price for model "${model}" on or before ${asOf}; its first price is of ${first.first}`, {
      field,
    });
  }
  throw new InputError(`unknown model "${model}": not in the price tables (see "omo prices --model ${model}")`, {
    field,
  });
}

/** Builds and prices a comparison from a request. */
export async function planCost(
  store: Store,
  request: CostRequest,
  tables: { gpus?: GpuPrice[]; throughputs?: Throughput[]; presetsDir?: string } = {},
): Promise<CostPlan> {
  const req = parseCostRequest(request);
  const preset = req.preset ? await loadPreset(req.preset, tables.presetsDir) : null;
  const assumptions: Assumption[] = [];
  const asOf = req.asOf ?? preset?.asOf ?? today();
  if (!req.asOf && !preset?.asOf) {
    assumptions.push({ name: "asOf", value: asOf, default: true, note: "prices in force today" });
  }
  const pick = <K extends "utilisation" | "peakFactor" | "hoursPerMonth" | "streamTokensPerSecond">(k: K) =>
    req[k] ?? preset?.[k];
  const workload = mergeWorkload(preset?.workload, req.workload);
  const api = req.api ?? preset?.api ?? [];
  const hosted = req.hosted ?? preset?.hosted ?? [];
  const selfHosted = req.selfHosted ?? preset?.selfHosted ?? [];
  if (api.length + hosted.length + selfHosted.length === 0) {
    throw new InputError("nothing to compare: give --api, --hosted or --self-hosted models, or a --preset", {
      field: "api",
    });
  }
  const options: CostOption[] = [];
  for (const [kind, list] of [
    ["api", api],
    ["hosted", hosted],
  ] as const) {
    for (const model of list) {
      const rows = await lookupApiPrice(store, model, asOf, kind);
      const price = rows[0] as ApiPrice;
      if (rows.length > 1) {
        assumptions.push({
          name: `provider of ${model}`,
          value: price.provider,
          default: true,
          note: `several providers list "${model}" (${rows.map((r) => r.provider).join(", ")}); the most recent price is used`,
        });
      }
      options.push({ kind, price });
    }
  }
  if (selfHosted.length > 0) {
    const gpus = tables.gpus ?? (await loadGpuPrices());
    const throughputs = tables.throughputs ?? (await loadThroughputs());
    for (const spec of selfHosted) {
      const { model, gpu } = parseSelfHostedSpec(spec);
      const throughput = resolveThroughput(throughputs, model, gpu);
      const price = resolveGpuPrice(gpus, gpu, asOf);
      options.push({ kind: "self-hosted", model: throughput.model, gpu: price, throughput });
    }
  }
  const notes = preset?.note ? [preset.note] : [];
  const result = computeCost({
    workload: workload as z.infer<typeof WorkloadSchema>,
    options,
    utilisation: pick("utilisation"),
    peakFactor: pick("peakFactor"),
    hoursPerMonth: pick("hoursPerMonth"),
    streamTokensPerSecond: pick("streamTokensPerSecond"),
    assumptions,
    notes,
  });
  return { preset: preset ? { name: preset.name, title: preset.title } : null, asOf, ...result };
}
