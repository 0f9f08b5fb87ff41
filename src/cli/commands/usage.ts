/**
 * `omo usage …`: token usage on OpenRouter beside the Hub's downloads.
 * - `usage import PATH...`: rankings files of every format in ../shared/data/usage/openrouter (folders walked);
 * - `usage share [--period] [--from] [--to] [--by] [--variants]`: open-weight share of tokens per date (a point where
 *   every model is named, bounds where only the top N are, none where the total is unknown);
 * - `usage models [--period] [--date]`: the models of one snapshot with their class, Hub repo, family, organisation;
 * - `usage match [--period] [--explain ID]`: how OpenRouter ids matched Hub repos, families, organisations and the
 *   closed catalogue, with the rates by tokens and the unmatched listed;
 * - `usage months [--from] [--to]`: open share per calendar month from its weeks (points or bounds);
 * - `usage signals [--family F | --model ID]`: token share beside download share at the nearest Hub snapshot.
 */
import type { Command } from "commander";
import {
  loadUsageKnowledge,
  type UsageContext,
  usageMatcher,
  usageMatchesBody,
  usageModelsBody,
  usageMonthsBody,
  usageShareBody,
  usageSignalsBody,
} from "../../answers/usage.js";
import { shareText } from "../../charts/usage-share-chart.js";
import { USAGE_PERIODS, type UsagePeriod } from "../../domain/usage.js";
import { SHARE_DIMENSIONS, type ShareDimension, VARIANT_MODES, type VariantMode } from "../../domain/usage-shares.js";
import { InputError } from "../../errors.js";
import { importUsage } from "../../ingest/usage/import.js";
import type { Store } from "../../store/store.js";
import { emit, outputFormat, withStore, withWriteStore } from "../context.js";
import { parseDateOption, parsePositiveInt } from "../options.js";
import { num } from "../output.js";
import { registry } from "./family.js";
import { summaryOf } from "./index.js";

function choice<T extends string>(value: string | undefined, allowed: readonly T[], option: string, dflt: T): T {
  if (value === undefined) return dflt;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(`invalid ${option} "${value}": expected one of ${allowed.join(", ")}`);
  }
  return value as T;
}

async function usageContext(cmd: Command, store: Store): Promise<UsageContext> {
  return { run: (q, p) => store.query(q, p), families: await registry(cmd), knowledge: await loadUsageKnowledge() };
}

/** Tokens in short form: 75.34 T, 2.1 B. */
export function tokensText(n: number | null): string {
  if (n === null) return "";
  const units: Array<[number, string]> = [
    [1e12, "T"],
    [1e9, "B"],
    [1e6, "M"],
    [1e3, "k"],
  ];
  for (const [v, u] of units) if (Math.abs(n) >= v) return `${(n / v).toFixed(2)} ${u}`;
  return String(n);
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "" : `${(x * 100).toFixed(1)} %`);

