/** `omo org AUTHOR [--match REGEX] [--versions]`: an organisation's repos with totals at a snapshot. */
import type { Command } from "commander";
import { orgBody, orgVersionsBody } from "../../answers/bodies.js";
import { loadFamilies } from "../../domain/families.js";
import { OTHER_VERSION } from "../../domain/versions.js";
import { answerContext, emit, withStore } from "../context.js";
import { parseDateOption, requireSnapshot } from "../options.js";
import { num } from "../output.js";
import { summaryOf } from "./index.js";

/** "4 versions (v0, v1.1, …)" of the release groups (`other` = repos whose name gives no version). */
export function releaseCount(releases: ReadonlyArray<{ version: string; repos: number }>): string {
  const named = releases.filter((r) => r.version !== OTHER_VERSION).map((r) => r.version);
  const other = releases.find((r) => r.version === OTHER_VERSION)?.repos ?? 0;
  const list = named.length ? ` (${[...named].sort().join(", ")})` : "";
  return `${num(named.length)} ${named.length === 1 ? "version" : "versions"}${list}${other ? ` and ${num(other)} repos with no version in their name` : ""}`;
}

/** The line naming a repo that holds more than a fifth of the total, with the total without it. */
function dominantLine(
  d: { id: string; downloads: number; share: number; without: { repos: number; downloads: number } } | null,
): string {
  if (!d) return "";
  return `\none repo holds more than a fifth of it: ${d.id}, ${num(d.downloads)} (${(d.share * 100).toFixed(1)}%); without it: ${num(d.without.repos)} repos, ${num(d.without.downloads)} downloads`;
}

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
              footer: `${num(v.versions.length)} size/variant groups in ${releaseCount(v.releases)}, ${num(v.repos)} repos, ${num(v.downloads)} downloads in the 30 days to ${at}${dominantLine(v.dominant)}`,
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
            footer: `${num(org.repos)} repos, ${num(org.downloads)} downloads in the 30 days to ${at}, ${num(org.likes)} likes${dominantLine(org.dominant)}`,
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
