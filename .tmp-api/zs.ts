import { z } from "zod";
import { CATALOG } from "../src/queries/index.js";
for (const q of Object.values(CATALOG)) {
  try { const s = z.toJSONSchema(q.params as z.ZodType, { io: "input", unrepresentable: "any" }); if (q.name==="org-totals"||q.name==="family-totals") console.log(q.name, JSON.stringify(s)); }
  catch (e) { console.log("FAIL", q.name, (e as Error).message); }
}
