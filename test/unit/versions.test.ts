/** Version labels (family patterns and the generic rule) and the group-by-version totals. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type Family, findFamily, isOfficial, loadFamilies } from "../../src/domain/families.js";
import { genericVersionOf, groupVersions, OTHER_VERSION, versionOf } from "../../src/domain/versions.js";
import { ROOT } from "../helpers.js";

const subset: Array<{ id: string; downloads: number }> = readFileSync(
  path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl"),
  "utf8",
)
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as { id: string; downloads: number });

const families = await loadFamilies();
const fam = (name: string): Family => findFamily(families, name);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** The 13 lmsys/vicuna repos of the July-2024 listing, by downloads, with their expected labels. */
const VICUNA: Array<[string, number, string]> = [
  ["lmsys/vicuna-7b-v1.5", 492_274, "7b v1.5"],
  ["lmsys/vicuna-13b-v1.5", 114_438, "13b v1.5"],
  ["lmsys/vicuna-13b-v1.5-16k", 31_004, "13b v1.5 16k"],
  ["lmsys/vicuna-7b-v1.3", 22_277, "7b v1.3"],
  ["lmsys/vicuna-13b-v1.3", 9_880, "13b v1.3"],
  ["lmsys/vicuna-33b-v1.3", 7_481, "33b v1.3"],
  ["lmsys/vicuna-7b-v1.1", 6_225, "7b v1.1"],
  ["lmsys/vicuna-7b-v1.5-16k", 6_030, "7b v1.5 16k"],
  ["lmsys/vicuna-13b-v1.1", 2_083, "13b v1.1"],
  ["lmsys/vicuna-7b-delta-v1.1", 1_920, "7b delta v1.1"],
  ["lmsys/vicuna-13b-delta-v1.1", 1_469, "13b delta v1.1"],
  ["lmsys/vicuna-7b-delta-v0", 128, "7b delta v0"],
  ["lmsys/vicuna-13b-delta-v0", 25, "13b delta v0"],
];

