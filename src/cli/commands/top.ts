/** `omo top`: models by 30-day downloads at a snapshot, with filters. */
import type { Command } from "commander";
import { topModels } from "../../queries/index.js";
import { emit, withStore } from "../context.js";
import { parseDateOption, parsePositiveInt, requireSnapshot } from "../options.js";
import { summaryOf } from "./index.js";

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("top")
    .description(summaryOf("top"))
    .option("--date <date>", "snapshot date (default: latest)")
    .option("--limit <n>", "number of models", "20")
    .option("--task <task>", "pipeline tag, e.g. text-generation")
    .option("--library <library>", "library, e.g. transformers")
    .option("--license <license>", "licence tag, e.g. apache-2.0")
    .option("--author <author>", "organisation or user")
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const date = parseDateOption(o.date);
      const limit = parsePositiveInt(o.limit, "--limit") ?? 20;
      await withStore(cmd, async (store) => {
        const at = await requireSnapshot(store, date);
        const rows = await store.query(topModels, {
          date: at,
          limit,
          task: o.task ?? null,
          library: o.library ?? null,
          license: o.license ?? null,
          author: o.author ?? null,
        });
        const ranked = rows.map((r, i) => ({ rank: i + 1, ...r }));
        emit(cmd, ranked, {
          title: `Top ${limit} models by 30-day downloads, snapshot ${at}`,
          columns: [
            { key: "rank", align: "right" },
            { key: "id" },
            { key: "downloads", align: "right" },
            { key: "likes", align: "right" },
            { key: "task" },
            { key: "library" },
            { key: "license" },
          ],
        });
      });
    });
}
