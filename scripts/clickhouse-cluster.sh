#!/usr/bin/env bash
# Starts or stops local ClickHouse servers for tests and benchmarks, as plain processes (no systemd), each with its
# own config and data directory under DIR, listening on loopback only.
#
#   scripts/clickhouse-cluster.sh start DIR [single|two-shard]   # prints "http://127.0.0.1:PORT" per node
#   scripts/clickhouse-cluster.sh stop DIR
#   scripts/clickhouse-cluster.sh status DIR
#
# Ports (space-separated, one per node; defaults in brackets):
#   OMO_CH_HTTP_PORTS        [18123 18124]
#   OMO_CH_TCP_PORTS         [19000 19001]
#   OMO_CH_INTERSERVER_PORTS [19009 19010]
#   OMO_CH_MALLOC_CONF       [thp:always]   the servers' MALLOC_CONF (jemalloc's options; empty: jemalloc's defaults)
# Every node's config names the cluster `omo_two_shards` (both nodes; in single mode the one node only), so a
# Distributed table over it works in both modes. The binary is `clickhouse-server` on PATH (Debian's 18.16 package)
# or OMO_CH_SERVER.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR [single|two-shard] | stop DIR | status DIR" >&2
  exit 2
}

[ $# -ge 2 ] || usage
cmd=$1
dir=$2
mode=${3:-single}
server=${OMO_CH_SERVER:-clickhouse-server}
read -r -a http_ports <<<"${OMO_CH_HTTP_PORTS:-18123 18124}"
read -r -a tcp_ports <<<"${OMO_CH_TCP_PORTS:-19000 19001}"
read -r -a inter_ports <<<"${OMO_CH_INTERSERVER_PORTS:-19009 19010}"

case $mode in
single) nodes=1 ;;
two-shard) nodes=2 ;;
*) usage ;;
esac

# The users file: one user `default` without password, loopback only. max_threads: ClickHouse's default is the
# number of physical cores, which on a VM whose vCPUs are one core's hyperthreads is 1 (this 2-vCPU machine), while
# DuckDB runs on every logical CPU; the servers get the machine's logical CPUs (nproc) unless OMO_CH_MAX_THREADS says.
threads=${OMO_CH_MAX_THREADS:-$(nproc)}
# Debian's 18.16 allocates through jemalloc; on 4 KiB pages a fifth of a load's server CPU went to page faults (perf),
# and backing jemalloc's memory with transparent huge pages (where the kernel allows them: `always` or `madvise` in
# /sys/kernel/mm/transparent_hugepage/enabled) cut the full listing's load by about a fifth (README, "Memory pages").
# Memory still goes back to the system as jemalloc's default decay says.
malloc_conf=${OMO_CH_MALLOC_CONF-thp:always}
write_users() {
  cat >"$1" <<EOF
<?xml version="1.0"?>
<yandex>
  <profiles>
    <default>
      <max_memory_usage>4000000000</max_memory_usage>
      <load_balancing>in_order</load_balancing>
      <max_threads>$threads</max_threads>
    </default>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas>
    <default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default>
  </quotas>
</yandex>
EOF
}

# The remote_servers block: one shard per node of this cluster.
shards_xml() {
  local i
  for ((i = 0; i < nodes; i++)); do
    printf '        <shard><replica><host>127.0.0.1</host><port>%s</port></replica></shard>\n' "${tcp_ports[$i]}"
  done
}