describe("versionOf", () => {
  it("labels the 13 lmsys/vicuna repos by size, delta, version and context", () => {
    const vicuna = fam("vicuna");
    for (const [id, , label] of VICUNA) {
      expect(versionOf(vicuna, id), id).toBe(label);
      expect(versionOf(vicuna, id.split("/")[1] ?? ""), id).toBe(label);
    }
  });

  it("labels Llama 2 (size, chat, hf) and its untagged derivatives", () => {
    const llama2 = fam("llama-2");
    expect(versionOf(llama2, "Llama-2-13b-chat-hf")).toBe("13b chat hf");
    expect(versionOf(llama2, "Llama-2-70b")).toBe("70b");
    expect(versionOf(llama2, "TheBloke/Llama-2-7B-Chat-GGUF")).toBe("7b chat");
    expect(versionOf(llama2, "Meta-Llama-3-8B")).toBeNull();
  });

  it("labels Llama 3 with its point release", () => {
    const llama3 = fam("llama-3");
    expect(versionOf(llama3, "Meta-Llama-3-8B-Instruct")).toBe("3 8b instruct");
    expect(versionOf(llama3, "Llama-3.1-405B")).toBe("3.1 405b");
    expect(versionOf(llama3, "Llama-3.2-11B-Vision-Instruct")).toBe("3.2 11b vision-instruct");
    expect(versionOf(llama3, "Llama-3.3-70B-Instruct")).toBe("3.3 70b instruct");
    expect(versionOf(llama3, "unsloth/llama-3-8b-bnb-4bit")).toBe("3 8b");
  });

  // Real repo names of the July-2024 listing (and a few later ones) for every shipped family.
  const cases: Array<[string, string, string | null]> = [
    ["mistral", "Mistral-7B-Instruct-v0.2", "7b instruct v0.2"],
    ["mistral", "Mistral-7B-v0.1", "7b v0.1"],
    ["mistral", "Mistral-Nemo-Instruct-2407", "nemo instruct 2407"],
    ["mixtral", "Mixtral-8x22B-Instruct-v0.1", "8x22b instruct v0.1"],
    ["falcon", "falcon-7b-instruct", "7b instruct"],
    ["falcon", "falcon-rw-1b", "rw 1b"],
    ["falcon", "Falcon3-7B-Instruct", "3 7b instruct"],
    ["mpt", "mpt-7b-8k-chat", "7b 8k chat"],
    ["mpt", "mpt-1b-redpajama-200b-dolly", "1b redpajama-200b-dolly"],
    ["gemma", "gemma-2-9b-it", "2 9b it"],
    ["gemma", "gemma-7b", "7b"],
    ["gemma", "codegemma-1.1-7b-it-GGUF", "code 1.1 7b it"],
    ["gemma", "paligemma-3b-mix-224", "pali 3b mix"],
    ["qwen", "Qwen2-7B-Instruct", "2 7b instruct"],
    ["qwen", "Qwen1.5-MoE-A2.7B-Chat", "1.5 moe a2.7b chat"],
    ["qwen", "Qwen2-57B-A14B-Instruct", "2 57b a14b instruct"],
    ["qwen", "CodeQwen1.5-7B-Chat", "code 1.5 7b chat"],
    ["qwen", "Qwen-VL-Chat", "vl chat"],
    ["qwen", "Qwen-tokenizer", null],
    ["phi", "Phi-3-mini-4k-instruct", "3 mini 4k instruct"],
    ["phi", "phi-1_5", "1_5"],
    ["phi", "phi-2", "2"],
    ["deepseek", "deepseek-coder-6.7b-instruct", "coder 6.7b instruct"],
    ["deepseek", "DeepSeek-Coder-V2-Lite-Instruct", "coder v2 lite instruct"],
    ["deepseek", "DeepSeek-V2-Chat", "v2 chat"],
    ["bloom", "bloom", "bloom"],
    ["bloom", "bloomz-7b1-mt", "bloomz 7b1 mt"],
    ["bloom", "bloom-560m", "bloom 560m"],
    ["stable-diffusion", "stable-diffusion-v1-5", "1-5"],
    ["stable-diffusion", "stable-diffusion-v-1-4-original", "1-4"],
    ["stable-diffusion", "stable-diffusion-xl-base-1.0", "xl base"],
    ["stable-diffusion", "stable-diffusion-2-1-base", "2-1 base"],
    ["stable-diffusion", "sdxl-turbo", "xl turbo"],
    ["stable-diffusion", "stable-diffusion-3-medium", "3 medium"],
    ["whisper", "whisper-large-v3", "large v3"],
    ["whisper", "whisper-small.en", "small en"],
    ["bert", "bert-base-uncased", "base uncased"],
    ["bert", "bert-base-multilingual-cased", "base multilingual cased"],
    ["bert", "bert-large-uncased-whole-word-masking-finetuned-squad", "large uncased whole-word-masking squad"],
    ["code-llama", "CodeLlama-34b-Python-hf", "34b python"],
    // 2025-26 families and versions (names from the shared 2026 daily lists)
    ["llama-3", "Meta-Llama-3.1-8B-Instruct", "3.1 8b instruct"],
    ["llama-4", "Llama-4-Scout-17B-16E-Instruct", "scout 17b 16e instruct"],
    ["llama-4", "Llama-4-Maverick-17B-128E-Original", "maverick 17b 128e original"],
    ["gpt-oss", "gpt-oss-120b", "120b"],
    ["qwen", "Qwen3-30B-A3B-Instruct-2507", "3 30b a3b instruct 2507"],
    ["qwen", "Qwen3-Embedding-0.6B", "3 embedding 0.6b"],
    ["qwen", "QwQ-32B", "qwq 32b"],
    ["qwen", "Qwen2.5-Coder-32B-Instruct", "2.5 coder 32b instruct"],
    ["deepseek", "DeepSeek-R1-Distill-Qwen-32B", "r1 distill-qwen 32b"],
    ["deepseek", "DeepSeek-V3-0324", "v3 0324"],
    ["gemma", "gemma-3n-E4B-it", "3n e4b it"],
    ["gemma", "medgemma-4b-it", "med 4b it"],
    ["gemma", "embeddinggemma-300m", "embedding 300m"],
    ["gemma", "paligemma2-3b-pt-224", "pali 2 3b pt"],
    ["mistral", "Mistral-Small-3.1-24B-Instruct-2503", "small 3.1 24b instruct 2503"],
    ["mistral", "Codestral-22B-v0.1", "codestral 22b v0.1"],
    ["mistral", "Magistral-Small-2506", "magistral small 2506"],
    ["phi", "Phi-4-multimodal-instruct", "4 multimodal instruct"],
    ["phi", "Phi-3.5-MoE-instruct", "3.5 moe instruct"],
    ["kimi", "Kimi-K2-Instruct", "k2 instruct"],
    ["glm", "GLM-4.5-Air", "4.5 air"],
    ["glm", "chatglm3-6b", "chat 3 6b"],
    ["minimax", "MiniMax-M2.5", "m2.5"],
    ["smollm", "SmolLM2-1.7B-Instruct", "2 1.7b instruct"],
    ["olmo", "OLMo-2-1124-13B-Instruct", "2 1124 13b instruct"],
    ["granite", "granite-3b-code-instruct", "3b code instruct"],
    ["nemotron", "Nemotron-4-340B-Instruct", "4 340b instruct"],
    ["flux", "FLUX.1-Kontext-dev", "1 kontext dev"],
    ["wan", "Wan2.1-T2V-14B", "2.1 t2v 14b"],
    ["sentence-transformers", "all-MiniLM-L6-v2", "all minilm l6 v2"],
    ["bge", "bge-small-en-v1.5", "small en v1.5"],
    ["e5", "multilingual-e5-large-instruct", "multilingual large instruct"],
    ["nomic", "nomic-embed-text-v1.5", "text v1.5"],
  ];
  for (const [family, name, label] of cases) {
    it(`${family}: ${name} → ${label}`, () => {
      expect(versionOf(fam(family), name)).toBe(label);
    });
  }

  it("gives every official repo of the subset a label in its family", () => {
    for (const r of subset) {
      for (const f of families) if (isOfficial(f, r.id)) expect(versionOf(f, r.id), r.id).not.toBeNull();
    }
  });

  it("falls back to the generic rule for a family without a versions pattern", () => {
    const bare: Family = { ...fam("vicuna"), versions: null };
    expect(versionOf(bare, "lmsys/vicuna-7b-v1.5-16k")).toBe("7b v1.5 16k");
  });
});

