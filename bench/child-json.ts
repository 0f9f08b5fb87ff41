/** A bench's measurement in a child process of its own (its peak RSS, caches and start its own). */
import { execFileSync } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/**
 * Runs the bench `script` again under tsx with `args` (the child's mode), from the project root, and returns the JSON
 * its last line of output holds; a child that fails stops the bench.
 */
export function childJson<T>(script: string, args: readonly string[]): T {
  const out = execFileSync(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1 << 26,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(out.trim().split("\n").pop() ?? "{}") as T;
}
