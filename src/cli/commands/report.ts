/**
 * `omo report [--date D] [--from D1] [--lang en|it] [--format md|html] [--out FILE] [--subjects FILE]`: the state of
 * open models at a snapshot, written from the store's data in English or Italian; standard output unless `--out`.
 */
import { rename, writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { isLang, LANGS } from "../../report/locale.js";
import { generateReport, REPORT_FORMATS, type ReportFormat } from "../../report/report.js";
import { withStore } from "../context.js";
import { parseDateOption } from "../options.js";
import { registry } from "./family.js";
import { summaryOf } from "./index.js";

interface ReportOptions {
  date?: string;
  from?: string;
  lang: string;
  format?: string;
  out?: string;
  subjects?: string;
}

/** The format from `--format`, else from the `--out` extension, else Markdown. */
function formatOf(o: ReportOptions): ReportFormat {
  const f = o.format ?? (o.out && /\.html?$/i.test(o.out) ? "html" : "md");
  if (!(REPORT_FORMATS as readonly string[]).includes(f)) {
    throw new InputError(`invalid --format "${f}": expected one of ${REPORT_FORMATS.join(", ")}`);
  }
  return f as ReportFormat;
}

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("report")
    .description(summaryOf("report"))
    .option("--date <date>", "snapshot reported (default: latest)")
    .option("--from <date>", "snapshot to compare with (default: the previous one)")
    .option("--lang <lang>", `language: ${LANGS.join(" | ")}`, "en")
    .option("--format <format>", `output format: ${REPORT_FORMATS.join(" | ")} (default: md, or html for --out *.html)`)
    .option("--out <file>", "write to this file instead of standard output")
    .option("--subjects <file>", "subjects to follow (default: data/report/subjects.yaml)")
    .option("--families <path...>", "extra family files or folders (YAML)")
    .action(async (o: ReportOptions, cmd: Command) => {
      const date = parseDateOption(o.date) ?? null;
      const from = parseDateOption(o.from, "--from") ?? null;
      if (!isLang(o.lang)) throw new InputError(`invalid --lang "${o.lang}": expected one of ${LANGS.join(", ")}`);
      const format = formatOf(o);
      const families = await registry(cmd);
      const text = await withStore(cmd, (store) =>
        generateReport(store, { date, from, lang: o.lang as "en" | "it", format, families, subjectsFile: o.subjects }),
      );
      if (!o.out) {
        process.stdout.write(text);
        return;
      }
      // write then rename: an interrupted run never leaves a half-written report in place of a previous one
      const tmp = `${o.out}.tmp-${process.pid}`;
      await writeFile(tmp, text);
      await rename(tmp, o.out);
      process.stderr.write(`omo: wrote ${o.out} (${format}, ${o.lang})\n`);
    });
}
