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
/** Llama 3, whose re-uploads (relation `reupload`, issue 11) are followed only when named. */
const LLAMA3 = { official: "^(?:meta-llama/(?:(?:meta-)?llama-3(?:\\.[0-9]+)?-))", names: null };
const WITH_REUPLOADS = "finetune,adapter,quantized,merge,unknown,reupload";

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

/**
 * Every family in one statement (families-ranking): the families above side by side, META overlapping Llama 2, Code
 * Llama and Vicuna (their official repos count in each), with the walk options and dates of the family sets.
 */
const RANKED = {
  families: ["llama-2", "vicuna", "mistral", "code-llama", "meta", "flagged", "none"],
  officials: [LLAMA2, VICUNA, MISTRAL, CODE_LLAMA, META, FLAGGED].map((f) => f.official).concat("^no-such-author/"),
};
for (const extra of [
  {},
  { ...JULY },
  { ...JULY, depth: 0 },
  { ...JULY, depth: 1 },
  { relations: "quantized" },
  { ...JULY, relations: "finetune,merge", depth: 2 },
  { ...JULY, relations: WITH_REUPLOADS },
  { date: "2025-01-22", depth: 1 },
  { date: "2020-01-01" },
])
  cases.push(["families-ranking", { ...RANKED, ...extra }]);
cases.push(
  ["families-ranking", { families: ["x'; DROP", HOSTILE], officials: [HOSTILE, LLAMA2.official], ...JULY }],
  ["families-ranking", { families: ["llama-3"], officials: [LLAMA3.official], relations: WITH_REUPLOADS }],
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

/**
 * Re-uploads (issue 11): links of the name rule (relation `reupload`, written at commit by both stores) followed only
 * when named. The sample lists unsloth/llama-3-8b-bnb-4bit and NousResearch's mirrors of the Llama repos.
 */
for (const name of ["family-totals", "family-breakdown", "family-tree"]) {
  cases.push([name, { ...LLAMA3, ...JULY }]);
  cases.push([name, { ...LLAMA3, ...JULY, relations: WITH_REUPLOADS }]);
  cases.push([name, { ...LLAMA2, relations: "reupload" }]);
}
cases.push(
  ["family-members", { ...LLAMA3, relations: WITH_REUPLOADS, limit: 100_000 }],
  ["family-explain", { ...LLAMA3, id: "unsloth/llama-3-8b-bnb-4bit" }],
  ["family-explain", { ...LLAMA3, relations: WITH_REUPLOADS, id: "unsloth/llama-3-8b-bnb-4bit" }],
  ["family-series", { official: LLAMA3.official, relations: WITH_REUPLOADS }],
  ["licence-drift", { relation: "reupload" }],
  ["model", { id: "unsloth/llama-3-8b-bnb-4bit" }],
  ["model", { id: "NousResearch/Llama-2-7b-hf" }],
);

/** Like for like (issue 11): the models listed at both snapshots, every model, a family, an organisation. */
const BOTH = { date: "2025-01-22", base: "2024-07-11" };
cases.push(
  ["like-for-like", { ...BOTH }],
  ["like-for-like", { date: "2024-07-11", base: "2025-01-22" }],
  ["like-for-like", { ...BOTH, official: LLAMA2.official }],
  ["like-for-like", { ...BOTH, official: LLAMA2.official, relations: "quantized", depth: 1 }],
  ["like-for-like", { ...BOTH, official: META.official }],
  ["like-for-like", { ...BOTH, author: "META-LLAMA" }],
  ["like-for-like", { ...BOTH, author: "lmsys", match: "vicuna" }],
  ["like-for-like", { ...BOTH, author: HOSTILE, match: "x" }],
  ["like-for-like", { date: "2024-07-11", base: "2024-07-11" }],
  ["like-for-like", { date: "2024-07-11", base: "2020-01-01" }],
);

/** Query name and parameters of every case. */
export const CASES: Array<[string, Record<string, unknown>]> = cases;
