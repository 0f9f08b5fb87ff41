/**
 * Catalog entries about leaderboards (`omo leaderboard`): the stored tables, their rows as the sources wrote them,
 * the licence history a row with an empty label inherits from, when each name was first listed, the Hub URLs the
 * tables give, and the Hub repos names are matched against. Who is open, the gap and the frontier are computed from
 * these rows by src/domain/leaderboard-gap.ts (the reviewed rules live in data/leaderboards/).
 */
import { z } from "zod";
import { IsoDate } from "../common.js";

export const Board = z.string().min(1).max(64);
export const OptDate = IsoDate.nullable().default(null);
/** A list of lower-case names joined by commas (Hub authors, repo ids: neither contains a comma). */
export const NameList = z
  .string()
  .max(2_000_000)
  .transform((s) => s.toLowerCase());
