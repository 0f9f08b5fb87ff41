/** `omo org AUTHOR [--match REGEX]`: an organisation's repos with totals at a snapshot. */
import type { Command } from "commander";
import { orgModels, orgTotals } from "../../queries/index.js";
import { emit, withStore } from "../context.js";
import { parseDateOption, requireSnapshot } from "../options.js";
import { num } from "../output.js";

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("org <author>")
    .description("an organisation's repos and totals (30-day downloads, likes)")
    .option("--date <date>", "snapshot date (default: latest)")
    .option("--match <regex>", "keep repos whose name matches (case-insensitive regular expression)")
    .action(async (author: string, o: { date?: string; match?: string }, cmd: Command) => {
      const date = parseDateOption(o.date);
      await withStore(cmd, async (store) => {
        const at = await requireSnapshot(store, date);
        const params = { author, match: o.match ?? null, date: at };
        const [totals] = await store.query(orgTotals, params);
        const models = await store.query(orgModels, params);
        const t = totals ?? { repos: 0, downloads: 0, likes: 0 };
        emit(cmd, models, {
          json: {
            author,
            match: o.match ?? null,
            date: at,
            repos: t.repos,
            downloads: t.downloads,
            likes: t.likes,
            models,
          },
          title: `${author}${o.match ? ` (repos matching /${o.match}/i)` : ""}, snapshot ${at}`,
          footer: `${num(t.repos)} repos, ${num(t.downloads)} downloads in 30 days, ${num(t.likes)} likes`,
          columns: [
            { key: "id" },
            { key: "downloads", header: "downloads (30d)", align: "right" },
            { key: "likes", align: "right" },
            { key: "task" },
            { key: "license" },
            { key: "created" },
          ],
        });
      });
    });
}
