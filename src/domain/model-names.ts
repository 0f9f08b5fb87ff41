/**
 * The one model-name normaliser of omo: comparing names a leaderboard, OpenRouter or a catalogue writes with Hub repo
 * names and with each other. Pure functions, no I/O.
 *
 * (Shared with the leaderboards work of issue 13, which owns this module: usage adds only what OpenRouter ids need.)
 */

/** Splits `author/name` (no author: null). */
export function splitAuthor(id: string): { author: string | null; name: string } {
  const i = id.indexOf("/");
  return i > 0 ? { author: id.slice(0, i), name: id.slice(i + 1) } : { author: null, name: id };
}

/** A trailing release date: `-20260731` or `-2024-07-18` (a real date only; `-2512` or `-0731` are versions). */
const DATE_SUFFIX = /-(20\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])$/;

/** The name without a trailing release date (`deepseek-v4-flash-20260731` → `deepseek-v4-flash`). */
export function stripDateSuffix(name: string): string {
  return name.replace(DATE_SUFFIX, "");
}

/** A trailing `:variant` (`:free`, `:beta`, `:thinking`). */
export function stripVariant(id: string): string {
  return id.replace(/:[a-z][a-z0-9-]*$/, "");
}

/**
 * The comparison form of a model name: lower-cased, `_` and spaces as `-`, repeated dashes collapsed. Dots and
 * digits are kept (`qwen3.5` and `qwen3-5` stay different).
 */
export function normaliseName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[_\s]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

/**
 * The base of an OpenRouter id: variant and release date removed, normalised (`deepseek/deepseek-v4-flash-20260731:free`
 * → `deepseek/deepseek-v4-flash`). Ids of one model under several permaslugs share a base.
 */
export function baseModelId(id: string): string {
  const { author, name } = splitAuthor(stripVariant(id));
  const base = normaliseName(stripDateSuffix(name));
  return author ? `${author.toLowerCase()}/${base}` : base;
}
