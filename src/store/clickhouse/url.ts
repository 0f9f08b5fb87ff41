/**
 * ClickHouse store URLs, parsed without loading the ClickHouse client (choosing a store and naming its local files
 * needs the URL only).
 */
import { identifier } from "./literal.js";

/** Where a ClickHouse store lives, parsed from `clickhouse://user:pass@host:port[,host:port…]/db?cluster=NAME`. */
export interface ClickHouseTarget {
  /** HTTP base URLs of the nodes, coordinator first. */
  nodes: string[];
  username: string;
  password: string;
  database: string;
  /** `remote_servers` cluster the Distributed tables span; null = one node, no Distributed tables. */
  cluster: string | null;
}

/** Parses a `clickhouse://` (or `clickhouse+http://`) location. The password is never echoed in errors. */
export function parseClickHouseUrl(location: string): ClickHouseTarget {
  const m = /^clickhouse(?:\+http)?:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#]+)(?:\/([^?#]*))?(?:\?([^#]*))?$/i.exec(
    location,
  );
  if (!m) throw new Error("not a ClickHouse URL: expected clickhouse://[user[:pass]@]host:port[,host:port…]/db");
  const hosts = (m[3] as string).split(",").filter(Boolean);
  const nodes = hosts.map((h) => {
    if (!/^[A-Za-z0-9.\-[\]:]+$/.test(h)) throw new Error("invalid host in ClickHouse URL");
    return `http://${/:\d+$/.test(h) ? h : `${h}:8123`}`;
  });
  const query = new URLSearchParams(m[5] ?? "");
  const database = decodeURIComponent(m[4] || "omo");
  identifier(database); // plain names only
  const cluster = query.get("cluster") ?? (nodes.length > 1 ? "omo_two_shards" : null);
  if (cluster !== null) identifier(cluster);
  return {
    nodes,
    username: decodeURIComponent(m[1] || "default"),
    password: decodeURIComponent(m[2] ?? ""),
    database,
    cluster,
  };
}
