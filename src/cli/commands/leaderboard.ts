/**
 * `omo leaderboard`: import dated leaderboard tables (`import PATH...`), the open-vs-closed gap per table (`gap`),
 * one table's entries with their matches, downloads, prices and frontier (`models`, `--explain NAME`), months behind
 * (`months-behind`) and the stored tables (`tables`).
 */
import type { Command } from "commander";
import {
  explainEntryBody,
  type LeaderboardContext,
  leaderboardGapBody,
  leaderboardMatchesBody,
  leaderboardModelsBody,
  loadLeaderboardDeps,
  monthsBehindBody,
} from "../../answers/leaderboards.js";
import { InputError } from "../../errors.js";
import { importLeaderboardFiles } from "../../ingest/leaderboards.js";
import { leaderboardSnapshots } from "../../queries/index.js";
import type { Store } from "../../store/store.js";
import { emit, outputFormat, withStore, withWriteStore } from "../context.js";
import { parseDateOption, parsePositiveInt } from "../options.js";
import { num } from "../output.js";
import { summaryOf } from "./index.js";

/** The CLI's leaderboard context: errors are one-line input errors. */
function cliContext(store: Store): LeaderboardContext {
  return {
    query: (q, p) => store.query(q, p),
    notFound: (m) => new InputError(m),
    badParam: (param, m) => new InputError(m, { field: param === "board" ? "--board" : param }),
  };
}

/** `+a/-b`, `±a`, or empty. */
function ciText(ci: { plus: number | null; minus: number | null } | undefined): string {
  if (!ci || ci.plus === null || ci.minus === null) return "";
  return ci.plus === ci.minus ? `±${ci.plus}` : `+${ci.plus}/-${ci.minus}`;
}

