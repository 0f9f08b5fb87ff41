/**
 * Cost requests and presets as data: the zod schemas a request (CLI flags or the API's JSON body) and a preset file
 * (`data/presets/`) must fit, the merge of a preset's workload with a request's, and the shape of a priced plan. No
 * I/O here: loading presets and pricing a plan from the store's price catalog is src/answers/cost-plan.ts.
 */
import { z } from "zod";
import { IsoDate } from "../queries/common.js";
import { type CostResult, WorkloadSchema, zodToInput } from "./cost.js";
import type { PriceDisagreement } from "./prices.js";

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
    /**
     * When the workload was not measured but sized from a claimed cost (e.g. the article's $150,000 on GPT-4), the
     * option and monthly figure it was sized from: a claim checked against this preset is then circular (the
     * arithmetic can be consistent, the claim stays unverifiable).
     */
    derivedFrom: z
      .strictObject({
        option: z.string().trim().min(1),
        monthlyUsd: z.number().positive(),
        asOf: IsoDate,
      })
      .optional(),
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

/** The priced comparison with what it was asked. */
export interface CostPlan extends CostResult {
  preset: { name: string; title: string } | null;
  asOf: string;
  /** Prices used here that another source, also in force, gives more than 2× apart. */
  disagreements: PriceDisagreement[];
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
