/**
 * Where a test run writes its temporary files (vitest.config.ts sets `TMPDIR` for the test processes; `os.tmpdir()`
 * reads it). Every temporary folder of the tests — DuckDB stores, the staging files of a load, the ClickHouse servers'
 * data — is thrown away at the end, so a memory-backed folder (`/dev/shm`, tmpfs) is taken when it is there with room:
 * creating, syncing and deleting the thousands of small files of ClickHouse parts and DuckDB checkpoints costs an
 * ext4 disk's journal and inode work, which tmpfs does not have. Measured on this machine, 24 tiny loads (a few models
 * each, eight dates three times) into a ClickHouse store on one node, three pairs in turn: the server's CPU
 * 13.5/13.8/11.5 s with its data on /tmp (ext4) against 10.9/10.5/9.7 s on /dev/shm, the loading process's (DuckDB
 * staging included) 7.9/7.8/7.0 s against 7.4/7.0/6.6 s.
 *
 * A `TMPDIR` set before the run is kept; so is the system's folder when the memory-backed one is missing, not
 * writable or smaller than {@link MIN_FREE_BYTES} (a container's /dev/shm is often 64 MB: the full listing's stores
 * would not fit). The run writes into a folder of its own there ({@link runFolder}), removed when Vitest exits: what
 * a test cannot clean up itself (a CLI process killed on purpose mid-import leaves its staging folder) would
 * otherwise stay in memory until the machine restarts.
 */
import { accessSync, constants, mkdtempSync, rmSync, statfsSync } from "node:fs";
import path from "node:path";

/** The memory-backed folder tried first. */
export const SHM_DIR = "/dev/shm";

/** The free space the memory-backed folder needs (at most three files run at once; the largest hold full-listing stores). */
export const MIN_FREE_BYTES = 4 * 1024 ** 3;

/** What the choice depends on (injectable for the unit test). */
export interface TmpProbe {
  env: NodeJS.ProcessEnv;
  /** Free bytes of `dir` for an unprivileged writer, or null when it cannot be read or written. */
  freeBytes(dir: string): number | null;
}

const realProbe: TmpProbe = {
  env: process.env,
  freeBytes(dir) {
    try {
      accessSync(dir, constants.W_OK);
      const s = statfsSync(dir);
      return Number(s.bavail) * Number(s.bsize);
    } catch {
      return null;
    }
  },
};

/** The folder for the tests' temporary files, or undefined to leave `TMPDIR` as it is. */
export function testTmpDir(probe: TmpProbe = realProbe): string | undefined {
  if (probe.env.TMPDIR) return undefined;
  const free = probe.freeBytes(SHM_DIR);
  return free !== null && free >= MIN_FREE_BYTES ? SHM_DIR : undefined;
}

/** A folder of this run's own under `base`, and its removal (contents included). */
export function runFolder(base: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(base, "omo-test-run-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Where the run's folder is kept once made: Vitest evaluates vitest.config.ts once for the run and again for each
 * project, in the same process, so the later evaluations take the folder the first one made.
 */
export const RUN_FOLDER_VAR = "OMO_TEST_RUN_TMPDIR";

/**
 * The run's temporary folder for vitest.config.ts: the one this process made already, else a new one under
 * {@link testTmpDir}'s choice, removed at exit (`onExit`); undefined when the system's folder stays.
 */
export function runTmpDir(
  env: NodeJS.ProcessEnv = process.env,
  choose: () => string | undefined = testTmpDir,
  onExit: (remove: () => void) => void = (remove) => process.once("exit", remove),
): string | undefined {
  const kept = env[RUN_FOLDER_VAR];
  if (kept) return kept;
  const base = choose();
  if (!base) return undefined;
  const run = runFolder(base);
  onExit(run.remove);
  env[RUN_FOLDER_VAR] = run.dir;
  return run.dir;
}
