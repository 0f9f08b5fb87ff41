/**
 * Deterministic fault injection for the local Hub server ({@link startHubServer}): which list request fails, and how.
 * Same plan + same request order → same faults, so retry tests and demos are repeatable.
 */
import { InputError } from "../errors.js";

/**
 * One injected failure of a list request:
 * - `429` / `` `429:${t}` ``: Too Many Requests with `RateLimit: "api";r=0;t=<t>` and `Retry-After: <t>` (t default 1);
 * - `500`, `502`, `503`, `504`: that status with a JSON error body;
 * - `"drop"`: the socket is destroyed without any answer (client sees a reset);
 * - `"truncate"`: status 200 and headers, then half of the body (chunked, cleanly ended → invalid JSON);
 * - `"cut"`: status 200 with the full `Content-Length`, half of the body, then the socket is destroyed;
 * - `` `slow:${ms}` ``: the answer is delayed by `ms` milliseconds (beyond a client timeout → client aborts).
 */
export type Fault = 429 | 500 | 502 | 503 | 504 | `429:${number}` | "drop" | "truncate" | "cut" | `slow:${number}`;

/** Faults drawn at random (seeded) with probability `p` per list request. */
export interface FaultRate {
  /** Probability in [0, 1] that a list request fails. */
  p: number;
  /** Seed of the PRNG (mulberry32): the same seed gives the same sequence. */
  seed: number;
  /** Faults to choose from uniformly (default `[429, 500, 503, "drop", "truncate"]`). */
  faults?: Fault[];
}

/**
 * Which list requests fail. Requests are numbered from 1 (restarting at every `setFaults`); precedence is
 * `at`, then `every`, then `rate`. The PRNG draws for every request, so `rate` does not depend on `at`/`every`.
 */
export interface FaultPlan {
  /** One-shot faults by 1-based list-request number. */
  at?: Record<number, Fault>;
  /** A fault on every n-th list request (n, 2n, 3n, ...). */
  every?: { n: number; fault: Fault };
  /** Random faults with a fixed seed. */
  rate?: FaultRate;
}

/** Faults used by `rate=` when the spec names none. */
export const DEFAULT_RATE_FAULTS: readonly Fault[] = [429, 500, 503, "drop", "truncate"];

/** A fault decoded for the server: what to do and, for 429, the reset time. */
export type FaultAction =
  | { kind: "status"; status: number; resetSeconds: number }
  | { kind: "drop" | "truncate" | "cut" }
  | { kind: "slow"; ms: number };

/** Decodes a {@link Fault} value into what the server does. */
export function faultAction(fault: Fault): FaultAction {
  if (typeof fault === "number") return { kind: "status", status: fault, resetSeconds: 1 };
  if (fault === "drop" || fault === "truncate" || fault === "cut") return { kind: fault };
  const [head, arg] = fault.split(":");
  if (head === "429") return { kind: "status", status: 429, resetSeconds: Number(arg) };
  return { kind: "slow", ms: Number(arg) };
}

/** Short label of a fault for statistics (`429`, `500`, `drop`, `slow`...). */
export function faultLabel(fault: Fault): string {
  const action = faultAction(fault);
  return action.kind === "status" ? String(action.status) : action.kind;
}

/**
 * Parses one fault token of a spec: `429`, `429=<t>`, `500`, `502`, `503`, `504`, `drop`, `truncate`, `cut`,
 * `slow=<ms>` (also `slow:<ms>` / `429:<t>`). Throws {@link InputError} on anything else.
 */
export function parseFault(token: string): Fault {
  const t = token.trim().toLowerCase();
  if (t === "429" || t === "500" || t === "502" || t === "503" || t === "504") return Number(t) as Fault;
  if (t === "drop" || t === "truncate" || t === "cut") return t;
  const m = /^(429|slow)[=:](\d+)$/.exec(t);
  if (m) return `${m[1] as "429" | "slow"}:${Number(m[2])}`;
  throw new InputError(
    `unknown fault "${token}" (expected 429, 429=<t>, 500, 502, 503, 504, drop, truncate, cut, slow=<ms>)`,
  );
}

