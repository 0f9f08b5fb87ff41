/** The report's English message catalogue. */
import { RELATION_LABELS } from "../domain/relations.js";
import type { Messages } from "./messages.js";

const q = (match: string | null) => (match ? ` (repos matching “${match}”)` : "");

/** English. */
export const EN: Messages = {
  title: "State of open models",
  subtitle: (p) =>
    `Hugging Face Hub snapshot of ${p.date} · ${p.snapshots} ${p.count === 1 ? "snapshot" : "snapshots"} stored since ${p.earliest}`,
  intro:
    "This report is written by omo from its own snapshots of the Hugging Face Hub. A download figure is the Hub's count of the 30 days to the snapshot date, summed over the repos concerned; it counts downloads, not users. Every figure names the query that produced it.",
  coverage: (p) =>
    p.full
      ? `The snapshot of ${p.date} is a full listing of the Hub (${p.how}): ${p.models} models.`
      : `The snapshot of ${p.date} is partial: ${p.how}, ${p.models} models. Its totals are those of these models, not of the whole Hub.`,
  toc: "Contents",
  printHint: "Print this page or save it as PDF: the layout is made for A4.",
  dashboardLink: "← Back to the dashboard",

  headlineTitle: "Headline",
  headline: (p) =>
    p.full
      ? `In the 30 days to ${p.date}, the ${p.models} models listed on the Hub were downloaded ${p.downloads} times.`
      : `In the 30 days to ${p.date}, the ${p.models} models of this snapshot were downloaded ${p.downloads} times.`,
  dominant: (p) =>
    `One model, ${p.id}, holds ${p.share} of that total (${p.downloads} downloads in the 30 days to ${p.date}); without it, the total is ${p.without}.`,
  likeForLike: (p) =>
    `Compared like for like, the ${p.models} models listed on both dates were downloaded ${p.before} times in the 30 days to ${p.base} and ${p.after} times in the 30 days to ${p.date}: ${p.change}.`,
  likeForLikeDominant: (p) =>
    `One model decides that change: ${p.id} held ${p.share} of those downloads on ${p.at} (${p.before} in the 30 days to ${p.base}, ${p.after} in the 30 days to ${p.date}); without it, the change is ${p.change}.`,
  totalsFull: (p) =>
    `Both snapshots are full listings: all models together were downloaded ${p.before} times in the 30 days to ${p.base} and ${p.after} times in the 30 days to ${p.date} (${p.change}), models new since included.`,
  totalsNotCompared: (p) =>
    `The two snapshots' totals are not compared: they do not cover the same models (${p.base}: ${p.baseFull ? "full listing" : "partial"}, ${p.baseHow}; ${p.date}: ${p.full ? "full listing" : "partial"}, ${p.how}).`,
  headlineNoBase: "There is no earlier snapshot to compare with, so no growth figure yet.",

  topModelsTitle: "Top models",
  topFamiliesTitle: "Top families",
  topFamiliesIntro: (p) =>
    `Among the ${p.tracked} families omo tracks (data/families), the ${p.shown} with the most downloads in the 30 days to ${p.date}: each counts its official repos and the derivatives that name them as base model.`,
  topFamiliesChart:
    "Downloads of each family in the 30 days to the snapshot: official repos and derivatives in their lineage",
  colRank: "#",
  colModel: "Model",
  colDownloads: (p) => `Downloads, 30 days to ${p.date}`,
  colLikes: "Likes",
  colFamily: "Family",
  colOfficial: "Official",
  colDerivatives: "Derivatives",
  colTotal: "Total",
  colRepos: "Repos",
  colVersion: "Version",
  colRelation: "Relation",
  colShare: "Share",
  colClass: "Licence class",
  colOption: "Option",
  colMonthly: "USD a month",
  colPer1M: "USD per 1M tokens",
  colSaving: "Saving",
  colBefore: (p) => `30 days to ${p.date}`,
  colAfter: (p) => `30 days to ${p.date}`,
  colChange: "Change",
  official: "official repos",
  derivatives: "derivatives",
  notCounted: "not counted by the Hub",

  subjectsTitle: "Followed subjects",
  familyTitle: (p) => `The ${p.title} family`,
  family: (p) =>
    `The ${p.officialRepos} official ${p.title} repos were downloaded ${p.officialDownloads} times in the 30 days to ${p.date}. With the ${p.derivativeRepos} derivatives that name them (directly or through other derivatives) as base model, downloaded ${p.derivativeDownloads} times, the family counts ${p.totalRepos} repos and ${p.totalDownloads} downloads.`,
  familyRelations: (p) => `Only derivatives linked by these relations are counted: ${p.relations}.`,
  familyByRelation: "Derivatives by relation to their base model",
  familyTopMembers: "Most downloaded members",
  familySince: (p) =>
    `Like for like, the ${p.models} members listed on both dates were downloaded ${p.before} times in the 30 days to ${p.base} and ${p.after} times in the 30 days to ${p.date}: ${p.change}.`,
  lineageChart: (p) => `Lineage of ${p.title}: each derivative inside the model it derives from (area = downloads)`,
  relationNames: RELATION_LABELS,
  orgTitle: (p) => `${p.author}${q(p.match)}`,
  org: (p) =>
    `${p.author} has ${p.repos} repos${q(p.match)}${p.count > 0 ? ` in ${p.versions} ${p.count === 1 ? "version" : "versions"} (${p.versionList})` : ""}, downloaded ${p.downloads} times in all in the 30 days to ${p.date}.`,
  orgMissing: (p) => `${p.author} has no repos${q(p.match)} in the snapshot of ${p.date}.`,
  orgSince: (p) =>
    `Like for like, the ${p.models} repos listed on both dates were downloaded ${p.before} times in the 30 days to ${p.base} and ${p.after} times in the 30 days to ${p.date}: ${p.change}.`,

  opennessTitle: "Openness",
  openness: (p) =>
    `Of the downloads in the 30 days to ${p.date}, ${p.open} went to models under open-source or open-content licences, ${p.rail} to responsible-use licences (RAIL: open weights with use restrictions), ${p.vendor} to vendor licences with conditions (such as Llama's), ${p.nonCommercial} to non-commercial licences, and ${p.unknown} to repos with no recognisable licence.`,
  opennessDominant: (p) =>
    `One model, ${p.id} (${p.className}), holds ${p.share} of these downloads. Without it: open-source or open-content ${p.open}, responsible-use ${p.rail}, vendor licences ${p.vendor}, non-commercial ${p.nonCommercial}, no recognisable licence ${p.unknown}.`,
  opennessChart: "Share of the downloads in the 30 days to the snapshot, by licence class",
  classNames: {
    "open-source": "open source",
    "open-content": "open content",
    "responsible-use": "responsible use (RAIL)",
    "vendor-community": "vendor licence",
    "no-derivatives": "no derivatives",
    "non-commercial": "non-commercial",
    unknown: "unknown or none",
    "closed-api": "API only",
  },
  closedTitle: "Open vs closed",
  closed: (p) =>
    `The closed models followed (${p.count}: ${p.names}) are reachable only through their vendors' APIs: they publish no weights and no download counts, so the Hub cannot compare their adoption with open models'. What can be compared is what they cost for the same work, below.`,

  costTitle: "What it costs: closed API vs open model",
  costIntro: (p) =>
    `The same workload priced three ways (preset ${p.preset}): ${p.tokens} tokens a month, ${p.ratio} input to output, at the prices in force on ${p.asOf}.`,
  costOption: (p) =>
    p.kind === "api"
      ? `${p.model} (closed API)`
      : p.kind === "hosted"
        ? `${p.model} (open model, hosted API)`
        : `${p.model} (open model, self-hosted on ${p.provider})`,
  costSummary: (p) =>
    `${p.expensive} costs ${p.expensiveCost} a month; ${p.cheapest} costs ${p.cheapestCost}, ${p.times} times less.`,
  costMissing: (p) => `The cost preset “${p.preset}” could not be priced: ${p.error}`,
  costNote:
    "Prices are list prices in force at that date (data/prices and imported tables); self-hosting assumes the measured throughput and utilisation listed by omo cost.",

  changesTitle: (p) => `What changed since ${p.base}`,
  changesTotals: (p) =>
    `The ${p.models} models listed on both dates: ${p.before} downloads in the 30 days to ${p.base}, ${p.after} in the 30 days to ${p.date}: ${p.change}.`,
  changesMovers: "Largest increases",
  changesEntrants: (p) =>
    `${p.count} models are listed now that were not then; together they were downloaded ${p.downloads} times in the 30 days to ${p.date}.${p.basePartial ? ` The snapshot of ${p.base} is partial, so a model it does not list need not be new on the Hub.` : ""}`,
  changesNone: "There is only one snapshot: nothing to compare yet.",
  changesTitleNone: "What changed",

  usageTitle: "Who serves the tokens",
  usageLatest: (p) =>
    `In the 7 days ${p.start} to ${p.end}, OpenRouter served ${p.total} tokens, every model named: open-weight models carried ${p.open} of them, closed API models ${p.closed}, and models of unknown kind (stealth releases, routers) ${p.unknown}.`,
  usageFree: (p) =>
    `Free promotional variants (:free) carried ${p.free} of the tokens; without them the open-weight share is ${p.withoutFree}.`,
  usageDominant: (p) =>
    `One model, ${p.model}, carried ${p.share} of all tokens; without it the open-weight share is ${p.without}.`,
  usageCaveat:
    "OpenRouter is one gateway, not the market: the tokens sent to the vendors' own APIs and to self-hosted models are not in it, and tokens are not spend (prompts re-read in agent loops dominate them).",
  usageMonthsTitle: "Open-weight share by month",
  usageMonthsIntro:
    "Before July 2026 only the top models of a week are named: the share is then an interval (the unnamed rest all closed, or all open), and where not even the week's total is known there is no share at all.",
  usageMonthWeeks: (p) =>
    p.basis === "windows"
      ? `no week with a total; ${p.windows} 7-day window(s), top 15 + total`
      : p.basis === "none"
        ? `${p.known} of ${p.weeks} weeks`
        : `${p.known} of ${p.weeks} weeks${p.full !== "0" ? `, ${p.full} with every model named` : ""}`,
  usageLegendPoint: "every model named",
  usageLegendBand: "bounds (top 9 named, total known)",
  usageChart:
    "Open-weight share of OpenRouter tokens per week: a point where every model is named, a band between the bounds where only the top 9 are, a gap where the total is unknown",
  usageModelsTitle: (p) => `The models that served the most tokens, ${p.start} to ${p.end}`,
  usageCountriesTitle: "Tokens by the country of the model's organisation",
  usageSignalsTitle: "Used or downloaded?",
  usageSignalsIntro: (p) =>
    `Each family's share of OpenRouter's tokens (${p.start} to ${p.end}) beside its share of the downloads in the Hub snapshot of ${p.hub} (${p.models} models listed): the families where the two differ most.`,
  usageSignalsNone: "No Hub snapshot lies close enough to the usage data to compare downloads with tokens.",
  usageNoShare: "no share (total unknown)",
  colMonth: "Month",
  colWeeks: "Weeks with a known total",
  colOpenShare: "Open-weight share",
  colTokens: "Tokens",
  colTokenClass: "Kind",
  colOrganisation: "Organisation",
  colCountry: "Country",
  colTokenShare: "Share of tokens",
  colDownloadShare: "Share of downloads",
  colLeaderboard: (p) => `Best on ${p.board} (${p.date})`,
  tokenClassNames: { open: "open weights", closed: "closed API", unknown: "unknown" },
  unknownClassGroup: "models of unknown class (stealth, routers)",
  unknownCountry: "organisation of unknown country",
  gapTitle: "Open vs closed: the capability gap",
  gapLatest: (p) =>
    `On the LMArena text leaderboard of ${p.date} the best closed model, ${p.closed}, scores ${p.closedScore}; the best open-weight model, ${p.open} (${p.openClass}), scores ${p.openScore}: a gap of ${p.gap} rating points${p.overlap === null ? "" : p.overlap ? ", and their 95 % confidence intervals overlap" : ", and their 95 % confidence intervals do not overlap"}. Open models hold ${p.share} of the top 10.`,
  gapMonths: (p) =>
    `A closed model first reached that score ${p.censored ? "at least " : ""}${p.months} months earlier: ${p.reachedBy}, listed since ${p.listed} and scoring at least as much on the table of ${p.date}.`,
  gapOpenLeads: (p) => `On the table of ${p.date} no closed model scores as high as the best open one.`,
  gapByYear: "The gap by year",
  colYear: "Year",
  colSegment: "Scale segment",
  colTables: "Tables",
  colGapFirst: "Gap, first table",
  colGapLast: "Gap, last table",
  colGapMin: "Smallest",
  colGapMax: "Largest",
  gapChart: "Best closed minus best open model, per leaderboard table; one line per scale segment",
  gapBreaks: (p) =>
    `Scores are relative to the models on the board at each date and the scale changed at each break, so gaps are compared only within a segment: ${p.segments}.`,
  gapException: (p) => `Exception ${p.id} (${p.dates}): ${p.reason}`,
  gapNone: (p) => `No LMArena table is stored for ${p.date} or earlier.`,

  historyTitle: "History",
  historyChart: "Downloads in the 30 days to each snapshot",
  historyNone: "History needs at least two snapshots; this store has one.",
  historyCoverage: (p) =>
    p.count === 1
      ? `On ${p.dates} the snapshot covers other models than the snapshot before (coverage changed): the lines' jump there is not growth.`
      : `On ${p.dates} the snapshots cover other models than the snapshot before each (coverage changed): the lines' jumps there are not growth.`,

  notesTitle: "Notes: definitions and sources",
  definitions: {
    snapshotTotal:
      "Sum of the Hub's download counts of the 30 days to the snapshot date, over every model the snapshot lists (a partial snapshot lists only some).",
    modelDownloads: "The Hub's count of the repo's downloads in the 30 days to the snapshot date.",
    familyTotals:
      "Official repos are those the family file (data/families) names; derivatives are every repo reached from them through base_model links, each counted once. Sums of the downloads of the 30 days to the snapshot date.",
    orgTotals:
      "Repos of the Hub organisation (name matched case-insensitively when a pattern is given) and their summed downloads of the 30 days to the snapshot date.",
    orgVersions:
      "Repos grouped into versions by the family's version rule (the release, e.g. v1.5; sizes and variants of one release are one version), else by the version in the repo name.",
    openness:
      "Share of the downloads of the 30 days to the snapshot date by class of the repo's licence tag (data/licences.yaml); repos without a mapped licence are unknown.",
    cost: "Monthly cost of the preset's workload at list prices of the date shown (price tables under data/prices).",
    changes:
      "Change of each model's downloads (30 days to each snapshot) between the two snapshots; models listed in both.",
    entrants: "Models listed in the later snapshot and not in the earlier one.",
    history:
      "Downloads in the 30 days to each snapshot (value at the last snapshot of each bucket; never summed over time).",
    lineage: "The family's lineage walk: official repos and their derivatives, area proportional to downloads.",
    tokenShare:
      "Share of the tokens (prompt + completion) OpenRouter served in the window, every model named (OpenRouter's rankings as scraped daily). Open weights: a Hub repo of the weights (OpenRouter's catalogue, the reviewed alias table or the name rule), else the reviewed author rule (data/usage/openrouter-classes.yaml).",
    tokenMonths:
      "Token-weighted over the month's weeks: the full-coverage value of a week where every model is named, else the chart's bounds (top 9 named + Others: the rest all closed / all open); weeks without a known total are left out.",
    tokenSignals:
      "Token share: as above. Download share: the family's 30-day downloads (official repos and lineage derivatives) over all downloads of the models listed in the Hub snapshot nearest the usage window.",
    gap: "Best closed (no public weights: licence Proprietary, the closed catalogue or a reviewed exception) minus best open-weight model on one LMArena table, in its rating points (data/leaderboards).",
    monthsBehind:
      "Months from the first listing of the earliest-listed closed model that scores at least the best open score on the same table to that table's date; 'at least' when the first listing is only a bound.",
    likeForLike:
      "Like for like: only the models listed with a download count in both snapshots, summed at each date; a model holding more than a fifth of them is named with the change without it.",
  },
  noteSource: (p) => `Snapshot ${p.date}${p.base ? ` compared with ${p.base}` : ""}; query ${p.query}.`,
  noteLeaderboard: (p) => `LMArena text leaderboard table of ${p.date} (board arena-text); query ${p.query}.`,
  notePrices: (p) => `Prices in force on ${p.date}; query ${p.query}.`,
  generatedBy: "Generated by omo (Open Model Observatory) from the named catalog queries: omo queries NAME shows each.",
  downloadsMetric: "downloads (30 days)",
};
