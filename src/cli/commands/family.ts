/**
 * `omo family NAME`: a family's official repos, lineage derivatives (by relation, by depth) and their union; with
 * `--names` the name-only matches apart; `--explain ID` says why a model is (or is not) a member; `--tree` prints
 * the lineage tree; `--versions` groups the official repos into versions.
 */
import type { Command } from "commander";
import { familyBody, familyVersionsBody } from "../../answers/bodies.js";
import { type Family, findFamily, loadFamilies, officialSqlParams } from "../../domain/families.js";
import { relationLabel } from "../../domain/relations.js";
import { InputError } from "../../errors.js";
import { familyExplain, familyTree } from "../../queries/index.js";
import { RELATIONS, relationsLabel, relationsParam } from "../../queries/params/families.js";
import type { Store } from "../../store/store.js";
import { answerContext, emit, outputFormat, withStore } from "../context.js";
import { parseDateOption, parsePositiveInt, requireSnapshot } from "../options.js";
import { num, table } from "../output.js";
import { summaryOf } from "./index.js";

interface FamilyOptions {
  date?: string;
  relations?: string;
  names?: boolean;
  depth?: string;
  explain?: string;
  tree?: boolean;
  top?: string;
  versions?: boolean;
  limit?: string;
  families?: string[];
}

/** The bound parameters of the family queries for one family and the command's options. */
export function familyParams(f: Family, o: { relations?: string; names?: boolean; depth?: string }, date: string) {
  const sql = officialSqlParams(f);
  const depth = o.depth === undefined ? 50 : Number(o.depth);
  if (!Number.isInteger(depth) || depth < 0 || depth > 100) {
    throw new InputError(`invalid --depth "${o.depth}": expected an integer 0..100`);
  }
  return {
    official: sql.officialPattern,
    names: o.names ? sql.namePattern : null,
    relations: relationsParam(o.relations),
    depth,
    date,
  };
}

/** Loads the registry with the user's extra family files. */
export async function registry(cmd: Command): Promise<Family[]> {
  const o = cmd.optsWithGlobals() as { families?: string[] };
  return loadFamilies({ extraPaths: o.families ?? [] });
}

/** The relations of a walk that also follows re-uploads (for `--explain` of a model only a re-upload reaches). */
function withReuploads(relations: string | null): string {
  return relationsParam(`${relations ?? "all"},reupload`) as string;
}

async function explain(cmd: Command, store: Store, f: Family, params: ReturnType<typeof familyParams>, id: string) {
  let steps = await store.query(familyExplain, { ...params, id });
  // not reached by the relations asked: a re-upload link may reach it (counted only when --relations names it)
  let viaReupload = false;
  if (steps.length === 0 && !(params.relations ?? "").split(",").includes("reupload")) {
    const more = await store.query(familyExplain, { ...params, relations: withReuploads(params.relations), id });
    if (more.some((s) => s.relation === "reupload")) {
      steps = more;
      viaReupload = true;
    }
  }
  const member = steps.length > 0 && !viaReupload;
  if (outputFormat(cmd) !== "table") {
    emit(cmd, steps, {
      json: { family: f.name, date: params.date, id, member, reuploadOnly: viaReupload, chain: steps },
    });
    return;
  }
  if (steps.length === 0) {
    process.stdout.write(
      `${id} is not in ${f.title} at ${params.date}: no chain of base-model links${params.relations ? ` (relations ${params.relations})` : ""} from an official repo reaches it${params.names ? ", and its id matches no name rule" : ""}.\n`,
    );
    return;
  }
  const lines = steps.map((s) => {
    if (s.rule === "name")
      return `${s.id}: admitted only by the name rule /${params.names}/ (no lineage link reaches it)`;
    if (s.depth === 0) return `${s.id}: official repo (rule /${params.official}/ on the id)`;
    if (s.relation === "reupload")
      return `  └─ ${s.id}: re-upload of the line above (no lineage tag; its name mirrors it: name rule of data/reuploaders.yaml; depth ${s.depth})`;
    return `  └─ ${s.id}: ${relationLabel(s.relation)} from the line above (link from ${s.origin ?? "?"}; depth ${s.depth})`;
  });
  const head = viaReupload
    ? `${id} is not counted in ${f.title} at ${params.date} with relations ${relationsLabel(params.relations)}: only a re-upload link reaches it (counted with --relations ${relationsLabel(withReuploads(params.relations))}):`
    : `Why ${id} is in ${f.title} (snapshot ${params.date}):`;
  process.stdout.write(`${head}\n${lines.join("\n")}\n`);
}

