/**
 * Reads a LiteLLM price table (`model_prices_and_context_window.json`, plain or gzip): one object per model key with
 * `input_cost_per_token`, `output_cost_per_token` (USD per token), `litellm_provider` and `mode`. Text-generation
 * entries (modes chat, completion, responses) with both prices become {@link PriceRow}s, with their
 * `deprecation_date` (the day the model is retired) when the table gives one; the rest is counted.
 */
import { InputError } from "../errors.js";
import { readJsonFile } from "../formats/lines.js";
import { IsoDate } from "../queries/common.js";
import type { PriceRow } from "../store/store.js";

/** Modes whose per-token prices are text-generation prices. */
export const TEXT_MODES: ReadonlySet<string> = new Set(["chat", "completion", "responses"]);

/** What a LiteLLM table held. */
export interface LiteLlmTable {
  rows: PriceRow[];
  /** `last_updated` of the file as `YYYY-MM-DD`, when present. */
  lastUpdated: string | null;
  /** Entries of other modes (embedding, image generation…). */
  otherModes: number;
  /** Text entries without both prices. */
  unpriced: number;
  /** Entries with a negative or non-numeric price: key and problem, skipped. */
  malformed: Array<{ key: string; problem: string }>;
}

/** Parses a LiteLLM table already decoded to a JS value; `label` names the file in messages. */
export function parseLiteLlm(doc: unknown, label: string): LiteLlmTable {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new InputError("not a LiteLLM price table: expected a JSON object keyed by model", { file: label });
  }
  const out: LiteLlmTable = { rows: [], lastUpdated: null, otherModes: 0, unpriced: 0, malformed: [] };
  const updated = (doc as Record<string, unknown>).last_updated;
  if (typeof updated === "string" && /^\d{4}-\d{2}-\d{2}/.test(updated)) out.lastUpdated = updated.slice(0, 10);
  for (const [key, v] of Object.entries(doc as Record<string, unknown>)) {
    if (key === "sample_spec" || key === "last_updated") continue;
    if (v === null || typeof v !== "object" || Array.isArray(v)) {
      out.malformed.push({ key, problem: "not an object" });
      continue;
    }
    const e = v as Record<string, unknown>;
    const mode = typeof e.mode === "string" ? e.mode : "chat";
    if (!TEXT_MODES.has(mode)) {
      out.otherModes += 1;
      continue;
    }
    const input = e.input_cost_per_token;
    const output = e.output_cost_per_token;
    if (input === undefined || input === null || output === undefined || output === null) {
      out.unpriced += 1;
      continue;
    }
    const bad = (x: unknown) => typeof x !== "number" || !Number.isFinite(x) || x < 0;
    if (bad(input) || bad(output)) {
      const which = bad(input) ? "input_cost_per_token" : "output_cost_per_token";
      out.malformed.push({ key, problem: `${which} must be a non-negative number, got ${JSON.stringify(e[which])}` });
      continue;
    }
    const slash = key.indexOf("/");
    const provider =
      typeof e.litellm_provider === "string" && e.litellm_provider
        ? e.litellm_provider
        : slash > 0
          ? key.slice(0, slash)
          : "unknown";
    const dep = e.deprecation_date;
    let deprecationDate: string | null = null;
    if (dep !== undefined && dep !== null && dep !== "") {
      const day = typeof dep === "string" ? IsoDate.safeParse(dep.slice(0, 10)) : null;
      if (!day?.success) {
        out.malformed.push({ key, problem: `deprecation_date must be a date YYYY-MM-DD, got ${JSON.stringify(dep)}` });
        continue;
      }
      deprecationDate = day.data;
    }
    out.rows.push({
      model: key,
      provider,
      inputPerToken: input as number,
      outputPerToken: output as number,
      deprecationDate,
    });
  }
  return out;
}

/** Reads and parses a LiteLLM table file (gzip detected by its magic bytes). */
export async function readLiteLlmFile(file: string): Promise<LiteLlmTable> {
  return parseLiteLlm(await readJsonFile(file), file);
}
