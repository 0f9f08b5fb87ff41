import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers.js";
import { MIN_FREE_BYTES, runFolder, SHM_DIR, type TmpProbe, testTmpDir } from "../support/test-tmpdir.js";

const probe = (env: NodeJS.ProcessEnv, free: number | null): TmpProbe & { asked: string[] } => {
  const asked: string[] = [];
  return {
    env,
    asked,
    freeBytes: (dir) => {
      asked.push(dir);
      return free;
    },
  };
};

describe("the tests' temporary folder", () => {
  it("is the memory-backed folder when it is writable with room", () => {
    const p = probe({}, MIN_FREE_BYTES);
    expect(testTmpDir(p)).toBe(SHM_DIR);
    expect(p.asked).toEqual([SHM_DIR]);
  });

  it("stays the system's when the memory-backed one is small (a container's 64 MB), missing or not writable", () => {
    expect(testTmpDir(probe({}, 64 * 1024 ** 2))).toBeUndefined();
    expect(testTmpDir(probe({}, MIN_FREE_BYTES - 1))).toBeUndefined();
    expect(testTmpDir(probe({}, null))).toBeUndefined();
  });

  it("keeps a TMPDIR set before the run, without looking further", () => {
    const p = probe({ TMPDIR: "/var/tmp/mine" }, MIN_FREE_BYTES * 2);
    expect(testTmpDir(p)).toBeUndefined();
    expect(p.asked).toEqual([]);
  });

  it("the run writes into a folder of its own there, removed with whatever a killed process left in it", () => {
    const base = tempDir("omo-runfolder-");
    try {
      const run = runFolder(base.dir);
      expect(path.dirname(run.dir)).toBe(base.dir);
      expect(path.basename(run.dir)).toMatch(/^omo-test-run-/);
      mkdirSync(path.join(run.dir, "omo-import-left"));
      writeFileSync(path.join(run.dir, "omo-import-left", "staged.jsonl"), "{}\n");
      run.remove();
      expect(existsSync(run.dir)).toBe(false);
      expect(existsSync(base.dir)).toBe(true);
    } finally {
      base.cleanup();
    }
  });
});
