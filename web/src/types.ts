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

/** A share: a point (every model named), bounds (top N with the total known), or null (total unknown). */
export type UsageShareValue =
  | { tokens: number; share: number }
  | { lower: number; upper: number; namedTokens: number }
  | null;

/** One date of `/api/usage/share`. */
export interface UsageShareDate {
  date: string;
  period: string;
  window: { start: string; end: string };
  snapshot: { id: string; source: string; fetchedAt: string | null; status: string | null };
  coverage: { kind: "full" | "partial"; how: string; models: number; top: number | null; totalKnown: boolean };
  tokens: { total: number | null; named: number; remainder: number | null };
  open: UsageShareValue;
  closed: UsageShareValue;
  unknown: { tokens: number; share: number | null };
  free: { tokens: number; share: number | null };
  groups: Array<{ key: string; tokens: number; value: UsageShareValue }>;
  note: string;
}

/** `/api/usage/share`. */
export interface UsageShareAnswer extends AsOf {
  period: string;
  by: string;
  definition: string;
  queries: string[];
  counts: { dates: number; points: number; bounds: number; noShare: number };
  dates: UsageShareDate[];
}

/** `/api/usage/models`. */
export interface UsageModelsAnswer extends AsOf {
  date: string | null;
  snapshot: {
    source: string;
    window: { start: string; end: string };
    coverage: { kind: string; how: string };
    totalTokens: number | null;
  } | null;
  models: Array<{
    rank: number;
    model: string;
    tokens: number;
    freeTokens: number;
    share: number | null;
    class: string;
    hubRepo: string | null;
    hubMethod: string | null;
    family: string | null;
    organisation: string | null;
    country: string | null;
  }>;
}

/** `/api/usage/signals`. */
export interface UsageSignalsAnswer extends AsOf {
  usage: { window: { start: string; end: string }; source: string; coverage: { how: string } } | null;
  hub: { date: string; distanceDays: number; models: number; downloads: number } | null;
  definitions: { tokens: string; downloads: string };
  rows: Array<{
    id: string;
    title: string;
    tokenShare: UsageShareValue;
    downloadShare: { downloads: number; share: number } | null;
    leaderboard: { board: string; date: string; model: string; score: number | null } | null;
  }>;
}

/** `/api/leaderboards/gap`. */
export interface LeaderboardGap extends AsOf {
  board: string;
  title: string;
  score: string;
  definition: string;
  from: string;
  to: string;
  top: number;
  segments: Array<{ id: string; label: string; reason: string; first: string; last: string; tables: number }>;
  exceptions: Array<{ id: string; openness: string | null; reason: string; dates: string[] }>;
  dates: Array<{
    date: string;
    segment: string;
    coverage: { kind: string; how: string; entries: number };
    closed: { model: string; score: number; ci: { plus: number | null; minus: number | null } } | null;
    open: {
      model: string;
      score: number;
      ci: { plus: number | null; minus: number | null };
      licence: string | null;
      licenceClass: string | null;
      country: string | null;
    } | null;
    gap: number | null;
    overlap: boolean | null;
    shares: Array<{ top: number; share: number }>;
  }>;
}

/** `/api/leaderboards/months-behind`. */
export interface MonthsBehindAnswer extends AsOf {
  definition: string;
  dates: Array<{
    date: string;
    segment: string;
    open: { model: string; score: number } | null;
    reachedBy: { model: string; score: number; firstListed: string } | null;
    months: number | null;
    censored: boolean;
    openLeads: boolean;
  }>;
}

/** `/api/leaderboards/models`. */
export interface LeaderboardModels extends AsOf {
  board: string;
  title: string;
  date: string;
  segment: string;
  definition: string;
  hubSnapshot: { date: string; days: number } | null;
  coverage: { kind: string; how: string };
  match: { open: number; openMatched: number };
  frontier: Array<{ model: string; score: number; price: number; openness: string }>;
  entries: Array<{
    place: number;
    model: string;
    score: number | null;
    ci: { plus: number | null; minus: number | null };
    openness: string;
    licence: string | null;
    licenceClass: string | null;
    organisation: string | null;
    country: string | null;
    hub: { repo: string; rule: string } | null;
    family: { family: string; title: string } | null;
    downloads: number | null;
    price: { blended: number; from: string } | null;
    scorePerDollar: number | null;
    frontier: boolean;
  }>;
}

/** `/api/leaderboards`. */
export interface LeaderboardTables extends AsOf {
  tables: Array<{ board: string; date: string; entries: number; coverageKind: string }>;
}
