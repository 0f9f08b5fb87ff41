/**
 * The ClickHouse store: {@link Store} over one server or a cluster of shards (`clickhouse://host:port[,host:port…]/db`),
 * through `@clickhouse/client` (HTTP). Schema and visibility rules: migrations.ts; loads: load-session.ts.
 * Catalog queries run their `sql.clickhouse` text (else the DuckDB text), with `$name` placeholders bound client-side
 * by the literal encoder (ClickHouse 18.16 has no server-side parameters).
 */
import type { UsageImport } from "../../domain/usage.js";
import { InputError } from "../../errors.js";
import type { CatalogQuery } from "../../queries/catalog.js";
import { paramError } from "../../queries/catalog.js";
import { toCrawlState } from "../crawl-state.js";
import type {
  CardLicenceRow,
  CrawlState,
  LeaderboardLoad,
  LicenceClassRow,
  LoadedLeaderboard,
  LoadSession,
  PriceImport,
  PriceImportResult,
  Store,
  UsageImportResult,
} from "../store.js";
import { bindClickHouseQuery, clickHouseText, MAX_MEMBER_KEYS, walksNothing } from "./bind-query.js";
import { ClickHouseConnection, type ClickHouseTarget, parseClickHouseUrl } from "./connection.js";
import { ConstantLookups } from "./constant-lookups.js";
import { rebuildFacetRollups } from "./facet-rollups.js";
import { rebuildFamilyRollups } from "./family-rollups.js";
import { computeFamiliesWalk, computeWalk, createWalkTable, dropWalkTable } from "./family-walk.js";
import { importLeaderboardsCh } from "./leaderboards.js";
import { bind } from "./literal.js";
import { chDateTime, nextVersion, openClickHouseLoad, writeLicences } from "./load-session.js";
import { CH_MIGRATIONS, type ChSchemaContext, CREATE_SCHEMA_MIGRATIONS } from "./migrations.js";
import { rebuildRollups, saveCardLicencesWithRollup } from "./rollups.js";
import { coerceRow } from "./rows.js";
import { withShippedPrices } from "./shipped-prices.js";
import { storedWalkGeneration } from "./stored-walks.js";
import { importUsageClickHouse } from "./usage-load.js";

/** The first line of a ClickHouse error, without the `e.what()` tail. */
function chMessage(err: unknown): string {
  const msg = (err as Error).message.split("\n")[0] ?? "";
  return msg.replace(/, e\.what\(\) = .*$/, "");
}

const CRAWL_COLUMNS = `crawl_id, toString(date) AS date, endpoint, params, next_url, pages, models, status,
  formatDateTime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at, formatDateTime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updated_at, error`;

/** A Store backed by ClickHouse. */
export class ClickHouseStore implements Store {
  private loading = false;
  /** The small-table lookups of the catalog texts, kept as constants while the visible snapshots stay the same. */
  readonly lookups: ConstantLookups;

  private constructor(
    readonly location: string,
    private readonly conn: ClickHouseConnection,
    private readonly ctx: ChSchemaContext,
  ) {
    this.lookups = new ConstantLookups(conn);
  }

  /** Connects, creates the database on every node if needed and applies pending migrations. */
  static async open(location: string): Promise<ClickHouseStore> {
    const target: ClickHouseTarget = parseClickHouseUrl(location);
    const conn = new ClickHouseConnection(target);
    const safe = location.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
    try {
      await conn.createDatabase();
      const ctx: ChSchemaContext = { cluster: target.cluster, database: target.database };
      await migrate(conn, ctx);
      return new ClickHouseStore(safe, conn, ctx);
    } catch (err) {
      await conn.close();
      throw new InputError(`cannot open ClickHouse store: ${chMessage(err)}`, { file: safe });
    }
  }

  /**
   * The SQL a catalog query runs here, with its values bound (for tests and "how is this computed?"); a query with
   * `clickhouseMembers` reads `memberKeys` as a constant set, or without them its members SELECT as a subquery.
   */
  boundSql<P>(
    query: CatalogQuery<P, unknown>,
    params: P,
    walkTable?: string,
    memberKeys?: readonly string[] | null,
    storedWalk?: string | null,
  ): string {
    const parsed = query.params.safeParse(params);
    if (!parsed.success) throw paramError(query.name, parsed.error);
    // with the stored walk of these parameters, the text reading its per-date aggregates where the query has one
    const stored = storedWalk ? query.sql.clickhouseStored : undefined;
    const text =
      stored ?? clickHouseText(query as CatalogQuery<unknown, unknown>, parsed.data as Record<string, unknown>);
    return bindClickHouseQuery(query, text, params, {
      cluster: Boolean(this.ctx.cluster),
      walkTable,
      memberKeys,
      storedWalk,
    });
  }

