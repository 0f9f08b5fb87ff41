/**
 * The cost of a workload, closed API vs open model: a pure model (no I/O). A workload is a monthly token volume (from
 * requests × tokens per request, or tokens with an input:output ratio) and a peak rate; each option is priced from
 * figures the caller resolved (API prices per 1M tokens, a GPU's hourly price and a measured throughput), each with its
 * date and source. Every default the model applies is reported in the result's `assumptions`.
 */
import { z } from "zod";
import { InputError } from "../errors.js";
import { isStale } from "./prices.js";

/** Hours in a month of GPU rental (365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;
/** Peak-to-average ratio of the output token rate when the workload gives no peak. */
export const DEFAULT_PEAK_FACTOR = 2;
/** Output tokens/s one concurrent request streams, to turn a peak concurrency into a peak token rate. */
export const DEFAULT_STREAM_TOKENS_PER_SECOND = 30;
/** Share of a replica's measured throughput usable in production. */
export const DEFAULT_UTILISATION = 0.5;

const count = () => z.number({ error: "expected a number" }).nonnegative("must not be negative");

/** `A:B`, e.g. `3:1` (input:output tokens). */
export const RATIO = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/;

/**
 * A workload: either `requestsPerMonth` with `inputTokensPerRequest` and `outputTokensPerRequest`, or
 * `tokensPerMonth` with `ratio` (input:output, default `1:1` only when said so in the assumptions). The peak is
 * `peakTokensPerSecond` (output tokens/s) or `peakConcurrency` (concurrent requests); without either it is the
 * average output rate times the peak factor.
 */
export const WorkloadSchema = z
  .object({
    requestsPerMonth: count().optional(),
    inputTokensPerRequest: count().optional(),
    outputTokensPerRequest: count().optional(),
    tokensPerMonth: count().optional(),
    ratio: z.string().regex(RATIO, "expected input:output such as 3:1").optional(),
    peakConcurrency: z.number({ error: "expected a number" }).positive("must be positive").optional(),
    peakTokensPerSecond: z.number({ error: "expected a number" }).positive("must be positive").optional(),
  })
  .strict();

/** A validated workload. */
export type Workload = z.infer<typeof WorkloadSchema>;

/** One figure the model used, with its date and source. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  asOf: string | null;
  source: string;
  /** How the figure was derived and its caveats. */
  note?: string;
  /** A price whose source is more than six months older than the date priced at (see src/domain/prices.ts). */
  stale?: boolean;
}

/** A value the model or the caller chose because the input did not give it. */
export interface Assumption {
  name: string;
  value: string | number;
  /** Whether it is a default (not given by the user or the preset). */
  default: boolean;
  note: string;
}

/** An API price (closed model, or an open model on a hosted API). */
export type ApiPrice = {
  model: string;
  provider: string;
  inputPer1M: number;
  outputPer1M: number;
  asOf: string;
  source: string;
};

/** A GPU's hourly rental price (null: the table has the GPU but no price). */
export interface GpuPrice {
  gpu: string;
  usdPerHour: number | null;
  asOf: string;
  basis: string;
  source: string;
}

/**
 * A measured serving throughput: output tokens/s of a model on a GPU type, as the source states it — per GPU or for
 * the whole replica of `gpus` GPUs (tensor parallel) — with how it was measured and at which prompt and output
 * lengths (null when the source does not say).
 */
export interface Throughput {
  model: string;
  gpu: string;
  /** GPUs in one serving replica. */
  gpus: number;
  /** Whether {@link outputTokensPerSecond} is per GPU or for the whole replica. */
  per: "gpu" | "replica";
  outputTokensPerSecond: number;
  /** Prompt tokens per request in the measurement (null: not stated). */
  inputTokens: number | null;
  /** Output tokens per request in the measurement (null: not stated). */
  outputTokens: number | null;
  /** Offline throughput at the maximum batch, or an online serving benchmark. */
  measured: "offline-max-batch" | "online-serving";
  asOf: string;
  engine: string;
  source: string;
  caveat: string;
}

/** Output tokens/s of one replica: a per-GPU figure times the replica's GPUs, a replica figure as it is. */
export function replicaOutputTokensPerSecond(t: Throughput): number {
  return t.per === "gpu" ? t.outputTokensPerSecond * t.gpus : t.outputTokensPerSecond;
}

