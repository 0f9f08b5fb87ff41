/**
 * The report's prose as message catalogues, one per language, written by people (nothing is translated at run
 * time). Each catalogue implements {@link Messages}, so a key missing in one language is a type error. Messages
 * with figures are functions of already formatted strings.
 */
import type { DefinitionKey } from "./build.js";
import type { Lang } from "./locale.js";
import { EN } from "./messages-en.js";
import { IT } from "./messages-it.js";

/** A change written out on the models listed at both dates: how many, the two counts, the change. */
export type ChangeParams = {
  models: string;
  base: string;
  date: string;
  before: string;
  after: string;
  change: string;
};

/** The openness shares a sentence gives: open, RAIL, vendor licences, non-commercial, no licence. */
export type OpennessShares = { open: string; rail: string; vendor: string; nonCommercial: string; unknown: string };

/** Every text of the report in one language. */
export interface Messages {
  title: string;
  subtitle: (p: { date: string; snapshots: string; count: number; earliest: string }) => string;
  intro: string;
  /** What the reported snapshot covers (the sample's or a dump's scope named). */
  coverage: (p: { date: string; full: boolean; how: string; models: string }) => string;
  toc: string;
  printHint: string;
  dashboardLink: string;

  headlineTitle: string;
  /** `full`: the snapshot is a whole listing of the Hub; else only the models it lists. */
  headline: (p: { date: string; models: string; downloads: string; full: boolean }) => string;
  /** One model holds more than a fifth of a total: named, with the total without it. */
  dominant: (p: { id: string; share: string; downloads: string; without: string; date: string }) => string;
  /** The change since the base snapshot, on the models listed at both dates. */
  likeForLike: (p: ChangeParams) => string;
  /** One model decides a like-for-like change: its counts and the change without it. */
  likeForLikeDominant: (p: {
    id: string;
    share: string;
    at: string;
    base: string;
    date: string;
    before: string;
    after: string;
    change: string;
  }) => string;
  /** Both snapshots are full listings: the change of the totals, new models included. */
  totalsFull: (p: { base: string; date: string; before: string; after: string; change: string }) => string;
  /** The two totals are not compared: their coverage differs (or is partial). */
  totalsNotCompared: (p: {
    base: string;
    baseFull: boolean;
    baseHow: string;
    date: string;
    full: boolean;
    how: string;
  }) => string;
  headlineNoBase: string;

  topModelsTitle: string;
  topFamiliesTitle: string;
  topFamiliesIntro: (p: { tracked: string; shown: string; date: string }) => string;
  topFamiliesChart: string;
  colRank: string;
  colModel: string;
  /** A download column: the Hub's count in the 30 days to `date`. */
  colDownloads: (p: { date: string }) => string;
  colLikes: string;
  colFamily: string;
  colOfficial: string;
  colDerivatives: string;
  colTotal: string;
  colRepos: string;
  colVersion: string;
  colRelation: string;
  colShare: string;
  colClass: string;
  colOption: string;
  colMonthly: string;
  colPer1M: string;
  colSaving: string;
  colBefore: (p: { date: string }) => string;
  colAfter: (p: { date: string }) => string;
  colChange: string;
  official: string;
  derivatives: string;
  /** A version's share when the Hub does not count its repos' downloads (original-format weights). */
  notCounted: string;

  subjectsTitle: string;
  familyTitle: (p: { title: string }) => string;
  family: (p: {
    title: string;
    date: string;
    officialRepos: string;
    officialDownloads: string;
    derivativeRepos: string;
    derivativeDownloads: string;
    totalRepos: string;
    totalDownloads: string;
  }) => string;
  familyRelations: (p: { relations: string }) => string;
  familyByRelation: string;
  familyTopMembers: string;
  /** Members listed at both dates, like for like. */
  familySince: (p: ChangeParams) => string;
  lineageChart: (p: { title: string }) => string;
  relationNames: Record<string, string>;
  orgTitle: (p: { author: string; match: string | null }) => string;
  org: (p: {
    author: string;
    match: string | null;
    repos: string;
    versions: string;
    count: number;
    versionList: string;
    downloads: string;
    date: string;
  }) => string;
  orgMissing: (p: { author: string; match: string | null; date: string }) => string;
  orgSince: (p: ChangeParams) => string;

