/**
 * `omo orgs [--date D] [--window 7|30|90] [--limit N] [--task T] [--library L]`: organisations ranked by the 30-day
 * downloads of their repos, with their share, the families they publish and their growth like for like (the body
 * `/api/orgs` and the dashboard's `#/orgs` read).
 */
import type { Command } from "commander";
import { orgRankingBody } from "../../answers/orgs.js";
import { answerContext, emit, outputFormat, withStore } from "../context.js";
import { parseDateOption, parsePositiveInt, requireSnapshot } from "../options.js";
import { num } from "../output.js";
import { registry } from "./family.js";
import { parseWindow } from "./growth.js";
import { summaryOf } from "./index.js";

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? "" : `${x > 0 ? "+" : ""}${(100 * x).toFixed(1)}%`;

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("orgs")
    .description(summaryOf("orgs"))
    .option("--date <date>", "snapshot date (default: latest)")
    .option("--window <days>", "growth against the latest snapshot at or before date minus 7, 30 or 90 days", "30")
    .option("--limit <n>", "organisations to list", "20")
    .option("--task <task>", "only models of this pipeline tag, e.g. text-generation")
    .option("--library <library>", "only models of this library, e.g. transformers")
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const date = parseDateOption(o.date);
      const window = parseWindow(o.window);
      const limit = parsePositiveInt(o.limit, "--limit") ?? 20;
      const families = await registry(cmd);
      await withStore(cmd, async (store) => {
        const at = await requireSnapshot(store, date);
        const body = await orgRankingBody(answerContext(store, families), {
          date: at,
          window,
          limit,
          task: o.task ?? null,
          library: o.library ?? null,
        });
        const rows = body.orgs.map((g) => ({
          rank: g.rank,
          author: g.author,
          repos: g.repos,
          downloads: g.downloads,
          share: g.share === null ? "" : `${(100 * g.share).toFixed(2)}%`,
          families: g.families.join(" "),
          change: g.growth?.change ?? null,
          relative: pct(g.growth?.relative),
          newRepos: g.growth?.newRepos ?? null,
        }));
        if (outputFormat(cmd) === "json") {
          emit(cmd, rows, { json: body });
          return;
        }
        const scope = [o.task ? `task ${o.task}` : "", o.library ? `library ${o.library}` : ""]
          .filter(Boolean)
          .join(", ");
        emit(cmd, rows, {
          title: `Organisations by 30-day downloads${scope ? ` (${scope})` : ""}, snapshot ${at}: ${num(body.total.downloads)} downloads in all\n${body.baseDate ? `growth against ${body.baseDate}, like for like (repos listed at both)` : body.note}`,
          columns: [
            { key: "rank", align: "right" },
            { key: "author", header: "organisation" },
            { key: "repos", align: "right" },
            { key: "downloads", header: "downloads (30d)", align: "right" },
            { key: "share", align: "right" },
            { key: "families" },
            ...(body.baseDate
              ? [
                  { key: "change", align: "right" as const },
                  { key: "relative", align: "right" as const },
                  { key: "newRepos", header: "new repos", align: "right" as const },
                ]
              : []),
          ],
        });
      });
    });
}
