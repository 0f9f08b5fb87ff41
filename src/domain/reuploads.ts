/**
 * Re-uploads: repos of known re-uploaders (data/reuploaders.yaml: unsloth, TheBloke, bartowski…) that carry no
 * lineage link are linked to the official repo (data/families) whose name they mirror, as relation `reupload` with
 * origin `name rule`. The rule is pure (names in, links out); the stores apply it when a load commits
 * (`ReuploadLinker`), and family walks follow `reupload` links only when `--relations` names them.
 */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { ReuploadCandidate, ReuploadLink, ReuploadLinker, ReuploadTarget } from "../store/store.js";
import { readDataFile } from "./data-files.js";
import { type Family, isOfficial, loadFamilies } from "./families.js";
import { parseYamlFile } from "./yaml-file.js";

/** The shipped list: `<project>/data/reuploaders.yaml`. */
export const REUPLOADERS_FILE = fileURLToPath(new URL("../../data/reuploaders.yaml", import.meta.url));

const Namespace = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a Hub namespace (no slash)");
const Word = z
  .string()
  .regex(/^[a-z0-9.]+$/, "a lower-case word (letters, digits, dots)")
  .transform((s) => s.toLowerCase());

/** The file's schema. */
export const ReuploadersFileSchema = z.strictObject({
  reuploaders: z
    .array(z.strictObject({ author: Namespace, what: z.string().min(1), source: z.string().min(1) }))
    .min(1),
  suffixes: z.array(Word).min(1),
  prefixes: z.array(Word).default([]),
});

/** The reviewed list as loaded. */
export type ReuploadersFile = z.output<typeof ReuploadersFileSchema>;

/** Reads and validates a re-uploaders file (errors name the file, line and field). */
export async function loadReuploaders(file = REUPLOADERS_FILE): Promise<ReuploadersFile> {
  return parseYamlFile(await readDataFile(file, "the re-uploaders file"), file, ReuploadersFileSchema);
}

/** A quantization label ending a re-upload's name: -q4_k_m, -Q8_0, -iq3_xs, -3.0bpw, -h6, -w4a16. */
const QUANT_TAIL = /[-_](?:i?q\d[a-z0-9]*(?:_[a-z0-9]+)*|\d+(?:\.\d+)?bpw|h\d+|w\d+a\d+)$/;

/**
 * The name a repo mirrors, as the rule compares it: lower-cased, trailing packaging words and quantization labels
 * removed (`suffixes`, split on `-` and `_`, repeatedly), then — for plain names only (`stripPrefix`) — one leading
 * `prefixes` word. `Meta-Llama-3-8B` → `llama-3-8b`; `llama-3-8b-Instruct-bnb-4bit` → `llama-3-8b-instruct`;
 * `Llama-2-7b-hf` → `llama-2-7b`; `TinyLlama-1.1B-32k-Instruct-3.0bpw-h6-exl2` → `tinyllama-1.1b-32k-instruct`.
 */
export function mirrorName(
  name: string,
  rules: Pick<ReuploadersFile, "suffixes" | "prefixes">,
  stripPrefix = true,
): string {
  const suffixes = new Set(rules.suffixes);
  let s = name.toLowerCase();
  for (;;) {
    const q = QUANT_TAIL.exec(s);
    if (q && q.index > 0) {
      s = s.slice(0, q.index);
      continue;
    }
    const m = /[-_]([a-z0-9.]+)$/.exec(s);
    if (!m || m.index === 0 || !suffixes.has(m[1] as string)) break;
    s = s.slice(0, m.index);
  }
  if (stripPrefix) {
    for (const p of rules.prefixes) {
      if (s.startsWith(`${p}-`) && s.length > p.length + 1) {
        s = s.slice(p.length + 1);
        break;
      }
    }
  }
  return s;
}

/** The name part of `author/name`. */
function nameOf(id: string): string {
  return id.slice(id.indexOf("/") + 1);
}

/** Byte order (as the stores compare keys), so ties pick the same target everywhere. */
function before(a: string, b: string): boolean {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")) < 0;
}

/**
 * The links of the rule: each candidate (a re-uploader's repo without lineage link) whose mirrored name equals an
 * official target's — plainly (`llama-3-8b` = `Meta-Llama-3-8B`), or with the target's author in the name
 * (`meta-llama_-_Meta-Llama-3-8B-4bits`, `meta-llama-Meta-Llama-3-8B-Instruct-AWQ-4bit-smashed`) — is linked to
 * it. A target with exactly the candidate's name wins (NousResearch/Llama-2-7b-chat-hf → meta-llama/Llama-2-7b-chat-hf);
 * else, when several official repos share a mirrored name (`Llama-2-7b`, `Llama-2-7b-hf`), the smallest key.
 * Targets must be official in some family; a candidate is never linked to itself.
 */
export function reuploadLinks(
  candidates: readonly ReuploadCandidate[],
  targets: readonly ReuploadTarget[],
  rules: Pick<ReuploadersFile, "suffixes" | "prefixes">,
  families: readonly Family[],
): ReuploadLink[] {
  const exact = new Map<string, ReuploadTarget>();
  const plain = new Map<string, ReuploadTarget>();
  const withAuthor = new Map<string, ReuploadTarget>();
  const keep = (map: Map<string, ReuploadTarget>, k: string, t: ReuploadTarget) => {
    const prev = map.get(k);
    if (!prev || before(t.key, prev.key)) map.set(k, t);
  };
  for (const t of targets) {
    if (!families.some((f) => isOfficial(f, t.id))) continue;
    const author = t.id.slice(0, t.id.indexOf("/")).toLowerCase();
    const name = nameOf(t.id);
    keep(exact, name.toLowerCase(), t);
    keep(plain, mirrorName(name, rules), t);
    const bare = mirrorName(name, rules, false);
    keep(withAuthor, `${author}_-_${bare}`, t);
    keep(withAuthor, `${author}-${bare}`, t);
  }
  const links: ReuploadLink[] = [];
  for (const c of candidates) {
    const name = nameOf(c.id);
    const t =
      withAuthor.get(mirrorName(name, rules, false)) ??
      exact.get(name.toLowerCase()) ??
      plain.get(mirrorName(name, rules));
    if (!t || t.key === c.key) continue;
    links.push({ date: c.date, childKey: c.key, parentKey: t.key, parentId: t.id });
  }
  return links;
}

/** The rule as a store applies it at commit: the shipped re-uploaders and the given (default: shipped) families. */
export async function loadReuploadLinker(opts: { families?: readonly Family[]; file?: string } = {}) {
  const rules = await loadReuploaders(opts.file);
  const families = opts.families ?? (await loadFamilies());
  const linker: ReuploadLinker = {
    reuploaders: rules.reuploaders.map((r) => r.author.toLowerCase()),
    targetAuthors: [...new Set(families.flatMap((f) => f.official.map((r) => r.author.toLowerCase())))].sort(),
    link: (candidates, targets) => reuploadLinks(candidates, targets, rules, families),
  };
  return linker;
}