/**
 * Input:output mix assumed for a measurement whose lengths the source does not state: prompts as long as outputs
 * (reported as an assumption wherever it is used).
 */
export const UNSTATED_MEASURED_RATIO = 1;

/** Tokens processed (prompt + output) per output token in a measurement: (in + out) / out. */
export function measuredTokensPerOutputToken(t: Throughput): number {
  if (t.inputTokens === null || t.outputTokens === null) return 1 + UNSTATED_MEASURED_RATIO;
  return (t.inputTokens + t.outputTokens) / t.outputTokens;
}

/** The one sizing method, in words (listed with every self-hosted option). */
export const SIZING_METHOD =
  "replicas = ceil(peak tokens/s processed ÷ (replica capacity × utilisation)), counting prompt (prefill) and output tokens alike: the peak is the peak output rate × (input + output) ÷ output tokens of the workload; a replica's capacity is its measured output tokens/s × (input + output) ÷ output tokens of the measurement (per-GPU figures × GPUs in the replica). TensorRT-LLM's own tables support counting prefill so: at 2,048 prompt / 128 output tokens a Llama-70B replica processes about the same tokens per second as at 128 / 128 (1,343 vs 1,340 per A100, 5,202 vs 5,314 per H100). The measurement whose input share is closest to the workload's is used.";

/** An option to price. */
export type CostOption =
  | { kind: "api" | "hosted"; price: ApiPrice }
  | { kind: "self-hosted"; model: string; gpu: GpuPrice; throughput: Throughput };

/** Inputs of {@link computeCost}; unset tuning values take the defaults above (reported as assumptions). */
export interface CostInput {
  /** The date prices are taken at: price figures older than six months at it are flagged stale. */
  at?: string;
  workload: Workload;
  options: CostOption[];
  utilisation?: number;
  hoursPerMonth?: number;
  peakFactor?: number;
  streamTokensPerSecond?: number;
  /** Assumptions the caller made (price date, table rows chosen), listed before the model's own. */
  assumptions?: Assumption[];
  notes?: string[];
}

/** The monthly volume and rates a workload amounts to. */
export interface WorkloadVolume {
  requestsPerMonth: number | null;
  inputTokensPerMonth: number;
  outputTokensPerMonth: number;
  tokensPerMonth: number;
  /** input:output, as given or as implied by tokens per request. */
  ratio: string;
  averageOutputTokensPerSecond: number;
  peakOutputTokensPerSecond: number;
  peakBasis: string;
}

/** One priced option. */
export interface OptionCost {
  label: string;
  kind: CostOption["kind"];
  model: string;
  /** API provider, or the GPU type for self-hosting. */
  provider: string;
  monthlyUsd: number;
  /** Effective USD per 1M tokens (input and output together). */
  usdPer1M: number | null;
  breakdown: Record<string, number | string>;
  /** USD a month saved against the most expensive option, and in percent of it. */
  savingsUsd: number;
  savingsPct: number;
  /** How many times cheaper than the most expensive option (null when this option costs nothing). */
  timesCheaper: number | null;
  figures: Figure[];
}

/** The volume at which self-hosting costs no more than an API. */
export interface BreakEven {
  selfHosted: string;
  api: string;
  /** Tokens a month at the workload's input:output mix; null when there is none. */
  tokensPerMonth: number | null;
  note: string;
}

/** What {@link computeCost} returns. */
export interface CostResult {
  workload: WorkloadVolume;
  options: OptionCost[];
  mostExpensive: string | null;
  breakEven: BreakEven[];
  assumptions: Assumption[];
  notes: string[];
}

/** The first zod issue as an InputError naming the field (`prefix` + the issue's path). */
export function zodToInput(err: z.ZodError, prefix = ""): InputError {
  const issue = err.issues[0];
  const keys = issue && "keys" in issue ? (issue.keys as string[]) : [];
  const parts = [...(issue?.path ?? []).map(String), ...(keys[0] !== undefined ? [keys[0]] : [])];
  const field = [prefix, ...parts].filter(Boolean).join(".") || undefined;
  const message = keys.length ? "unknown field" : (issue?.message ?? "invalid");
  return new InputError(message, field ? { field } : {});
}

