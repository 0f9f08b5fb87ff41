/**
 * Contract cases of the history, growth, concentration, report and price queries: each `[query name, params]` must
 * give the same rows in the same order on every store (test/integration/clickhouse-series.test.ts runs them on
 * DuckDB and on ClickHouse, one node and two shards). They assume the snapshots that test loads: the committed
 * sample as 2024-07-11, test/fixtures/hub/subset-meta-llama-lmsys.jsonl as 2024-08-11, the nctu6 monthly series of
 * `taide` (all-time counters; Alpha1's counter lowered on 2025-12-08 so a decrease shows), the kb-labb monthly
 * series of KBLab/KB (2022-02-18 … 2026-08-19), and two LiteLLM price imports (2026-07-24 and 2023-03-14).
 * Parameter sets cover every bucket, open and closed ranges (starting or ending inside buckets, and empty), growth
 * windows 7/30/90 at dates with and without a base snapshot or entrants, several k, authors and hostile text.
 */
import { SHIPPED_API_PRICES } from "../../src/ingest/price-tables.js";

export const ALPHA1 = "taide/Llama3-TAIDE-LX-8B-Chat-Alpha1";
const LLAVA = "taide/llava_llama3_8b_clip336_e";
const KB_NER = "KBLab/bert-base-swedish-cased-reallysimple-ner";
const HOSTILE = "it's' \\ -- /* $x {y} é 😀";

const seriesRanges: Array<Record<string, unknown>> = [
  {},
  { bucket: "day" },
  { bucket: "week" },
  { bucket: "month" },
  { bucket: "auto", from: "2024-07-15", to: "2025-03-31" },
  { bucket: "week", from: "2024-06-20", to: "2024-08-19" },
  { bucket: "day", from: "2024-07-01", to: "2024-08-11" },
  { bucket: "month", from: "2025-09-02", to: null },
  { bucket: "auto", from: null, to: "2024-12-31" },
  { bucket: "auto", from: "2025-11-01", to: "2026-01-31" },
  { bucket: "week", from: "2030-01-01", to: null },
];

const growthAt: Array<Record<string, unknown>> = [
  {},
  { window: 7 },
  { window: 90, limit: 5 },
  { date: "2024-07-11", window: 7, limit: 50 },
  { date: "2024-07-20", window: 90, limit: 100 },
  { date: "2024-08-11", window: 30 },
  { date: "2025-02-19", window: 30, limit: 100 },
  { date: "2025-12-08", window: 90, author: "TAIDE" },
  { date: "2022-02-18", window: 30 },
  { date: "2024-07-11", window: 30, author: "thebloke", limit: 10 },
  { date: "2024-07-11", window: 30, author: HOSTILE },
  { date: "2030-01-01", window: 7 },
];

const PRICES = SHIPPED_API_PRICES;