# config.xml of node $1 (0-based) in directory $2.
write_config() {
  local i=$1 d=$2
  cat >"$d/config.xml" <<EOF
<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>$d/log/server.log</log>
    <errorlog>$d/log/server.err.log</errorlog>
    <size>100M</size>
    <count>2</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${http_ports[$i]}</http_port>
  <tcp_port>${tcp_ports[$i]}</tcp_port>
  <interserver_http_port>${inter_ports[$i]}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <max_connections>256</max_connections>
  <keep_alive_timeout>10</keep_alive_timeout>
  <max_concurrent_queries>64</max_concurrent_queries>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <mark_cache_size>268435456</mark_cache_size>
  <path>$d/data/</path>
  <tmp_path>$d/tmp/</tmp_path>
  <user_files_path>$d/user_files/</user_files_path>
  <format_schema_path>$d/format_schemas/</format_schema_path>
  <users_config>$d/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
  <remote_servers>
    <omo_two_shards>
$(shards_xml)
    </omo_two_shards>
  </remote_servers>
  <macros><shard>$((i + 1))</shard></macros>
  <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
  <max_session_timeout>3600</max_session_timeout>
  <default_session_timeout>60</default_session_timeout>
</yandex>
EOF
}

ping_ok() {
  # /ping answers "Ok." once the HTTP interface is up
  local port=$1
  if command -v curl >/dev/null 2>&1; then
    [ "$(curl -s --max-time 1 "http://127.0.0.1:$port/ping" 2>/dev/null)" = "Ok." ]
  else
    node -e "fetch('http://127.0.0.1:$port/ping').then(r=>r.text()).then(t=>process.exit(t.trim()==='Ok.'?0:1),()=>process.exit(1))"
  fi
}

stop_node() {
  local d=$1 pid
  [ -f "$d/pid" ] || return 0
  pid=$(cat "$d/pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$d/pid"
}

case $cmd in
start)
  command -v "$server" >/dev/null 2>&1 || {
    echo "clickhouse-server not found (apt-get install clickhouse-server, or set OMO_CH_SERVER)" >&2
    exit 1
  }
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  for ((i = 0; i < nodes; i++)); do
    d="$dir/node$((i + 1))"
    if [ -f "$d/pid" ] && kill -0 "$(cat "$d/pid")" 2>/dev/null; then
      echo "node $((i + 1)) already running (pid $(cat "$d/pid")), left as it is" >&2
      continue
    fi
    if ping_ok "${http_ports[$i]}"; then
      # another server already answers there: starting would report ITS ping as ours
      echo "port ${http_ports[$i]} is already used by another ClickHouse server; choose other ports" >&2
      for ((j = 0; j < i; j++)); do stop_node "$dir/node$((j + 1))"; done
      exit 1
    fi
    mkdir -p "$d/data" "$d/tmp" "$d/user_files" "$d/format_schemas" "$d/log"
    write_users "$d/users.xml"
    write_config "$i" "$d"
    # a plain background process in its own session; stop kills it by the recorded pid
    (cd "$d" && MALLOC_CONF=$malloc_conf exec setsid "$server" --config-file="$d/config.xml" </dev/null >"$d/log/stdout.log" 2>&1) &
    echo $! >"$d/pid"
  done
  for ((i = 0; i < nodes; i++)); do
    d="$dir/node$((i + 1))"
    ok=
    for _ in $(seq 1 300); do
      if ping_ok "${http_ports[$i]}"; then
        ok=1
        break
      fi
      if ! kill -0 "$(cat "$d/pid")" 2>/dev/null; then break; fi
      sleep 0.1
    done
    if [ -z "$ok" ]; then
      echo "node $((i + 1)) did not start; last log lines:" >&2
      tail -n 20 "$d/log/server.err.log" "$d/log/stdout.log" >&2 2>/dev/null || true
      for ((j = 0; j < nodes; j++)); do stop_node "$dir/node$((j + 1))"; done
      exit 1
    fi
    echo "http://127.0.0.1:${http_ports[$i]}"
  done
  ;;
stop)
  [ -d "$dir" ] || exit 0
  for d in "$dir"/node*; do
    [ -d "$d" ] && stop_node "$d"
  done
  ;;
status)
  for d in "$dir"/node*; do
    if [ -f "$d/pid" ] && kill -0 "$(cat "$d/pid")" 2>/dev/null; then echo "$d running pid $(cat "$d/pid")"; else echo "$d stopped"; fi
  done
  ;;
*) usage ;;
esac