/** Validates a workload (throws an InputError naming the field). */
export function parseWorkload(raw: unknown): Workload {
  const r = WorkloadSchema.safeParse(raw);
  if (!r.success) throw zodToInput(r.error, "workload");
  const w = r.data;
  const perRequest =
    w.requestsPerMonth !== undefined || w.inputTokensPerRequest !== undefined || w.outputTokensPerRequest !== undefined;
  const perMonth = w.tokensPerMonth !== undefined || w.ratio !== undefined;
  if (perRequest && perMonth) {
    throw new InputError("give either requests with tokens per request, or tokens per month with a ratio, not both", {
      field: "workload",
    });
  }
  if (perRequest) {
    for (const k of ["requestsPerMonth", "inputTokensPerRequest", "outputTokensPerRequest"] as const) {
      if (w[k] === undefined)
        throw new InputError(`${k} is required with requests per month`, { field: `workload.${k}` });
    }
  } else if (w.tokensPerMonth === undefined) {
    throw new InputError("no volume: give requests per month with tokens per request, or tokens per month", {
      field: "workload.tokensPerMonth",
    });
  }
  if (w.ratio !== undefined) {
    const [, a, b] = RATIO.exec(w.ratio) ?? [];
    if (Number(a) + Number(b) <= 0)
      throw new InputError("input and output cannot both be 0", { field: "workload.ratio" });
  }
  if (w.peakConcurrency !== undefined && w.peakTokensPerSecond !== undefined) {
    throw new InputError("give either a peak concurrency or a peak tokens/s, not both", { field: "workload" });
  }
  return w;
}

/** A compact ratio text: 3:1, 4:1, 0.33:1. */
function ratioText(input: number, output: number): string {
  if (output === 0) return input === 0 ? "0:0" : "1:0";
  const r = input / output;
  return `${Number.isInteger(r) ? r : Number(r.toFixed(2))}:1`;
}

/**
 * Monthly volume and peak rate of a workload. `assumptions` receives the defaults used (ratio, peak factor, stream
 * speed).
 */
export function workloadVolume(
  w: Workload,
  opts: { hoursPerMonth: number; peakFactor?: number; streamTokensPerSecond?: number },
  assumptions: Assumption[] = [],
): WorkloadVolume {
  let input: number;
  let output: number;
  let requests: number | null = null;
  let ratio: string;
  if (w.tokensPerMonth !== undefined) {
    let given = w.ratio;
    if (given === undefined) {
      given = "1:1";
      assumptions.push({
        name: "ratio",
        value: "1:1",
        default: true,
        note: "input:output tokens not given; assumed equal",
      });
    }
    const [, a, b] = RATIO.exec(given) ?? [];
    const ia = Number(a);
    const ob = Number(b);
    input = (w.tokensPerMonth * ia) / (ia + ob);
    output = (w.tokensPerMonth * ob) / (ia + ob);
    ratio = ratioText(ia, ob);
  } else {
    requests = w.requestsPerMonth ?? 0;
    input = requests * (w.inputTokensPerRequest ?? 0);
    output = requests * (w.outputTokensPerRequest ?? 0);
    ratio = ratioText(w.inputTokensPerRequest ?? 0, w.outputTokensPerRequest ?? 0);
  }
  const seconds = opts.hoursPerMonth * 3600;
  const average = output / seconds;
  let peak: number;
  let basis: string;
  if (w.peakTokensPerSecond !== undefined) {
    peak = w.peakTokensPerSecond;
    basis = "given peak output tokens/s";
  } else if (w.peakConcurrency !== undefined) {
    const stream = opts.streamTokensPerSecond ?? DEFAULT_STREAM_TOKENS_PER_SECOND;
    if (opts.streamTokensPerSecond === undefined) {
      assumptions.push({
        name: "streamTokensPerSecond",
        value: stream,
        default: true,
        note: "output tokens/s each concurrent request streams (turns the peak concurrency into a token rate)",
      });
    }
    peak = w.peakConcurrency * stream;
    basis = `${w.peakConcurrency} concurrent requests × ${stream} output tokens/s`;
  } else {
    const factor = opts.peakFactor ?? DEFAULT_PEAK_FACTOR;
    assumptions.push({
      name: "peakFactor",
      value: factor,
      default: opts.peakFactor === undefined,
      note: "no peak given: peak output rate = average × this factor",
    });
    peak = average * factor;
    basis = `average × ${factor}`;
  }
  if (peak < average) {
    assumptions.push({
      name: "peakOutputTokensPerSecond",
      value: average,
      default: true,
      note: `the given peak (${peak.toFixed(1)} tok/s) is below the monthly average; the average is used`,
    });
    peak = average;
    basis = "monthly average (the given peak was lower)";
  }
  return {
    requestsPerMonth: requests,
    inputTokensPerMonth: input,
    outputTokensPerMonth: output,
    tokensPerMonth: input + output,
    ratio,
    averageOutputTokensPerSecond: average,
    peakOutputTokensPerSecond: peak,
    peakBasis: basis,
  };
}

