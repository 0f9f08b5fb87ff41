/**
 * `omo prices [--provider P] [--model M] [--as-of D]`: API prices in force at a date (the shipped reviewed table plus
 * imported LiteLLM tables), and `omo prices import FILE [--as-of D]`: loads a LiteLLM price table (plain or .gz).
 */
import path from "node:path";
import type { Command } from "commander";
import { SHIPPED_API_PRICES } from "../../domain/cost-plan.js";
import { InputError } from "../../errors.js";
import { readLiteLlmFile } from "../../ingest/litellm-prices.js";
import { priceList } from "../../queries/prices.js";
import { emit, outputFormat, withStore, withWriteStore } from "../context.js";
import { parseDateOption, parsePositiveInt } from "../options.js";
import { num } from "../output.js";
import { summaryOf } from "./index.js";

/** Registers `prices` and `prices import`. */
export function register(program: Command): void {
  const prices = program
    .command("prices")
    .description(summaryOf("prices"))
    .option("--provider <p>", "provider, exactly (openai, anthropic, anyscale…)")
    .option("--model <m>", "model id substring, case-insensitive")
    .option("--as-of <date>", "prices in force at this date (default: the latest)")
    .option("--limit <n>", "at most this many rows", "1000")
    .action(async (o: { provider?: string; model?: string; asOf?: string; limit?: string }, cmd: Command) => {
      const asOf = parseDateOption(o.asOf, "--as-of") ?? null;
      const limit = parsePositiveInt(o.limit, "--limit") ?? 1000;
      await withStore(cmd, async (store) => {
        const rows = await store.query(priceList, {
          shipped: SHIPPED_API_PRICES,
          as_of: asOf,
          provider: o.provider ?? null,
          model: o.model ?? null,
          limit,
        });
        if (outputFormat(cmd) === "table" && rows.length === 0) {
          process.stdout.write(
            `no prices${o.model ? ` for models matching "${o.model}"` : ""}${o.provider ? ` of provider ${o.provider}` : ""}${asOf ? ` on or before ${asOf}` : ""}\n`,
          );
          return;
        }
        emit(cmd, rows, {
          title: `API prices in USD per 1M tokens${asOf ? `, in force on ${asOf}` : ", latest"}`,
          columns: [
            { key: "provider" },
            { key: "model" },
            { key: "inputPer1M", header: "input", align: "right" },
            { key: "outputPer1M", header: "output", align: "right" },
            { key: "asOf", header: "as of" },
            { key: "origin" },
            { key: "source" },
          ],
        });
      });
    });

  prices
    .command("import <file>")
    .description("load a LiteLLM price table (model_prices_and_context_window.json, plain or .gz) into the database")
    .option("--as-of <date>", "date the prices hold from (default: the file's last_updated)")
    .action(async (file: string, o: { asOf?: string }, cmd: Command) => {
      const asOfOption = parseDateOption(o.asOf, "--as-of");
      const table = await readLiteLlmFile(file);
      const asOf = asOfOption ?? table.lastUpdated;
      if (!asOf) throw new InputError("the file has no last_updated date; give --as-of YYYY-MM-DD", { file });
      if (table.rows.length === 0) {
        throw new InputError("no priced chat/completion models in this LiteLLM table", { file });
      }
      const source = `litellm:${path.basename(file)}`;
      const result = await withWriteStore(cmd, (store) => store.importPrices({ rows: table.rows, asOf, source }));
      const summary = {
        file,
        source,
        asOf,
        asOfFrom: asOfOption ? "--as-of" : "last_updated",
        imported: result.inserted,
        replaced: result.replaced,
        otherModes: table.otherModes,
        unpriced: table.unpriced,
        malformed: table.malformed.length,
      };
      if (outputFormat(cmd) !== "table") {
        emit(cmd, [summary], { json: { ...summary, malformedEntries: table.malformed.slice(0, 20) } });
        return;
      }
      const lines = [
        `${file}: ${num(result.inserted)} prices as of ${asOf} (from ${summary.asOfFrom}), source ${source}${result.replaced ? `, replacing ${num(result.replaced)} rows of an earlier import` : ""}`,
        `skipped: ${num(table.otherModes)} entries of other modes (embedding, images…), ${num(table.unpriced)} without both prices, ${num(table.malformed.length)} malformed`,
        ...table.malformed.slice(0, 5).map((m) => `  ${file}: ${m.key}: ${m.problem}`),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
}
