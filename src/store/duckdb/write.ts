/**
 * How a DuckDB store is written while other processes read it (`omo serve`, read commands, another collector).
 *
 * DuckDB lets any number of processes open one file read-only, or one process open it read-write, never both. So
 * writers never open the file others read: a writer takes the store's write lock (`<db>.write.lock`, proper-lockfile:
 * one writer at a time, a lock of a killed process goes stale and is taken over), copies the file (a reflink where
 * the file system has them), loads into the copy, checkpoints and closes it, and renames it over the original. The
 * rename is atomic: a reader opening the path gets the old file or the new one, whole; a reader that has the old one
 * open keeps reading it until it closes. A writer that fails or is killed leaves only its copy (removed by the next
 * writer), never a half-written store. The cost is a copy of the file per write (measured in the README).
 */
import { constants, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { copyFile, open, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import lockfile from "proper-lockfile";
import { wholeNumberFromEnv } from "../../env.js";
import { InputError } from "../../errors.js";
import { killPoint } from "../kill-point.js";
import { DuckDBStore } from "./duckdb-store.js";

/** Options of {@link withDuckDBWrite}. */
export interface WriteOptions {
  /** How long to wait for another writer (default `OMO_WRITE_WAIT_MS`, else 10 minutes). */
  waitMs?: number;
  /** Told once when the lock is held by another process. */
  onWait?: (message: string) => void;
}

const STALE_MS = 30_000;

/** Who holds a write lock: written inside the lock directory once it is taken. */
const OWNER_FILE = "owner";

function ownerText(): string {
  return `${os.hostname()} ${process.pid}`;
}

/** True when `text` names a process of this machine that no longer runs. */
function ownerIsDead(text: string | null): boolean {
  const [host, pidText] = (text ?? "").trim().split(" ");
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function readOwner(lockPath: string): string | null {
  try {
    return readFileSync(path.join(lockPath, OWNER_FILE), "utf8");
  } catch {
    return null;
  }
}

/**
 * Takes over the lock of a writer of this machine that was killed (its process is gone), instead of waiting until the
 * lock goes stale. The lock is moved aside first, then its owner checked again: if another writer had taken the lock
 * in between, it is put back.
 */
function takeOverDeadLock(lockPath: string): boolean {
  const owner = readOwner(lockPath);
  if (!ownerIsDead(owner)) return false;
  const aside = `${lockPath}.dead-${process.pid}-${Date.now().toString(36)}`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return false;
  }
  if (readOwner(aside) !== owner) {
    try {
      renameSync(aside, lockPath);
    } catch {
      // the lock path is taken again: the writer we moved aside keeps its lock file moved; it still finishes, and
      // the copy-and-rename keeps the store whole
    }
    return false;
  }
  rmSync(aside, { recursive: true, force: true });
  return true;
}

/** A held write lock. */
export interface WriteLock {
  release(): Promise<void>;
  /**
   * Throws when the lock may have passed to another writer: its refresh ran late (this process was stalled longer than
   * the stale time) and the lock no longer names this process. Checked before the new file is swapped in.
   */
  assertHeld(): void;
}

/**
 * Takes the write lock of a DuckDB file, waiting for another writer up to `waitMs`. A lock left by a killed writer of
 * this machine is taken over at once; one of another machine (a shared file system) when it goes stale (30 s).
 */
export async function acquireWriteLock(file: string, opts: WriteOptions = {}): Promise<WriteLock> {
  const lockPath = `${file}.write.lock`;
  const waitMs = opts.waitMs ?? wholeNumberFromEnv("OMO_WRITE_WAIT_MS", 10 * 60_000, { unit: "milliseconds" });
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    try {
      // a refresh that runs late (a stalled process) marks the lock compromised; by default proper-lockfile then
      // throws from a timer, killing the process mid-write: note it instead, and check before the swap
      let compromised = false;
      const release = await lockfile.lock(file, {
        lockfilePath: lockPath,
        realpath: false,
        stale: STALE_MS,
        retries: 0,
        onCompromised: () => {
          compromised = true;
        },
      });
      const owner = path.join(lockPath, OWNER_FILE);
      const me = ownerText();
      writeFileSync(owner, me);
      return {
        release: async () => {
          if (!compromised || readOwner(lockPath) === me) rmSync(owner, { force: true });
          // a compromised lock is released already for proper-lockfile; remove it only while it is still ours
          if (compromised) {
            if (readOwner(lockPath) === null) rmSync(lockPath, { recursive: true, force: true });
            return;
          }
          await release();
        },
        assertHeld: () => {
          if (compromised && readOwner(lockPath) !== me)
            throw new Error(
              `lost the write lock of ${file} (this process was stalled more than ${STALE_MS / 1000} s and another writer may have taken it over); nothing was changed`,
            );
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ELOCKED") throw err;
      if (takeOverDeadLock(lockPath)) continue;
      if (Date.now() >= deadline) {
        throw new InputError(
          `another omo process is writing to this store (lock ${lockPath}); gave up after ${Math.round(waitMs / 1000)} s`,
          { file },
        );
      }
      if (!told) {
        told = true;
        opts.onWait?.(`omo: waiting for another omo process writing to ${file} (lock ${lockPath})`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

async function fsyncPath(p: string): Promise<void> {
  const fh = await open(p, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Copies left behind by writers that were killed (`<db>.next-*`). */
function leftoverCopies(file: string): string[] {
  const dir = path.dirname(path.resolve(file));
  const prefix = `${path.basename(file)}.next-`;
  try {
    return readdirSync(dir)
      .filter((n) => n.startsWith(prefix))
      .map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

/**
 * Runs `fn` on a writable copy of the DuckDB file and swaps the copy in when `fn` succeeds (see the module note).
 * When `fn` throws, the store is left exactly as it was.
 */
export async function withDuckDBWrite<T>(
  file: string,
  fn: (store: DuckDBStore) => Promise<T>,
  opts: WriteOptions = {},
): Promise<T> {
  const lock = await acquireWriteLock(file, opts);
  const next = `${file}.next-${process.pid}-${Date.now().toString(36)}`;
  try {
    // under the lock, copies of earlier writers are dead: remove them
    for (const p of leftoverCopies(file)) await rm(p, { force: true });
    if (existsSync(file)) {
      await copyFile(file, next, constants.COPYFILE_FICLONE);
      if (existsSync(`${file}.wal`)) await copyFile(`${file}.wal`, `${next}.wal`, constants.COPYFILE_FICLONE);
    }
    const store = await DuckDBStore.open(next, { label: file });
    let result: T;
    try {
      result = await fn(store);
      await store.checkpoint();
    } finally {
      await store.close();
    }
    await rm(`${next}.wal`, { force: true });
    await fsyncPath(next);
    killPoint("duckdb:checkpointed");
    lock.assertHeld();
    await rename(next, file);
    killPoint("duckdb:renamed");
    // a write-ahead log of the old file (databases written in place before this protocol) is folded into the copy
    await rm(`${file}.wal`, { force: true });
    await fsyncPath(path.dirname(path.resolve(file)));
    return result;
  } catch (err) {
    await rm(next, { force: true });
    await rm(`${next}.wal`, { force: true });
    throw err;
  } finally {
    await lock.release().catch(() => undefined);
  }
}
