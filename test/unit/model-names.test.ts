/** The shared name normaliser and matcher (src/domain/model-names.ts) and the organisation table. */
import { describe, expect, it } from "vitest";
import { loadClosedModels } from "../../src/domain/closed-models.js";
import { loadFamilies } from "../../src/domain/families.js";
import {
  type HubMatchTables,
  hubRepoFromUrl,
  MAX_KEPT_MATCHES,
  matchClosed,
  matchFamily,
  matchHubRepo,
  nameKey,
  OrganisationIndex,
  splitProvider,
} from "../../src/domain/model-names.js";
import { loadOrganisationIndex, parseOrganisations } from "../../src/domain/organisations.js";

describe("nameKey", () => {
  it("unifies case and punctuation", () => {
    expect(nameKey("Claude 3.5 Sonnet (20240620)")).toBe("claude-3-5-sonnet-20240620");
    expect(nameKey("claude-3-5-sonnet-20240620")).toBe("claude-3-5-sonnet-20240620");
    expect(nameKey("Llama-3_1-Nemotron-51B-Instruct")).toBe(nameKey("llama-3.1-nemotron-51b-instruct"));
    expect(nameKey("glm-5.2 (max)")).toBe(nameKey("glm-5.2-max"));
    expect(nameKey("Z.ai")).toBe(nameKey("z-ai"));
    expect(nameKey("  --Ünïcode  ")).toBe("ünïcode");
  });

  it("splits provider prefixes at the last slash", () => {
    expect(splitProvider("openai/gpt-4o")).toEqual({ provider: "openai", model: "gpt-4o" });
    expect(splitProvider("together_ai/meta-llama/Llama-3-70b-chat-hf")).toEqual({
      provider: "together_ai/meta-llama",
      model: "Llama-3-70b-chat-hf",
    });
    expect(splitProvider("gpt-4")).toEqual({ provider: null, model: "gpt-4" });
  });
});

describe("hubRepoFromUrl", () => {
  it("reads model repos and refuses everything else", () => {
    expect(hubRepoFromUrl("https://huggingface.co/Nexusflow/Athene-70B")).toBe("Nexusflow/Athene-70B");
    expect(hubRepoFromUrl("https://huggingface.co/lmsys/vicuna-13b-v1.5/tree/main")).toBe("lmsys/vicuna-13b-v1.5");
    expect(hubRepoFromUrl("https://huggingface.co/spaces/lmsys/chatbot-arena-leaderboard")).toBeNull();
    expect(hubRepoFromUrl("https://huggingface.co/blog/llama2")).toBeNull();
    expect(hubRepoFromUrl("https://huggingface.co/google")).toBeNull();
    expect(hubRepoFromUrl("https://openai.com/index/hello-gpt-4o/")).toBeNull();
    expect(hubRepoFromUrl("not a url")).toBeNull();
    expect(hubRepoFromUrl(null)).toBeNull();
  });
});

describe("organisations", () => {
  it("finds every LMArena spelling of the shipped table, and countries", async () => {
    const idx = await loadOrganisationIndex();
    expect(idx.find("DeepSeek AI")?.name).toBe("DeepSeek");
    expect(idx.find("deepseek-ai")?.country).toBe("CN");
    expect(idx.find("Zhipu AI")?.name).toBe("Z.ai");
    expect(idx.find("z-ai")?.name).toBe("Z.ai");
    expect(idx.find("SpaceXAI")?.name).toBe("xAI");
    expect(idx.find("meta-llama")?.country).toBe("US");
    expect(idx.find("Mistral")?.country).toBe("FR");
    expect(idx.find("OpenChat")?.country).toBeNull();
    expect(idx.find("nobody")).toBeNull();
    expect(idx.ofRepo("Qwen/Qwen2-72B-Instruct")?.name).toBe("Alibaba");
  });

  it("refuses a spelling two organisations share, naming the line and field", () => {
    const text = `organisations:
  - name: A
    country: US
    aliases: [x]
    source: https://a.example/
  - name: B
    country: CN
    aliases: [y, X]
    source: https://b.example/
`;
    expect(() => parseOrganisations(text, "orgs.yaml")).toThrow(
      'orgs.yaml:8: field "organisations.1.aliases.1": spelling "X" already belongs to A',
    );
    expect(() =>
      parseOrganisations("organisations:\n  - name: A\n    country: usa\n    source: https://a/\n", "o.yaml"),
    ).toThrow(/o\.yaml:3: field "organisations\.0\.country": expected an ISO 3166-1 alpha-2/);
  });
});