/** Every case, in the order they run. */
export const CASES: Array<[string, Record<string, unknown>]> = [
  ...seriesRanges.map((r): [string, Record<string, unknown>] => ["model-series", { id: ALPHA1, ...r }]),
  ...seriesRanges.map((r): [string, Record<string, unknown>] => ["org-series", { author: "taide", ...r }]),
  ...seriesRanges.map((r): [string, Record<string, unknown>] => ["org-series", { author: "kblab", ...r }]),
  ["model-series", { id: ALPHA1.toLowerCase(), bucket: "day", from: "2025-09-01", to: "2026-01-06" }],
  ["model-series", { id: LLAVA, bucket: "month" }],
  ["model-series", { id: LLAVA, bucket: "day", from: "2024-11-01", to: "2025-03-05" }],
  ["model-series", { id: KB_NER, bucket: "month" }],
  ["model-series", { id: KB_NER, bucket: "auto", from: "2022-01-01", to: "2022-12-31" }],
  ["model-series", { id: "meta-llama/Llama-2-7b-hf", bucket: "day" }],
  ["model-series", { id: "meta-llama/Llama-2-7b-hf", bucket: "week", from: "2024-07-08" }],
  ["model-series", { id: "TheBloke/Llama-2-7B-Chat-GGUF" }],
  ["model-series", { id: "no/such-model" }],
  ["model-series", { id: HOSTILE, bucket: "day" }],
  ["org-series", { author: "KB", bucket: "month" }],
  ["org-series", { author: "KBLab", match: "^bert-", bucket: "week", from: "2023-01-01", to: "2023-06-30" }],
  ["org-series", { author: "taide", match: "LLAMA|\\d+b", bucket: "month" }],
  ["org-series", { author: "TAIDE", match: "4bit$", bucket: "day", from: "2025-06-10", to: "2025-12-08" }],
  ["org-series", { author: "meta-llama", bucket: "auto" }],
  ["org-series", { author: "meta-llama", match: "^llama-2-", bucket: "day", from: "2024-07-11", to: "2024-08-11" }],
  ["org-series", { author: "lmsys", match: "vicuna", bucket: "week" }],
  ["org-series", { author: "TheBloke", bucket: "month" }],
  ["org-series", { author: HOSTILE, match: "it's", bucket: "day" }],
  ...[7, 30, 90].flatMap(
    (window): Array<[string, Record<string, unknown>]> => [
      ["growth-dates", { window }],
      ["growth-dates", { window, date: "2024-08-11" }],
      ["growth-dates", { window, date: "2022-03-18" }],
    ],
  ),
  ["growth-dates", { window: 90, date: "2022-02-18" }],
  ["growth-dates", { window: 30, date: "2030-01-01" }],
  ...growthAt.map((p): [string, Record<string, unknown>] => ["growth", p]),
  ...growthAt.map((p): [string, Record<string, unknown>] => ["new-entrants", p]),
  ["new-entrants", { date: "2024-07-11", window: 90, limit: 1000 }],
  ["new-entrants", { date: "2025-04-22", window: 90, author: "kblab" }],
  ...[1, 3, 10, 100, 10_000].flatMap(
    (k): Array<[string, Record<string, unknown>]> => [
      ["concentration", { k }],
      ["concentration", { k, date: "2024-07-11" }],
      ["top-model-shares", { k, date: "2024-07-11" }],
      ["top-org-shares", { k, date: "2024-07-11" }],
    ],
  ),
  ["concentration", { date: "2024-08-11" }],
  ["concentration", { date: "2022-02-18", k: 5 }],
  ["concentration", { date: "2030-01-01" }],
  ["top-model-shares", {}],
  ["top-model-shares", { date: "2025-12-08", k: 20 }],
  ["top-model-shares", { date: "2030-01-01" }],
  ["top-org-shares", {}],
  ["top-org-shares", { date: "2024-08-11", k: 5 }],
  ["top-org-shares", { date: "2030-01-01", k: 2 }],
  ["snapshot-near", { target: "2024-07-15", tolerance: 10 }],
  ["snapshot-near", { target: "2024-07-06", tolerance: 5 }],
  ["snapshot-near", { target: "2024-07-16", tolerance: 3 }],
  ["snapshot-near", { target: "2024-08-11", tolerance: 0 }],
  ["snapshot-near", { target: "2021-01-01", tolerance: 30 }],
  ["snapshot-near", { target: "2027-01-01", tolerance: 3660 }],
  ["previous-snapshot", { date: "2024-08-11" }],
  ["previous-snapshot", { date: "2024-07-11" }],
  ["previous-snapshot", { date: "2022-02-18" }],
  ["previous-snapshot", { date: "2030-01-01" }],
  ["model-changes", { date: "2024-08-11", base: "2024-07-11", limit: 100 }],
  ["model-changes", { date: "2024-07-11", base: "2024-07-01" }],
  ["model-changes", { date: "2026-08-19", base: "2022-02-18", limit: 3 }],
  ["model-changes", { date: "2026-01-06", base: "2025-12-08", limit: 50 }],
  ["model-changes", { date: "2024-08-11", base: "2030-01-01" }],
  ["entrants-since", { date: "2024-07-11", base: "2024-07-01", limit: 20 }],
  ["entrants-since", { date: "2024-08-11", base: "2024-07-11" }],
  ["entrants-since", { date: "2025-02-19", base: "2025-01-20", limit: 3 }],
  ["entrants-since", { date: "2024-07-11", base: "2030-01-01", limit: 5 }],
  ["prices", { shipped: PRICES }],
  ["prices", { shipped: PRICES, as_of: "2024-01-01" }],
  ["prices", { shipped: PRICES, as_of: "2023-03-14", limit: 50 }],
  ["prices", { shipped: PRICES, as_of: "2020-01-01" }],
  ["prices", { shipped: PRICES, provider: "OpenAI", model: "GPT-4" }],
  ["prices", { shipped: PRICES, provider: "anthropic", as_of: "2024-06-01" }],
  ["prices", { shipped: PRICES, model: HOSTILE }],
  ["price-lookup", { shipped: PRICES, model: "gpt-4" }],
  ["price-lookup", { shipped: PRICES, model: "openai/gpt-4", as_of: "2023-06-01" }],
  ["price-lookup", { shipped: PRICES, model: "GPT-3.5-turbo", as_of: "2023-03-14" }],
  ["price-lookup", { shipped: PRICES, model: HOSTILE }],
  ["price-first-date", { shipped: PRICES, model: "gpt-4" }],
  ["price-first-date", { shipped: PRICES, model: "OpenAI/GPT-4" }],
  ["price-first-date", { shipped: PRICES, model: "no/such" }],
  // retirement: a retired model is never in force (the shipped `retired` column, LiteLLM's deprecation_date)
  ["prices", { shipped: PRICES, as_of: "2026-12-02", model: "claude" }],
  ["prices", { shipped: PRICES, as_of: "2026-12-02", model: "claude", include_retired: true }],
  ["prices", { shipped: PRICES, as_of: "2026-12-02", model: "qwen3-235b-a22b-instruct-2507" }],
  ["price-lookup", { shipped: PRICES, model: "claude-2", as_of: "2026-12-02" }],
  ["price-lookup", { shipped: PRICES, model: "claude-2", as_of: "2025-01-01" }],
  ["price-lookup", { shipped: PRICES, model: "claude-3-7-sonnet-20250219", as_of: "2026-01-01" }],
  ["price-lookup", { shipped: PRICES, model: "claude-3-7-sonnet-20250219", as_of: "2026-03-01" }],
  ["price-lookup", { shipped: PRICES, model: "gpt-5", as_of: "2026-12-02" }],
  ["price-first-date", { shipped: PRICES, model: "claude-2" }],
  ["price-first-date", { shipped: PRICES, model: "anthropic/claude-3-7-sonnet-20250219" }],
];
