/**
 * From report data to a document in one language: the prose comes from the message catalogues, numbers and dates
 * from the language's formatter, charts from the dashboard's chart builders rendered to SVG, and every figure points
 * at a numbered note (definition, snapshot date, query). Each section is one function in src/report/sections/,
 * written in this order with one shared writer (blocks and notes).
 */
import type { ReportData } from "./build.js";
import type { ReportDocument } from "./document.js";
import type { Lang } from "./locale.js";
import { changesSection } from "./sections/changes.js";
import { costSection } from "./sections/cost.js";
import { topFamiliesSection } from "./sections/families.js";
import { headlineSection } from "./sections/headline.js";
import { historySection } from "./sections/history.js";
import { openVsClosedSection } from "./sections/open-vs-closed.js";
import { opennessSection } from "./sections/openness.js";
import { subjectsSection } from "./sections/subjects.js";
import { topModelsSection } from "./sections/top-models.js";
import { usageSection } from "./sections/usage.js";
import { type ReportWriter, reportWriter } from "./sections/writer.js";

/** The sections of the report, in reading order. */
const SECTIONS: ReadonlyArray<(w: ReportWriter) => void> = [
  headlineSection,
  topModelsSection,
  topFamiliesSection,
  subjectsSection,
  opennessSection,
  costSection,
  openVsClosedSection,
  usageSection,
  changesSection,
  historySection,
];

/** Composes the report document of `data` in `lang`. */
export function composeReport(data: ReportData, lang: Lang): ReportDocument {
  const w = reportWriter(data, lang);
  for (const section of SECTIONS) section(w);
  const { m, f, blocks, notes } = w;
  return {
    lang,
    title: m.title,
    subtitle: m.subtitle({
      date: f.date(data.date),
      snapshots: f.int(data.snapshots.count),
      count: data.snapshots.count,
      earliest: f.date(data.snapshots.earliest),
    }),
    intro: m.intro,
    date: data.date,
    blocks,
    notes,
    footer: m.generatedBy,
    printHint: m.printHint,
    dashboardLink: m.dashboardLink,
    toc: m.toc,
    notesTitle: m.notesTitle,
  };
}