/** Registers `usage` and its subcommands. */
export function register(program: Command): void {
  const usage = program.command("usage").description(summaryOf("usage"));

  usage
    .command("import <paths...>")
    .description(
      "import OpenRouter rankings: raw JSON of both scrapers (gzip or not), hanski319 JSON, catalogue, converted CSVs",
    )
    .action(async (paths: string[], _o: unknown, cmd: Command) => {
      const started = Date.now();
      await withWriteStore(cmd, async (store) => {
        const r = await importUsage(store, paths);
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        if (outputFormat(cmd) !== "table") {
          emit(cmd, r.files as unknown as Record<string, unknown>[], { json: r });
          return;
        }
        for (const f of r.files) {
          const what = [
            f.snapshots ? `${num(f.snapshots)} snapshot(s), ${num(f.rows)} rows` : null,
            f.catalogueEntries ? `${num(f.catalogueEntries)} catalogue entries` : null,
            f.skippedRows ? `${num(f.skippedRows)} empty rows skipped (no model id, 0 tokens)` : null,
          ].filter(Boolean);
          process.stderr.write(`${f.file}: ${f.format}: ${what.join(", ")}\n`);
        }
        for (const s of r.skippedFiles) process.stderr.write(`skipped ${s.file}: ${s.reason}\n`);
        const lines = [
          `Imported ${num(r.files.length)} file(s) in ${secs} s: ${num(r.stored.snapshots)} usage snapshots (${num(r.stored.replaced)} replaced), ${num(r.stored.rows)} rows, ${num(r.stored.catalogueEntries)} catalogue entries`,
          r.superseded.length
            ? `${num(r.superseded.length)} capture(s) of a snapshot left out for a better one (e.g. ${r.superseded[0]?.id}: ${r.superseded[0]?.reason})`
            : null,
          "",
        ].filter((l): l is string => l !== null);
        process.stdout.write(`${lines.join("\n")}\n`);
        emit(cmd, r.byPeriod as unknown as Record<string, unknown>[], {
          title: "Usage snapshots stored",
          columns: [
            { key: "period" },
            { key: "snapshots", align: "right" },
            { key: "first" },
            { key: "last" },
            { key: "full", header: "every model", align: "right" },
            { key: "partial", header: "top N only", align: "right" },
          ],
        });
      });
    });

  usage
    .command("share")
    .description(
      "open-weight share of OpenRouter tokens per date: points (full coverage), bounds (top N + total), none",
    )
    .option("--period <p>", `${USAGE_PERIODS.join(" | ")} (default week)`)
    .option("--from <date>", "first date")
    .option("--to <date>", "last date")
    .option("--by <dim>", `breakdown: ${SHARE_DIMENSIONS.join(" | ")} (default class)`)
    .option("--variants <mode>", "grouped (default: :free counted with its model) | apart")
    .option("--source <repo>", "only snapshots of this source (e.g. CharlesLiuyx/Token-Economy-Tracker)")
    .option("--families <path...>", "extra family files or folders (YAML)")
    .action(
      async (
        o: { period?: string; from?: string; to?: string; by?: string; variants?: string; source?: string },
        cmd: Command,
      ) => {
        const q = {
          period: choice<UsagePeriod>(o.period, USAGE_PERIODS, "--period", "week"),
          from: parseDateOption(o.from, "--from") ?? null,
          to: parseDateOption(o.to, "--to") ?? null,
          by: choice<ShareDimension>(o.by, SHARE_DIMENSIONS, "--by", "class"),
          variants: choice<VariantMode>(o.variants, VARIANT_MODES, "--variants", "grouped"),
          source: o.source ?? null,
        };
        if (q.from && q.to && q.from > q.to) throw new InputError(`--from ${q.from} is after --to ${q.to}`);
        await withStore(cmd, async (store) => {
          const body = await usageShareBody(await usageContext(cmd, store), q);
          if (body.dates.length === 0) {
            if (outputFormat(cmd) === "json") emit(cmd, [], { json: body });
            else
              process.stdout.write(
                `no usage snapshots of period ${q.period}${q.from || q.to ? " in that range" : ""}: load some with "omo usage import PATH"\n`,
              );
            return;
          }
          const coverage = (d: (typeof body.dates)[number]) =>
            d.coverage.kind === "full"
              ? `every model (${d.coverage.models})`
              : `top ${d.coverage.top}${d.coverage.totalKnown ? " + total" : ", no total"}`;
          const title = `Open-weight share of OpenRouter tokens, period ${q.period}${q.by === "class" ? "" : `, by ${q.by}`}${q.variants === "apart" ? ", variants apart" : ""}`;
          const footer = `${body.counts.points} points (every model named), ${body.counts.bounds} bounds (top N + known total), ${body.counts.noShare} without a share (total unknown). ${body.definition} Queries: ${body.queries.join(", ")}; class rule ${body.rule.file} (as of ${body.rule.asOf}).`;
          if (q.by === "class" && q.variants === "grouped") {
            const rows = body.dates.map((d) => ({
              date: d.date,
              window: `${d.window.start}…${d.window.end}`,
              coverage: coverage(d),
              tokens: d.tokens.total !== null ? tokensText(d.tokens.total) : `${tokensText(d.tokens.named)} named`,
              open: shareText(d.open),
              closed: shareText(d.closed),
              unknown: d.unknown.share === null ? tokensText(d.unknown.tokens) : pct(d.unknown.share),
              free: d.free.share === null ? "" : pct(d.free.share),
              openWithoutFree: d.openWithoutFree ? pct(d.openWithoutFree.share) : "",
              dominant: d.dominant
                ? `${d.dominant.id} ${pct(d.dominant.share)} (open without it ${pct(d.dominant.openShareWithout)})`
                : "",
              source: d.snapshot.source,
            }));
            emit(cmd, rows, {
              json: body,
              title,
              columns: [
                { key: "date" },
                { key: "coverage" },
                { key: "tokens", header: "tokens", align: "right" },
                { key: "open", align: "right" },
                { key: "closed", align: "right" },
                { key: "unknown", header: "unknown class", align: "right" },
                { key: "free", header: ":free", align: "right" },
                { key: "openWithoutFree", header: "open w/o :free", align: "right" },
                { key: "dominant", header: "model over a fifth" },
                { key: "source" },
              ],
              footer,
            });
            return;
          }
          const rows = body.dates.flatMap((d) =>
            d.groups.map((g) => ({
              date: d.date,
              coverage: coverage(d),
              group: g.key,
              tokens: tokensText(g.tokens),
              share: shareText(g.value),
            })),
          );
          emit(cmd, rows, {
            json: body,
            title,
            columns: [
              { key: "date" },
              { key: "coverage" },
              { key: "group", header: q.by },
              { key: "tokens", align: "right" },
              { key: "share", align: "right" },
            ],
            footer,
          });
        });
      },
    );

  usage
    .command("months")
    .description("open-weight share per calendar month from its weeks: a point, bounds, or none")
    .option("--from <date>", "first week (Monday)")
    .option("--to <date>", "last week")
    .option("--families <path...>", "extra family files or folders (YAML)")
    .action(async (o: { from?: string; to?: string }, cmd: Command) => {
      const q = { from: parseDateOption(o.from, "--from") ?? null, to: parseDateOption(o.to, "--to") ?? null };
      await withStore(cmd, async (store) => {
        const body = await usageMonthsBody(await usageContext(cmd, store), q);
        emit(
          cmd,
          body.months.map((m) => ({
            month: m.month,
            weeks:
              m.basis === "windows"
                ? `0 of ${m.weeks}; ${m.windows} 7-day window(s), top 15 + total`
                : `${m.weeksKnown} of ${m.weeks}${m.weeksFull ? ` (${m.weeksFull} every model)` : ""}`,
            tokens: tokensText(m.tokens || null),
            open: shareText(m.open),
          })),
          {
            json: body,
            title: "Open-weight share of OpenRouter tokens by month",
            columns: [
              { key: "month" },
              { key: "weeks", header: "weeks with a known total" },
              { key: "tokens", align: "right" },
              { key: "open", header: "open share", align: "right" },
            ],
            footer: body.definition,
          },
        );
      });
    });

  usage
    .command("models")
    .description("the models of one usage snapshot with tokens, share, class, Hub repo, family, organisation")
    .option("--period <p>", `${USAGE_PERIODS.join(" | ")} (default 7d)`)
    .option("--date <date>", "the snapshot's date (default: the period's latest)")
    .option("--variants <mode>", "grouped (default) | apart (:free and other variants on their own rows)")
    .option("--limit <n>", "at most this many models (default 30)")
    .option("--source <repo>", "only snapshots of this source")
    .option("--families <path...>", "extra family files or folders (YAML)")
    .action(
      async (
        o: { period?: string; date?: string; variants?: string; limit?: string; source?: string },
        cmd: Command,
      ) => {
        const q = {
          period: choice<UsagePeriod>(o.period, USAGE_PERIODS, "--period", "7d"),
          date: parseDateOption(o.date) ?? null,
          variants: choice<VariantMode>(o.variants, VARIANT_MODES, "--variants", "grouped"),
          limit: parsePositiveInt(o.limit, "--limit") ?? 30,
          source: o.source ?? null,
        };
        await withStore(cmd, async (store) => {
          const body = await usageModelsBody(await usageContext(cmd, store), q);
          if (!body.snapshot) {
            const have = body.available.length
              ? `; dates: ${body.available.slice(-10).join(", ")}`
              : ': load some with "omo usage import PATH"';
            throw new InputError(`no usage snapshot of period ${q.period}${q.date ? ` at ${q.date}` : ""}${have}`);
          }
          const s = body.snapshot;
          const rows = body.models.map((m) => ({
            ...m,
            tokensText: tokensText(m.tokens),
            shareText:
              m.share !== null ? pct(m.share) : m.shareOfKnownTotal !== null ? `(${pct(m.shareOfKnownTotal)})` : "",
            free: m.freeTokens ? tokensText(m.freeTokens) : "",
            hub: m.hubRepo ? `${m.hubRepo} (${m.hubMethod})` : "",
          }));
          emit(cmd, rows, {
            json: body,
            title: `OpenRouter models, ${q.period} ending ${s.window.end} (${s.window.start}…${s.window.end}), ${s.source}: ${s.coverage.how}; total ${tokensText(s.totalTokens) || "unknown"}`,
            columns: [
              { key: "rank", header: "#", align: "right" },
              { key: "model" },
              ...(q.variants === "apart" ? [{ key: "variant" }] : []),
              { key: "tokensText", header: "tokens", align: "right" as const },
              { key: "shareText", header: "share", align: "right" as const },
              ...(q.variants === "apart" ? [] : [{ key: "free", header: "of it :free", align: "right" as const }]),
              { key: "class" },
              { key: "hub", header: "Hub repo (how)" },
              { key: "family" },
              { key: "organisation" },
              { key: "country" },
            ],
            footer: `${num(body.total)} ${q.variants === "apart" ? "model-variants" : "models"} in the snapshot${body.total > q.limit ? `, ${q.limit} shown` : ""}. Shares in brackets are of the known total where only the top N are named.`,
          });
        });
      },
    );

  usage
    .command("match")
    .description("how OpenRouter ids match Hub repos, families, organisations and the closed catalogue (by tokens)")
    .option("--period <p>", `${USAGE_PERIODS.join(" | ")} (default 7d): the full-coverage snapshots read`)
    .option("--from <date>", "first date")
    .option("--to <date>", "last date")
    .option("--explain <id>", "every step of matching one OpenRouter id")
    .option("--limit <n>", "models listed per list (default 25)")
    .option("--families <path...>", "extra family files or folders (YAML)")
    .action(
      async (o: { period?: string; from?: string; to?: string; explain?: string; limit?: string }, cmd: Command) => {
        const period = choice<UsagePeriod>(o.period, USAGE_PERIODS, "--period", "7d");
        const limit = parsePositiveInt(o.limit, "--limit") ?? 25;
        await withStore(cmd, async (store) => {
          const ctx = await usageContext(cmd, store);
          const matcher = await usageMatcher(ctx, { leaderboard: true });
          if (o.explain) {
            const m = matcher.match(o.explain);
            if (outputFormat(cmd) !== "table") {
              emit(cmd, [], { json: m });
              return;
            }
            process.stdout.write(
              `How ${o.explain} is matched (base ${m.base}):\n${m.steps.map((s, i) => `  ${i + 1}. ${s}`).join("\n")}\n`,
            );
            return;
          }
          const body = await usageMatchesBody(
            ctx,
            {
              period,
              from: parseDateOption(o.from, "--from") ?? null,
              to: parseDateOption(o.to, "--to") ?? null,
              limit,
            },
            matcher,
          );
          if (outputFormat(cmd) !== "table") {
            emit(cmd, body.top as unknown as Record<string, unknown>[], { json: body });
            return;
          }
          if (body.snapshots === 0) {
            process.stdout.write(
              `no full-coverage usage snapshots of period ${period}: load some with "omo usage import PATH"\n`,
            );
            return;
          }
          const rate = (r: Record<string, { tokens: number; share: number }>) =>
            Object.entries(r)
              .map(([k, v]) => `${k} ${pct(v.share)}`)
              .join(", ");
          const lines = [
            `Matching OpenRouter ids over ${body.snapshots} full-coverage ${period} snapshots (${body.from} … ${body.to}): ${num(body.ids)} ids; rates weighted by their tokens summed over those snapshots (${tokensText(body.tokens)}${period === "day" ? "" : ", overlapping windows counted each time"})`,
            `catalogues read: ${body.catalogues.join("; ") || "none imported"}; Hub repos known to the name rule: ${num(body.knownHubRepos)}`,
            `tokens by class: ${rate(body.classes)}`,
            `Hub repo of all tokens by method: ${rate(body.hubMatch)}`,
            `Hub repo of open-weight tokens by method: ${rate(body.openHubMatch)}`,
            `open-weight tokens in a family of the registry: ${pct(body.families.matched)}; tokens with a known organisation: ${pct(body.organisations.matched)}`,
            body.leaderboard
              ? `tokens whose model is on the leaderboard ${body.leaderboard.board} of ${body.leaderboard.date}, by how it was found: ${rate(body.leaderboard.match)}`
              : "leaderboard: no leaderboard tables in this store (omo leaderboard import)",
            "",
          ];
          process.stdout.write(`${lines.join("\n")}\n`);
          const list = (title: string, rows: typeof body.top) => {
            emit(
              cmd,
              rows.map((r) => ({ ...r, share: pct(r.share), hub: r.hubRepo ? `${r.hubRepo} (${r.hubMethod})` : "" })),
              {
                title,
                columns: [
                  { key: "id" },
                  { key: "share", align: "right" },
                  { key: "class" },
                  { key: "ruleClass", header: "rule says" },
                  { key: "hub", header: "Hub repo (how)" },
                  { key: "family" },
                  { key: "organisation" },
                  { key: "closedModel", header: "closed catalogue" },
                  { key: "leaderboardModel", header: "leaderboard entry" },
                ],
              },
            );
            process.stdout.write("\n");
          };
          list(`Top ${limit} ids by tokens`, body.top);
          list("Open-weight ids without a Hub repo (unmatched)", body.unmatchedOpen);
          list("Ids whose class differs from the reviewed rule alone", body.differFromRule);
        });
      },
    );

  usage
    .command("signals")
    .description("token share (OpenRouter) beside download share (nearest Hub snapshot) per family, or of one model")
    .option("--period <p>", `${USAGE_PERIODS.join(" | ")} (default 7d)`)
    .option("--date <date>", "the usage snapshot's date (default: the period's latest)")
    .option("--family <name>", "one family of the registry")
    .option("--model <id>", "one model: an OpenRouter id or a Hub repo id")
    .option("--tolerance <days>", "days the Hub snapshot may lie from the usage date (default 31)")
    .option("--families <path...>", "extra family files or folders (YAML)")
    .action(
      async (
        o: { period?: string; date?: string; family?: string; model?: string; tolerance?: string },
        cmd: Command,
      ) => {
        if (o.family && o.model) throw new InputError("choose one of --family and --model");
        const q = {
          period: choice<UsagePeriod>(o.period, USAGE_PERIODS, "--period", "7d"),
          date: parseDateOption(o.date) ?? null,
          family: o.family ?? null,
          model: o.model ?? null,
          tolerance: parsePositiveInt(o.tolerance, "--tolerance") ?? 31,
        };
        await withStore(cmd, async (store) => {
          const ctx = await usageContext(cmd, store);
          if (q.family && !ctx.families.some((f) => f.name.toLowerCase() === q.family?.toLowerCase())) {
            throw new InputError(`unknown family "${q.family}" (see "omo families")`);
          }
          const body = await usageSignalsBody(ctx, q);
          if (!body.usage) {
            throw new InputError(
              `no usage snapshot of period ${q.period}${q.date ? ` at ${q.date}` : ""}: see "omo usage share"`,
            );
          }
          const diff = (d: (typeof body.rows)[number]["difference"]) =>
            d === null
              ? ""
              : typeof d === "number"
                ? `${d >= 0 ? "+" : ""}${(d * 100).toFixed(1)} pt`
                : `${(d.lower * 100).toFixed(1)}…${(d.upper * 100).toFixed(1)} pt`;
          const rows = body.rows.map((r) => ({
            id: r.title,
            tokens: shareText(r.tokenShare),
            downloads: r.downloadShare ? pct(r.downloadShare.share) : "no Hub snapshot near",
            difference: diff(r.difference),
            leaderboard: r.leaderboard ? `${r.leaderboard.model} (${Math.round(r.leaderboard.score ?? 0)})` : "",
          }));
          const u = body.usage;
          const hub = body.hub
            ? `Hub snapshot ${body.hub.date} (${body.hub.distanceDays >= 0 ? "+" : ""}${body.hub.distanceDays} days; ${num(body.hub.models)} models listed, ${num(body.hub.downloads)} downloads)`
            : `no Hub snapshot within ${q.tolerance} days of ${u.window.end}`;
          emit(cmd, rows, {
            json: body,
            title: `Token share vs download share: OpenRouter ${q.period} ${u.window.start}…${u.window.end} (${u.source}; ${u.coverage.how}) vs ${hub}`,
            columns: [
              { key: "id", header: q.model ? "model" : "family" },
              { key: "tokens", header: "token share", align: "right" },
              { key: "downloads", header: "download share", align: "right" },
              { key: "difference", header: "tokens − downloads", align: "right" },
              { key: "leaderboard", header: "leaderboard: best entry (score)" },
            ],
            footer: `${body.definitions.tokens}\n${body.definitions.downloads}\nLeaderboard: ${body.leaderboard}.`,
          });
        });
      },
    );
}
