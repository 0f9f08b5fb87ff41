import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { NameList } from "../params/leaderboards.js";

/** Known Hub repos of some namespaces: the stored Hub models and the repos the leaderboards list by id. */
export const leaderboardRepoCandidates = defineQuery({
  name: "leaderboard-repo-candidates",
  description:
    "Repo ids under the given Hub namespaces (`authors`: lower-case, comma-separated) known to the store: every model of any stored Hub snapshot, and every leaderboard row whose model name is a repo id (the Open LLM Leaderboards). What the normalised-name matching rule compares leaderboard names with.",
  params: z.object({ authors: NameList }),
  sql: sqlFiles("leaderboard-repo-candidates"),
  row: z.object({ id: z.string() }),
});
