/**
 * Parameter sets of the core catalog queries (snapshots, models, organisations, search) for the contract tests that
 * compare stores, hostile text included.
 */

/** Parameters each query with a ClickHouse form is compared with (hostile text included). */
export const CASES: Array<[string, Record<string, unknown>]> = [
  ["snapshots", {}],
  ["resolve-snapshot", { date: null }],
  ["resolve-snapshot", { date: "2024-07-11" }],
  ["resolve-snapshot", { date: "2020-01-01" }],
  ["top-models", { limit: 50 }],
  ["top-models", { limit: 20, task: "text-generation", license: "LLAMA2" }],
  ["top-models", { limit: 10, author: "thebloke", date: "2024-07-11" }],
  ["top-models", { limit: 5, library: "it's' \\ --" }],
  ["model-history", { id: "TheBloke/Llama-2-7B-Chat-GGUF" }],
  ["org-totals", { author: "LMSYS", match: "vicuna" }],
  ["org-totals", { author: "meta-llama", match: "^llama-2-" }],
  ["org-totals", { author: "nobody" }],
  ["org-totals", { author: "lmsys", date: "2020-01-01" }],
  ["org-models", { author: "lmsys", match: "vicuna" }],
  ["org-models", { author: "meta-llama" }],
  // no such author (ClickHouse: an empty member set), another spelling at a date without snapshot
  ["org-models", { author: "nobody" }],
  ["org-models", { author: "META-LLAMA", date: "2020-01-01" }],
  ["search-models", { q: "llama-2", limit: 50 }],
  ["search-models", { q: "'; DROP TABLE model; --", limit: 5 }],
  ["search-orgs", { q: "meta", limit: 20 }],
  ["search-orgs", { q: "a", limit: 100 }],
  ["model", { id: "thebloke/llama-2-7b-chat-gguf" }],
  ["model", { id: "meta-llama/Llama-2-7b-hf", date: "2024-07-11" }],
  ["model", { id: "MIT/ast-finetuned-audioset-10-10-0.4593" }],
  ["model", { id: "no/such-model" }],
  ["model", { id: "deepset/roberta-base-squad2" }],
  ["model", { id: "00000-x/dolphin-2.6-fc_hermes-2-dpo" }],
  ["model", { id: "example-org/Llama-2-7b-chat-AWQ" }],
  ["model", { id: "meta-llama/Llama-2-7b-chat-hf" }],
  // licences stated in model cards (omo ingest --details; the fixture's 84 sample repos tagged other/unknown)
  ["model", { id: "Qwen/Qwen2-72B-Instruct", date: "2024-07-11" }],
  ["model", { id: "qwen/qwen1.5-0.5b" }],
  ["card-licence-candidates", {}],
  ["card-licence-candidates", { date: "2024-07-11", min_downloads: 0, limit: 30 }],
  ["card-licence-candidates", { date: "2024-07-11", min_downloads: 10_000, fetched_since: "2024-07-11" }],
  ["card-licence-candidates", { date: "2024-07-11", min_downloads: 0, fetched_since: "2024-07-12", limit: 10 }],
  ["card-licence-summary", {}],
  ["card-licence-summary", { date: "2024-07-11" }],
  ["card-licence-export", {}],
];