  opennessTitle: string;
  openness: (p: { date: string } & OpennessShares) => string;
  opennessDominant: (p: { id: string; className: string; share: string } & OpennessShares) => string;
  opennessChart: string;
  classNames: Record<string, string>;
  closedTitle: string;
  closed: (p: { count: string; names: string }) => string;

  costTitle: string;
  costIntro: (p: { preset: string; asOf: string; tokens: string; ratio: string }) => string;
  costOption: (p: { kind: "api" | "hosted" | "self-hosted"; model: string; provider: string }) => string;
  costSummary: (p: {
    expensive: string;
    expensiveCost: string;
    cheapest: string;
    cheapestCost: string;
    times: string;
  }) => string;
  costMissing: (p: { preset: string; error: string }) => string;
  costNote: string;

  changesTitle: (p: { base: string }) => string;
  changesTotals: (p: ChangeParams) => string;
  changesMovers: string;
  changesEntrants: (p: {
    count: string;
    downloads: string;
    date: string;
    basePartial: boolean;
    base: string;
  }) => string;
  changesNone: string;
  changesTitleNone: string;

  usageTitle: string;
  usageLatest: (p: {
    start: string;
    end: string;
    total: string;
    open: string;
    closed: string;
    unknown: string;
  }) => string;
  usageFree: (p: { free: string; withoutFree: string }) => string;
  usageDominant: (p: { model: string; share: string; without: string }) => string;
  usageCaveat: string;
  usageMonthsTitle: string;
  usageMonthsIntro: string;
  usageMonthWeeks: (p: {
    known: string;
    weeks: string;
    full: string;
    windows: string;
    basis: "weeks" | "windows" | "none";
  }) => string;
  usageChart: string;
  usageLegendPoint: string;
  usageLegendBand: string;
  usageModelsTitle: (p: { start: string; end: string }) => string;
  usageCountriesTitle: string;
  usageSignalsTitle: string;
  usageSignalsIntro: (p: { start: string; end: string; hub: string; models: string }) => string;
  usageSignalsNone: string;
  usageNoShare: string;
  colMonth: string;
  colWeeks: string;
  colOpenShare: string;
  colTokens: string;
  colTokenClass: string;
  colOrganisation: string;
  colCountry: string;
  colTokenShare: string;
  colDownloadShare: string;
  colLeaderboard: (p: { board: string; date: string }) => string;
  tokenClassNames: Record<string, string>;
  /** The row of the models of unknown class (stealth models, routers) in a breakdown. */
  unknownClassGroup: string;
  unknownCountry: string;
  gapTitle: string;
  gapLatest: (p: {
    date: string;
    closed: string;
    closedScore: string;
    open: string;
    openScore: string;
    openClass: string;
    gap: string;
    overlap: boolean | null;
    share: string;
  }) => string;
  gapMonths: (p: { months: string; censored: boolean; reachedBy: string; listed: string; date: string }) => string;
  gapOpenLeads: (p: { date: string }) => string;
  gapByYear: string;
  colYear: string;
  colSegment: string;
  colTables: string;
  colGapFirst: string;
  colGapLast: string;
  colGapMin: string;
  colGapMax: string;
  gapChart: string;
  gapBreaks: (p: { segments: string }) => string;
  gapException: (p: { id: string; dates: string; reason: string }) => string;
  gapNone: (p: { date: string }) => string;

  historyTitle: string;
  historyChart: string;
  historyNone: string;
  /** Points of the history chart whose snapshot covers something else than the previous point's. */
  historyCoverage: (p: { dates: string; count: number }) => string;

  notesTitle: string;
  definitions: Record<DefinitionKey, string>;
  noteSource: (p: { query: string; date: string; base: string | null }) => string;
  notePrices: (p: { query: string; date: string }) => string;
  noteLeaderboard: (p: { query: string; date: string }) => string;
  generatedBy: string;
  downloadsMetric: string;
}

/** The catalogue of a language. */
export function messages(lang: Lang): Messages {
  return lang === "it" ? IT : EN;
}
