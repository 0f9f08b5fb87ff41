/**
 * Parameter sets of the catalog queries the dashboard, the alerts and the feeds added (a model's derivatives and
 * parents, new derivatives, organisations ranked with growth, task and library facets), for the contract tests that
 * compare stores: the sample (2024-07-11) and the lineage fixture (2025-01-22) loaded as two snapshots.
 */

const HOSTILE = "x'; DROP TABLE model; -- \\\\ \" ` $id é 😀";

/** Parameters each query is compared with. */
export const CASES: Array<[string, Record<string, unknown>]> = [
  ["model-children", { id: "meta-llama/Llama-2-7b-chat-hf", date: "2024-07-11", limit: 50 }],
  ["model-children", { id: "META-LLAMA/llama-2-7b-chat-hf", limit: 10 }],
  ["model-children", { id: "meta-llama/Llama-2-7b-hf", date: "2024-07-11", relation: "unknown", limit: 5 }],
  ["model-children", { id: "meta-llama/Llama-2-7b-chat-hf", relation: "quantized" }],
  ["model-children", { id: "FacebookAI/roberta-base", date: "2025-01-22" }],
  ["model-children", { id: "no/such-model" }],
  ["model-children", { id: HOSTILE }],
  ["model-children-by-relation", { id: "meta-llama/Llama-2-7b-chat-hf", date: "2024-07-11" }],
  ["model-children-by-relation", { id: "meta-llama/Llama-2-7b-chat-hf" }],
  ["model-children-by-relation", { id: "facebookai/roberta-base" }],
  ["model-children-by-relation", { id: HOSTILE, date: "2020-01-01" }],
  ["model-new-children", { id: "meta-llama/Llama-2-7b-chat-hf", date: "2025-01-22", since: "2024-07-11" }],
  ["model-new-children", { id: "meta-llama/Llama-2-7b-chat-hf", date: "2024-07-11", since: "2024-01-01", limit: 5 }],
  ["model-new-children", { id: "FacebookAI/roberta-base", date: "2025-01-22", since: "2024-07-11" }],
  ["model-new-children", { id: HOSTILE, date: "2025-01-22", since: "2024-07-11" }],
  ["model-parents", { keys: "thebloke/llama-2-7b-chat-gguf" }],
  [
    "model-parents",
    { keys: "deepset/roberta-base-squad2,00000-x/dolphin-2.6-fc_hermes-2-dpo,example-org/Llama-2-7b-chat-AWQ" },
  ],
  ["model-parents", { keys: "meta-llama/llama-2-7b-chat-hf" }],
  ["model-parents", { keys: HOSTILE.replace(/,/g, "") }],
  ["org-ranking", { limit: 30 }],
  ["org-ranking", { date: "2024-07-11", limit: 20 }],
  ["org-ranking", { window: 90, limit: 20 }],
  ["org-ranking", { window: 7, task: "TEXT-generation", limit: 10 }],
  ["org-ranking", { date: "2024-07-11", library: "transformers", limit: 10 }],
  ["org-ranking", { date: "2020-01-01" }],
  ["org-ranking", { task: HOSTILE }],
  ["model-facets", { dimension: "task" }],
  ["model-facets", { dimension: "library", date: "2024-07-11", limit: 20 }],
  ["model-facets", { dimension: "task", date: "2025-01-22" }],
  ["model-facets", { dimension: "library", date: "2020-01-01" }],
];
