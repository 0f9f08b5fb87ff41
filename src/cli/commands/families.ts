/** `omo families`: every family of the registry ranked by downloads (official ∪ lineage derivatives). */
import type { Command } from "commander";
import { familiesRanking } from "../../answers/bodies.js";
import { answerContext, emit, withStore } from "../context.js";
import { parseDateOption, requireSnapshot } from "../options.js";
import { registry } from "./family.js";
import { summaryOf } from "./index.js";

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("families")
    .description(summaryOf("families"))
    .option("--date <date>", "snapshot date (default: latest)")
    .option("--families <path...>", "extra family files or folders (YAML)")
    .action(async (o: { date?: string }, cmd: Command) => {
      const date = parseDateOption(o.date);
      const families = await registry(cmd);
      await withStore(cmd, async (store) => {
        const at = await requireSnapshot(store, date);
        const ranked = await familiesRanking(answerContext(store, families), at);
        emit(cmd, ranked, {
          title: `Families by 30-day downloads (official ∪ lineage derivatives), snapshot ${at}`,
          columns: [
            { key: "rank", align: "right" },
            { key: "family" },
            { key: "officialRepos", header: "official", align: "right" },
            { key: "officialDownloads", header: "official dl", align: "right" },
            { key: "derivativeRepos", header: "derivatives", align: "right" },
            { key: "derivativeDownloads", header: "derivative dl", align: "right" },
            { key: "totalDownloads", header: "total dl", align: "right" },
          ],
        });
      });
    });
}
