/**
 * The report's prose as message catalogues, one per language, written by people (nothing is translated at run
 * time). Each catalogue implements {@link Messages}, so a key missing in one language is a type error. Messages
 * with figures are functions of already formatted strings.
 */
import type { DefinitionKey } from "./build.js";
import type { Lang } from "./locale.js";
import { EN } from "./messages-en.js";
import { IT } from "./messages-it.js";

/** Every text of the report in one language. */
export interface Messages {
  title: string;
  subtitle: (p: { date: string; snapshots: string; count: number; earliest: string }) => string;
  intro: string;
  toc: string;
  printHint: string;
  dashboardLink: string;

  headlineTitle: string;
  headline: (p: { date: string; models: string; downloads: string }) => string;
  headlineGrowth: (p: { base: string; change: string; baseDownloads: string }) => string;
  headlineNoBase: string;

  topModelsTitle: string;
  topFamiliesTitle: string;
  topFamiliesChart: string;
  colRank: string;
  colModel: string;
  colDownloads: string;
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
  colBefore: string;
  colAfter: string;
  colChange: string;
  official: string;
  derivatives: string;

  subjectsTitle: string;
  familyTitle: (p: { title: string }) => string;
  family: (p: {
    title: string;
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
  familySince: (p: { base: string; before: string; change: string }) => string;
  lineageChart: (p: { title: string }) => string;
  relationNames: Record<string, string>;
  orgTitle: (p: { author: string; match: string | null }) => string;
  org: (p: { author: string; match: string | null; repos: string; versions: string; downloads: string }) => string;
  orgMissing: (p: { author: string; match: string | null; date: string }) => string;
  orgSince: (p: { base: string; before: string; change: string }) => string;

  opennessTitle: string;
  openness: (p: { open: string; vendor: string; nonCommercial: string; unknown: string }) => string;
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
  changesTotals: (p: { base: string; before: string; after: string; change: string }) => string;
  changesMovers: string;
  changesEntrants: (p: { count: string; downloads: string }) => string;
  changesNone: string;
  changesTitleNone: string;

  historyTitle: string;
  historyChart: string;
  historyNone: string;

  notesTitle: string;
  definitions: Record<DefinitionKey, string>;
  noteSource: (p: { query: string; date: string; base: string | null }) => string;
  notePrices: (p: { query: string; date: string }) => string;
  generatedBy: string;
  downloadsMetric: string;
}

/** The catalogue of a language. */
export function messages(lang: Lang): Messages {
  return lang === "it" ? IT : EN;
}
