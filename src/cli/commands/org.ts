/** `omo org AUTHOR [--match REGEX] [--versions]`: an organisation's repos with totals at a snapshot. */
import type { Command } from "commander";
import { orgBody, orgVersionsBody } from "../../answers/bodies.js";
import { loadFamilies } from "../../domain/families.js";
import { answerContext, emit, withStore } from "../context.js";
import { parseDateOption, requireSnapshot } from "../options.js";
import { num } from "../output.js";
import { summaryOf } from "./index.js";

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("org <author>")
    .description(summaryOf("org"))
    .option("--date <date>", "snapshot date (default: latest)")
    .option("--match <regex>", "keep repos whose name matches (case-insensitive regular expression)")
    .option("--versions", "group the repos into versions (the family's version pattern, else a generic rule)")
    .option("--families <path...>", "extra family files or folders (YAML)")
    .action(
      async (
        author: string,
        o: { date?: string; match?: string; versions?: boolean; families?: string[] },
        cmd: Command,
      ) => {
        const date = parseDateOption(o.date);
        const match = o.match ?? null;
        const who = `${author}${o.match ? ` (repos matching /${o.match}/i)` : ""}`;
        await withStore(cmd, async (store) => {
          const at = await requireSnapshot(store, date);
          const ctx = answerContext(store, o.versions ? await loadFamilies({ extraPaths: o.families ?? [] }) : []);
          if (o.versions) {
            // each repo is labelled by the family whose official rules claim it (its version pattern), else by the
            // generic rule (size, version, variant)
            const v = await orgVersionsBody(ctx, author, match, at);
            emit(cmd, v.versions, {
              json: v,
              title: `${who} by version, snapshot ${at}`,
              footer: `${num(v.versions.length)} versions, ${num(v.repos)} repos, ${num(v.downloads)} downloads in 30 days`,
              columns: [
                { key: "version" },
                { key: "repos", align: "right" },
                { key: "downloads", header: "downloads (30d)", align: "right" },
                { key: "share" },
              ],
            });
            return;
          }
          const org = await orgBody(ctx, author, match, at);
          emit(cmd, org.models, {
            json: org,
            title: `${who}, snapshot ${at}`,
            footer: `${num(org.repos)} repos, ${num(org.downloads)} downloads in 30 days, ${num(org.likes)} likes`,
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
      },
    );
}
