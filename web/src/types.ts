/** Shapes of the omo API answers the dashboard reads (every body also carries `dataAsOf`). */

/** Present in every JSON body. */
export interface AsOf {
  dataAsOf?: string;
}

export interface Health extends AsOf {
  ok: boolean;
  models: number;
}

export interface SnapshotRow {
  date: string;
  source: string;
  status: string;
  models: number;
  downloads: number;
  /** What the snapshot covers: a full listing of the Hub, or a partial one (how it was selected). */
  coverage?: { kind: "full" | "partial"; how: string; models: number };
}

export interface SearchResult extends AsOf {
  models: Array<{ id: string; downloads: number | null }>;
  orgs: Array<{ author: string; repos: number; downloads: number | null }>;
  /** The family slug is `family` (as elsewhere in the API); `name` is accepted too. */
  families: Array<{ family?: string; name?: string; title: string }>;
}

export interface ModelRow {
  date?: string;
  id: string;
  author: string;
  downloads: number | null;
  likes: number | null;
  task: string | null;
  library: string | null;
  license: string | null;
}

export interface ModelDetail extends AsOf {
  id: string;
  author: string;
  date?: string;
  downloads: number | null;
  downloadsAllTime: number | null;
  likes: number | null;
  task: string | null;
  library: string | null;
  license: string | null;
  gated: string | boolean | null;
  createdAt: string | null;
  firstSeen?: string | null;
  lastSeen?: string | null;
  baseModels: Array<{ id: string; relation: string }> | null;
  children?: Array<{ id: string; downloads: number | null; relation?: string }> | null;
  history: Array<{ date: string; downloads: number | null; downloadsAllTime: number | null; likes: number | null }>;
}

export interface SeriesRow {
  bucket: string;
  firstDate: string;
  lastDate: string;
  downloads: number | null;
  likes?: number | null;
  repos?: number;
  dailyDownloads?: number | null;
  partial?: boolean;
}

export interface OrgVersion {
  version: string;
  repos: number;
  downloads: number;
  share: number;
  ids: string[];
}

export interface OrgDetail extends AsOf {
  author: string;
  date: string | null;
  match?: string | null;
  repos: number;
  downloads: number;
  likes: number;
  models: Array<{
    id: string;
    downloads: number | null;
    likes: number | null;
    task: string | null;
    license: string | null;
    created: string | null;
  }>;
  versions?: OrgVersion[];
}

export interface FamilyListRow {
  rank: number;
  family: string;
  title: string;
  officialRepos: number;
  officialDownloads: number;
  derivativeRepos: number;
  derivativeDownloads: number;
  totalRepos: number;
  totalDownloads: number;
}

export interface Totals {
  repos: number;
  downloads: number;
}

export interface FamilyDetail extends AsOf {
  family: string;
  title: string;
  date: string | null;
  official: Totals;
  derivatives: Totals & { byRelation: Record<string, Totals>; byDepth: Record<string, Totals> };
  total: Totals;
  nameOnly?: Totals;
  top: Array<{ id: string; downloads: number | null; depth: number; relation: string; via: string | null }>;
}

export interface TreeNode {
  id: string;
  parent: string | null;
  depth: number;
  relation: string;
  downloads: number | null;
  children: number;
}

export interface FamilyVersion {
  version: string;
  repos: number;
  downloads: number;
  share?: number;
  ids?: string[];
}

export interface CompareAnswer extends AsOf {
  items: Array<{ id: string; kind: string; label: string; points: Array<{ date: string; downloads: number | null }> }>;
}