describe("groupVersions", () => {
  const vicunaRows = subset.filter((r) => r.id.startsWith("lmsys/vicuna"));

  it("groups the lmsys/vicuna repos into 13 labelled versions whose shares sum to 1", () => {
    const groups = groupVersions(vicunaRows, fam("vicuna"));
    expect(groups.map((g) => g.version)).toEqual(VICUNA.map(([, , label]) => label));
    expect(groups.map((g) => g.downloads)).toEqual(VICUNA.map(([, d]) => d));
    expect(groups.every((g) => g.repos === 1)).toBe(true);
    expect(sum(groups.map((g) => g.downloads))).toBe(695_234);
    expect(sum(groups.map((g) => g.share))).toBeCloseTo(1, 12);
    expect(groups[0]).toEqual({
      version: "7b v1.5",
      repos: 1,
      downloads: 492_274,
      share: 492_274 / 695_234,
      ids: ["lmsys/vicuna-7b-v1.5"],
    });
  });

  it("puts the lmsys repos that are not Vicuna under `other`", () => {
    const groups = groupVersions(
      subset.filter((r) => r.id.startsWith("lmsys/")),
      fam("vicuna"),
    );
    const other = groups.find((g) => g.version === OTHER_VERSION);
    expect(other?.ids).toEqual([
      "lmsys/fastchat-t5-3b-v1.0",
      "lmsys/longchat-13b-16k",
      "lmsys/longchat-7b-v1.5-32k",
      "lmsys/longchat-7b-16k",
      "lmsys/toxicchat-t5-large-v1.0",
    ]);
    expect(groups[0]?.version).toBe(OTHER_VERSION); // fastchat-t5 alone has 588,567 downloads
    expect(sum(groups.map((g) => g.share))).toBeCloseTo(1, 12);
  });

  it("groups the 12 Llama 2 repos by size, chat and format", () => {
    const llama2 = fam("llama-2");
    const groups = groupVersions(
      subset.filter((r) => isOfficial(llama2, r.id)),
      llama2,
    );
    expect(groups.map((g) => [g.version, g.downloads])).toEqual([
      ["7b hf", 1_326_896],
      ["13b chat hf", 1_323_310],
      ["7b chat hf", 865_927],
      ["70b chat hf", 121_503],
      ["13b hf", 73_874],
      ["70b hf", 68_724],
      // Ties at 0 downloads: by label.
      ["13b", 0],
      ["13b chat", 0],
      ["70b", 0],
      ["70b chat", 0],
      ["7b", 0],
      ["7b chat", 0],
    ]);
    expect(sum(groups.map((g) => g.downloads))).toBe(3_780_234);
  });

  it("adds up repos of one version and lists them by downloads", () => {
    const groups = groupVersions(
      [
        { id: "a/vicuna-7b-v1.5", downloads: 5 },
        { id: "b/vicuna-7b-v1.5-GGUF", downloads: 20 },
        { id: "c/vicuna-7B-v1.5-AWQ", downloads: null },
        { id: "d/something-else", downloads: 25 },
      ],
      fam("vicuna"),
    );
    expect(groups).toEqual([
      {
        version: "7b v1.5",
        repos: 3,
        downloads: 25,
        share: 0.5,
        ids: ["b/vicuna-7b-v1.5-GGUF", "a/vicuna-7b-v1.5", "c/vicuna-7B-v1.5-AWQ"],
      },
      { version: OTHER_VERSION, repos: 1, downloads: 25, share: 0.5, ids: ["d/something-else"] },
    ]);
  });

  it("gives shares of 0 when nothing was downloaded, and nothing for no rows", () => {
    const groups = groupVersions(
      [
        { id: "meta-llama/Llama-2-7b", downloads: 0 },
        { id: "meta-llama/Llama-2-13b", downloads: null },
      ],
      fam("llama-2"),
    );
    expect(groups.map((g) => [g.version, g.share])).toEqual([
      ["13b", 0],
      ["7b", 0],
    ]);
    expect(groupVersions([], fam("llama-2"))).toEqual([]);
  });

  it("uses the generic rule without a family", () => {
    const groups = groupVersions(
      subset.filter((r) => r.id.startsWith("meta-llama/Meta-Llama-")),
      null,
    );
    expect(groups.map((g) => g.version)).toEqual(["8b 3 instruct", "8b 3", "70b 3 instruct", "70b 3", "8b 2"]);
    expect(groups[4]?.ids).toEqual(["meta-llama/Meta-Llama-Guard-2-8B"]);
  });
});