async function tree(cmd: Command, store: Store, f: Family, params: ReturnType<typeof familyParams>, top: number) {
  const rows = await store.query(familyTree, params);
  if (outputFormat(cmd) !== "table") {
    emit(cmd, rows, { json: { family: f.name, date: params.date, nodes: rows } });
    return;
  }
  const children = new Map<string, typeof rows>();
  for (const r of rows) {
    const k = r.parent ?? "";
    if (!children.has(k)) children.set(k, []);
    children.get(k)?.push(r);
  }
  const out: string[] = [`${f.title} lineage, snapshot ${params.date} (top ${top} children per node by downloads)`];
  const walk = (parent: string, indent: string) => {
    const kids = children.get(parent) ?? [];
    for (const [i, k] of kids.slice(0, top).entries()) {
      const last = i === Math.min(top, kids.length) - 1;
      const rel = relationLabel(k.depth === 0 ? "official" : k.relation);
      const more = k.children > 0 ? `, ${num(k.children)} children` : "";
      out.push(`${indent}${last ? "└─" : "├─"} ${k.id}  ${num(k.downloads ?? 0)} (${rel}${more})`);
      walk(k.id, `${indent}${last ? "   " : "│  "}`);
    }
    if (kids.length > top) out.push(`${indent}   … ${num(kids.length - top)} more`);
  };
  walk("", "");
  process.stdout.write(`${out.join("\n")}\n`);
}

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("family <name>")
    .description(summaryOf("family"))
    .option("--date <date>", "snapshot date (default: latest)")
    .option(
      "--relations <list>",
      `follow only these link relations: ${RELATIONS.join(",")}; all = every stated relation (default); all,reupload adds re-uploads`,
    )
    .option("--depth <n>", "deepest chain of links followed (default 50)")
    .option("--names", "also count repos admitted only by the family's name patterns (kept separate)")
    .option("--explain <id>", "say which rule or chain of links admitted this model")
    .option("--tree", "print the lineage tree")
    .option("--top <n>", "children per node in --tree, members listed otherwise", "5")
    .option("--versions", "group the official repos into versions")
    .option("--families <path...>", "extra family files or folders (YAML) replacing or adding to data/families")
    .action(async (name: string, o: FamilyOptions, cmd: Command) => {
      const date = parseDateOption(o.date);
      const top = parsePositiveInt(o.top, "--top") ?? 5;
      const f = findFamily(await registry(cmd), name);
      await withStore(cmd, async (store) => {
        const at = await requireSnapshot(store, date);
        const params = familyParams(f, o, at);
        if (o.explain) return explain(cmd, store, f, params, o.explain);
        if (o.tree) return tree(cmd, store, f, params, top);
        const ctx = answerContext(store, [f]);
        if (o.versions) {
          const v = await familyVersionsBody(ctx, f, at);
          emit(cmd, v.versions, {
            json: v,
            title: `${f.title}: official repos by version, snapshot ${at}`,
            columns: [
              { key: "version" },
              { key: "repos", align: "right" },
              { key: "downloads", header: "downloads (30d)", align: "right" },
              { key: "share" },
            ],
          });
          return;
        }
        const json = await familyBody(ctx, f, { relations: o.relations, names: o.names, depth: params.depth }, at, top);
        if (outputFormat(cmd) !== "table") {
          emit(cmd, json.top, { json });
          return;
        }
        const parts = (
          dim: string,
          groups: Record<string, { repos: number; downloads: number }>,
          label: (v: string) => string = (v) => v,
        ) => Object.entries(groups).map(([value, g]) => ({ part: `  ${dim} ${label(value)}`, ...g }));
        const summary = [
          { part: "official repos", ...json.official },
          { part: "lineage derivatives", repos: json.derivatives.repos, downloads: json.derivatives.downloads },
          ...parts("depth", json.derivatives.byDepth),
          ...parts("relation", json.derivatives.byRelation, relationLabel),
          { part: "total (official ∪ derivatives)", ...json.total },
          ...(json.nameOnly
            ? [
                {
                  part: "name-only matches (not in total)",
                  repos: json.nameOnly.repos,
                  downloads: json.nameOnly.downloads,
                },
              ]
            : []),
        ];
        const members = json.top.map((m) => ({ ...m, relation: relationLabel(m.relation) }));
        const head = `${f.title}, snapshot ${at} (relations: ${relationsLabel(params.relations)}, depth ≤ ${params.depth})`;
        const body = table(summary, [
          { key: "part" },
          { key: "repos", align: "right" },
          { key: "downloads", header: "downloads (30d)", align: "right" },
        ]);
        const d = json.dominant;
        const dom = d
          ? `\n\none model holds more than a fifth of the total: ${d.id}, ${num(d.downloads)} downloads (${(d.share * 100).toFixed(1)}%); without it: ${num(d.without.repos)} repos, ${num(d.without.downloads)} downloads`
          : "";
        emit(cmd, members, {
          title: `${head}\n\n${body}${dom}\n\nTop ${top} members:`,
          columns: [
            { key: "id" },
            { key: "downloads", header: "downloads (30d)", align: "right" },
            { key: "depth", align: "right" },
            { key: "relation" },
            { key: "via" },
          ],
        });
      });
    });
}
