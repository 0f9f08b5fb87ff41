import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";

/** Hub repos of some authors, for the name rule of usage matching and the licence class of matched repos. */
export const usageHubRepos = defineQuery({
  name: "usage-hub-repos",
  description:
    "Hub repos the store knows (any snapshot) of the given authors (comma-separated, lower-case), with their latest licence: the repos OpenRouter ids are matched to by name, and the licence class of matched repos.",
  params: z.object({ authors: z.string().max(20_000) }),
  sql: sqlFiles("usage-hub-repos"),
  row: z.object({ id: z.string(), author: z.string(), license: z.string().nullable() }),
});
