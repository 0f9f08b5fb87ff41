/**
 * `omo growth [--date D] [--window 7|30|90] [--limit N] [--author A]`: the fastest-growing models, comparing
 * 30-day downloads at a snapshot with the latest snapshot at least `window` days earlier, and the new entrants.
 */
import type { Command } from "commander";
import type { ComparisonBody } from "../../answers/comparison.js";
import { coverageText } from "../../answers/coverage.js";
import { growthBody } from "../../answers/growth.js";
import { InputError } from "../../errors.js";
import { GROWTH_WINDOWS } from "../../queries/params/growth.js";
import { answerContext, emit, outputFormat, withStore } from "../context.js";
import { parseDateOption, parsePositiveInt, requireSnapshot } from "../options.js";
import { num, table } from "../output.js";
import { summaryOf } from "./index.js";

interface GrowthOptions {
  date?: string;
  window?: string;
  limit?: string;
  author?: string;
}

/** Parses `--window`: 7, 30 or 90 days. */
export function parseWindow(value: string | undefined): number {
  const n = Number(value ?? "30");
  if (!(GROWTH_WINDOWS as readonly number[]).includes(n)) {
    throw new InputError(`invalid --window "${value}": expected ${GROWTH_WINDOWS.join(", ")} (days)`);
  }
  return n;
}

/** A relative change as `+38.1%`, or `×13` once the value grew more than tenfold. */
const pct = (x: number | null): string =>
  x === null ? "" : x >= 9 ? `×${num(Math.round(1 + x))}` : `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}%`;

/** A signed percentage with one decimal, or "n/a" from zero. */
const signedPct = (x: number | null): string => (x === null ? "n/a" : `${x >= 0 ? "+" : ""}${x.toFixed(1)}%`);

/** One line: the like-for-like total of a comparison, and without the model that dominates it. */
export function likeForLikeLine(c: ComparisonBody): string {
  const line = `like for like: the ${num(c.models)} models listed on both dates, ${num(c.before)} → ${num(c.after)} downloads (${signedPct(c.changePct)})`;
  const d = c.dominant;
  if (!d) return line;
  return `${line}; one model decides it: ${d.id} (${(d.share * 100).toFixed(1)}% of them on ${d.at}, ${num(d.before)} → ${num(d.after)}); without it ${num(d.without.before)} → ${num(d.without.after)} (${signedPct(d.without.changePct)})`;
}

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("growth")
    .description(summaryOf("growth"))
    .option("--date <date>", "snapshot date (default: latest)")
    .option("--window <days>", "compare with the latest snapshot at or before date minus 7, 30 or 90 days", "30")
    .option("--limit <n>", "models to list", "20")
    .option("--author <author>", "only this organisation")
    .action(async (o: GrowthOptions, cmd: Command) => {
      const date = parseDateOption(o.date);
      const window = parseWindow(o.window);
      const limit = parsePositiveInt(o.limit, "--limit") ?? 20;
      await withStore(cmd, async (store) => {
        const at = await requireSnapshot(store, date);
        const body = await growthBody(answerContext(store, []), { date: at, window, limit, author: o.author ?? null });
        const { baseDate, likeForLike: lfl } = body;
        if (body.note !== null || !baseDate || !lfl) throw new InputError(`${body.note} (try a shorter --window)`);
        const { models, newEntrants: entrants } = body;
        const fmt = outputFormat(cmd);
        if (fmt === "json") {
          emit(cmd, models, { json: body });
          return;
        }
        if (fmt === "csv") {
          const rows = [
            ...models.map((m) => ({ ...m, newEntrant: false })),
            ...entrants.map((e) => ({
              date: e.date,
              baseDate: e.baseDate,
              id: e.id,
              author: e.author,
              before: null,
              after: e.downloads,
              change: null,
              relative: null,
              newEntrant: true,
            })),
          ];
          emit(cmd, rows);
          return;
        }
        const ranked = models.map((m, i) => ({ rank: i + 1, ...m, rel: pct(m.relative) }));
        const who = o.author ? ` of ${o.author}` : "";
        const entrantsText = entrants.length
          ? `New entrants${who} (listed on ${at}, not on ${baseDate}${body.entrantsNote ? `; ${body.entrantsNote}` : ""}):\n\n${table(
              entrants.map((e, i) => ({ rank: i + 1, ...e })),
              [
                { key: "rank", align: "right" },
                { key: "id" },
                { key: "downloads", header: "downloads (30d)", align: "right" },
                { key: "firstSeen", header: "first seen" },
              ],
            )}`
          : `No new entrants${who} since ${baseDate}.`;
        emit(cmd, ranked, {
          title: [
            `Fastest-growing models${who}: 30-day downloads on ${at} vs ${baseDate} (${body.days} days apart; window ${window} days)`,
            `coverage: ${baseDate} ${body.baseCoverage ? coverageText(body.baseCoverage) : "unknown"}; ${at} ${body.coverage ? coverageText(body.coverage) : "unknown"}`,
            likeForLikeLine(lfl),
          ].join("\n"),
          columns: [
            { key: "rank", align: "right" },
            { key: "id" },
            { key: "before", header: baseDate, align: "right" },
            { key: "after", header: at, align: "right" },
            { key: "change", align: "right" },
            { key: "rel", header: "relative", align: "right" },
          ],
          footer: entrantsText,
        });
      });
    });
}
