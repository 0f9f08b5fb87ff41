/**
 * Crawl bookkeeping of a DuckDB store, kept beside the database file rather than in it: one small JSON file per crawl
 * in the spool folder (`<db>.crawl/<crawl id>.json`, written whole then renamed). A crawl saves its progress after
 * every page; in the database that would be a write of the whole store per page (writers work on a copy that is
 * swapped in, see src/store/duckdb/write.ts), and a long crawl would hold the write lock for hours. Beside it, the
 * crawl needs no lock until its final load, and `omo serve` and other readers never wait on it.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { InputError } from "../errors.js";
import type { CrawlState } from "./store.js";

const StateFile = z.object({
  crawlId: z.string().regex(/^[A-Za-z0-9._-]+$/),
  date: z.string(),
  endpoint: z.string(),
  params: z.string(),
  nextUrl: z.string().nullable(),
  pages: z.number().int().nonnegative(),
  models: z.number().int().nonnegative(),
  status: z.enum(["running", "complete", "failed"]),
  startedAt: z.string(),
  updatedAt: z.string(),
  error: z.string().nullable(),
});

/** Where crawl states live and how they are read and written. */
export interface CrawlJournal {
  getCrawl(crawlId: string): Promise<CrawlState | null>;
  latestCrawl(filter: { status?: CrawlState["status"] }): Promise<CrawlState | null>;
  saveCrawl(state: CrawlState): Promise<void>;
}

/** A journal of JSON files in a folder (created on the first save). */
export class FileCrawlJournal implements CrawlJournal {
  constructor(readonly dir: string) {}

  private file(crawlId: string): string {
    if (!/^[A-Za-z0-9._-]+$/.test(crawlId)) throw new InputError(`invalid crawl id "${crawlId.slice(0, 100)}"`);
    return path.join(this.dir, `${crawlId}.json`);
  }

  private read(file: string): CrawlState | null {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw err;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new InputError("crawl state is not JSON (delete it to start the crawl again)", { file });
    }
    const r = StateFile.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new InputError(`crawl state is invalid: ${issue?.message ?? "invalid"}`, {
        file,
        field: issue?.path.join(".") || undefined,
      });
    }
    return r.data;
  }

  async getCrawl(crawlId: string): Promise<CrawlState | null> {
    return this.read(this.file(crawlId));
  }

  async latestCrawl(filter: { status?: CrawlState["status"] }): Promise<CrawlState | null> {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return null;
    }
    const states = names
      .filter((n) => n.endsWith(".json"))
      .map((n) => this.read(path.join(this.dir, n)))
      .filter((s): s is CrawlState => s !== null && (!filter.status || s.status === filter.status));
    states.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.startedAt.localeCompare(a.startedAt));
    return states[0] ?? null;
  }

  async saveCrawl(state: CrawlState): Promise<void> {
    const file = this.file(state.crawlId);
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(state));
    renameSync(`${file}.tmp`, file);
  }
}

/** A journal held in memory (`:memory:` stores). */
export class MemoryCrawlJournal implements CrawlJournal {
  private readonly states = new Map<string, CrawlState>();

  async getCrawl(crawlId: string): Promise<CrawlState | null> {
    return this.states.get(crawlId) ?? null;
  }

  async latestCrawl(filter: { status?: CrawlState["status"] }): Promise<CrawlState | null> {
    const all = [...this.states.values()].filter((s) => !filter.status || s.status === filter.status);
    all.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.startedAt.localeCompare(a.startedAt));
    return all[0] ?? null;
  }

  async saveCrawl(state: CrawlState): Promise<void> {
    this.states.set(state.crawlId, { ...state });
  }
}