/** Rounds to cents. */
const cents = (x: number) => Math.round(x * 100) / 100;

/** `ceil` that ignores floating-point dust (3.0000000001 → 3). */
const ceilClean = (x: number) => Math.ceil(x - 1e-9);

/** Replicas needed for a peak output rate: at least one, rounded up. */
export function replicasFor(peakTokensPerSecond: number, replicaTokensPerSecond: number, utilisation: number): number {
  return Math.max(1, ceilClean(peakTokensPerSecond / (replicaTokensPerSecond * utilisation)));
}

/** Tokens processed (prompt + output) per output token of a workload: (in + out) / out. */
export function workloadTokensPerOutputToken(vol: WorkloadVolume): number {
  if (vol.outputTokensPerMonth <= 0) {
    throw new InputError("self-hosting is sized on output tokens: the workload has none", { field: "workload" });
  }
  return vol.tokensPerMonth / vol.outputTokensPerMonth;
}

/** `128 in / 128 out tokens`, or that the source states no lengths. */
export function measuredAt(t: Throughput): string {
  return t.inputTokens === null || t.outputTokens === null
    ? "prompt and output lengths not stated (read as 1:1)"
    : `${t.inputTokens} in / ${t.outputTokens} out tokens`;
}

/** USD per 1M tokens of an API at an input share of the tokens. */
function blended(p: ApiPrice, inputShare: number): number {
  return inputShare * p.inputPer1M + (1 - inputShare) * p.outputPer1M;
}

function validateTuning(input: CostInput): { utilisation: number; hours: number } {
  const utilisation = input.utilisation ?? DEFAULT_UTILISATION;
  if (!(utilisation > 0 && utilisation <= 1)) {
    throw new InputError(`utilisation must be in (0, 1], got ${utilisation}`, { field: "utilisation" });
  }
  const hours = input.hoursPerMonth ?? HOURS_PER_MONTH;
  if (!(hours > 0 && hours <= 744)) {
    throw new InputError(`hoursPerMonth must be in (0, 744], got ${hours}`, { field: "hoursPerMonth" });
  }
  if (input.peakFactor !== undefined && !(input.peakFactor >= 1)) {
    throw new InputError(`peakFactor must be at least 1, got ${input.peakFactor}`, { field: "peakFactor" });
  }
  if (input.streamTokensPerSecond !== undefined && !(input.streamTokensPerSecond > 0)) {
    throw new InputError("streamTokensPerSecond must be positive", { field: "streamTokensPerSecond" });
  }
  return { utilisation, hours };
}

