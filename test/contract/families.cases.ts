/**
 * Parameter sets of the catalog queries that use the family lineage walk (families.ts, openness.ts), for contract
 * tests comparing stores: official patterns as the family registry produces them (`officialSqlParams`), relation
 * filters, depths 0–2 and the default, name patterns, case-insensitive flags, and hostile text.
 */

const LLAMA2 = { official: "^(?:meta-llama/(?:llama-2-))", names: "(?:llama[-_ ]?2(?:[^0-9]|$))" };
const VICUNA = { official: "^(?:lmsys/(?:vicuna))", names: "(?:vicuna)" };
const MISTRAL = { official: "^(?:mistralai/(?:mistral-))", names: "(?:/[^/]*mistral)" };
const CODE_LLAMA = { official: "^(?:meta-llama/(?:codellama-)|codellama/(?:codellama-))", names: "(?:code-?llama)" };
/** Several official parents of one merge at the same depth (the walk keeps the smallest parent key). */
const META = { official: "^(?:meta-llama/|codellama/|lmsys/)", names: null };
/** A leading inline flag (18.16's `match` ignores a leading `(?i)` in its prefilter). */
const FLAGGED = { official: "(?i)^META-LLAMA/LLAMA-2-", names: "(?i)LLAMA-?2-7B" };
const HOSTILE = "x'; DROP TABLE model; -- \\\\ \" ` $official family_walk é 😀";

const FAMILY_QUERIES = ["family-totals", "family-breakdown", "family-members", "family-name-only", "family-tree"];

/** The family parameter sets every family query runs with. */
const JULY = { date: "2024-07-11" };
const FAMILY_SETS: Array<Record<string, unknown>> = [
  { ...LLAMA2 },
  { ...LLAMA2, ...JULY },
  { ...LLAMA2, ...JULY, names: null },
  { ...LLAMA2, ...JULY, depth: 0 },
  { ...LLAMA2, ...JULY, depth: 1 },
  { ...LLAMA2, ...JULY, depth: 2, relations: "finetune,adapter,quantized,merge,unknown" },
  { ...LLAMA2, relations: "quantized" },
  { ...LLAMA2, ...JULY, relations: "finetune,merge" },
  { ...LLAMA2, ...JULY, relations: "unknown", depth: 3 },
  { ...LLAMA2, date: "2025-01-22", depth: 1 },
  { ...LLAMA2, date: "2020-01-01" },
  { ...VICUNA, ...JULY },
  { ...VICUNA, ...JULY, depth: 1, relations: "unknown" },
  { ...MISTRAL, ...JULY },
  { ...MISTRAL, ...JULY, depth: 2 },
  { ...CODE_LLAMA, ...JULY },
  { ...META, ...JULY },
  { ...META, ...JULY, depth: 1 },
  { ...META },
  { ...FLAGGED, ...JULY },
  { official: "^no-such-author/", names: "zzz-no-match", ...JULY },
  { official: HOSTILE, names: HOSTILE, ...JULY },
];

const cases: Array<[string, Record<string, unknown>]> = [];
for (const name of FAMILY_QUERIES)
  for (const set of FAMILY_SETS) {
    const limit = name === "family-members" || name === "family-name-only" ? { limit: 100_000 } : {};
    cases.push([name, { ...set, ...limit }]);
  }
cases.push(
  ["family-members", { ...LLAMA2, limit: 7 }],
  ["family-members", { ...META, limit: 25 }],
  ["family-name-only", { ...MISTRAL, limit: 3 }],
);
for (const id of [
  "meta-llama/Llama-2-7b-chat-hf",
  "TheBloke/Llama-2-7B-Chat-GGUF",
  "example-org/Llama-2-7b-chat-AWQ",
  "YRJU/llama-2-7b-codellama-7b-dare-ties",
  "thebloke/llama-2-7b-gguf",
  "no/such-model",
  HOSTILE,
]) {
  cases.push(["family-explain", { ...LLAMA2, id }]);
  cases.push(["family-explain", { ...META, ...JULY, id }]);
}
cases.push(
  ["family-explain", { ...LLAMA2, depth: 1, relations: "quantized", id: "example-org/Llama-2-7b-chat-AWQ" }],
  ["family-explain", { ...LLAMA2, names: "(?:llama[-_ ]?2)", depth: 0, id: "TheBloke/Llama-2-7B-Chat-GGUF" }],
  ["family-explain", { ...FLAGGED, id: "TheBloke/Llama-2-7B-Chat-GGUF" }],
  ["family-explain", { ...MISTRAL, ...JULY, id: "TheBloke/Mistral-7B-Instruct-v0.2-GGUF" }],
  ["family-explain", { ...LLAMA2, ...JULY, id: "TheBloke/Llama-2-7B-Chat-GGUF" }],
);

/** Series of a family over every snapshot, per scope and bucket. */
for (const [fam, extra] of [
  [LLAMA2, {}],
  [LLAMA2, { scope: "official" }],
  [LLAMA2, { scope: "derivatives", depth: 1 }],
  [LLAMA2, { scope: "total", relations: "quantized", bucket: "day" }],
  [LLAMA2, { bucket: "month", from: "2024-07-01", to: "2024-12-31" }],
  [META, { scope: "derivatives" }],
  [MISTRAL, { bucket: "week" }],
  [{ official: HOSTILE }, {}],
] as const)
  cases.push(["family-series", { official: fam.official, ...extra }]);

/** Openness: family scope given or not. */
const SCOPES: Array<Record<string, unknown>> = [
  {},
  { ...JULY },
  { official: LLAMA2.official },
  { official: LLAMA2.official, ...JULY },
  { official: LLAMA2.official, ...JULY, depth: 1 },
  { official: LLAMA2.official, ...JULY, relations: "quantized,finetune" },
  { official: MISTRAL.official, ...JULY, depth: 2 },
  { official: META.official, ...JULY },
  { official: FLAGGED.official, ...JULY },
  { official: HOSTILE, ...JULY },
];
for (const scope of SCOPES) {
  cases.push(["openness-by-class", { ...scope }]);
  cases.push(["openness-series", { ...scope }]);
  cases.push(["licence-drift", { ...scope }]);
}
cases.push(
  ["openness-by-class", { date: "2024-07-11", task: "text-generation" }],
  ["openness-by-class", { date: "2024-07-11" }],
  ["openness-by-class", { date: "2025-01-22", official: LLAMA2.official }],
  ["openness-by-class", { date: "2020-01-01" }],
  ["openness-by-class", { task: "TEXT-generation", official: LLAMA2.official, depth: 0 }],
  ["openness-by-class", { task: HOSTILE }],
  ["openness-series", { task: "text-generation" }],
  ["openness-series", { task: "question-answering", official: META.official }],
  ["licence-drift", { relation: "quantized" }],
  ["licence-drift", { relation: "unknown", limit: 5, ...JULY }],
  ["licence-drift", { relation: "merge", ...JULY }],
  ["licence-drift", { task: "text-generation", official: LLAMA2.official, relation: "unknown", limit: 10 }],
  ["licence-drift", { date: "2024-07-11", official: MISTRAL.official }],
  ["licence-drift", { date: "2020-01-01" }],
  ["licence-drift", { official: "^no-such-author/" }],
);

/** Query name and parameters of every case. */
export const CASES: Array<[string, Record<string, unknown>]> = cases;
