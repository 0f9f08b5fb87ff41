/**
 * `omo queries [NAME] [--params JSON] [--dialect duckdb|clickhouse]`: the query catalog — every named query with its
 * description, or one query's SQL on the configured store's dialect ("how is this computed?"); with `--params`, the
 * values bound and the SQL as it runs (DuckDB: a PREPARE/EXECUTE that runs as is in the DuckDB CLI).
 */
import { type Command, Option } from "commander";
import { InputError } from "../../errors.js";
import { CATALOG } from "../../queries/index.js";
import { resolveLocation } from "../../store/open.js";
import { dialectOf, querySql, type SqlDialect } from "../../store/query-sql.js";
import { emit, type GlobalOptions, outputFormat } from "../context.js";
import { summaryOf } from "./index.js";

/** The dialect asked for, else the configured store's. */
function chosenDialect(cmd: Command, asked: string | undefined): SqlDialect {
  if (asked === "duckdb") return { kind: "duckdb" };
  const configured = dialectOf(resolveLocation(cmd.optsWithGlobals() as GlobalOptions));
  if (asked === "clickhouse")
    return configured.kind === "clickhouse" ? configured : { kind: "clickhouse", cluster: false };
  return configured;
}

/** The `--params` JSON object. */
function parseParams(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new InputError("--params: not JSON (expected an object of the query's parameters)");
  }
  if (v === null || typeof v !== "object" || Array.isArray(v))
    throw new InputError("--params: expected a JSON object of the query's parameters");
  return v as Record<string, unknown>;
}

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("queries [name]")
    .description(summaryOf("queries"))
    .option(
      "--params <json>",
      'bind these parameters (a JSON object, e.g. \'{"author":"lmsys"}\') and show the SQL as it runs',
    )
    .addOption(
      new Option("--dialect <dialect>", "the SQL of this store kind (default: the configured store's)").choices([
        "duckdb",
        "clickhouse",
      ]),
    )
    .action(async (name: string | undefined, o: { params?: string; dialect?: string }, cmd: Command) => {
      if (!name) {
        const rows = Object.values(CATALOG).map((q) => ({ name: q.name, description: q.description, cache: q.cache }));
        const short = rows.map((r) => ({
          ...r,
          description: r.description.length > 100 ? `${r.description.slice(0, 99)}…` : r.description,
        }));
        if (outputFormat(cmd) === "table") emit(cmd, short, { columns: [{ key: "name" }, { key: "description" }] });
        else emit(cmd, rows);
        return;
      }
      const q = CATALOG[name];
      if (!q) throw new InputError(`unknown query "${name}"; see "omo queries" for the list`);
      const run = querySql(q, chosenDialect(cmd, o.dialect), parseParams(o.params));
      if (outputFormat(cmd) !== "table") {
        emit(cmd, [
          {
            name: q.name,
            description: q.description,
            cache: q.cache,
            dialect: run.dialect,
            sql: run.sql,
            values: run.values,
            bound: run.bound,
            notes: run.notes,
          },
        ]);
        return;
      }
      const notes = run.notes.map((n) => `-- ${n}\n`).join("");
      const cache = q.cache === "day" ? "until the data changes or the day ends" : "until the data changes";
      process.stdout.write(
        `${q.name}: ${q.description}\n(${run.dialect}; answers hold ${cache})\n\n${notes}${run.bound ?? run.sql}`,
      );
      if (!(run.bound ?? run.sql).endsWith("\n")) process.stdout.write("\n");
    });
}
