/**
 * `omo claims check FILE [--date D] [--json]`: evaluates each claim of a claims file against the store (true, false
 * or unverifiable, with the measured value, the snapshot and the query); exits 0 only when no checkable claim is
 * false.
 */
import type { Command } from "commander";
import { checkClaims } from "../../claims/check.js";
import { loadClaims } from "../../claims/schema.js";
import { emit, withStore } from "../context.js";
import { parseDateOption } from "../options.js";
import { num } from "../output.js";
import { registry } from "./family.js";
import { summaryOf } from "./index.js";

/** Set by the action: the exit code the check asks for (1 when a claim is false). */
export class ClaimsFailed extends Error {
  constructor(n: number) {
    super(`${n} claim${n === 1 ? "" : "s"} false`);
    this.name = "ClaimsFailed";
  }
}

/** Registers the command. */
export function register(program: Command): void {
  const claims = program.command("claims").description(summaryOf("claims"));
  claims
    .command("check <file>")
    .description("evaluate a claims file: true, false or unverifiable for each claim; exit 1 when any is false")
    .option("--date <date>", "re-read every claim at this snapshot instead of its own date")
    .option("--families <path...>", "extra family files or folders (YAML)")
    .action(async (file: string, o: { date?: string }, cmd: Command) => {
      const date = parseDateOption(o.date) ?? null;
      const parsed = await loadClaims(file);
      const families = await registry(cmd);
      const report = await withStore(cmd, (store) => checkClaims(store, parsed.claims, { date, families }));
      const value = (n: number | null, metric: string) =>
        n === null ? "" : metric === "cost" ? `$${num(Math.round(n))}` : metric === "open-share" ? `${n} %` : num(n);
      emit(
        cmd,
        report.results.map((r) => ({
          id: r.id,
          verdict: r.verdict,
          claim: `${r.metric} ${r.op} ${value(r.value, r.metric)}`,
          measured: value(r.measured, r.metric),
          snapshot: r.snapshot ?? "",
          query: r.query ?? "",
          reason: r.reason,
        })),
        {
          json: { file, ...report },
          title: parsed.title ? `${parsed.title} (${file})` : file,
          footer: `${report.counts.true} true, ${report.counts.false} false, ${report.counts.unverifiable} unverifiable`,
          columns: [
            { key: "id" },
            { key: "verdict" },
            { key: "claim" },
            { key: "measured", align: "right" },
            { key: "snapshot" },
            { key: "query" },
            { key: "reason" },
          ],
        },
      );
      if (!report.ok) throw new ClaimsFailed(report.counts.false);
    });
}