describe("matchHubRepo", () => {
  const organisations = new OrganisationIndex([
    { name: "Meta", country: "US", aliases: ["meta-llama", "meta"] },
    { name: "Alibaba", country: "CN", aliases: ["qwen"] },
    { name: "Nvidia", country: "US", aliases: ["nvidia"] },
  ]);
  const tables: HubMatchTables = {
    aliases: new Map([
      [nameKey("qwen3-235b-a22b-instruct-2507"), { repo: "Qwen/Qwen3-235B-A22B-Instruct-2507", source: "test" }],
      [nameKey("Qwen-Max-0919"), { repo: null, source: "API only" }],
    ]),
    urlRepos: new Map([[nameKey("Athene-70B"), { repo: "Nexusflow/Athene-70B", seen: "arena-text 2024-07-26" }]]),
    hubRepos: new Map([
      ["meta-llama", ["meta-llama/Meta-Llama-3-8B-Instruct", "meta-llama/Llama-2-7b-chat-hf"]],
      ["qwen", ["Qwen/Qwen2-72B-Instruct"]],
      ["nvidia", ["nvidia/Llama-3_3-Nemotron-Super-49B-v1_5"]],
    ]),
    organisations,
  };

  it("tries repo id, URL, alias, the same name's URL, then the normalised-name rule", () => {
    expect(matchHubRepo({ name: "01-ai/Yi-1.5-34B" }, tables)).toMatchObject({
      repo: "01-ai/Yi-1.5-34B",
      rule: "repo-id",
    });
    expect(
      matchHubRepo({ name: "Phi-4", url: "https://huggingface.co/microsoft/phi-4", organisation: "Microsoft" }, tables),
    ).toMatchObject({ repo: "microsoft/phi-4", rule: "url" });
    expect(matchHubRepo({ name: "qwen3-235b-a22b-instruct-2507", organisation: "Alibaba" }, tables)).toMatchObject({
      repo: "Qwen/Qwen3-235B-A22B-Instruct-2507",
      rule: "alias",
    });
    expect(matchHubRepo({ name: "athene-70b", organisation: "NexusFlow" }, tables)).toMatchObject({
      repo: "Nexusflow/Athene-70B",
      rule: "same-name-url",
    });
    expect(matchHubRepo({ name: "Qwen2-72B-Instruct", organisation: "Alibaba" }, tables)).toMatchObject({
      repo: "Qwen/Qwen2-72B-Instruct",
      rule: "name",
    });
    expect(matchHubRepo({ name: "Llama-3-8b-Instruct", organisation: "Meta" }, tables)).toMatchObject({
      repo: "meta-llama/Meta-Llama-3-8B-Instruct",
      rule: "name",
    });
    expect(matchHubRepo({ name: "Llama-2-7b-chat", organisation: "Meta" }, tables)).toMatchObject({
      repo: "meta-llama/Llama-2-7b-chat-hf",
    });
    expect(
      matchHubRepo({ name: "nvidia-llama-3.3-nemotron-super-49b-v1.5", organisation: "Nvidia" }, tables),
    ).toMatchObject({ repo: "nvidia/Llama-3_3-Nemotron-Super-49B-v1_5", rule: "name" });
  });

  it("says why there is no match", () => {
    expect(matchHubRepo({ name: "Qwen-Max-0919", organisation: "Alibaba" }, tables)).toEqual({
      repo: null,
      reason: "reviewed: no public weights on the Hub (API only)",
    });
    const r = matchHubRepo({ name: "Qwen3-32B", organisation: "Alibaba" }, tables);
    expect(r.repo).toBeNull();
    expect("reason" in r && r.reason).toContain('normalised name "qwen3-32b"');
    expect(matchHubRepo({ name: "x", organisation: "Nobody Inc" }, tables)).toMatchObject({ repo: null });
  });
});

describe("matchFamily", () => {
  it("is official by the registry's rules, else name-only", async () => {
    const families = await loadFamilies();
    expect(matchFamily(families, "meta-llama/Llama-2-7b-chat-hf", "Llama-2-7b-chat")).toMatchObject({
      family: "llama-2",
      rule: "official",
    });
    expect(matchFamily(families, "lmsys/vicuna-13b-v1.5", "Vicuna-13B")).toMatchObject({ family: "vicuna" });
    expect(matchFamily(families, null, "Llama-2-70b-chat")).toMatchObject({ family: "llama-2", rule: "name" });
    expect(matchFamily(families, null, "GLM-4.5")).toBeNull();
  });
});

