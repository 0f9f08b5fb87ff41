/**
 * The order test files start in (test/support/sequencer.ts): Vitest's own (its cache of this checkout's last run)
 * when it knows every file, else the recorded durations, longest first, a file never recorded first.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { TestSpecification } from "vitest/node";
import { RecordedDurationsSequencer, recordedDurations } from "../support/sequencer.js";

const ROOT = "/repo";
const spec = (project: string, file: string) =>
  ({
    project: { name: project, config: { sequence: { groupOrder: 0 }, isolate: false } },
    moduleId: path.join(ROOT, file),
  }) as unknown as TestSpecification;

function sequencer(cached: Record<string, number>, sizes: Record<string, number> = {}) {
  const ctx = {
    config: { root: ROOT },
    cache: {
      getFileTestResults: (key: string) => (key in cached ? { duration: cached[key], failed: false } : undefined),
      getFileStats: (key: string) => (key in sizes ? { size: sizes[key] } : undefined),
    },
  };
  return new RecordedDurationsSequencer(ctx as never);
}

const names = (files: TestSpecification[]) => files.map((f) => `${f.project.name}:${path.relative(ROOT, f.moduleId)}`);

describe("the order test files start in", () => {
  const files = [
    spec("unit", "test/unit/a.test.ts"),
    spec("integration", "test/integration/small-but-long.test.ts"),
    spec("integration", "test/integration/large-but-quick.test.ts"),
    spec("integration", "test/integration/new.test.ts"),
  ];

  it("without this checkout's results: projects as Vitest orders them, the longest recorded first, a new file before them", async () => {
    const s = sequencer(
      {},
      {
        "integration:test/integration/large-but-quick.test.ts": 90_000,
        "integration:test/integration/small-but-long.test.ts": 5_000,
      },
    );
    (s as unknown as { recorded: Map<string, number> }).recorded = new Map([
      ["integration:test/integration/small-but-long.test.ts", 190],
      ["integration:test/integration/large-but-quick.test.ts", 2],
      ["unit:test/unit/a.test.ts", 1],
    ]);
    expect(names(await s.sort(files))).toEqual([
      "integration:test/integration/new.test.ts",
      "integration:test/integration/small-but-long.test.ts",
      "integration:test/integration/large-but-quick.test.ts",
      "unit:test/unit/a.test.ts",
    ]);
  });

  it("with a result for every file: Vitest's own order, the longest of the last run first", async () => {
    const s = sequencer({
      "integration:test/integration/small-but-long.test.ts": 1_000,
      "integration:test/integration/large-but-quick.test.ts": 9_000,
      "integration:test/integration/new.test.ts": 5_000,
      "unit:test/unit/a.test.ts": 10,
    });
    expect(names(await s.sort(files))).toEqual([
      "integration:test/integration/large-but-quick.test.ts",
      "integration:test/integration/new.test.ts",
      "integration:test/integration/small-but-long.test.ts",
      "unit:test/unit/a.test.ts",
    ]);
  });

  it("reads the committed durations; a missing or broken file records nothing; the shipped one names real test files", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "omo-durations-"));
    try {
      const file = path.join(dir, "durations.json");
      writeFileSync(file, JSON.stringify({ "unit:test/unit/x.test.ts": 1.5, "unit:bad": "slow" }));
      expect([...recordedDurations(file)]).toEqual([["unit:test/unit/x.test.ts", 1.5]]);
      writeFileSync(file, "{not json");
      expect(recordedDurations(file).size).toBe(0);
      expect(recordedDurations(path.join(dir, "none.json")).size).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const shipped = recordedDurations();
    expect(shipped.get("integration:test/integration/clickhouse-series.test.ts")).toBeGreaterThan(30);
  });
});
