/**
 * The treemap of a family's lineage: official repos at the top, each derivative inside the model it was derived
 * from, area = 30-day downloads of the model and everything below it. Pure: `/api/families/{name}/tree` nodes in,
 * ECharts option out.
 */
import type { EChartsOption, TreemapSeriesOption } from "echarts";
import { formatNumber } from "./format.js";
import { type ChartTheme, THEMES } from "./theme.js";

/** One node of the lineage walk, as `/api/families/{name}/tree` returns it. */
export interface TreeNodeInput {
  id: string;
  parent: string | null;
  depth: number;
  relation: string;
  downloads: number | null;
  children?: number;
}

type TreemapDatum = NonNullable<TreemapSeriesOption["data"]>[number];

/** How to draw the treemap. */
export interface TreemapConfig {
  theme?: ChartTheme;
  /** Most nodes drawn (largest first, always with their ancestors); default 400. */
  maxNodes?: number;
}

/**
 * Nests the flat node list into treemap data. A node with children gets a child for its own downloads (`itself`)
 * so areas add up; nodes beyond `maxNodes` (smallest first) are folded into their parent's figure.
 */
export function treemapData(nodes: readonly TreeNodeInput[], maxNodes = 400): TreemapDatum[] {
  const byParent = new Map<string, TreeNodeInput[]>();
  const ids = new Set(nodes.map((n) => n.id.toLowerCase()));
  for (const n of nodes) {
    const p = n.parent && ids.has(n.parent.toLowerCase()) ? n.parent.toLowerCase() : "";
    const list = byParent.get(p) ?? [];
    list.push(n);
    byParent.set(p, list);
  }
  let budget = maxNodes;
  const total = (n: TreeNodeInput): number =>
    (n.downloads ?? 0) + (byParent.get(n.id.toLowerCase()) ?? []).reduce((s, c) => s + total(c), 0);
  const build = (n: TreeNodeInput): TreemapDatum => {
    budget -= 1;
    const kids = [...(byParent.get(n.id.toLowerCase()) ?? [])].sort((a, b) => total(b) - total(a));
    const value = total(n);
    const label = n.depth === 0 ? "official" : n.relation;
    if (kids.length === 0 || budget <= 0) return { name: n.id, value, relation: label } as TreemapDatum;
    const children: TreemapDatum[] = [];
    if ((n.downloads ?? 0) > 0) children.push({ name: `${n.id} (itself)`, value: n.downloads ?? 0 } as TreemapDatum);
    for (const k of kids) {
      if (budget <= 0) break;
      children.push(build(k));
    }
    return { name: n.id, value, relation: label, children } as TreemapDatum;
  };
  const roots = [...(byParent.get("") ?? [])].sort((a, b) => total(b) - total(a));
  return roots.filter((n) => total(n) > 0).map(build);
}

/** Builds the ECharts option of the lineage treemap. */
export function buildTreemapOption(nodes: readonly TreeNodeInput[], config: TreemapConfig = {}): EChartsOption {
  const theme = THEMES[config.theme ?? "light"];
  return {
    animation: false,
    backgroundColor: theme.background,
    color: theme.palette,
    tooltip: {
      formatter: (info: unknown) => {
        const p = info as { name: string; value: number; data?: { relation?: string } };
        const rel = p.data?.relation ? ` (${p.data.relation})` : "";
        return `${p.name}${rel}<br/>${formatNumber(p.value)} downloads incl. derivatives`;
      },
    },
    series: [
      {
        type: "treemap",
        name: "lineage",
        roam: false,
        nodeClick: "zoomToNode",
        leafDepth: 2,
        top: 8,
        left: 8,
        right: 8,
        bottom: 36,
        breadcrumb: { show: true, bottom: 4, itemStyle: { color: theme.grid, textStyle: { color: theme.text } } },
        label: { show: true, formatter: "{b}", overflow: "truncate" },
        upperLabel: { show: true, height: 20, color: "#fff" },
        itemStyle: { borderColor: theme.background, borderWidth: 1, gapWidth: 1 },
        levels: [
          { itemStyle: { borderWidth: 2, gapWidth: 2, borderColor: theme.background } },
          { colorSaturation: [0.35, 0.6], itemStyle: { gapWidth: 1, borderColorSaturation: 0.6 } },
        ],
        data: treemapData(nodes, config.maxNodes),
      },
    ],
  };
}
