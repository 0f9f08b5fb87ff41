/**
 * `omo alerts check FILE [--date D] [--json]`: evaluates a watchlist (YAML rules on models, families and
 * organisations: thresholds, changes, new derivatives) at a snapshot against the previous one; prints each rule with
 * its figures and exits 1 when any rule fires.
 */
import type { Command } from "commander";
import { type AlertResult, checkWatchlist } from "../../alerts/check.js";
import { loadWatchlist } from "../../alerts/watchlist.js";
import { emit, withStore } from "../context.js";
import { parseDateOption } from "../options.js";
import { num } from "../output.js";
import { registry } from "./family.js";
import { summaryOf } from "./index.js";

/** The exit the check asks for when a rule fired (main prints the message and exits 1). */
export class AlertsFired extends Error {
  constructor(n: number) {
    super(`${n} alert rule${n === 1 ? "" : "s"} fired`);
    this.name = "AlertsFired";
  }
}

/** One result as a table row. */
function row(r: AlertResult) {
  const v = (x: number | null) => (x === null ? "" : num(Math.round(x)));
  return {
    id: r.id,
    status: r.status === "fired" && !r.newly ? "fired (already before)" : r.status,
    rule: r.rule,
    value: v(r.value),
    before: v(r.before),
    change: r.changePct === null ? "" : `${r.changePct > 0 ? "+" : ""}${r.changePct.toFixed(1)}%`,
    query: r.query,
    reason: r.reason,
  };
}

/** Registers the command. */
export function register(program: Command): void {
  const alerts = program.command("alerts").description(summaryOf("alerts"));
  alerts
    .command("check <file>")
    .description("evaluate a watchlist at a snapshot against the previous one; exit 1 when any rule fires")
    .option("--date <date>", "the snapshot to evaluate (default: the latest)")
    .option("--families <path...>", "extra family files or folders (YAML)")
    .action(async (file: string, o: { date?: string }, cmd: Command) => {
      const date = parseDateOption(o.date) ?? null;
      const families = await registry(cmd);
      const watchlist = await loadWatchlist(
        file,
        families.map((f) => f.name),
      );
      const report = await withStore(cmd, (store) => checkWatchlist(store, watchlist, { date, families }));
      emit(cmd, report.results.map(row), {
        json: { file, ...report },
        title: `${watchlist.title} (${file}): snapshot ${report.date}${report.previous ? ` against ${report.previous}` : " (no previous snapshot)"}`,
        footer: `${report.counts.fired} fired, ${report.counts.quiet} quiet, ${report.counts.unknown} unknown`,
        columns: [
          { key: "id" },
          { key: "status" },
          { key: "rule" },
          { key: "value", align: "right" },
          { key: "before", align: "right" },
          { key: "change", align: "right" },
          { key: "query" },
          { key: "reason" },
        ],
      });
      if (!report.ok) throw new AlertsFired(report.counts.fired);
    });
}
