/** `omo import PATH...`: loads dump files (JSON, JSONL, CSV, Parquet) into dated snapshots. */
import type { Command } from "commander";
import { coverageBody, coverageText } from "../../answers/coverage.js";
import { InputError } from "../../errors.js";
import { importFiles } from "../../ingest/import-files.js";
import { emit, withWriteStore } from "../context.js";
import { parseDateOption } from "../options.js";
import { num } from "../output.js";
import { summaryOf } from "./index.js";

interface ImportCliOptions {
  date?: string;
  strict?: boolean;
  coverage?: string;
  coverageHow?: string;
}

/** Validates `--coverage` (full | partial) and `--coverage-how`. */
export function parseCoverageOption(
  kind: string | undefined,
  how: string | undefined,
): { kind?: "full" | "partial"; how?: string } | undefined {
  if (kind !== undefined && kind !== "full" && kind !== "partial") {
    throw new InputError(`invalid --coverage "${kind}": expected full or partial`, { field: "coverage" });
  }
  if (how !== undefined && how.trim() === "") throw new InputError("--coverage-how: empty text", { field: "coverage" });
  if (kind === undefined && how === undefined) return undefined;
  return { ...(kind ? { kind } : {}), ...(how ? { how: how.trim() } : {}) };
}

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("import <paths...>")
    .description(summaryOf("import"))
    .option("--date <date>", "snapshot date for every row (default: from rows, document or file name)")
    .option("--strict", "fail on the first malformed row instead of skipping it")
    .option("--coverage <kind>", "what the files cover: full (a whole unfiltered listing) or partial (default)")
    .option("--coverage-how <text>", "how the files were selected, in words (e.g. 'top 9,715 by downloads')")
    .action(async (paths: string[], o: ImportCliOptions, cmd: Command) => {
      const date = parseDateOption(o.date);
      const coverage = parseCoverageOption(o.coverage, o.coverageHow);
      await withWriteStore(cmd, async (store) => {
        const started = Date.now();
        const result = await importFiles(store, paths, {
          date,
          strict: o.strict,
          coverage,
          onFile: (f) => {
            const bad = f.malformed ? `, ${num(f.malformed)} malformed rows skipped` : "";
            process.stderr.write(`${f.file}: ${f.format}, ${num(f.rows)} rows${bad}\n`);
            for (const p of f.problems.slice(0, 5)) {
              process.stderr.write(`  ${f.file}:${p.line}: ${p.field ? `field "${p.field}": ` : ""}${p.problem}\n`);
            }
          },
        });
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        const rows = result.snapshots.map((s) => ({ ...s, coverageText: coverageText(s.coverage) }));
        emit(cmd, rows, {
          json: {
            snapshots: result.snapshots.map((s) => ({ ...s, coverage: coverageBody(s.coverage, s.models) })),
            files: result.files,
          },
          title: `Imported ${paths.length} file(s) in ${secs} s`,
          columns: [
            { key: "date" },
            { key: "models", align: "right" },
            { key: "downloads", header: "downloads (30d)", align: "right" },
            { key: "malformed", align: "right" },
            { key: "coverageText", header: "coverage" },
            { key: "source" },
          ],
        });
      });
    });
}
