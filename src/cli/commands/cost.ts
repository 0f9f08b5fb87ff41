/**
 * `omo cost`: what a workload costs a month on closed APIs, on hosted open models and self-hosted on rented GPUs, with
 * every figure's date and source, the savings against the most expensive option, break-even volumes and the
 * assumptions made. `--preset NAME` starts from `data/presets/NAME.yaml`; flags override it.
 */
import type { Command } from "commander";
import { listPresets, planCost } from "../../answers/cost-plan.js";
import { cheapestAsGoodAsBody, loadLeaderboardDeps } from "../../answers/leaderboards.js";
import { formatTokens, RATIO } from "../../domain/cost.js";
import { type CostPlan, type CostRequest, parseCostRequest } from "../../domain/cost-plan.js";
import { InputError } from "../../errors.js";
import { emit, outputFormat, withStore } from "../context.js";
import { parseDateOption } from "../options.js";
import { num, table } from "../output.js";
import { summaryOf } from "./index.js";

/** Options as commander parses them. */
interface CostOptions {
  preset?: string;
  listPresets?: boolean;
  requests?: string;
  inputTokens?: string;
  outputTokens?: string;
  tokens?: string;
  ratio?: string;
  peakConcurrency?: string;
  peakTokensPerSecond?: string;
  api?: string[];
  hosted?: string[];
  selfHosted?: string[];
  asOf?: string;
  utilisation?: string;
  peakFactor?: string;
  hoursPerMonth?: string;
  streamTokensPerSecond?: string;
  asGoodAs?: string;
  board?: string;
}

/** A non-negative number option (`4e9`, `4_000_000_000` and `4,000,000,000` accepted). */
function number(value: string | undefined, option: string, opts: { positive?: boolean } = {}): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/[_,]/g, ""));
  if (value.trim() === "" || !Number.isFinite(n) || n < 0 || (opts.positive && n === 0)) {
    throw new InputError(
      `invalid ${option} "${value}": expected a ${opts.positive ? "positive" : "non-negative"} number`,
    );
  }
  return n;
}

/** The cost request the flags describe. */
export function requestFromOptions(o: CostOptions): CostRequest {
  if (o.ratio !== undefined && !RATIO.test(o.ratio)) {
    throw new InputError(`invalid --ratio "${o.ratio}": expected input:output such as 3:1`);
  }
  const workload = Object.fromEntries(
    Object.entries({
      requestsPerMonth: number(o.requests, "--requests"),
      inputTokensPerRequest: number(o.inputTokens, "--input-tokens"),
      outputTokensPerRequest: number(o.outputTokens, "--output-tokens"),
      tokensPerMonth: number(o.tokens, "--tokens"),
      ratio: o.ratio,
      peakConcurrency: number(o.peakConcurrency, "--peak-concurrency", { positive: true }),
      peakTokensPerSecond: number(o.peakTokensPerSecond, "--peak-tokens-per-second", { positive: true }),
    }).filter(([, v]) => v !== undefined),
  );
  const raw = Object.fromEntries(
    Object.entries({
      preset: o.preset,
      workload: Object.keys(workload).length ? workload : undefined,
      api: o.api,
      hosted: o.hosted,
      selfHosted: o.selfHosted,
      asOf: parseDateOption(o.asOf, "--as-of"),
      utilisation: number(o.utilisation, "--utilisation"),
      peakFactor: number(o.peakFactor, "--peak-factor"),
      hoursPerMonth: number(o.hoursPerMonth, "--hours-per-month"),
      streamTokensPerSecond: number(o.streamTokensPerSecond, "--stream-tokens-per-second"),
    }).filter(([, v]) => v !== undefined),
  );
  try {
    return parseCostRequest(raw);
  } catch (err) {
    if (err instanceof InputError && err.location.field) throw withFlag(err);
    throw err;
  }
}

/** An InputError about a request field, re-worded with the command-line flag (`--hosted: …`). */
function withFlag(err: InputError): InputError {
  const field = err.location.field ?? "";
  return new InputError(`${flagOf(field)}: ${err.message.replace(/^field "[^"]*": /, "")}`);
}

/** The command-line flag of a request field, for messages. */
function flagOf(field: string): string {
  const map: Record<string, string> = {
    "workload.requestsPerMonth": "--requests",
    "workload.inputTokensPerRequest": "--input-tokens",
    "workload.outputTokensPerRequest": "--output-tokens",
    "workload.tokensPerMonth": "--tokens",
    "workload.ratio": "--ratio",
    "workload.peakConcurrency": "--peak-concurrency",
    "workload.peakTokensPerSecond": "--peak-tokens-per-second",
    utilisation: "--utilisation",
    peakFactor: "--peak-factor",
    hoursPerMonth: "--hours-per-month",
    streamTokensPerSecond: "--stream-tokens-per-second",
    selfHosted: "--self-hosted",
    api: "--api",
    hosted: "--hosted",
    preset: "--preset",
    asOf: "--as-of",
  };
  return map[field] ?? field;
}

