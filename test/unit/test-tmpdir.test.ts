import { describe, expect, it } from "vitest";
import { MIN_FREE_BYTES, SHM_DIR, type TmpProbe, testTmpDir } from "../support/test-tmpdir.js";

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
});
