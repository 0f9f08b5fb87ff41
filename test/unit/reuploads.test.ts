/**
 * The re-upload rule (src/domain/reuploads.ts, data/reuploaders.yaml) on real repo names of the 2024-07-11 listing:
 * which names mirror which official repo, and which stay unlinked.
 */
import { describe, expect, it } from "vitest";
import { loadFamilies } from "../../src/domain/families.js";
import { loadReuploaders, mirrorName, reuploadLinks } from "../../src/domain/reuploads.js";
import { relationsLabel, relationsParam } from "../../src/queries/params/families.js";

const rules = await loadReuploaders();
const families = await loadFamilies();

/** Official repos of the 2024-07-11 listing (ids as the Hub shows them) and a non-official one. */
const TARGETS = [
  "meta-llama/Meta-Llama-3-8B",
  "meta-llama/Meta-Llama-3-8B-Instruct",
  "meta-llama/Meta-Llama-3-70B-Instruct",
  "meta-llama/Llama-2-7b",
  "meta-llama/Llama-2-7b-hf",
  "meta-llama/Llama-2-7b-chat",
  "meta-llama/Llama-2-7b-chat-hf",
  "mistralai/Mistral-7B-Instruct-v0.2",
  "mistralai/Mistral-7B-v0.1",
  "openai/whisper-medium",
  "codellama/CodeLlama-70b-Python-hf",
  "meta-llama/Meta-Llama-Guard-2-8B",
].map((id) => ({ key: id.toLowerCase(), id }));

const link = (...ids: string[]) =>
  reuploadLinks(
    ids.map((id) => ({ date: "2024-07-11", key: id.toLowerCase(), id })),
    TARGETS,
    rules,
    families,
  ).map((l) => [l.childKey, l.parentId]);

describe("re-upload rule", () => {
  it("strips packaging words and Meta's prefix: the mirrored name", () => {
    expect(mirrorName("Meta-Llama-3-8B", rules)).toBe("llama-3-8b");
    expect(mirrorName("llama-3-8b-Instruct-bnb-4bit", rules)).toBe("llama-3-8b-instruct");
    expect(mirrorName("Llama-2-7B-Chat-GGUF", rules)).toBe("llama-2-7b-chat");
    expect(mirrorName("TinyLlama-1.1B-32k-Instruct-3.0bpw-h6-exl2", rules)).toBe("tinyllama-1.1b-32k-instruct");
    expect(mirrorName("Mistral-7B-Instruct-v0.2-Q4_K_M", rules)).toBe("mistral-7b-instruct-v0.2");
    expect(mirrorName("meta-llama_-_Meta-Llama-3-8B-4bits", rules, false)).toBe("meta-llama_-_meta-llama-3-8b");
  });

  it("links re-uploads without lineage tags to the official repo their name mirrors", () => {
    expect(
      link(
        "unsloth/llama-3-8b-bnb-4bit",
        "unsloth/llama-3-8b-Instruct-bnb-4bit",
        "NousResearch/Llama-2-7b-chat-hf",
        "TheBloke/Llama-2-7B-fp16",
        "mlx-community/whisper-medium-mlx",
        "RichardErkhov/codellama_-_CodeLlama-70b-Python-hf-gguf",
        "bartowski/Meta-Llama-3-70B-Instruct-GGUF",
        "PrunaAI/meta-llama-Meta-Llama-3-8B-Instruct-AWQ-4bit-smashed",
      ),
    ).toEqual([
      ["unsloth/llama-3-8b-bnb-4bit", "meta-llama/Meta-Llama-3-8B"],
      ["unsloth/llama-3-8b-instruct-bnb-4bit", "meta-llama/Meta-Llama-3-8B-Instruct"],
      // the exact name wins over the original-format repo of the same release
      ["nousresearch/llama-2-7b-chat-hf", "meta-llama/Llama-2-7b-chat-hf"],
      // several official repos mirror "llama-2-7b": the smallest key
      ["thebloke/llama-2-7b-fp16", "meta-llama/Llama-2-7b"],
      ["mlx-community/whisper-medium-mlx", "openai/whisper-medium"],
      ["richarderkhov/codellama_-_codellama-70b-python-hf-gguf", "codellama/CodeLlama-70b-Python-hf"],
      ["bartowski/meta-llama-3-70b-instruct-gguf", "meta-llama/Meta-Llama-3-70B-Instruct"],
      ["prunaai/meta-llama-meta-llama-3-8b-instruct-awq-4bit-smashed", "meta-llama/Meta-Llama-3-8B-Instruct"],
    ]);
  });

  it("leaves names that mirror no official repo unlinked (community fine-tunes, other versions)", () => {
    expect(
      link(
        "bartowski/dolphin-2.9.3-Yi-1.5-34B-32k-GGUF",
        "NousResearch/Hermes-2-Theta-Llama-3-70B-GGUF",
        "unsloth/mistral-7b-bnb-4bit", // mirrors Mistral-7B-v0.1 by intent, but not by name: no link
        "RichardErkhov/quantumaikr_-_QuantumLM-70B-hf-gguf",
      ),
    ).toEqual([]);
  });

  it("only official repos are targets", () => {
    const notOfficial = [{ key: "someone/llama-3-8b", id: "someone/llama-3-8b" }];
    const c = [{ date: "2024-07-11", key: "unsloth/llama-3-8b", id: "unsloth/llama-3-8b" }];
    expect(reuploadLinks(c, notOfficial, rules, families)).toEqual([]);
  });

  it("relations: re-uploads are followed only when named; `all` is every stated relation", () => {
    expect(relationsParam(undefined)).toBeNull();
    expect(relationsParam("all")).toBeNull();
    expect(relationsParam(" ALL, reupload")).toBe("finetune,adapter,quantized,merge,unknown,reupload");
    expect(relationsParam("quantized,reupload,quantized")).toBe("quantized,reupload");
    expect(relationsLabel(null)).toBe("all");
    expect(relationsLabel(relationsParam("all,reupload"))).toBe("all,reupload");
    expect(relationsLabel("quantized")).toBe("quantized");
  });
});
