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
    "This report is written by omo from its own snapshots of the Hugging Face Hub. Unless said otherwise a download figure is the Hub's rolling 30-day counter at the snapshot date, summed over the repos concerned. Every figure names the query that produced it.",
  toc: "Contents",
  printHint: "Print this page or save it as PDF: the layout is made for A4.",
  dashboardLink: "← Back to the dashboard",

  headlineTitle: "Headline",
  headline: (p) =>
    `In the 30 days to ${p.date}, the ${p.models} models listed on the Hub were downloaded ${p.downloads} times.`,
  headlineGrowth: (p) => `That is ${p.change} against the snapshot of ${p.base} (${p.baseDownloads}).`,
  headlineNoBase: "There is no earlier snapshot to compare with, so no growth figure yet.",

  topModelsTitle: "Top models",
  topFamiliesTitle: "Top families",
  topFamiliesChart: "30-day downloads of each family: official repos and derivatives in their lineage",
  colRank: "#",
  colModel: "Model",
  colDownloads: "Downloads (30 days)",
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
  colBefore: "Before",
  colAfter: "After",
  colChange: "Change",
  official: "official repos",
  derivatives: "derivatives",

  subjectsTitle: "Followed subjects",
  familyTitle: (p) => `The ${p.title} family`,
  family: (p) =>
    `The ${p.officialRepos} official ${p.title} repos were downloaded ${p.officialDownloads} times. With the ${p.derivativeRepos} derivatives that name them (directly or through other derivatives) as base model, downloaded ${p.derivativeDownloads} times, the family counts ${p.totalRepos} repos and ${p.totalDownloads} downloads.`,
  familyRelations: (p) => `Only derivatives linked by these relations are counted: ${p.relations}.`,
  familyByRelation: "Derivatives by relation to their base model",
  familyTopMembers: "Most downloaded members",
  familySince: (p) => `On ${p.base} the family had ${p.before} downloads: ${p.change}.`,
  lineageChart: (p) => `Lineage of ${p.title}: each derivative inside the model it derives from (area = downloads)`,
  relationNames: RELATION_LABELS,
  orgTitle: (p) => `${p.author}${q(p.match)}`,
  org: (p) =>
    `${p.author} has ${p.repos} repos${q(p.match)} in ${p.versions} versions, downloaded ${p.downloads} times in all.`,
  orgMissing: (p) => `${p.author} has no repos${q(p.match)} in the snapshot of ${p.date}.`,
  orgSince: (p) => `On ${p.base}: ${p.before} downloads (${p.change}).`,

  opennessTitle: "Openness",
  openness: (p) =>
    `Of all downloads, ${p.open} went to models under open-source or open-content licences, ${p.vendor} to vendor licences with conditions (such as Llama's), ${p.nonCommercial} to non-commercial licences, and ${p.unknown} to repos with no recognisable licence.`,
  opennessChart: "Share of 30-day downloads by licence class",
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
  changesTotals: (p) => `All models: ${p.before} downloads on ${p.base}, ${p.after} now (${p.change}).`,
  changesMovers: "Largest increases",
  changesEntrants: (p) =>
    `${p.count} models are listed now that were not then; together they were downloaded ${p.downloads} times.`,
  changesNone: "There is only one snapshot: nothing to compare yet.",
  changesTitleNone: "What changed",

  historyTitle: "History",
  historyChart: "30-day downloads at each snapshot",
  historyNone: "History needs at least two snapshots; this store has one.",

  notesTitle: "Notes: definitions and sources",
  definitions: {
    snapshotTotal: "Sum of the Hub's 30-day download counters of every model listed in the snapshot.",
    modelDownloads: "The Hub's 30-day download counter of the repo at the snapshot.",
    familyTotals:
      "Official repos are those the family file (data/families) names; derivatives are every repo reached from them through base_model links, each counted once. Sums of 30-day downloads.",
    orgTotals:
      "Repos of the Hub organisation (name matched case-insensitively when a pattern is given) and their summed 30-day downloads.",
    orgVersions: "Repos grouped into versions by the family's version rule, else by size/version in the repo name.",
    openness:
      "Share of 30-day downloads by class of the repo's licence tag (data/licences.yaml); repos without a mapped licence are unknown.",
    cost: "Monthly cost of the preset's workload at list prices of the date shown (price tables under data/prices).",
    changes: "Change of each model's 30-day downloads between the two snapshots; models listed in both.",
    entrants: "Models listed in the later snapshot and not in the earlier one.",
    history: "30-day downloads at each snapshot (value at the last snapshot of each bucket; never summed).",
    lineage: "The family's lineage walk: official repos and their derivatives, area proportional to downloads.",
  },
  noteSource: (p) => `Snapshot ${p.date}${p.base ? ` compared with ${p.base}` : ""}; query ${p.query}.`,
  notePrices: (p) => `Prices in force on ${p.date}; query ${p.query}.`,
  generatedBy: "Generated by omo (Open Model Observatory) from the named catalog queries: omo queries NAME shows each.",
  downloadsMetric: "downloads (30 days)",
};