/**
 * Parses a CLI fault spec into a {@link FaultPlan}. Grammar (items separated by `,`, whitespace ignored):
 *
 * ```
 * spec  := item ("," item)*
 * item  := fault "@" N                              one-shot at the N-th list request (1-based)
 *        | "every=" N ":" fault                     on every N-th list request
 *        | "rate=" P [":seed=" S] [":faults=" fault ("|" fault)*]   random with probability P, seed S (default 1)
 * fault := 429 | 429=<t> | 500 | 502 | 503 | 504 | drop | truncate | cut | slow=<ms>
 * ```
 *
 * Example: `"429@2,500@4,drop@6,truncate@8,slow=200@10"`, `"rate=0.1:seed=42"`, `"every=5:503"`,
 * `"rate=0.05:seed=7:faults=500|drop"`. An empty spec gives an empty plan (no faults).
 */
export function parseFaultSpec(spec: string): FaultPlan {
  const plan: FaultPlan = {};
  for (const raw of spec.split(",")) {
    const item = raw.trim();
    if (!item) continue;
    const lower = item.toLowerCase();
    if (lower.startsWith("rate=")) {
      plan.rate = parseRateItem(item);
    } else if (lower.startsWith("every=")) {
      const m = /^every=(\d+):(.+)$/i.exec(item);
      const n = Number(m?.[1]);
      if (!m?.[2] || !Number.isInteger(n) || n < 1)
        throw new InputError(`bad fault item "${item}" (every=<n>:<fault>)`);
      plan.every = { n, fault: parseFault(m[2]) };
    } else {
      const at = item.lastIndexOf("@");
      const n = Number(item.slice(at + 1));
      if (at <= 0 || !/^\d+$/.test(item.slice(at + 1)) || n < 1) {
        throw new InputError(`bad fault item "${item}" (expected <fault>@<request number>, every=..., rate=...)`);
      }
      plan.at ??= {};
      plan.at[n] = parseFault(item.slice(0, at));
    }
  }
  return plan;
}

/** `rate=P[:seed=S][:faults=a|b]`. */
function parseRateItem(item: string): FaultRate {
  const [head = "", ...opts] = item.split(":");
  const p = Number(head.slice("rate=".length));
  if (!Number.isFinite(p) || p < 0 || p > 1 || head.length === "rate=".length) {
    throw new InputError(`bad fault item "${item}" (rate=<p> with 0 <= p <= 1)`);
  }
  const rate: FaultRate = { p, seed: 1 };
  for (const opt of opts) {
    const eq = opt.indexOf("=");
    const key = opt.slice(0, eq).trim().toLowerCase();
    const value = opt.slice(eq + 1).trim();
    if (key === "seed" && /^\d+$/.test(value)) rate.seed = Number(value);
    else if (key === "faults" && value) rate.faults = value.split("|").map(parseFault);
    else throw new InputError(`bad fault option "${opt}" in "${item}" (seed=<n>, faults=<f>|<f>)`);
  }
  return rate;
}

/** mulberry32: a tiny seeded PRNG in [0, 1), enough for repeatable fault draws. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Counts list requests and decides the fault (if any) of each one, following a {@link FaultPlan}. */
export class FaultClock {
  private n = 0;
  private readonly random: (() => number) | undefined;

  constructor(private readonly plan: FaultPlan = {}) {
    this.random = plan.rate ? mulberry32(plan.rate.seed) : undefined;
  }

  /** Advances to the next list request and returns its fault, or undefined when it is served normally. */
  next(): Fault | undefined {
    this.n += 1;
    let drawn: Fault | undefined;
    const rate = this.plan.rate;
    if (rate && this.random) {
      const hit = this.random() < rate.p;
      const faults = rate.faults?.length ? rate.faults : DEFAULT_RATE_FAULTS;
      const pick = faults[Math.floor(this.random() * faults.length)];
      if (hit) drawn = pick;
    }
    const at = this.plan.at?.[this.n];
    if (at !== undefined) return at;
    const every = this.plan.every;
    if (every && every.n > 0 && this.n % every.n === 0) return every.fault;
    return drawn;
  }
}
