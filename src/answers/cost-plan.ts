/**
 * The cost answer: from a cost request (CLI flags or the API's JSON body, optionally on top of a preset in
 * `data/presets/`) to a priced comparison. API prices come from the store's price catalog queries (shipped table +
 * imported LiteLLM tables), GPU prices and throughputs from the reviewed tables in `data/prices/`, and
 * {@link computeCost} does the arithmetic. The CLI (`omo cost`), the API (`POST /api/cost`), the report and the
 * claims checker call this one body.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import {
  type ApiPrice,
  type Assumption,
  type CostOption,
  computeCost,
  type GpuPrice,
  HOURS_PER_MONTH,
  parseSelfHostedSpec,
  parseWorkload,
  resolveGpuPrice,
  resolveThroughput,
  type Throughput,
  type WorkloadSchema,
  workloadVolume,
  zodToInput,
} from "../domain/cost.js";
import {
  type CostPlan,
  type CostRequest,
  mergeWorkload,
  type Preset,
  PresetSchema,
  parseCostRequest,
} from "../domain/cost-plan.js";
import { findDisagreements, type PriceDisagreement, priceMatchKey } from "../domain/prices.js";
import { yaml } from "../domain/yaml-file.js";
import { InputError } from "../errors.js";
import { loadGpuPrices, loadThroughputs, SHIPPED_API_PRICES } from "../ingest/price-tables.js";
import { priceFirstDate, priceList, priceLookup } from "../queries/index.js";
import type { Store } from "../store/store.js";

/** The shipped presets: `<project>/data/presets`. */
export const PRESETS_DIR = fileURLToPath(new URL("../../data/presets/", import.meta.url));

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

/** Today in UTC, `YYYY-MM-DD`. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Resolves one API price at a date, or an InputError saying why there is none (unknown, not yet priced, retired). */
export async function lookupApiPrice(store: Store, model: string, asOf: string, field: string): Promise<ApiPrice[]> {
  const rows = await store.query(priceLookup, {
    shipped: SHIPPED_API_PRICES,
    as_of: asOf,
    model,
    include_retired: false,
  });
  if (rows.length > 0) return rows.map((r) => ({ ...r }));
  const [first] = await store.query(priceFirstDate, { shipped: SHIPPED_API_PRICES, model });
  if (first?.retired && first.retired <= asOf) {
    throw new InputError(
      `model "${model}" was retired on ${first.retired}: no price in force on ${asOf} (see "omo prices --model ${model} --retired")`,
      { field },
    );
  }
  if (first?.first) {
    throw new InputError(`no price for model "${model}" on or before ${asOf}; its first price is of ${first.first}`, {
      field,
    });
  }
  throw new InputError(`unknown model "${model}": not in the price tables (see "omo prices --model ${model}")`, {
    field,
  });
}

/**
 * Other sources' prices in force at `asOf` of the same model as `price` (same provider and model once spellings are
 * normalised, see {@link priceMatchKey}) that differ from it by more than 2×: each named, so both are shown.
 */
export async function priceDisagreements(store: Store, price: ApiPrice, asOf: string): Promise<PriceDisagreement[]> {
  const bare = price.model.includes("/") ? price.model.slice(price.model.lastIndexOf("/") + 1) : price.model;
  const rows = await store.query(priceList, {
    shipped: SHIPPED_API_PRICES,
    as_of: asOf,
    provider: null,
    model: bare,
    include_retired: false,
    limit: 1000,
  });
  const key = priceMatchKey(price.provider, price.model);
  const same = rows.filter((r) => priceMatchKey(r.provider, r.model) === key);
  return findDisagreements(same).filter(
    (d) =>
      (d.high.model === price.model && d.high.provider === price.provider) ||
      (d.low.model === price.model && d.low.provider === price.provider),
  );
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
  const disagreements: PriceDisagreement[] = [];
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
      disagreements.push(...(await priceDisagreements(store, price, asOf)));
    }
  }
  if (selfHosted.length > 0) {
    const gpus = tables.gpus ?? (await loadGpuPrices());
    const throughputs = tables.throughputs ?? (await loadThroughputs());
    // the workload's prompt share of the tokens picks the measurement made at the closest mix
    const vol = workloadVolume(parseWorkload(workload), { hoursPerMonth: pick("hoursPerMonth") ?? HOURS_PER_MONTH });
    const inputShare = vol.tokensPerMonth > 0 ? vol.inputTokensPerMonth / vol.tokensPerMonth : 0.5;
    for (const spec of selfHosted) {
      const { model, gpu } = parseSelfHostedSpec(spec);
      const throughput = resolveThroughput(throughputs, model, gpu, inputShare);
      const price = resolveGpuPrice(gpus, gpu, asOf);
      options.push({ kind: "self-hosted", model: throughput.model, gpu: price, throughput });
    }
  }
  const notes = preset?.note ? [preset.note] : [];
  if (preset?.derivedFrom) {
    const d = preset.derivedFrom;
    notes.push(
      `The workload is not measured: it was sized so that ${d.option} costs $${d.monthlyUsd.toLocaleString("en-US")} a month at the prices of ${d.asOf}. A cost claim checked against it is circular.`,
    );
  }
  for (const d of disagreements) notes.push(`Sources disagree on a price used here, both shown: ${d.text}.`);
  const result = computeCost({
    at: asOf,
    workload: workload as z.infer<typeof WorkloadSchema>,
    options,
    utilisation: pick("utilisation"),
    peakFactor: pick("peakFactor"),
    hoursPerMonth: pick("hoursPerMonth"),
    streamTokensPerSecond: pick("streamTokensPerSecond"),
    assumptions,
    notes,
  });
  return { preset: preset ? { name: preset.name, title: preset.title } : null, asOf, disagreements, ...result };
}