describe("matchClosed", () => {
  const catalogue = [
    { id: "gpt-4", name: "GPT-4", provider: "OpenAI" },
    { id: "gpt-4o", name: "GPT-4o", provider: "OpenAI" },
    { id: "gpt-4o-mini", name: "GPT-4o mini", provider: "OpenAI" },
    { id: "o1", name: "OpenAI o1", provider: "OpenAI" },
    { id: "claude-3", name: "Claude 3 (Haiku, Sonnet, Opus)", provider: "Anthropic" },
    { id: "claude-3.5", name: "Claude 3.5 (Sonnet, Haiku)", provider: "Anthropic" },
    { id: "gemini-1.5", name: "Gemini 1.5 (Pro, Flash)", provider: "Google" },
    {
      id: "gpt-4-turbo",
      name: "GPT-4 Turbo",
      provider: "OpenAI",
      aliases: ["gpt-4-1106-preview", "openai/gpt-4-turbo"],
    },
  ];
  const m = (name: string) => {
    const r = matchClosed(name, catalogue);
    return r ? `${r.model.id}:${r.rule}` : null;
  };

  it("finds API names by id, alias, display name or a dated-variant prefix, never another version", () => {
    expect(m("GPT-4")).toBe("gpt-4:id");
    expect(m("openai/gpt-4o")).toBe("gpt-4o:id");
    expect(m("gpt-4-1106-preview")).toBe("gpt-4-turbo:alias");
    expect(m("openai/gpt-4-turbo")).toBe("gpt-4-turbo:id");
    expect(m("GPT-4o mini")).toBe("gpt-4o-mini:id");
    expect(m("GPT-4o-2024-05-13")).toBe("gpt-4o:prefix");
    expect(m("gpt-4o-mini-2024-07-18")).toBe("gpt-4o-mini:prefix");
    expect(m("GPT-4-0613")).toBe("gpt-4:prefix");
    expect(m("Claude 3.5 Sonnet (20240620)")).toBe("claude-3.5:prefix");
    expect(m("claude-3-opus-20240229")).toBe("claude-3:prefix");
    expect(m("Gemini-1.5-Pro-API-0514")).toBe("gemini-1.5:prefix");
    expect(m("o1-preview")).toBe("o1:prefix");
    expect(m("gpt-4.1-2025-04-14")).toBeNull();
    expect(m("chatgpt-4o-latest-20250326")).toBeNull();
    expect(m("Gemma-2-27B-it")).toBeNull();
  });

  it("answers a name again from its catalogue's kept matches, and another catalogue array by its own entries", () => {
    expect(m("GPT-4o-2024-05-13")).toBe("gpt-4o:prefix");
    expect(matchClosed("GPT-4o-2024-05-13", catalogue)).toBe(matchClosed("GPT-4o-2024-05-13", catalogue));
    expect(m("Gemma-2-27B-it")).toBeNull();
    // a catalogue without gpt-4o (another array): the dated name falls to the next prefix, a name not found before
    // is found in a catalogue that has it
    const older = catalogue.filter((c) => c.id !== "gpt-4o");
    expect(matchClosed("GPT-4o-2024-05-13", older)).toBeNull();
    expect(matchClosed("GPT-4-0613", older)?.model.id).toBe("gpt-4");
    const withGemma = [...catalogue, { id: "gemma-2-27b-it", name: "Gemma 2 27B", provider: "Google" }];
    expect(matchClosed("Gemma-2-27B-it", withGemma)?.rule).toBe("id");
    // more names than are kept (any text can come through the API): the kept matches start over, the answers stay
    const many = [...catalogue];
    expect(m("GPT-4-0613")).toBe("gpt-4:prefix");
    for (let i = 0; i <= MAX_KEPT_MATCHES; i++) expect(matchClosed(`no-such-model-${i}`, many)).toBeNull();
    expect(matchClosed("GPT-4-0613", many)?.rule).toBe("prefix");
    expect(matchClosed("gpt-4-1106-preview", many)?.rule).toBe("alias");
  });

  it("reads the shipped catalogue with its aliases", async () => {
    const closed = await loadClosedModels();
    expect(matchClosed("GPT-4o-2024-05-13", closed)?.model.id).toBe("gpt-4o");
    expect(matchClosed("Claude 3.5 Sonnet (20240620)", closed)?.model.provider).toBe("Anthropic");
    expect(matchClosed("Gemma-2-27B-it", closed)).toBeNull();
  });
});
