import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";

/** The stored licence map (what `model` and the openness queries classify licences with). */
export const licenceMap = defineQuery({
  name: "licence-map",
  description: "The licence map as stored (data/licences.yaml at the last load): tag, class, SPDX id, commercial use.",
  params: z.object({}),
  sql: sqlFiles("licence-map"),
  row: z.object({ tag: z.string(), class: z.string(), spdx: z.string().nullable(), commercial: z.string() }),
});
