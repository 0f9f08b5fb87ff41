/** `omo queries [NAME]`: the query catalog — every named query with its description, or one query's SQL. */
import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { CATALOG } from "../../queries/index.js";
import { emit, outputFormat } from "../context.js";
import { summaryOf } from "./index.js";

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("queries [name]")
    .description(summaryOf("queries"))
    .action(async (name: string | undefined, _o: unknown, cmd: Command) => {
      if (!name) {
        const rows = Object.values(CATALOG).map((q) => ({ name: q.name, description: q.description }));
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
      if (outputFormat(cmd) !== "table") {
        emit(cmd, [{ name: q.name, description: q.description, sql: q.sql.duckdb }]);
        return;
      }
      process.stdout.write(`${q.name}: ${q.description}\n\n${q.sql.duckdb}\n`);
    });
}
