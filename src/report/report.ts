/** `omo report` and `/report` in one call: build the data, compose it in a language, render it as Markdown or HTML. */
import type { Family } from "../domain/families.js";
import type { Store } from "../store/store.js";
import { buildReport } from "./build.js";
import { composeReport } from "./compose.js";
import type { Lang } from "./locale.js";
import { renderHtml } from "./render-html.js";
import { renderMarkdown } from "./render-markdown.js";
import { loadSubjects } from "./subjects.js";

/** The output formats of a report. */
export const REPORT_FORMATS = ["md", "html"] as const;
/** An output format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What to generate. */
export interface GenerateOptions {
  date?: string | null;
  from?: string | null;
  lang: Lang;
  format: ReportFormat;
  families: readonly Family[];
  /** A subjects file instead of data/report/subjects.yaml. */
  subjectsFile?: string;
  /** For HTML: the API base to link queries to. */
  apiBase?: string;
  /** For HTML: where the dashboard is, for a link back to it. */
  homeHref?: string;
}

/** Generates a report as text. */
export async function generateReport(store: Store, o: GenerateOptions): Promise<string> {
  const subjects = await loadSubjects(o.subjectsFile);
  const data = await buildReport(store, { date: o.date, from: o.from, subjects, families: o.families });
  const doc = composeReport(data, o.lang);
  return o.format === "html" ? renderHtml(doc, { apiBase: o.apiBase, homeHref: o.homeHref }) : renderMarkdown(doc);
}