/** Prices every option of a workload, with savings against the most expensive and break-even volumes. */
export function computeCost(input: CostInput): CostResult {
  const workload = parseWorkload(input.workload);
  const { utilisation, hours } = validateTuning(input);
  const assumptions: Assumption[] = [...(input.assumptions ?? [])];
  if (input.hoursPerMonth === undefined) {
    assumptions.push({
      name: "hoursPerMonth",
      value: hours,
      default: true,
      note: "hours in a month (GPU rental and the average token rate)",
    });
  }
  const vol = workloadVolume(
    workload,
    { hoursPerMonth: hours, peakFactor: input.peakFactor, streamTokensPerSecond: input.streamTokensPerSecond },
    assumptions,
  );
  if (input.options.length === 0) throw new InputError("no options to compare: give at least one model", {});
  const selfHosted = input.options.some((o) => o.kind === "self-hosted");
  if (selfHosted) {
    assumptions.push({
      name: "utilisation",
      value: utilisation,
      default: input.utilisation === undefined,
      note: "share of a replica's measured throughput usable in production (headroom, uneven batching)",
    });
  }
  const inputShare = vol.tokensPerMonth > 0 ? vol.inputTokensPerMonth / vol.tokensPerMonth : 0.5;
  if (selfHosted) {
    assumptions.push({
      name: "sizing",
      value: "prompt and output tokens",
      default: true,
      note: SIZING_METHOD,
    });
    for (const o of input.options) {
      if (o.kind !== "self-hosted" || (o.throughput.inputTokens !== null && o.throughput.outputTokens !== null))
        continue;
      assumptions.push({
        name: `measured mix of ${o.model} on ${o.gpu.gpu}`,
        value: "1:1",
        default: true,
        note: `the source of the throughput (${o.throughput.source}) states no prompt and output lengths; read as 1:1`,
      });
    }
  }
  const priced = input.options.map((o) => {
    const p = priceOption(o, vol, utilisation, hours);
    if (input.at === undefined) return p;
    const at = input.at;
    // prices (API, GPU hour) age; a measured throughput is not a price and is not flagged
    return {
      ...p,
      figures: p.figures.map((f) =>
        f.unit.startsWith("USD") && f.asOf !== null ? { ...f, stale: isStale(f.asOf, at) } : f,
      ),
    };
  });
  const max = Math.max(...priced.map((p) => p.monthlyUsd));
  const mostExpensive = priced.find((p) => p.monthlyUsd === max)?.label ?? null;
  const options: OptionCost[] = priced.map((p) => ({
    ...p,
    savingsUsd: cents(max - p.monthlyUsd),
    savingsPct: max > 0 ? Math.round(((max - p.monthlyUsd) / max) * 1000) / 10 : 0,
    timesCheaper: p.monthlyUsd > 0 ? Math.round((max / p.monthlyUsd) * 100) / 100 : null,
  }));
  const breakEven: BreakEven[] = [];
  for (const s of input.options) {
    if (s.kind !== "self-hosted") continue;
    for (const a of input.options) {
      if (a.kind === "self-hosted") continue;
      breakEven.push(breakEvenVolume(s, a.price, workload, vol, { utilisation, hours, inputShare }));
    }
  }
  return { workload: vol, options, mostExpensive, breakEven, assumptions, notes: input.notes ?? [] };
}

function priceOption(
  o: CostOption,
  vol: WorkloadVolume,
  utilisation: number,
  hours: number,
): Omit<OptionCost, "savingsUsd" | "savingsPct" | "timesCheaper"> {
  if (o.kind !== "self-hosted") {
    const p = o.price;
    const inputUsd = (vol.inputTokensPerMonth * p.inputPer1M) / 1e6;
    const outputUsd = (vol.outputTokensPerMonth * p.outputPer1M) / 1e6;
    const total = inputUsd + outputUsd;
    return {
      label: `${o.kind === "api" ? "API" : "hosted"} ${p.model}`,
      kind: o.kind,
      model: p.model,
      provider: p.provider,
      monthlyUsd: cents(total),
      usdPer1M: vol.tokensPerMonth > 0 ? Math.round((total / vol.tokensPerMonth) * 1e6 * 10000) / 10000 : null,
      breakdown: { inputUsd: cents(inputUsd), outputUsd: cents(outputUsd) },
      figures: [
        { name: "input price", value: p.inputPer1M, unit: "USD/1M tokens", asOf: p.asOf, source: p.source },
        { name: "output price", value: p.outputPer1M, unit: "USD/1M tokens", asOf: p.asOf, source: p.source },
      ],
    };
  }
  const { gpu, throughput: t } = o;
  if (gpu.usdPerHour === null) {
    throw new InputError(`no price for GPU "${gpu.gpu}" (as of ${gpu.asOf}: ${gpu.basis})`, { field: "selfHosted" });
  }
  const replicaOut = replicaOutputTokensPerSecond(t);
  const replicaCapacity = replicaOut * measuredTokensPerOutputToken(t);
  const perOutput = workloadTokensPerOutputToken(vol);
  const peakProcessed = vol.peakOutputTokensPerSecond * perOutput;
  // in output tokens/s at the workload's mix: what the replica can serve of this workload
  const effective = replicaCapacity / perOutput;
  const replicas = replicasFor(vol.peakOutputTokensPerSecond, effective, utilisation);
  const gpus = replicas * t.gpus;
  const gpuHours = gpus * hours;
  const total = gpuHours * gpu.usdPerHour;
  return {
    label: `self-hosted ${o.model} on ${gpu.gpu}`,
    kind: "self-hosted",
    model: o.model,
    provider: gpu.gpu,
    monthlyUsd: cents(total),
    usdPer1M: vol.tokensPerMonth > 0 ? Math.round((total / vol.tokensPerMonth) * 1e6 * 10000) / 10000 : null,
    breakdown: {
      replicas,
      gpusPerReplica: t.gpus,
      gpus,
      gpuHours,
      usdPerGpuHour: gpu.usdPerHour,
      replicaOutputTokensPerSecond: Math.round(replicaOut * 10) / 10,
      measuredAt: measuredAt(t),
      replicaTokensPerSecond: Math.round(replicaCapacity * 10) / 10,
      peakTokensPerSecond: Math.round(peakProcessed * 10) / 10,
      usableTokensPerSecond: Math.round(replicas * replicaCapacity * utilisation * 10) / 10,
      averageLoadPct: Math.round((vol.averageOutputTokensPerSecond / (replicas * effective)) * 1000) / 10,
    },
    figures: [
      {
        name: `${gpu.gpu} hourly price`,
        value: gpu.usdPerHour,
        unit: "USD/GPU-hour",
        asOf: gpu.asOf,
        source: gpu.source,
        note: gpu.basis,
      },
      {
        name: `${t.model} throughput, replica of ${t.gpus} × ${t.gpu}`,
        value: t.outputTokensPerSecond,
        unit: t.per === "gpu" ? "output tokens/s per GPU" : "output tokens/s per replica",
        asOf: t.asOf,
        source: t.source,
        note: [
          `${t.measured === "offline-max-batch" ? "offline, at the maximum batch" : "online serving"}, ${measuredAt(t)}`,
          t.per === "gpu" ? `${Math.round(replicaOut).toLocaleString("en-US")} tok/s for the replica of ${t.gpus}` : "",
          t.engine,
          t.caveat,
        ]
          .filter(Boolean)
          .join("; "),
      },
    ],
  };
}

