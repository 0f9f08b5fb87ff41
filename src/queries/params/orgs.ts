/** Catalog entries about organisations (Hub namespaces). */
import { z } from "zod";
import { DateParam, MatchParam } from "../common.js";

export const params = z.object({ author: z.string().min(1), match: MatchParam, date: DateParam });

export const optText = z.string().min(1).max(200).nullable().default(null);
