/** `omo org AUTHOR [--match REGEX]`: an organisation's repos with totals at a snapshot. */
import type { Command } from "commander";
import { isOfficial, loadFamilies } from "../../domain/families.js";
import { genericVersionOf, groupVersions, OTHER_VERSION, versionOf } from "../../domain/versions.js";
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
    .option("--versions", "group the repos into versions (the family's version pattern, else a generic rule)")
    .option("--families <path...>", "extra family files or folders (YAML)")
    .action(
      async (
        author: string,
        o: { date?: string; match?: string; versions?: boolean; families?: string[] },
        cmd: Command,
      ) => {
        const date = parseDateOption(o.date);
        await withStore(cmd, async (store) => {
          const at = await requireSnapshot(store, date);
          const params = { author, match: o.match ?? null, date: at };
          const [totals] = await store.query(orgTotals, params);
          const models = await store.query(orgModels, params);
          const t = totals ?? { repos: 0, downloads: 0, likes: 0 };
          if (o.versions) {
            // each repo is labelled by the family whose official rules claim it (its version pattern), else by the
            // generic rule (size, version, variant)
            const families = await loadFamilies({ extraPaths: o.families ?? [] });
            const label = (id: string): string | null => {
              const f = families.find((x) => isOfficial(x, id));
              if (!f) {
                // no family: the name's first word and the generic size/version/variant label
                const name = id.slice(id.indexOf("/") + 1);
                const generic = genericVersionOf(name);
                return generic ? `${name.split(/[-_ ]/)[0]} ${generic}` : null;
              }
              return `${f.title} ${versionOf(f, id) ?? OTHER_VERSION}`;
            };
            const versions = groupVersions(models, label);
            const claimed = [
              ...new Set(models.flatMap((m) => families.filter((f) => isOfficial(f, m.id)).map((f) => f.name))),
            ];
            emit(cmd, versions, {
              json: {
                author,
                match: o.match ?? null,
                date: at,
                repos: t.repos,
                downloads: t.downloads,
                families: claimed,
                versions,
              },
              title: `${author}${o.match ? ` (repos matching /${o.match}/i)` : ""} by version, snapshot ${at}`,
              footer: `${num(versions.length)} versions, ${num(t.repos)} repos, ${num(t.downloads)} downloads in 30 days`,
              columns: [
                { key: "version" },
                { key: "repos", align: "right" },
                { key: "downloads", header: "downloads (30d)", align: "right" },
                { key: "share" },
              ],
            });
            return;
          }
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
      },
    );
}