/**
 * The smallest monthly volume (at the workload's input:output mix) at which self-hosting costs no more than the API.
 * Self-hosting cost is a step function of volume (whole replicas), the API's is linear; since both grow in proportion
 * beyond the fixed part of the peak, a volume exists only if a replica at full usable load is cheaper per token than
 * the API.
 */
export function breakEvenVolume(
  s: Extract<CostOption, { kind: "self-hosted" }>,
  api: ApiPrice,
  w: Workload,
  vol: WorkloadVolume,
  o: { utilisation: number; hours: number; inputShare: number },
): BreakEven {
  const label = { selfHosted: `${s.model} on ${s.gpu.gpu}`, api: api.model };
  const b = blended(api, o.inputShare) / 1e6; // USD per token
  const price = s.gpu.usdPerHour ?? 0;
  const replicaCost = s.throughput.gpus * price * o.hours;
  // usable output tok/s per replica at the workload's input:output mix (prefill counted, see SIZING_METHOD)
  const effective =
    (replicaOutputTokensPerSecond(s.throughput) * measuredTokensPerOutputToken(s.throughput)) /
    workloadTokensPerOutputToken(vol);
  const cap = effective * o.utilisation;
  const seconds = o.hours * 3600;
  const outShare = 1 - o.inputShare;
  // peak(V) = max(fixedPeak, factor × V × outShare / seconds)
  const fixedPeak =
    w.peakTokensPerSecond !== undefined || w.peakConcurrency !== undefined ? vol.peakOutputTokensPerSecond : 0;
  const factor =
    fixedPeak > 0
      ? 1
      : vol.averageOutputTokensPerSecond > 0
        ? vol.peakOutputTokensPerSecond / vol.averageOutputTokensPerSecond
        : 1;
  if (b <= 0) return { ...label, tokensPerMonth: null, note: "never: the API is free at these prices" };
  const bandMax = (k: number) => (outShare > 0 ? (k * cap * seconds) / (factor * outShare) : Number.POSITIVE_INFINITY);
  const kmin = Math.max(1, ceilClean(fixedPeak / cap));
  for (const k of [kmin, kmin + 1]) {
    const lower = k === kmin ? 0 : bandMax(k - 1);
    const candidate = Math.max(lower, (k * replicaCost) / b);
    if (candidate <= bandMax(k)) {
      const v = Math.round(candidate);
      return {
        ...label,
        tokensPerMonth: v,
        note: `self-hosting costs no more than ${api.model} from ${formatTokens(v)} tokens a month (${k} replica${k > 1 ? "s" : ""}, $${Math.round(k * replicaCost).toLocaleString("en-US")}/month)`,
      };
    }
  }
  const perM = (replicaCost / ((cap * seconds) / (factor * outShare))) * 1e6;
  return {
    ...label,
    tokensPerMonth: null,
    note: `never: a replica at its usable load costs $${perM.toFixed(2)} per 1M tokens at this peak-to-average ratio, more than ${api.model}'s $${(b * 1e6).toFixed(2)}`,
  };
}

