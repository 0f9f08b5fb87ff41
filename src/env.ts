import { InputError } from "./errors.js";

/**
 * A whole number read from the environment variable `name`: `fallback` when it is unset or empty; refused with an
 * `InputError` naming the variable when it is not a whole number of at least `min` (a typo never silently turns a
 * limit off or a wait into its default).
 */
export function wholeNumberFromEnv(
  name: string,
  fallback: number,
  opts: { min?: number; unit?: string } = {},
  env: NodeJS.ProcessEnv = process.env,
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const min = opts.min ?? 0;
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(n) || n < min) {
    const what = opts.unit ? `a whole number of ${opts.unit}` : "a whole number";
    throw new InputError(`must be ${what} ${min > 0 ? `above ${min - 1}` : "(0 or more)"}, not "${raw}"`, {
      field: name,
    });
  }
  return n;
}
