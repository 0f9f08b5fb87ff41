import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helpers.js";
import {
  MIN_FREE_BYTES,
  RUN_FOLDER_VAR,
  runFolder,
  runTmpDir,
  SHM_DIR,
  type TmpProbe,
  testTmpDir,
} from "../support/test-tmpdir.js";

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

  it("the config's later evaluations in the same process take the folder the first one made: one folder, one removal", () => {
    const base = tempDir("omo-runtmp-");
    try {
      const env: NodeJS.ProcessEnv = {};
      const removals: Array<() => void> = [];
      const first = runTmpDir(
        env,
        () => base.dir,
        (r) => removals.push(r),
      );
      expect(first && path.dirname(first)).toBe(base.dir);
      expect(env[RUN_FOLDER_VAR]).toBe(first);
      expect(
        runTmpDir(
          env,
          () => base.dir,
          (r) => removals.push(r),
        ),
      ).toBe(first);
      expect(readdirSync(base.dir)).toHaveLength(1);
      expect(removals).toHaveLength(1);
      removals[0]?.();
      expect(readdirSync(base.dir)).toEqual([]);
      // nothing chosen: the system's folder, nothing made or kept
      const none: NodeJS.ProcessEnv = {};
      expect(
        runTmpDir(
          none,
          () => undefined,
          (r) => removals.push(r),
        ),
      ).toBeUndefined();
      expect(none[RUN_FOLDER_VAR]).toBeUndefined();
      expect(removals).toHaveLength(1);
    } finally {
      base.cleanup();
    }
  });
});