  async query<P, R>(query: CatalogQuery<P, R>, given: P): Promise<R[]> {
    // the shipped price table is read from the client's disk: loaded once per file content, then named by its hash
    const params = await withShippedPrices(this.conn, query as CatalogQuery<P, unknown>, given);
    const q = query as CatalogQuery<P, unknown>;
    // parameters checked before any work (the walk, the members) is done
    const parsed = query.params.safeParse(params);
    if (!parsed.success) throw paramError(query.name, parsed.error);
    let rows: Record<string, unknown>[];
    let walkTable: string | null = null;
    try {
      const v = parsed.data as Record<string, unknown>;
      // the walk stored at load for these parameters, when there is one (stored-walks.ts)
      const storedWalk = query.sql.clickhouseWalk ? await storedWalkGeneration(this.conn, v) : null;
      if (query.sql.clickhouseWalk && !storedWalk && !walksNothing(q, v)) {
        // the family lineage walk, computed before the query (18.16 has no recursive CTEs): see family-walk.ts
        const relations = (v.relations as string | null | undefined) ?? null;
        const depth = Number(v.depth ?? 50);
        const walk =
          query.sql.clickhouseWalk === "families"
            ? await computeFamiliesWalk(this.conn, {
                families: v.families as string[],
                officials: v.officials as string[],
                relations,
                depth,
              })
            : await computeWalk(this.conn, {
                official: (v.official as string | null | undefined) ?? null,
                relations,
                depth,
              });
        walkTable = await createWalkTable(this.conn, walk);
      }
      let memberKeys: string[] | null = null;
      // the stored aggregates need no members (family-rollups.ts)
      const membersSql = storedWalk && query.sql.clickhouseStored ? undefined : query.sql.clickhouseMembers;
      if (membersSql) {
        // the members first, then bound as a constant set: each shard filters its statistics by primary key; a set
        // larger than MAX_MEMBER_KEYS is read through the members SELECT as a subquery (LIMIT: no need to fetch more)
        const how = { cluster: Boolean(this.ctx.cluster), walkTable: walkTable ?? undefined, storedWalk };
        const members = await this.lookups.rows<{ key: string }>(
          `SELECT DISTINCT key FROM (${bindClickHouseQuery(q, membersSql, params, how)}) LIMIT ${MAX_MEMBER_KEYS + 1}`,
        );
        const keys = members.map((r) => r.key).sort();
        memberKeys = keys.length <= MAX_MEMBER_KEYS ? keys : null;
      }
      const sql = this.boundSql(q, params, walkTable ?? undefined, memberKeys, storedWalk);
      rows = await this.lookups.rows(sql);
    } catch (err) {
      const msg = chMessage(err);
      if (/re2|regular expression/i.test(msg)) throw new InputError(`invalid regular expression: ${msg}`);
      throw new Error(`query "${query.name}" failed: ${msg}`);
    } finally {
      if (walkTable) await dropWalkTable(this.conn, walkTable);
    }
    return rows.map((r) => query.row.parse(coerceRow(query.row, r)));
  }

  async beginLoad(): Promise<LoadSession> {
    if (this.loading) throw new Error("a load is already in progress on this store");
    this.loading = true;
    try {
      return await openClickHouseLoad(this.conn, this.ctx, () => {
        this.loading = false;
      });
    } catch (err) {
      this.loading = false;
      throw err;
    }
  }

  /**
   * Rebuilds the roll-ups of the current dimension generation for every visible date (migration 8 builds them once,
   * each load keeps them): for statistics written outside a load, as the stores bench's synthesised days.
   */
  async rebuildRollups(): Promise<void> {
    if (this.loading) throw new Error("cannot rebuild the roll-ups while a load is in progress");
    await rebuildRollups(this.conn);
    await rebuildFacetRollups(this.conn);
    await this.rebuildFamilyRollups();
  }

  /** Rebuilds the per-date aggregates of the current generation's stored family walks (family-rollups.ts). */
  async rebuildFamilyRollups(): Promise<void> {
    if (this.loading) throw new Error("cannot rebuild the roll-ups while a load is in progress");
    await rebuildFamilyRollups(this.conn);
  }

  async getCrawl(crawlId: string): Promise<CrawlState | null> {
    const rows = await this.conn.rows(
      bind(`SELECT ${CRAWL_COLUMNS} FROM crawl_state WHERE crawl_id = $id`, { id: crawlId }),
    );
    return rows[0] ? toCrawlState(rows[0]) : null;
  }

  async latestCrawl(filter: { status?: CrawlState["status"] }): Promise<CrawlState | null> {
    const rows = await this.conn.rows(
      bind(
        `SELECT ${CRAWL_COLUMNS} FROM crawl_state WHERE ($status IS NULL OR status = $status)
ORDER BY updated_at DESC, started_at DESC LIMIT 1`,
        { status: filter.status ?? null },
      ),
    );
    return rows[0] ? toCrawlState(rows[0]) : null;
  }

