/**
 * `omo prices [--provider P] [--model M] [--as-of D] [--retired]`: API prices in force at a date (the shipped reviewed
 * table plus imported LiteLLM and Portkey tables), each flagged when its source is more than six months old, with the
 * sources that disagree by more than 2× named; and `omo prices import PATH [--as-of D]`: loads a LiteLLM table (plain
 * or .gz) or Portkey price files (one, or a folder of them).
 */
import type { Command } from "commander";
import { loadClosedModels } from "../../domain/closed-models.js";
import {
  annotatePrices,
  findDisagreements,
  STALE_AFTER_MONTHS,
  withCatalogueRetirements,
} from "../../domain/prices.js";
import { InputError } from "../../errors.js";
import { priceFilesAt, readPriceFile } from "../../ingest/price-files.js";
import { SHIPPED_API_PRICES } from "../../ingest/price-tables.js";
import { priceList } from "../../queries/index.js";
import { emit, outputFormat, withStore, withWriteStore } from "../context.js";
import { parseDateOption, parsePositiveInt } from "../options.js";
import { num } from "../output.js";
import { summaryOf } from "./index.js";

/** Today in UTC, `YYYY-MM-DD`. */
const today = () => new Date().toISOString().slice(0, 10);

/** Registers `prices` and `prices import`. */
export function register(program: Command): void {
  const prices = program
    .command("prices")
    .description(summaryOf("prices"))
    .option("--provider <p>", "provider, exactly (openai, anthropic, together_ai…)")
    .option("--model <m>", "model id substring, case-insensitive")
    .option("--as-of <date>", "prices in force at this date (default: today)")
    .option("--retired", "list retired models too (flagged with the day they were retired)")
    .option("--limit <n>", "at most this many rows", "1000")
    .action(
      async (
        o: { provider?: string; model?: string; asOf?: string; retired?: boolean; limit?: string },
        cmd: Command,
      ) => {
        const asOf = parseDateOption(o.asOf, "--as-of") ?? null;
        const limit = parsePositiveInt(o.limit, "--limit") ?? 1000;
        await withStore(cmd, async (store) => {
          const rows = await store.query(priceList, {
            shipped: SHIPPED_API_PRICES,
            as_of: asOf,
            provider: o.provider ?? null,
            model: o.model ?? null,
            include_retired: o.retired === true,
            limit,
          });
          const at = asOf ?? today();
          const annotated = annotatePrices(rows, at);
          if (outputFormat(cmd) === "table" && rows.length === 0) {
            process.stdout.write(
              `no prices in force${o.model ? ` for models matching "${o.model}"` : ""}${o.provider ? ` of provider ${o.provider}` : ""}${asOf ? ` on ${asOf}` : ""}\n`,
            );
            return;
          }
          if (outputFormat(cmd) !== "table") {
            emit(cmd, annotated, {});
            return;
          }
          emit(
            cmd,
            annotated.map((r) => ({
              ...r,
              flags: [r.stale ? "stale" : "", r.retired && r.retired <= at ? `retired ${r.retired}` : ""]
                .filter(Boolean)
                .join(", "),
            })),
            {
              title: `API prices in USD per 1M tokens, in force on ${at}${asOf ? "" : " (today)"}`,
              columns: [
                { key: "provider" },
                { key: "model" },
                { key: "inputPer1M", header: "input", align: "right" },
                { key: "outputPer1M", header: "output", align: "right" },
                { key: "asOf", header: "as of" },
                { key: "flags" },
                { key: "origin" },
                { key: "source" },
              ],
            },
          );
          const notes: string[] = [];
          const stale = annotated.filter((r) => r.stale).length;
          if (stale) {
            notes.push(
              `${stale} of ${annotated.length} prices are stale: their source is more than ${STALE_AFTER_MONTHS} months older than ${at}.`,
            );
          }
          const disagreements = findDisagreements(rows);
          if (disagreements.length) {
            notes.push("Sources that disagree by more than 2× (both rows are listed above):");
            for (const d of disagreements) notes.push(`  ${d.text}`);
          }
          if (notes.length) process.stdout.write(`\n${notes.join("\n")}\n`);
        });
      },
    );

  prices
    .command("import <path>")
    .description(
      "load a LiteLLM price table (model_prices_and_context_window.json, plain or .gz) or Portkey pricing/<provider>.json files (a file or a folder)",
    )
    .option(
      "--as-of <date>",
      "date the prices hold from (default: the file's last_updated; required for Portkey files)",
    )
    .action(async (target: string, o: { asOf?: string }, cmd: Command) => {
      // `prices` has its own --as-of: commander gives the flag to the parent when it follows `import`
      const asOfOption = parseDateOption(
        o.asOf ?? (cmd.parent?.opts() as { asOf?: string } | undefined)?.asOf,
        "--as-of",
      );
      const files = await Promise.all((await priceFilesAt(target)).map(readPriceFile));
      for (const t of files) {
        if (!(asOfOption ?? t.lastUpdated)) {
          throw new InputError(
            t.kind === "portkey"
              ? "Portkey price files carry no date; give --as-of YYYY-MM-DD (the date of the copy)"
              : "the file has no last_updated date; give --as-of YYYY-MM-DD",
            { file: t.file },
          );
        }
      }
      if (files.every((t) => t.rows.length === 0)) {
        throw new InputError("no token-priced text models in this price table", { file: target });
      }
      const catalogue = await loadClosedModels();
      const summaries = await withWriteStore(cmd, async (store) => {
        const out = [];
        for (const t of files) {
          if (t.rows.length === 0) continue;
          const asOf = (asOfOption ?? t.lastUpdated) as string;
          const { rows, filled } = withCatalogueRetirements(t.rows, catalogue);
          const result = await store.importPrices({ rows, asOf, source: t.source });
          out.push({
            file: t.file,
            kind: t.kind,
            source: t.source,
            asOf,
            asOfFrom: asOfOption ? "--as-of" : "last_updated",
            imported: result.inserted,
            replaced: result.replaced,
            retiring: rows.filter((r) => r.deprecationDate).length,
            retiredByCatalogue: filled,
            otherModes: t.otherModes,
            unpriced: t.unpriced,
            malformed: t.malformed.length,
            malformedEntries: t.malformed.slice(0, 20),
          });
        }
        return out;
      });
      if (outputFormat(cmd) !== "table") {
        const [only] = summaries;
        emit(
          cmd,
          summaries.map(({ malformedEntries: _, ...s }) => s),
          { json: summaries.length === 1 && only ? only : summaries },
        );
        return;
      }
      const lines: string[] = [];
      for (const s of summaries) {
        lines.push(
          `${s.file}: ${num(s.imported)} prices as of ${s.asOf} (from ${s.asOfFrom}), source ${s.source}${s.replaced ? `, replacing ${num(s.replaced)} rows of an earlier import` : ""}${s.retiring ? `; ${num(s.retiring)} with a retirement date (${num(s.retiredByCatalogue)} from data/closed-models.yaml)` : ""}`,
        );
        lines.push(
          `skipped: ${num(s.otherModes)} entries of other modes (embedding, images…), ${num(s.unpriced)} without both prices, ${num(s.malformed)} malformed`,
        );
        for (const m of s.malformedEntries.slice(0, 5)) lines.push(`  ${s.file}: ${m.key}: ${m.problem}`);
      }
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