const usd = (x: number) => `$${num(Math.round(x))}`;

/** The human report of a plan. */
export function renderPlan(p: CostPlan): string {
  const w = p.workload;
  const head = [
    p.preset ? `${p.preset.title} (preset ${p.preset.name})` : "Monthly cost of a workload",
    `prices as of ${p.asOf}; ${formatTokens(w.tokensPerMonth)} tokens a month (${formatTokens(w.inputTokensPerMonth)} in + ${formatTokens(w.outputTokensPerMonth)} out, ${w.ratio})${w.requestsPerMonth !== null ? ` from ${num(w.requestsPerMonth)} requests` : ""}`,
    `output rate: average ${w.averageOutputTokensPerSecond.toFixed(1)} tok/s, peak ${w.peakOutputTokensPerSecond.toFixed(1)} tok/s (${w.peakBasis})`,
  ].join("\n");
  const rows = p.options.map((o) => ({
    option: o.label,
    monthly: usd(o.monthlyUsd),
    per1M: o.usdPer1M === null ? "" : `$${o.usdPer1M.toFixed(2)}`,
    saving: o.savingsUsd > 0 ? `${usd(o.savingsUsd)} (${o.savingsPct}%)` : "",
    times: o.timesCheaper === null ? "" : `${o.timesCheaper}×`,
    breakdown: Object.entries(o.breakdown)
      .map(([k, v]) => `${k}=${typeof v === "number" ? (Number.isInteger(v) ? num(v) : v) : v}`)
      .join(" "),
  }));
  const options = table(rows, [
    { key: "option" },
    { key: "monthly", header: "USD/month", align: "right" },
    { key: "per1M", header: "USD/1M tok", align: "right" },
    { key: "saving", header: `saving vs ${p.mostExpensive ?? "max"}`, align: "right" },
    { key: "times", header: "cheaper", align: "right" },
    { key: "breakdown" },
  ]);
  const figures = p.options.flatMap((o) =>
    o.figures.map((f) => ({
      option: o.label,
      figure: f.name,
      value: f.value,
      unit: f.unit,
      asOf: f.asOf,
      stale: f.stale ? "stale" : "",
      source: f.source,
    })),
  );
  const stale = figures.filter((f) => f.stale).length;
  const parts = [
    head,
    options,
    `Figures used\n\n${table(figures, [{ key: "option" }, { key: "figure" }, { key: "value", align: "right" }, { key: "unit" }, { key: "asOf", header: "as of" }, { key: "stale" }, { key: "source" }])}${stale ? `\n\n${stale} price${stale > 1 ? "s are" : " is"} stale: the source is more than 6 months older than ${p.asOf}.` : ""}`,
  ];
  const caveats = p.options.flatMap((o) => o.figures.filter((f) => f.note).map((f) => `- ${f.name}: ${f.note}`));
  if (caveats.length) parts.push(`How the figures were measured\n\n${[...new Set(caveats)].join("\n")}`);
  if (p.breakEven.length) {
    parts.push(
      `Break-even (self-hosting vs each API)\n\n${table(
        p.breakEven.map((b) => ({
          selfHosted: b.selfHosted,
          api: b.api,
          tokens: b.tokensPerMonth === null ? "never" : formatTokens(b.tokensPerMonth),
          note: b.note,
        })),
        [
          { key: "selfHosted", header: "self-hosted" },
          { key: "api", header: "API" },
          { key: "tokens", header: "tokens/month", align: "right" },
          { key: "note" },
        ],
      )}`,
    );
  }
  parts.push(
    `Assumptions\n\n${table(
      p.assumptions.map((a) => ({
        name: a.name,
        value: a.value,
        origin: a.default ? "default" : "given",
        note: a.note,
      })),
      [{ key: "name" }, { key: "value", align: "right" }, { key: "origin" }, { key: "note" }],
    )}`,
  );
  if (p.notes.length) parts.push(`Notes\n\n${p.notes.join("\n")}`);
  return parts.join("\n\n");
}