  async saveCrawl(s: CrawlState): Promise<void> {
    await this.conn.insert("crawl_state_rows", [
      {
        crawl_id: s.crawlId,
        date: s.date,
        endpoint: s.endpoint,
        params: s.params,
        next_url: s.nextUrl,
        pages: s.pages,
        models: s.models,
        status: s.status,
        started_at: chDateTime(s.startedAt),
        updated_at: chDateTime(s.updatedAt),
        error: s.error,
        version: nextVersion(),
      },
    ]);
  }

  async refreshLicences(rows: readonly LicenceClassRow[]): Promise<boolean> {
    if (this.loading) throw new Error("cannot refresh the licence map while a load is in progress");
    const stored = await this.conn.rows<LicenceClassRow>(
      "SELECT tag, class, spdx, commercial FROM licence_class ORDER BY tag",
    );
    const key = (r: LicenceClassRow) =>
      `${r.tag.toLowerCase()}\u0000${r.class}\u0000${r.spdx ?? ""}\u0000${r.commercial}`;
    const want = rows.map(key).sort();
    const have = stored.map(key).sort();
    if (want.length === have.length && want.every((k, i) => k === have[i])) return false;
    await writeLicences(this.conn, rows);
    return true;
  }

  async importPrices(batch: PriceImport): Promise<PriceImportResult> {
    if (this.loading) throw new Error("cannot import prices while a load is in progress");
    const [before] = await this.conn.rows<{ n: number }>(
      bind("SELECT count() AS n FROM price WHERE source = $source AND as_of = toDate($as_of)", {
        source: batch.source,
        as_of: batch.asOf,
      }),
    );
    // one INSERT: the new generation of this (source, date) appears at once and hides the old one
    const gen = nextVersion();
    await this.conn.insert(
      "price_rows_v3",
      batch.rows.map((r) => ({
        gen,
        model: r.model,
        provider: r.provider,
        input_per_token: r.inputPerToken,
        output_per_token: r.outputPerToken,
        as_of: batch.asOf,
        source: batch.source,
        deprecation_date: r.deprecationDate ?? null,
      })),
    );
    return { inserted: batch.rows.length, replaced: Number(before?.n ?? 0) };
  }

  async importUsage(batch: UsageImport): Promise<UsageImportResult> {
    if (this.loading) throw new Error("cannot import usage while a load is in progress");
    return importUsageClickHouse(this.conn, batch);
  }

  async importLeaderboards(loads: readonly LeaderboardLoad[]): Promise<LoadedLeaderboard[]> {
    if (this.loading) throw new Error("cannot import leaderboards while a load is in progress");
    return importLeaderboardsCh(this.conn, loads);
  }

  async saveCardLicences(rows: readonly CardLicenceRow[]): Promise<number> {
    if (this.loading) throw new Error("cannot store card licences while a load is in progress");
    if (rows.length === 0) return 0;
    // one INSERT (one block): all rows or none; a newer version of a key replaces the older one (FINAL in the view)
    const version = nextVersion();
    const cards = rows.map((r) => ({
      key: r.id.toLowerCase(),
      id: r.id,
      license_name: r.licenseName,
      license_link: r.licenseLink,
      card_license: r.cardLicense,
      fetched_on: r.fetchedOn,
      source: r.source,
      version,
    }));
    // the licence roll-up moves the repos whose card changes their licence group (the last row of a key wins, as in
    // the table)
    const names = new Map(cards.map((c) => [c.key, c.license_name] as const));
    await saveCardLicencesWithRollup(this.conn, names, () => this.conn.insert("model_card_licence_rows", cards));
    return rows.length;
  }

  async close(): Promise<void> {
    await this.conn.close();
  }
}

/** Applies pending migrations: local tables on every node, the rest on the coordinator. */
export async function migrate(conn: ClickHouseConnection, ctx: ChSchemaContext): Promise<number[]> {
  await conn.command(CREATE_SCHEMA_MIGRATIONS);
  const done = await conn.rows<{ version: number }>("SELECT version FROM schema_migrations");
  const applied = new Set(done.map((r) => Number(r.version)));
  const ran: number[] = [];
  for (const m of CH_MIGRATIONS) {
    if (applied.has(m.version)) continue;
    for (const st of m.statements(ctx)) {
      if (st.unless) {
        const [hit] = await conn.rows<{ n: number }>(st.unless);
        if (Number(hit?.n ?? 0) > 0) continue;
      }
      if (st.on === "each") await conn.commandEach(st.sql);
      else await conn.command(st.sql);
    }
    if (m.run) await m.run(conn);
    await conn.insert("schema_migrations", [
      { version: m.version, name: m.name, applied_at: chDateTime(new Date().toISOString()) },
    ]);
    ran.push(m.version);
  }
  return ran;
}
