/**
 * Reads Portkey's price files (github.com/Portkey-AI/models `pricing/<provider>.json`): one object per model with
 * `pricing_config.pay_as_you_go.request_token.price` and `response_token.price` in US CENTS per token (divided by
 * 100 here to give USD per token, the unit of LiteLLM tables and of the store). The provider is the file's name
 * (`together-ai.json` → `together-ai`); the `default` entry is the provider's template, not a model. A model without
 * both prices, or with both at 0 (Portkey's placeholder for "not priced"), is counted as unpriced.
 */
import path from "node:path";
import { InputError } from "../errors.js";
import { readJsonFile } from "../formats/lines.js";
import type { PriceRow } from "../store/store.js";

/** What a Portkey file held. */
export interface PortkeyTable {
  provider: string;
  rows: PriceRow[];
  /** Models without both token prices (image, audio, per-request pricing), or priced 0/0. */
  unpriced: number;
  malformed: Array<{ key: string; problem: string }>;
}

/** Whether a decoded JSON document looks like a Portkey price file (some entry has `pricing_config`). */
export function isPortkeyDocument(doc: unknown): boolean {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return false;
  return Object.values(doc as Record<string, unknown>).some(
    (v) => v !== null && typeof v === "object" && "pricing_config" in (v as object),
  );
}

/** A price in cents per token, as USD per token; undefined when absent, an error text when malformed. */
function cents(v: unknown): number | undefined | string {
  if (v === undefined || v === null) return undefined;
  const price = (v as { price?: unknown }).price;
  if (price === undefined || price === null) return undefined;
  if (typeof price !== "number" || !Number.isFinite(price) || price < 0) {
    return `must be a non-negative number, got ${JSON.stringify(price)}`;
  }
  // cents → USD, without the binary dust of the division (2e-5 / 100 = 2.0000000000000002e-7)
  return Number((price / 100).toPrecision(15));
}

/** Parses one Portkey file already decoded; `file` names it in messages and gives the provider. */
export function parsePortkey(doc: unknown, file: string): PortkeyTable {
  if (!isPortkeyDocument(doc)) {
    throw new InputError("not a Portkey price file: expected a JSON object of models with pricing_config", { file });
  }
  const provider = path.basename(file).replace(/\.json(?:\.gz)?$/i, "");
  const out: PortkeyTable = { provider, rows: [], unpriced: 0, malformed: [] };
  for (const [key, v] of Object.entries(doc as Record<string, unknown>)) {
    if (key === "default") continue;
    if (v === null || typeof v !== "object" || Array.isArray(v)) {
      out.malformed.push({ key, problem: "not an object" });
      continue;
    }
    const payg = ((v as Record<string, unknown>).pricing_config as Record<string, unknown> | undefined)
      ?.pay_as_you_go as Record<string, unknown> | undefined;
    const input = cents(payg?.request_token);
    const output = cents(payg?.response_token);
    if (typeof input === "string" || typeof output === "string") {
      const which = typeof input === "string" ? "request_token" : "response_token";
      out.malformed.push({ key, problem: `${which}.price ${typeof input === "string" ? input : output}` });
      continue;
    }
    if (input === undefined || output === undefined || (input === 0 && output === 0)) {
      out.unpriced += 1;
      continue;
    }
    out.rows.push({ model: key, provider, inputPerToken: input, outputPerToken: output, deprecationDate: null });
  }
  return out;
}

/** Reads and parses one Portkey file (plain or gzip, through src/formats/lines.ts). */
export async function readPortkeyFile(file: string): Promise<PortkeyTable> {
  return parsePortkey(await readJsonFile(file), file);
}
