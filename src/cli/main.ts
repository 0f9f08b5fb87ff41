/**
 * The `omo` command line. Global options: `--db PATH` (or OMO_DB; default ./omo.duckdb), `--json`, `--csv`,
 * `--debug`. Errors print as one line on stderr with a non-zero exit; stack traces only with --debug.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { COMMANDS } from "./commands/index.js";

/** The package version (`omo --version`). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** Global options that take a value (the command name comes after them). */
const VALUE_OPTIONS = new Set(["--db", "--store"]);

/** The command named in `argv` (the first operand after the global options), if any; `help X` names X. */
export function commandOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--") return argv[i + 1];
    if (VALUE_OPTIONS.has(a)) {
      i++;
      continue;
    }
    if (a.startsWith("-")) continue;
    return a === "help" ? (argv[i + 1] ?? a) : a;
  }
  return undefined;
}

/**
 * Builds the program. With `only`, just that command's module is loaded and registered (the other commands are
 * listed by name and summary for help and suggestions, without loading them); without it, every module is loaded.
 */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command("omo")
    .description("Open Model Observatory: adoption of open AI models from Hugging Face Hub statistics")
    .version(version(), "-V, --version", "print the version")
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
  const loadAll = only === undefined;
  for (const entry of COMMANDS) {
    if (loadAll || entry.name === only) (await entry.load()).register(program);
    else {
      // a placeholder: listed by `omo --help`, never run (argv named another command)
      program.command(entry.usage).description(entry.summary);
    }
  }
  return program;
}

/** Runs the CLI with the given arguments (without node and script). */
export async function main(argv: string[]): Promise<number> {
  try {
    const named = commandOf(argv);
    const known = named !== undefined && COMMANDS.some((c) => c.name === named);
    // only the command being run is loaded; `omo --help`, `--version` and unknown names load none
    const program = await buildProgram(known ? named : "");
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