/** Registers `leaderboard` and its subcommands. */
export function register(program: Command): void {
  const lb = program.command("leaderboard").description(summaryOf("leaderboard"));

  lb.command("import <paths...>")
    .description(
      "import leaderboard tables (files or folders: every LMArena header variant, Open LLM Leaderboard v1/v2)",
    )
    .option("--date <date>", "date of every table (default: from the file name)")
    .option("--board <board>", "board of every table (default: from the folder, e.g. arena → arena-text)")
    .action(async (paths: string[], o: { date?: string; board?: string }, cmd: Command) => {
      const date = parseDateOption(o.date);
      await withWriteStore(cmd, async (store) => {
        const started = Date.now();
        const r = await importLeaderboardFiles(store, paths, { date, board: o.board });
        for (const s of r.skipped) process.stderr.write(`${s.file}: skipped (${s.reason})\n`);
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        const boards = [...new Set(r.loaded.map((l) => l.board))];
        const summary = boards.map((b) => {
          const ls = r.loaded.filter((l) => l.board === b);
          const formats = [...new Set(ls.map((l) => l.format))].join(", ");
          return {
            board: b,
            tables: ls.length,
            from: ls.map((l) => l.date).sort()[0],
            to: ls.map((l) => l.date).sort()[ls.length - 1],
            entries: ls.reduce((a, l) => a + l.entries, 0),
            replaced: ls.filter((l) => l.replaced).length,
            formats,
          };
        });
        emit(cmd, summary, {
          json: { loaded: r.loaded, skipped: r.skipped },
          title: `Imported ${num(r.loaded.length)} leaderboard table(s) in ${secs} s`,
          columns: [
            { key: "board" },
            { key: "tables", align: "right" },
            { key: "from" },
            { key: "to" },
            { key: "entries", align: "right" },
            { key: "replaced", align: "right" },
            { key: "formats" },
          ],
        });
      });
    });

  lb.command("tables")
    .description("the stored leaderboard tables")
    .option("--board <board>", "only this board")
    .action(async (o: { board?: string }, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const rows = await store.query(leaderboardSnapshots, { board: o.board ?? null });
        emit(cmd, rows, {
          columns: [
            { key: "board" },
            { key: "date" },
            { key: "format" },
            { key: "entries", align: "right" },
            { key: "scored", align: "right" },
            { key: "coverageKind", header: "coverage" },
            { key: "source" },
          ],
        });
      });
    });

  lb.command("gap")
    .description("per table: best closed vs best open model, scores with confidence intervals, gap, overlap")
    .option("--board <board>", "leaderboard (default arena-text)", "arena-text")
    .option("--from <date>", "first table date")
    .option("--to <date>", "last table date")
    .option("--top <k>", "k of the top-k averages (default 5)", "5")
    .action(async (o: { board: string; from?: string; to?: string; top: string }, cmd: Command) => {
      const from = parseDateOption(o.from, "--from") ?? null;
      const to = parseDateOption(o.to, "--to") ?? null;
      if (from && to && from > to) throw new InputError(`--from ${from} is after --to ${to}`);
      const top = parsePositiveInt(o.top, "--top") ?? 5;
      const deps = await loadLeaderboardDeps();
      await withStore(cmd, async (store) => {
        const body = await leaderboardGapBody(cliContext(store), deps, { board: o.board, from, to, top });
        const rows = body.dates.map((d) => ({
          date: d.date,
          segment: d.segment,
          closed: d.closed?.model ?? "",
          cScore: d.closed?.score ?? null,
          cCi: ciText(d.closed?.ci),
          open: d.open?.model ?? "",
          oScore: d.open?.score ?? null,
          oCi: ciText(d.open?.ci),
          class: d.open?.licenceClass ?? "",
          gap: d.gap,
          overlap: d.overlap === null ? "" : d.overlap ? "yes" : "no",
          topK: d.topK.gap,
          top10: `${d.shares.find((s) => s.top === 10)?.share ?? 0}%`,
          note: [d.coverage.kind === "partial" ? "partial" : "", ...d.exceptions].filter(Boolean).join(", "),
        }));
        const footer = [
          `Segments (scores compare only within one): ${body.segments.map((s) => `${s.id} ${s.first}…${s.last} (${s.label})`).join("; ")}.`,
          ...body.exceptions.map((e) => `Exception ${e.id} (${e.openness}) on ${e.dates.length} table(s): ${e.reason}`),
          body.definition,
        ].join("\n");
        emit(cmd, rows, {
          json: body,
          title: `${body.title}: best closed vs best open, ${body.from} … ${body.to} (${body.dates.length} tables)`,
          footer,
          columns: [
            { key: "date" },
            { key: "segment" },
            { key: "closed" },
            { key: "cScore", header: "score", align: "right" },
            { key: "cCi", header: "95% CI" },
            { key: "open" },
            { key: "oScore", header: "score", align: "right" },
            { key: "oCi", header: "95% CI" },
            { key: "class", header: "licence class" },
            { key: "gap", align: "right" },
            { key: "overlap" },
            { key: "topK", header: `top-${top} gap`, align: "right" },
            { key: "top10", header: "open in top 10", align: "right" },
            { key: "note" },
          ],
        });
      });
    });

  lb.command("months-behind")
    .description("per table: how long ago a closed model first reached the best open model's score")
    .option("--board <board>", "leaderboard (default arena-text)", "arena-text")
    .option("--from <date>", "first table date")
    .option("--to <date>", "last table date")
    .action(async (o: { board: string; from?: string; to?: string }, cmd: Command) => {
      const from = parseDateOption(o.from, "--from") ?? null;
      const to = parseDateOption(o.to, "--to") ?? null;
      if (from && to && from > to) throw new InputError(`--from ${from} is after --to ${to}`);
      const deps = await loadLeaderboardDeps();
      await withStore(cmd, async (store) => {
        const body = await monthsBehindBody(cliContext(store), deps, { board: o.board, from, to });
        const rows = body.dates.map((d) => ({
          date: d.date,
          segment: d.segment,
          open: d.open?.model ?? "",
          score: d.open?.score ?? null,
          reachedBy: d.reachedBy?.model ?? (d.openLeads ? "(none: open leads)" : ""),
          listed: d.reachedBy?.firstListed ?? "",
          months: d.months === null ? "" : `${d.censored ? "≥ " : ""}${d.months.toFixed(1)}`,
        }));
        emit(cmd, rows, {
          json: body,
          title: `${body.title}: months behind, ${body.from} … ${body.to}`,
          footer: body.definition,
          columns: [
            { key: "date" },
            { key: "segment" },
            { key: "open", header: "best open" },
            { key: "score", align: "right" },
            { key: "reachedBy", header: "closed model first listed at that level" },
            { key: "listed", header: "first listed" },
            { key: "months", header: "months behind", align: "right" },
          ],
        });
      });
    });

  lb.command("matches")
    .description("how the entries of every table match Hub repos: shares by rule, and the unmatched open names")
    .option("--board <board>", "leaderboard (default arena-text)", "arena-text")
    .action(async (o: { board: string }, cmd: Command) => {
      const deps = await loadLeaderboardDeps();
      await withStore(cmd, async (store) => {
        const body = await leaderboardMatchesBody(cliContext(store), deps, { board: o.board });
        const rules = Object.entries(body.open.byRule)
          .map(([k, v]) => `${k} ${num(v)}`)
          .join(", ");
        emit(
          cmd,
          body.unmatched.map((u) => ({ ...u })),
          {
            json: body,
            title: [
              `${body.board}, ${num(body.tables)} tables ${body.from} … ${body.to}: ${num(body.entries)} entries`,
              `Open entries matched to a Hub repo: ${num(body.open.matched)} of ${num(body.open.entries)} (${body.open.share}%; ${rules}); distinct open names: ${body.openNames.matched} of ${body.openNames.names} (${body.openNames.share}%)`,
              `Entries with a Hub URL matched: ${num(body.withHubUrl.matched)} of ${num(body.withHubUrl.entries)}`,
              "Unmatched open names:",
            ].join("\n"),
            footer: body.definition,
            columns: [{ key: "model" }, { key: "organisation" }, { key: "entries", align: "right" }, { key: "reason" }],
          },
        );
      });
    });

  lb.command("models")
    .description("one table's entries: openness, Hub repo match, family, downloads, price, score per dollar, frontier")
    .option("--board <board>", "leaderboard (default arena-text)", "arena-text")
    .option("--date <date>", "table date (default: the latest)")
    .option("--limit <n>", "only the first n entries by score")
    .option("--explain <name>", "why one entry is classified and matched as it is")
    .action(async (o: { board: string; date?: string; limit?: string; explain?: string }, cmd: Command) => {
      const date = parseDateOption(o.date) ?? null;
      const limit = parsePositiveInt(o.limit, "--limit") ?? null;
      const deps = await loadLeaderboardDeps();
      await withStore(cmd, async (store) => {
        const ctx = cliContext(store);
        if (o.explain !== undefined) {
          const ex = await explainEntryBody(ctx, deps, { board: o.board, date, name: o.explain });
          if (outputFormat(cmd) === "json") {
            process.stdout.write(`${JSON.stringify(ex, null, 2)}\n`);
            return;
          }
          const e = ex.entry;
          const lines = [
            `${e.model} on ${ex.board} ${ex.date}: score ${e.score ?? "–"} ${ciText(e.ci)}, ${e.openness}`,
            `  why: ${e.why}`,
            `  licence: ${e.licence ?? "(none)"} (${e.licenceFrom}), class ${e.licenceClass ?? "unknown"}`,
            `  organisation: ${e.organisation ?? "(none)"}${e.country ? ` (${e.country})` : ""}`,
            `  Hub repo: ${e.hub ? `${e.hub.repo} by rule ${e.hub.rule}: ${e.hub.evidence}` : `none: ${e.unmatched}`}`,
            ...ex.steps.map((s) => `    ${s.rule}: ${s.result}`),
            `  family: ${e.family ? `${e.family.title} (${e.family.rule})` : "none"}`,
            `  closed catalogue: ${e.closedCatalogue ? `${e.closedCatalogue.id} (${e.closedCatalogue.rule})` : "no match"}`,
            `  downloads (30d): ${e.downloads === null ? "–" : num(e.downloads)}`,
            `  price: ${e.price ? `$${e.price.input}/$${e.price.output} per 1M (${e.price.from}: ${e.price.model}, ${e.price.source})` : "none"}`,
          ];
          process.stdout.write(`${lines.join("\n")}\n`);
          return;
        }
        const body = await leaderboardModelsBody(ctx, deps, { board: o.board, date, limit });
        const rows = body.entries.map((e) => ({
          place: e.place,
          model: e.model,
          score: e.score,
          ci: ciText(e.ci),
          openness: e.openness,
          class: e.licenceClass ?? "",
          org: e.organisation ?? "",
          country: e.country ?? "",
          repo: e.hub ? `${e.hub.repo} (${e.hub.rule})` : "",
          family: e.family?.family ?? "",
          downloads: e.downloads,
          price: e.price ? e.price.blended : null,
          perDollar: e.scorePerDollar,
          frontier: e.frontier ? "yes" : "",
        }));
        const m = body.match;
        const footer = [
          `Open entries matched to a Hub repo: ${m.openMatched} of ${m.open}; entries with a Hub URL matched: ${m.withHubUrlMatched} of ${m.withHubUrl}.`,
          `Downloads: Hub snapshot ${body.hubSnapshot ? `${body.hubSnapshot.date} (${Math.abs(body.hubSnapshot.days)} days ${body.hubSnapshot.days <= 0 ? "before" : "after"} the table)` : "none stored"}. Prices in force on ${body.pricesAsOf}, USD per 1M tokens blended 3:1.`,
          `Frontier (cheapest first): ${body.frontier.map((p) => `${p.model} ${p.score} @ $${p.price.toFixed(2)}`).join("; ") || "no priced entries"}.`,
        ].join("\n");
        emit(cmd, rows, {
          json: body,
          title: `${body.title}, table of ${body.date} (${body.coverage.kind}: ${body.coverage.how})`,
          footer,
          columns: [
            { key: "place", header: "#", align: "right" },
            { key: "model" },
            { key: "score", align: "right" },
            { key: "ci", header: "95% CI" },
            { key: "openness" },
            { key: "class", header: "licence class" },
            { key: "org", header: "organisation" },
            { key: "country" },
            { key: "repo", header: "Hub repo (rule)" },
            { key: "family" },
            { key: "downloads", header: "downloads (30d)", align: "right" },
            { key: "price", header: "$/1M", align: "right" },
            { key: "perDollar", header: "score/$", align: "right" },
            { key: "frontier" },
          ],
        });
      });
    });
}
