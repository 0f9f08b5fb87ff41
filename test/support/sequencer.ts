/**
 * The order test files start in (vitest.config.ts `sequence.sequencer`). Vitest starts the files that took longest in
 * this checkout's last run first (its results cache), so three at a time finish close together; a fresh clone has no
 * such cache, and Vitest then starts the largest files first — but a file's size says little about its time (the
 * ClickHouse contract files are short and among the longest), and the long ones started last (a clone run through
 * .ci/run ended with clickhouse-usage, clickhouse-dashboard and kill-during-write running alone). So, as pytest-split
 * and Knapsack do, the durations of a recorded run are committed (test/support/durations.json, refreshed by
 * `npm run test:durations` from this checkout's Vitest cache) and used for the files this checkout has no result for.
 * Only the order changes: every file still runs, each as before.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** The recorded durations: `project:path` → seconds (a missing or unreadable file records nothing). */
export const DURATIONS_FILE = path.join(import.meta.dirname, "durations.json");

export function recordedDurations(file = DURATIONS_FILE): Map<string, number> {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    return new Map(
      Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1])),
    );
  } catch {
    return new Map();
  }
}

export class RecordedDurationsSequencer extends BaseSequencer {
  private readonly recorded = recordedDurations();

  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const key = (f: TestSpecification) =>
      `${f.project.name}:${path.relative(this.ctx.config.root, f.moduleId).split(path.sep).join("/")}`;
    // this checkout's own results for every file: Vitest's order (longest of the last run first)
    if (files.every((f) => this.ctx.cache.getFileTestResults(key(f)))) return super.sort(files);
    // else projects in Vitest's order, and within one the longest recorded first; a file never recorded (new) first
    const base = await super.sort(files);
    const project = new Map(base.map((f, i) => [f.project.name, i]));
    const seconds = (f: TestSpecification) => this.recorded.get(key(f)) ?? Number.POSITIVE_INFINITY;
    // (a stable sort: ties, two new files among them, keep Vitest's order)
    return [...base].sort(
      (a, b) => (project.get(a.project.name) ?? 0) - (project.get(b.project.name) ?? 0) || seconds(b) - seconds(a) || 0,
    );
  }
}
