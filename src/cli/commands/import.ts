/** `omo import PATH...`: loads dump files (JSON, JSONL, CSV, Parquet) into dated snapshots. */
import type { Command } from "commander";
import { importFiles } from "../../ingest/import-files.js";
import { emit, withWriteStore } from "../context.js";
import { parseDateOption } from "../options.js";
import { num } from "../output.js";
import { summaryOf } from "./index.js";

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("import <paths...>")
    .description(summaryOf("import"))
    .option("--date <date>", "snapshot date for every row (default: from rows, document or file name)")
    .option("--strict", "fail on the first malformed row instead of skipping it")
    .action(async (paths: string[], o: { date?: string; strict?: boolean }, cmd: Command) => {
      const date = parseDateOption(o.date);
      await withWriteStore(cmd, async (store) => {
        const started = Date.now();
        const result = await importFiles(store, paths, {
          date,
          strict: o.strict,
          onFile: (f) => {
            const bad = f.malformed ? `, ${num(f.malformed)} malformed rows skipped` : "";
            process.stderr.write(`${f.file}: ${f.format}, ${num(f.rows)} rows${bad}\n`);
            for (const p of f.problems.slice(0, 5)) {
              process.stderr.write(`  ${f.file}:${p.line}: ${p.field ? `field "${p.field}": ` : ""}${p.problem}\n`);
            }
          },
        });
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        emit(cmd, result.snapshots as unknown as Record<string, unknown>[], {
          json: { snapshots: result.snapshots, files: result.files },
          title: `Imported ${paths.length} file(s) in ${secs} s`,
          columns: [
            { key: "date" },
            { key: "models", align: "right" },
            { key: "downloads", header: "downloads (30d)", align: "right" },
            { key: "malformed", align: "right" },
            { key: "source" },
          ],
        });
      });
    });
}