const collect = (v: string, prev: string[] | undefined) => [...(prev ?? []), ...v.split(/\s*,\s*/).filter(Boolean)];

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("cost")
    .description(summaryOf("cost"))
    .option("--preset <name>", "start from data/presets/NAME.yaml (e.g. article-2023)")
    .option("--list-presets", "list the shipped presets")
    .option("--requests <n>", "requests per month")
    .option("--input-tokens <n>", "input (prompt) tokens per request")
    .option("--output-tokens <n>", "output (completion) tokens per request")
    .option("--tokens <n>", "tokens per month (input + output)")
    .option("--ratio <a:b>", "input:output tokens with --tokens, e.g. 3:1")
    .option("--peak-concurrency <n>", "concurrent requests at the peak")
    .option("--peak-tokens-per-second <n>", "output tokens/s at the peak")
    .option("--api <model...>", "closed API model (repeatable or comma-separated), e.g. gpt-4", collect)
    .option("--hosted <model...>", "open model on a hosted API, e.g. anyscale/meta-llama/Llama-2-70b-chat-hf", collect)
    .option("--self-hosted <model:gpu...>", "self-hosted open model on a GPU type, e.g. llama-2-70b:A100-80GB", collect)
    .option("--as-of <date>", "prices in force at this date (default: today, or the preset's)")
    .option("--utilisation <u>", "usable share of a replica's measured throughput, in (0, 1] (default 0.5)")
    .option("--peak-factor <f>", "peak / average output rate when no peak is given (default 2)")
    .option("--hours-per-month <h>", "hours in a month (default 730)")
    .option("--stream-tokens-per-second <n>", "output tokens/s per concurrent request (default 30)")
    .option("--as-good-as <model>", "the cheapest model at least as good as MODEL on the leaderboard table of --as-of")
    .option("--board <board>", "with --as-good-as: the leaderboard (default arena-text)", "arena-text")
    .action(async (o: CostOptions, cmd: Command) => {
      if (o.asGoodAs !== undefined) {
        const asOf = parseDateOption(o.asOf, "--as-of") ?? null;
        const deps = await loadLeaderboardDeps();
        await withStore(cmd, async (store) => {
          const body = await cheapestAsGoodAsBody(
            {
              query: (q, p) => store.query(q, p),
              notFound: (m) => new InputError(m),
              badParam: (param, m) => new InputError(m, { field: param === "model" ? "--as-good-as" : `--${param}` }),
            },
            deps,
            { board: o.board ?? "arena-text", asOf, model: o.asGoodAs as string },
          );
          if (outputFormat(cmd) === "json") {
            process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
            return;
          }
          const line = (label: string, e: typeof body.cheapest) =>
            e
              ? `${label}: ${e.model} (${e.openness}${e.organisation ? `, ${e.organisation}` : ""}), score ${e.score}, $${e.price?.input}/$${e.price?.output} per 1M input/output tokens = ${e.price?.blended.toFixed(2)} blended (${e.price?.from === "prices" ? `omo prices: ${e.price.model}, ${e.price.source}, as of ${e.price.asOf}` : e.price?.source})`
              : `${label}: none with a price`;
          const r = body.reference;
          process.stdout.write(
            `${[
              `${body.board} table of ${body.date}${body.asOf && body.asOf !== body.date ? ` (latest on or before ${body.asOf})` : ""}: ${r.model} scores ${r.score}${r.price ? `, costs ${r.price.blended.toFixed(2)} USD per 1M tokens blended` : ", no price"}.`,
              line("Cheapest at least as good", body.cheapest),
              line("Cheapest open-weight model at least as good", body.cheapestOpen),
              `${body.asGoodAndPriced} priced entries score at least ${r.score}. ${body.definition}`,
            ].join("\n")}\n`,
          );
        });
        return;
      }
      if (o.listPresets) {
        emit(
          cmd,
          (await listPresets()).map((name) => ({ name })),
          { columns: [{ key: "name" }] },
        );
        return;
      }
      const request = requestFromOptions(o);
      await withStore(cmd, async (store) => {
        const plan = await planCost(store, request).catch((err: unknown) => {
          throw err instanceof InputError && err.location.field ? withFlag(err) : err;
        });
        if (outputFormat(cmd) === "table") {
          process.stdout.write(`${renderPlan(plan)}\n`);
          return;
        }
        emit(
          cmd,
          plan.options.map((x) => ({
            option: x.label,
            kind: x.kind,
            model: x.model,
            provider: x.provider,
            monthlyUsd: x.monthlyUsd,
            usdPer1M: x.usdPer1M,
            savingsUsd: x.savingsUsd,
            savingsPct: x.savingsPct,
            timesCheaper: x.timesCheaper,
            asOf: plan.asOf,
          })),
          { json: plan },
        );
      });
    });
}