/** 4000000000 → "4.0 B". */
export function formatTokens(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} B`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} K`;
  return String(Math.round(n));
}

// ---------------------------------------------------------------------------------------------------------------
// Resolving table rows (pure: the tables are passed in)
// ---------------------------------------------------------------------------------------------------------------

/** Normalises a GPU name for matching: `a100 80gb`, `A100-80GB`, `A100 (80 GB)` → `a10080gb`. */
export function gpuKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** The GPU price in force at `asOf` (latest row on or before it); InputError when unknown or unpriced. */
export function resolveGpuPrice(rows: readonly GpuPrice[], gpu: string, asOf: string): GpuPrice {
  const key = gpuKey(gpu);
  const same = rows.filter((r) => gpuKey(r.gpu) === key);
  if (same.length === 0) {
    const known = [...new Set(rows.map((r) => r.gpu))].join(", ");
    throw new InputError(`unknown GPU "${gpu}"; known: ${known}`, { field: "selfHosted" });
  }
  const dated = same.filter((r) => r.asOf <= asOf).sort((a, b) => b.asOf.localeCompare(a.asOf));
  const hit = dated[0];
  if (!hit) {
    const first = same.map((r) => r.asOf).sort()[0];
    throw new InputError(`no price for GPU "${gpu}" on or before ${asOf} (the first is of ${first})`, {
      field: "selfHosted",
    });
  }
  if (hit.usdPerHour === null) {
    throw new InputError(`no price for GPU "${hit.gpu}" as of ${hit.asOf} (${hit.basis}); try another GPU or date`, {
      field: "selfHosted",
    });
  }
  return hit;
}

/** Share of the tokens a measurement processed that were prompt tokens (0.5 when the lengths are not stated). */
export function measuredInputShare(t: Throughput): number {
  if (t.inputTokens === null || t.outputTokens === null) return UNSTATED_MEASURED_RATIO / (1 + UNSTATED_MEASURED_RATIO);
  return t.inputTokens / (t.inputTokens + t.outputTokens);
}

/**
 * The throughput row of a model on a GPU: of its measurements, the one whose prompt share of the tokens is closest to
 * the workload's (`inputShare`, 0–1), then the highest per GPU; InputError when there is none.
 */
export function resolveThroughput(
  rows: readonly Throughput[],
  model: string,
  gpu: string,
  inputShare = 0.5,
): Throughput {
  const m = model.toLowerCase();
  const forModel = rows.filter((r) => r.model.toLowerCase() === m);
  if (forModel.length === 0) {
    const known = [...new Set(rows.map((r) => r.model))].join(", ");
    throw new InputError(`no throughput figure for model "${model}"; known: ${known}`, { field: "selfHosted" });
  }
  const perGpu = (r: Throughput) => replicaOutputTokensPerSecond(r) / r.gpus;
  const distance = (r: Throughput) => Math.round(Math.abs(measuredInputShare(r) - inputShare) * 1e6);
  const hits = forModel
    .filter((r) => gpuKey(r.gpu) === gpuKey(gpu))
    .sort((a, b) => distance(a) - distance(b) || perGpu(b) - perGpu(a));
  const hit = hits[0];
  if (!hit) {
    const known = [...new Set(forModel.map((r) => r.gpu))].join(", ");
    throw new InputError(`no throughput figure for "${model}" on ${gpu}; measured on: ${known}`, {
      field: "selfHosted",
    });
  }
  return hit;
}

/** Splits a `MODEL:GPU` self-hosting spec. */
export function parseSelfHostedSpec(spec: string): { model: string; gpu: string } {
  const i = spec.lastIndexOf(":");
  const model = i > 0 ? spec.slice(0, i).trim() : "";
  const gpu = i > 0 ? spec.slice(i + 1).trim() : "";
  if (!model || !gpu) {
    throw new InputError(`invalid self-hosted option "${spec}": expected MODEL:GPU, e.g. llama-2-70b:A100-80GB`, {
      field: "selfHosted",
    });
  }
  return { model, gpu };
}
