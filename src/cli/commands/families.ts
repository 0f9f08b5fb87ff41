/** `omo families`: every family of the registry ranked by downloads (official ∪ lineage derivatives). */
import type { Command } from "commander";
import { officialSqlParams } from "../../domain/families.js";
import { familyTotals } from "../../queries/families.js";
import { emit, withStore } from "../context.js";
import { parseDateOption, requireSnapshot } from "../options.js";
import { registry } from "./family.js";

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("families")
    .description("rank every family by 30-day downloads (official repos and lineage derivatives)")
    .option("--date <date>", "snapshot date (default: latest)")
    .option("--families <path...>", "extra family files or folders (YAML)")
    .action(async (o: { date?: string }, cmd: Command) => {
      const date = parseDateOption(o.date);
      const families = await registry(cmd);
      await withStore(cmd, async (store) => {
        const at = await requireSnapshot(store, date);
        const rows = [];
        for (const f of families) {
          const [t] = await store.query(familyTotals, {
            official: officialSqlParams(f).officialPattern,
            names: null,
            relations: null,
            depth: 50,
            date: at,
          });
          rows.push({
            family: f.name,
            title: f.title,
            officialRepos: t?.officialRepos ?? 0,
            officialDownloads: t?.officialDownloads ?? 0,
            derivativeRepos: t?.derivativeRepos ?? 0,
            derivativeDownloads: t?.derivativeDownloads ?? 0,
            totalRepos: t?.totalRepos ?? 0,
            totalDownloads: t?.totalDownloads ?? 0,
          });
        }
        rows.sort((a, b) => b.totalDownloads - a.totalDownloads || a.family.localeCompare(b.family));
        const ranked = rows.map((r, i) => ({ rank: i + 1, date: at, ...r }));
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
