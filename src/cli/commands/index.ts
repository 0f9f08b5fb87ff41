/**
 * Every `omo` command: its name, usage and one-line summary (what `omo --help` lists), and the module that defines it.
 * Only the module of the command being run is loaded, so `omo --help`, `omo --version` and each command start without
 * loading what other commands use (the web server, ECharts, ClickHouse's client…).
 */
import type { Command } from "commander";

/** A command of the table. */
export interface CommandEntry {
  name: string;
  /** The name with its arguments, as commander shows it. */
  usage: string;
  summary: string;
  load: () => Promise<{ register(program: Command): void }>;
}

/** The commands, in the order `omo --help` lists them. */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "snapshots",
    usage: "snapshots",
    summary: "list snapshots: date, source, status, number of models, what each covers (full or partial)",
    load: () => import("./snapshots.js"),
  },
  {
    name: "top",
    usage: "top",
    summary: "top models by 30-day downloads",
    load: () => import("./top.js"),
  },
  {
    name: "model",
    usage: "model <id>",
    summary: "one model: metadata, statistics at the date, and its history",
    load: () => import("./model.js"),
  },
  {
    name: "org",
    usage: "org <author>",
    summary: "an organisation's repos and totals (30-day downloads, likes)",
    load: () => import("./org.js"),
  },
  {
    name: "orgs",
    usage: "orgs",
    summary: "organisations ranked by 30-day downloads: share, families they publish, growth like for like",
    load: () => import("./orgs.js"),
  },
  {
    name: "family",
    usage: "family <name>",
    summary: "a family: official repos, lineage derivatives, their union; name-only matches apart",
    load: () => import("./family.js"),
  },
  {
    name: "families",
    usage: "families",
    summary: "rank every family by 30-day downloads (official repos and lineage derivatives)",
    load: () => import("./families.js"),
  },
  {
    name: "series",
    usage: "series",
    summary: "history of a model or an organisation over the stored snapshots, per day, week or month",
    load: () => import("./series.js"),
  },
  {
    name: "growth",
    usage: "growth",
    summary:
      "fastest-growing models: 30-day downloads now vs the latest snapshot at least --window days earlier, like for like",
    load: () => import("./growth.js"),
  },
  {
    name: "concentration",
    usage: "concentration",
    summary:
      "share of downloads held by the top-k models and organisations, the HHI by organisation, a dominant model named",
    load: () => import("./concentration.js"),
  },
  {
    name: "openness",
    usage: "openness",
    summary: "downloads by openness class of the licence; --series per snapshot; --drift licence changes",
    load: () => import("./openness.js"),
  },
  {
    name: "import",
    usage: "import <paths...>",
    summary:
      "import Hub dumps: JSON pages/documents, JSONL(.gz), CSV (pandas), Parquet (partial unless --coverage full)",
    load: () => import("./import.js"),
  },
  {
    name: "ingest",
    usage: "ingest",
    summary: "crawl the Hub model listing into a snapshot (resumable)",
    load: () => import("./ingest.js"),
  },
  {
    name: "watch",
    usage: "watch",
    summary: "run the ingest crawl once per period (one at a time, with a lock file beside the database)",
    load: () => import("./watch.js"),
  },
  {
    name: "hub-serve",
    usage: "hub-serve",
    summary: "serve a snapshot file in the Hub's wire format (for tests and demos)",
    load: () => import("./hub-serve.js"),
  },
  {
    name: "queries",
    usage: "queries [name]",
    summary: 'the named queries behind every number ("how is this computed?"); with a name, its SQL',
    load: () => import("./queries.js"),
  },
  {
    name: "serve",
    usage: "serve",
    summary: "serve the JSON API, badges, OpenAPI docs (/docs) and the dashboard",
    load: () => import("./serve.js"),
  },
  {
    name: "cost",
    usage: "cost",
    summary: "monthly cost of a workload: closed API vs hosted open model vs self-hosted on rented GPUs",
    load: () => import("./cost.js"),
  },
  {
    name: "prices",
    usage: "prices",
    summary:
      "API prices (USD per 1M tokens) in force at a date, stale and disagreeing sources flagged; `prices import PATH` loads LiteLLM or Portkey tables",
    load: () => import("./prices.js"),
  },
  {
    name: "report",
    usage: "report",
    summary: "write the state-of-open-models report from the stored snapshots (Markdown or HTML, en or it)",
    load: () => import("./report.js"),
  },
  {
    name: "claims",
    usage: "claims",
    summary: "check statements about adoption against the stored data",
    load: () => import("./claims.js"),
  },
  {
    name: "alerts",
    usage: "alerts",
    summary: "watchlists: tell when a model, family or organisation changes (omo alerts check FILE)",
    load: () => import("./alerts.js"),
  },
  {
    name: "store",
    usage: "store",
    summary: "manage stores: copy snapshots between DuckDB and ClickHouse",
    load: () => import("./store.js"),
  },
  {
    name: "leaderboard",
    usage: "leaderboard",
    summary: "leaderboards: import tables, the open-vs-closed gap, months behind, models with matches and prices",
    load: () => import("./leaderboard.js"),
  },
  {
    name: "usage",
    usage: "usage",
    summary: "token usage on OpenRouter: import, open-weight share over time, models, matching to Hub repos, signals",
    load: () => import("./usage.js"),
  },
];

/** The summary of a command of the table (its `.description`). */
export function summaryOf(name: string): string {
  const e = COMMANDS.find((c) => c.name === name);
  if (!e) throw new Error(`no command ${name} in the command table`);
  return e.summary;
}
