/**
 * Cost: a form over `POST /api/cost` — a preset (data/presets) and/or a workload, the closed APIs, hosted open models
 * and self-hosted MODEL:GPU pairs to price, the price date — and the answer: the monthly cost of each option with its
 * breakdown, savings, break-even volumes, every figure with its date and source, and the assumptions. The form's
 * state is the URL (`#/cost?preset=article-2023&tokens=8000000000`), so a comparison can be shared.
 */
import { buildBarChartOption } from "../../../src/charts/bar-chart.js";
import { formatCompact } from "../../../src/charts/format.js";
import { ApiError, getJson, postJson } from "../api.js";
import { chartPanel, figurePanel, preferredTheme } from "../chart.js";
import { append, el, notice, num, stat, table } from "../dom.js";
import { type Route, replaceQuery } from "../router.js";
import type { CostAnswer, CostOptions } from "../types.js";

const usd = (x: number | null | undefined, digits = 0) =>
  x === null || x === undefined
    ? "–"
    : `$${x.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;

/** The form's fields: query parameter, label, placeholder, where it goes in the request. */
const FIELDS = [
  { key: "tokens", label: "tokens a month", hint: "e.g. 4000000000", group: "volume" },
  { key: "ratio", label: "input:output", hint: "e.g. 3:1", group: "volume" },
  { key: "requests", label: "or requests a month", hint: "e.g. 1000000", group: "volume" },
  { key: "in", label: "input tokens per request", hint: "e.g. 800", group: "volume" },
  { key: "out", label: "output tokens per request", hint: "e.g. 200", group: "volume" },
  { key: "concurrency", label: "peak concurrent requests", hint: "optional", group: "peak" },
  { key: "tps", label: "or peak output tokens/s", hint: "optional", group: "peak" },
  { key: "api", label: "closed APIs", hint: "comma list, e.g. gpt-4o,gpt-4o-mini", group: "options" },
  { key: "hosted", label: "hosted open models", hint: "comma list", group: "options" },
  { key: "self", label: "self-hosted MODEL:GPU", hint: "comma list, e.g. llama-3.1-70b:H100-80GB", group: "options" },
  { key: "asOf", label: "prices as of", hint: "YYYY-MM-DD (default: the preset's, else today)", group: "tuning" },
  { key: "utilisation", label: "GPU utilisation", hint: "0–1 (default 0.5)", group: "tuning" },
] as const;

/** The request the form's state asks for (only the fields given; the preset fills the rest on the server). */
export function costRequest(q: URLSearchParams): Record<string, unknown> {
  const number = (k: string) => (q.get(k) ? Number(q.get(k)) : undefined);
  const list = (k: string) =>
    q.get(k)
      ? (q.get(k) as string)
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;
  const workload = Object.fromEntries(
    Object.entries({
      tokensPerMonth: number("tokens"),
      ratio: q.get("ratio") || undefined,
      requestsPerMonth: number("requests"),
      inputTokensPerRequest: number("in"),
      outputTokensPerRequest: number("out"),
      peakConcurrency: number("concurrency"),
      peakTokensPerSecond: number("tps"),
    }).filter(([, v]) => v !== undefined),
  );
  const req: Record<string, unknown> = {
    preset: q.get("preset") || undefined,
    workload: Object.keys(workload).length ? workload : undefined,
    api: list("api"),
    hosted: list("hosted"),
    selfHosted: list("self"),
    asOf: q.get("asOf") || undefined,
    utilisation: number("utilisation"),
  };
  return Object.fromEntries(Object.entries(req).filter(([, v]) => v !== undefined));
}

/** Renders `#/cost[?preset=…&tokens=…&api=…]`. */
export async function renderCost(root: HTMLElement, route: Route): Promise<void> {
  const query = new URLSearchParams(route.query);
  if (!route.query.toString()) query.set("preset", "article-2023");
  const result = el("div", { id: "cost-result" });
  let options: CostOptions | null = null;
  try {
    options = await getJson<CostOptions>("/api/cost/presets");
  } catch (err) {
    root.append(notice(`Cost presets: ${(err as Error).message}`, "error"));
  }
  const presets = options?.presets ?? [];
  const inputs = new Map<string, HTMLInputElement>();
  const presetSelect = el(
    "select",
    { id: "cost-preset", name: "preset" },
    el("option", { value: "" }, "no preset (fill the workload)"),
    ...presets.map((p) =>
      el("option", { value: p.name, selected: query.get("preset") === p.name }, `${p.name}: ${p.title}`),
    ),
  );
  const presetNote = el("p", { class: "small muted" });
  const placeholders = () => {
    const p = presets.find((x) => x.name === presetSelect.value);
    presetNote.textContent = p?.note ?? "";
    const w = (p?.workload ?? {}) as Record<string, unknown>;
    const from: Record<string, unknown> = {
      tokens: w.tokensPerMonth,
      ratio: w.ratio,
      requests: w.requestsPerMonth,
      in: w.inputTokensPerRequest,
      out: w.outputTokensPerRequest,
      concurrency: w.peakConcurrency,
      tps: w.peakTokensPerSecond,
      api: p?.api?.join(","),
      hosted: p?.hosted?.join(","),
      self: p?.selfHosted?.join(","),
      asOf: p?.asOf,
      utilisation: p?.utilisation,
    };
    for (const f of FIELDS) {
      const input = inputs.get(f.key);
      if (input) input.placeholder = from[f.key] !== undefined ? `${from[f.key]} (preset)` : f.hint;
    }
  };
  const lists = {
    api: el(
      "datalist",
      { id: "cost-priced" },
      ...(options?.priced ?? []).map((p) => el("option", { value: p.model }, p.provider)),
    ),
    self: el("datalist", { id: "cost-self" }, ...(options?.selfHosted ?? []).map((s) => el("option", { value: s }))),
  };
  const groups = new Map<string, HTMLElement>();
  for (const [g, legend] of [
    ["volume", "Workload"],
    ["peak", "Peak"],
    ["options", "What to price"],
    ["tuning", "Prices and tuning"],
  ] as const) {
    groups.set(g, el("fieldset", { class: "cost-group" }, el("legend", {}, legend)));
  }
  for (const f of FIELDS) {
    const input = el("input", {
      id: `cost-${f.key}`,
      name: f.key,
      type: "text",
      value: query.get(f.key) ?? "",
      placeholder: f.hint,
      autocomplete: "off",
      list: f.key === "api" || f.key === "hosted" ? "cost-priced" : f.key === "self" ? "cost-self" : null,
      inputmode: ["tokens", "requests", "in", "out", "concurrency", "tps", "utilisation"].includes(f.key)
        ? "decimal"
        : null,
    });
    inputs.set(f.key, input);
    groups
      .get(f.group)
      ?.append(el("label", { class: "field", for: input.id }, el("span", { class: "field-label" }, f.label), input));
  }
  const form = el(
    "form",
    { class: "cost-form", id: "cost-form" },
    el(
      "label",
      { class: "field wide", for: "cost-preset" },
      el("span", { class: "field-label" }, "preset"),
      presetSelect,
    ),
    presetNote,
    ...groups.values(),
    lists.api,
    lists.self,
    el(
      "div",
      { class: "cost-actions" },
      el("button", { type: "submit", class: "primary" }, "Compute"),
      el("button", { type: "reset" }, "Clear"),
    ),
  );
  presetSelect.addEventListener("change", placeholders);
  form.addEventListener("reset", () => {
    setTimeout(() => {
      presetSelect.value = "";
      placeholders();
    });
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    if (presetSelect.value) q.set("preset", presetSelect.value);
    for (const f of FIELDS) {
      const v = inputs.get(f.key)?.value.trim();
      if (v) q.set(f.key, v);
    }
    replaceQuery("/cost", q);
    void compute(q);
  });
  placeholders();
  root.append(
    el("p", { class: "crumbs" }, el("a", { href: "#/" }, "Home"), " / cost"),
    el("h1", {}, "Cost: closed API vs open model"),
    el(
      "p",
      { class: "lead" },
      "The monthly cost of one workload on closed APIs, hosted open models and self-hosted GPUs, from dated prices. Start from a preset and change what you need.",
    ),
    el("section", { class: "panel" }, form),
    result,
  );

  async function compute(q: URLSearchParams): Promise<void> {
    result.textContent = "Computing…";
    let plan: CostAnswer;
    try {
      plan = await postJson<CostAnswer>("/api/cost", costRequest(q));
    } catch (err) {
      result.textContent = "";
      const param = err instanceof ApiError ? (err.body?.param as string | undefined) : undefined;
      result.append(notice(`Cannot price this: ${(err as Error).message}${param ? ` (field ${param})` : ""}`, "error"));
      return;
    }
    result.textContent = "";
    const w = plan.workload;
    const chart = chartPanel({
      title: "USD a month",
      definition: "Monthly cost of each option for the same workload, at the prices in force on the price date.",
      queries: ["price-lookup"],
      dataAsOf: plan.asOf,
      height: Math.max(200, 60 + plan.options.length * 34),
    });
    const figures = plan.options.flatMap((o) => o.figures.map((f) => ({ option: o.label, ...f })));
    append(
      result,
      el("h2", {}, plan.preset ? plan.preset.title : "Your workload"),
      el(
        "div",
        { class: "stats" },
        stat(
          "tokens a month",
          formatCompact(w.tokensPerMonth),
          `${num(w.tokensPerMonth)}: ${num(w.inputTokensPerMonth)} in + ${num(w.outputTokensPerMonth)} out (${w.ratio})`,
        ),
        stat(
          "requests a month",
          w.requestsPerMonth === null ? "–" : formatCompact(w.requestsPerMonth),
          w.requestsPerMonth === null ? "not given" : num(w.requestsPerMonth),
        ),
        stat("peak output", `${w.peakOutputTokensPerSecond.toFixed(1)} tok/s`, w.peakBasis),
        stat("prices as of", el("span", { "data-testid": "cost-as-of" }, plan.asOf)),
      ),
      figurePanel(
        {
          title: "Options",
          definition:
            "USD a month for the workload; USD per 1M tokens (input and output together); saving against the most expensive option.",
          queries: ["price-lookup"],
          dataAsOf: plan.asOf,
        },
        table(
          plan.options,
          [
            { header: "option", cell: (o) => o.label },
            { header: "USD a month", cell: (o) => usd(o.monthlyUsd), numeric: true, csv: (o) => o.monthlyUsd },
            { header: "USD per 1M tokens", cell: (o) => usd(o.usdPer1M, 2), numeric: true, csv: (o) => o.usdPer1M },
            {
              header: "saving",
              cell: (o) => (o.savingsUsd > 0 ? `${usd(o.savingsUsd)} (${o.savingsPct.toFixed(1)} %)` : "–"),
              numeric: true,
              csv: (o) => o.savingsUsd,
            },
            {
              header: "cheaper",
              cell: (o) => (o.timesCheaper === null ? "–" : `${o.timesCheaper.toFixed(o.timesCheaper < 10 ? 2 : 1)}×`),
              numeric: true,
              csv: (o) => o.timesCheaper,
            },
            {
              header: "breakdown",
              cell: (o) =>
                el(
                  "span",
                  { class: "small" },
                  Object.entries(o.breakdown)
                    .map(
                      ([k, v]) =>
                        `${k} ${typeof v === "number" ? v.toLocaleString("en-US", { maximumFractionDigits: 2 }) : v}`,
                    )
                    .join(", "),
                ),
            },
          ],
          { file: "omo-cost-options", dataAsOf: plan.asOf },
        ),
      ),
      chart.root,
      plan.breakEven.length
        ? figurePanel(
            {
              title: "Break-even",
              definition:
                "The smallest monthly volume (at the workload's input:output mix) at which self-hosting costs no more than the API; never when even a fully used replica costs more per token.",
              queries: ["price-lookup"],
              dataAsOf: plan.asOf,
            },
            table(
              plan.breakEven,
              [
                { header: "self-hosted", cell: (b) => b.selfHosted },
                { header: "against", cell: (b) => b.api },
                {
                  header: "tokens a month",
                  cell: (b) => (b.tokensPerMonth === null ? "never" : num(b.tokensPerMonth)),
                  numeric: true,
                  csv: (b) => b.tokensPerMonth,
                },
                { header: "note", cell: (b) => el("span", { class: "small" }, b.note) },
              ],
              { file: "omo-cost-break-even", dataAsOf: plan.asOf },
            ),
          )
        : null,
      figurePanel(
        {
          title: "Every figure, with its date and source",
          definition: "The prices, throughputs and GPU rates the options were computed from.",
          queries: ["price-lookup"],
          dataAsOf: plan.asOf,
        },
        table(
          figures,
          [
            { header: "option", cell: (f) => f.option },
            { header: "figure", cell: (f) => f.name },
            {
              header: "value",
              cell: (f) => `${f.value.toLocaleString("en-US", { maximumFractionDigits: 6 })} ${f.unit}`,
              numeric: true,
              csv: (f) => f.value,
            },
            { header: "as of", cell: (f) => f.asOf ?? "–" },
            {
              header: "source",
              cell: (f) =>
                /^https?:\/\//.test(f.source)
                  ? el("a", { href: f.source, rel: "noopener" }, f.source.replace(/^https?:\/\//, "").slice(0, 60))
                  : f.source,
              csv: (f) => f.source,
            },
          ],
          { file: "omo-cost-figures", dataAsOf: plan.asOf },
        ),
      ),
      figurePanel(
        {
          title: "Assumptions",
          definition: "What the model assumed where the workload or the preset did not say (defaults marked).",
          queries: [],
          dataAsOf: plan.asOf,
        },
        table(
          plan.assumptions,
          [
            { header: "assumption", cell: (a) => a.name },
            { header: "value", cell: (a) => String(a.value) },
            { header: "default", cell: (a) => (a.default ? "yes" : "no") },
            { header: "why", cell: (a) => el("span", { class: "small" }, a.note) },
          ],
          { file: "omo-cost-assumptions", dataAsOf: plan.asOf },
        ),
        plan.notes.length ? el("ul", { class: "small" }, ...plan.notes.map((n) => el("li", {}, n))) : null,
      ),
    );
    requestAnimationFrame(() =>
      chart.render(
        buildBarChartOption(
          plan.options.map((o) => o.label),
          [{ name: "USD a month", values: plan.options.map((o) => Math.round(o.monthlyUsd)) }],
          { theme: preferredTheme(), metric: "USD a month", valueLabel: (v) => usd(v) },
        ),
      ),
    );
  }
  await compute(query);
}
