/**
 * The `omo` command line. Global options: `--db PATH` (or OMO_DB; default ./omo.duckdb), `--json`, `--csv`,
 * `--debug`. Errors print as one line on stderr with a non-zero exit; stack traces only with --debug.
 */
import { Command, CommanderError } from "commander";
import { register as alerts } from "./commands/alerts.js";
import { register as claims } from "./commands/claims.js";
import { register as concentration } from "./commands/concentration.js";
import { register as cost } from "./commands/cost.js";
import { register as families } from "./commands/families.js";
import { register as family } from "./commands/family.js";
import { register as growth } from "./commands/growth.js";
import { register as hubServe } from "./commands/hub-serve.js";
import { register as importCmd } from "./commands/import.js";
import { register as ingest } from "./commands/ingest.js";
import { register as model } from "./commands/model.js";
import { register as openness } from "./commands/openness.js";
import { register as org } from "./commands/org.js";
import { register as prices } from "./commands/prices.js";
import { register as queries } from "./commands/queries.js";
import { register as report } from "./commands/report.js";
import { register as series } from "./commands/series.js";
import { register as serve } from "./commands/serve.js";
import { register as snapshots } from "./commands/snapshots.js";
import { register as store } from "./commands/store.js";
import { register as top } from "./commands/top.js";
import { register as watch } from "./commands/watch.js";

/** Builds the program with every command registered. */
export function buildProgram(): Command {
  const program = new Command("omo")
    .description("Open Model Observatory: adoption of open AI models from Hugging Face Hub statistics")
    .option("--db <path>", "database file (default: OMO_STORE, OMO_DB or ./omo.duckdb)")
    .option(
      "--store <location>",
      "store: a DuckDB file (duckdb://PATH) or clickhouse://user:pass@host:8123[,host2:port]/db",
    )
    .option("--json", "print JSON")
    .option("--csv", "print CSV")
    .option("--debug", "print stack traces on errors")
    .showHelpAfterError()
    .exitOverride();
  for (const reg of [
    snapshots,
    top,
    model,
    org,
    family,
    families,
    series,
    growth,
    concentration,
    openness,
    importCmd,
    ingest,
    watch,
    hubServe,
    queries,
    serve,
    cost,
    prices,
    report,
    claims,
    alerts,
    store,
  ])
    reg(program);
  return program;
}

/** Runs the CLI with the given arguments (without node and script). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 || err.code === "commander.helpDisplayed" || err.code === "commander.version" ? 0 : 2;
    }
    const debug = argv.includes("--debug");
    const e = err as Error;
    process.stderr.write(`omo: ${debug ? (e.stack ?? e.message) : (e.message ?? String(e)).split("\n")[0]}\n`);
    return 1;
  }
}