describe("genericVersionOf", () => {
  const cases: Array<[string, string | null]> = [
    ["meta-llama/Llama-2-7b-chat-hf", "7b 2 chat hf"],
    ["meta-llama/Meta-Llama-3-8B-Instruct", "8b 3 instruct"],
    ["meta-llama/Meta-Llama-Guard-2-8B", "8b 2"],
    ["meta-llama/CodeLlama-34b-Python-hf", "34b hf"],
    ["mistralai/Mistral-7B-Instruct-v0.2", "7b v0.2 instruct"],
    ["mistralai/Mixtral-8x7B-Instruct-v0.1", "8x7b v0.1 instruct"],
    ["mistralai/Mistral-Nemo-Instruct-2407", "2407 instruct"],
    ["Qwen/Qwen2-7B-Instruct", "7b 2 instruct"],
    ["Qwen/Qwen1.5-1.8B-Chat-GPTQ-Int4", "1.8b 1.5 chat gptq int4"],
    ["Qwen/Qwen-1_8B-Chat", "1.8b chat"],
    ["microsoft/Phi-3-mini-4k-instruct", "mini 3 4k instruct"],
    ["microsoft/phi-1_5", "1.5"],
    ["lmsys/vicuna-7b-v1.5-16k", "7b v1.5 16k"],
    ["lmsys/vicuna-13b-delta-v0", "13b v0 delta"],
    ["lmsys/fastchat-t5-3b-v1.0", "3b v1.0"],
    ["TheBloke/Llama-2-7B-Chat-GGUF", "7b 2 chat gguf"],
    ["openai/whisper-large-v3", "large v3"],
    ["google-bert/bert-base-uncased", "base uncased"],
    ["google/gemma-2-9b-it", "9b 2 it"],
    ["bigscience/bloom-560m", "560m"],
    ["tiiuae/falcon-180B-chat", "180b chat"],
    ["deepseek-ai/deepseek-coder-6.7b-instruct", "6.7b coder instruct"],
    ["stabilityai/stable-diffusion-xl-base-1.0", "xl 1.0 base"],
    ["MIT/ast-finetuned-audioset-10-10-0.4593", "10"],
    ["sentence-transformers/all-MiniLM-L6-v2", "v2"],
    ["openai/clip-vit-large-patch14", "large"],
    ["pyannote/segmentation", null],
  ];
  for (const [id, label] of cases) {
    it(`${id} → ${label}`, () => {
      expect(genericVersionOf(id)).toBe(label);
    });
  }
});
