/**
 * The leaderboard registry (`data/leaderboards/boards.yaml`): the boards omo imports, the folders their files live in,
 * their scale segments (a series is compared only within one) and the tables that cover only part of a board.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { IsoDate } from "../queries/common.js";
import { readDataFile } from "./data-files.js";
import { parseYamlFile } from "./yaml-file.js";

/** The reviewed leaderboard files: `<project>/data/leaderboards/`. */
export const LEADERBOARDS_DIR = fileURLToPath(new URL("../../data/leaderboards/", import.meta.url));
/** The board registry. */
export const BOARDS_FILE = path.join(LEADERBOARDS_DIR, "boards.yaml");

/** A date in a YAML file (YAML may read an unquoted date as a Date). */
export const YamlDate = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), IsoDate);

/** A board name: lower-case letters, digits and `-`. */
export const BoardName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "expected a board name of lower-case letters, digits and -, e.g. arena-text");

const SegmentSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
  from: YamlDate,
  label: z.string().min(1),
  reason: z.string().min(1),
});

const PartialSchema = z
  .strictObject({
    dates: z.array(YamlDate).min(1).optional(),
    from: YamlDate.optional(),
    to: YamlDate.optional(),
    how: z.string().min(1),
  })
  .refine((p) => p.dates !== undefined || p.from !== undefined || p.to !== undefined, {
    message: "give dates, or from and/or to",
  });

const BoardSchema = z.strictObject({
  board: BoardName,
  title: z.string().min(1),
  score: z.string().min(1),
  folders: z.array(z.string().min(1)).default([]),
  gap: z.boolean(),
  segments: z
    .array(SegmentSchema)
    .min(1)
    .refine((s) => s.every((x, i) => i === 0 || (s[i - 1] as { from: string }).from < x.from), {
      message: "segments must be in date order",
    }),
  partial: z.array(PartialSchema).default([]),
});

const FileSchema = z.strictObject({ boards: z.array(BoardSchema).min(1) });

/** One board of the registry. */
export type Board = z.output<typeof BoardSchema>;
/** One scale segment of a board. */
export type Segment = z.output<typeof SegmentSchema>;

/** Parses the registry (errors name file, line and field). */
export function parseBoards(text: string, file: string): Board[] {
  return parseYamlFile(text, file, FileSchema).boards;
}

/** Loads `data/leaderboards/boards.yaml` (or `opts.path`). */
export async function loadBoards(opts: { path?: string } = {}): Promise<Board[]> {
  const file = opts.path ?? BOARDS_FILE;
  return parseBoards(await readDataFile(file, "the leaderboard registry"), file);
}

/** The board whose folder list names `folder` (case-insensitive), or null. */
export function boardOfFolder(boards: readonly Board[], folder: string): Board | null {
  const f = folder.toLowerCase();
  return boards.find((b) => b.folders.some((x) => x.toLowerCase() === f)) ?? null;
}

/** The segment a date of a board falls in (the last one starting on or before it; before the first: the first). */
export function segmentOf(board: Board, date: string): Segment {
  let seg = board.segments[0] as Segment;
  for (const s of board.segments) if (s.from <= date) seg = s;
  return seg;
}

/** The coverage of a board's table at a date: partial when the registry says so, else full. */
export function coverageOf(board: Board | null, date: string): { kind: "full" | "partial"; how: string } {
  for (const p of board?.partial ?? []) {
    const hit =
      (p.dates?.includes(date) ?? false) ||
      (p.dates === undefined && (p.from === undefined || p.from <= date) && (p.to === undefined || date <= p.to));
    if (hit) return { kind: "partial", how: p.how };
  }
  return { kind: "full", how: "the whole table as published at that date" };
}
