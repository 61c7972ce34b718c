#!/usr/bin/env bash
# ActorZk against Apache ZooKeeper 3.8, on this machine, in one run.
#
#   bench/compare.sh [--quick] [--outstanding N] [--sessions 1,10,100] [--workloads a,b,...]
#                    [--duration S] [--rounds N] [--no-doc] [--keep]
#
# Starts Apache ZooKeeper (Debian package `zookeeper`) and ActorZk (its Release build) on two free loopback
# ports, both with `setsid` so that autogroup scheduling gives each its own CPU share, with the same tickTime
# and maxClientCnxns. Warms both up, then for every sessions count and workload runs ActorZk.Bench against
# each in alternating order (A B B A A B ...), takes medians per server, and prints the ratios
# ActorZk/ZooKeeper of throughput, p99 latency and server CPU per op (CPU from /proc/PID/stat around the
# measured phase only). Writes docs/benchmarks.md (machine, method, tables; bench/findings.md is included)
# unless --no-doc. Stops exactly the two server PIDs it started.
#
#   --quick           ~3 minutes: 1 s per run, one run per server and cell
#   (default: full)   ~15 minutes: 3 s per run, three runs per server and cell (median of 3)
#   --outstanding N   requests in flight per session (default 1: every session is a synchronous client)
#   --sessions LIST   session counts (default 1,10,100)
#   --workloads LIST  subset of create,get,set,delete,getchildren,ephemeral-seq,mixed,watch (default all)
#   --duration S      time cap of each measured run (overrides the mode's)
#   --rounds N        runs per server and cell (overrides the mode's)
#   --no-doc          do not rewrite docs/benchmarks.md
#   --keep            keep the work dir (server logs, raw JSON lines)
#   --actorzk-env "K=V ..."  extra environment for the ActorZk process (tuning experiments; recorded in the doc)
#   --report-only DIR rewrite the tables and docs/benchmarks.md from a kept work dir, without running anything
#
# Environment: BENCH_ARTIFACTS (default /tmp/actorzk-bench-artifacts) is where both are built, so that
# building here never touches the bin/obj folders of the source tree.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
PYTHON=/usr/bin/python3
ART=${BENCH_ARTIFACTS:-/tmp/actorzk-bench-artifacts}

mode=full; outstanding=1; sessions_list="1,10,100"
workloads_list="create,get,set,delete,getchildren,ephemeral-seq,mixed,watch"
duration=""; rounds=""; write_doc=1; keep=0; actorzk_env=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick; shift ;;
    --full) mode=full; shift ;;
    --outstanding) outstanding=$2; shift 2 ;;
    --sessions) sessions_list=$2; shift 2 ;;
    --workloads) workloads_list=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --no-doc) write_doc=0; shift ;;
    --keep) keep=1; shift ;;
    --actorzk-env) actorzk_env=$2; shift 2 ;;
    --report-only)
      # The run's description was saved next to its results; only the findings and the doc path are current.
      set -a; . "$2/report.env"; set +a
      export CMP_RESULTS="$2/results.jsonl" CMP_FINDINGS="$HERE/findings.md" CMP_DOC="$REPO/docs/benchmarks.md" CMP_WRITE_DOC=1
      exec "$PYTHON" "$HERE/report.py" ;;
    -h|--help) sed -n '2,28p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$mode" = quick ]; then
  duration=${duration:-1}; rounds=${rounds:-1}; warmup_ops=200; warmup_seconds=1
  warmup_workloads="mixed watch"
else
  duration=${duration:-3}; rounds=${rounds:-3}; warmup_ops=2000; warmup_seconds=2
  warmup_workloads=${workloads_list//,/ }
fi
# Every run is capped by time; the op cap only keeps the delete workload's setup (it creates what it deletes)
# and the create workload's cleanup bounded.
max_ops=2000000
delete_ops=150000
IFS=',' read -r -a SESSIONS <<< "$sessions_list"
IFS=',' read -r -a WORKLOADS <<< "$workloads_list"

for tool in java dotnet ss "$PYTHON"; do
  command -v "$tool" > /dev/null || { echo "missing: $tool" >&2; exit 1; }
done
[ -f /usr/share/java/zookeeper.jar ] || { echo "Apache ZooKeeper is not installed (apt-get install zookeeper)" >&2; exit 1; }

started=$(date +%s)
WORK=$(mktemp -d /tmp/actorzk-compare.XXXXXX)
RESULTS="$WORK/results.jsonl"
: > "$RESULTS"
echo "== compare: mode=$mode duration=${duration}s rounds=$rounds outstanding=$outstanding work=$WORK"

# ---------------------------------------------------------------- build
# The source's state is taken now, at build time: an edit made while the run goes on is not in what it measures.
export CMP_COMMIT="$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$REPO" && git diff --quiet HEAD -- src 2>/dev/null || echo ' + uncommitted changes')"
echo "== building ActorZk.Server and ActorZk.Bench (Release, artifacts in $ART)"
(cd "$REPO" && dotnet build src/ActorZk.Server/ActorZk.Server.csproj -c Release --artifacts-path "$ART" -nologo -v quiet > "$WORK/build.log" 2>&1 \
  && dotnet build src/ActorZk.Bench/ActorZk.Bench.csproj -c Release --artifacts-path "$ART" -nologo -v quiet >> "$WORK/build.log" 2>&1) \
  || { tail -30 "$WORK/build.log" >&2; echo "build failed" >&2; exit 1; }
SERVER_DLL="$ART/bin/ActorZk.Server/release/ActorZk.Server.dll"
BENCH_DLL="$ART/bin/ActorZk.Bench/release/ActorZk.Bench.dll"

# ---------------------------------------------------------------- servers
freeport() { $PYTHON -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
fourlw() { timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && printf '%s' '$2' >&3 && cat <&3" 2>/dev/null || true; }

ZK_PORT=$(freeport)
AZ_PORT=$(freeport)
while [ "$AZ_PORT" = "$ZK_PORT" ]; do AZ_PORT=$(freeport); done
TICK=2000
MAXCNXNS=0   # unlimited: the watch workload opens 200 connections from 127.0.0.1 at 100 sessions
mkdir -p "$WORK/zk/data" "$WORK/actorzk/data"
cat > "$WORK/zk/zoo.cfg" <<CFG
tickTime=$TICK
dataDir=$WORK/zk/data
clientPort=$ZK_PORT
clientPortAddress=127.0.0.1
maxClientCnxns=$MAXCNXNS
admin.enableServer=false
CFG
cat > "$WORK/actorzk/zoo.cfg" <<CFG
tickTime=$TICK
dataDir=$WORK/actorzk/data
clientPort=$AZ_PORT
clientPortAddress=127.0.0.1
maxClientCnxns=$MAXCNXNS
4lw.commands.whitelist=*
admin.enableServer=false
CFG

ZK_PID=""; AZ_PID=""
stop_pid() {   # stop_pid PID NAME: TERM, wait up to 10 s, then KILL; only this PID
  local pid=$1 name=$2
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    echo "$name stopped (pid $pid)"
  fi
}
cleanup() {
  stop_pid "$ZK_PID" "Apache ZooKeeper"
  stop_pid "$AZ_PID" "ActorZk"
  if [ "$keep" = 1 ]; then echo "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# wait_ready PORT PID NAME: until srvr shows a Mode line (both print "Mode: standalone" once serving)
wait_ready() {
  local port=$1 pid=$2 name=$3 deadline=$((SECONDS + 90))
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$pid" 2>/dev/null || { echo "$name exited during startup" >&2; return 1; }
    case "$(fourlw "$port" srvr)" in *"Mode: "*) break ;; esac
    sleep 0.5
  done
  [ $SECONDS -lt $deadline ] || { echo "$name did not start within 90 s" >&2; return 1; }
  # The port must be served by the PID we started, or CPU accounting would measure another process.
  ss -ltnpH "sport = :$port" | grep -q "pid=$pid," || { echo "$name: port $port is not served by pid $pid" >&2; return 1; }
  echo "$name ready: pid $pid, 127.0.0.1:$port"
}

# Started from a subshell (not a process group leader), setsid execs in place: $! is the server's own PID.
(exec setsid java -cp "/usr/share/java/zookeeper.jar:/usr/share/java/*" \
    -Dzookeeper.admin.enableServer=false "-Dzookeeper.4lw.commands.whitelist=*" \
    org.apache.zookeeper.server.quorum.QuorumPeerMain "$WORK/zk/zoo.cfg") > "$WORK/zk/server.log" 2>&1 < /dev/null &
ZK_PID=$!
# shellcheck disable=SC2086  # the extra environment is a list of K=V words
(cd "$WORK/actorzk" && exec env $actorzk_env setsid dotnet "$SERVER_DLL" "$WORK/actorzk/zoo.cfg") > "$WORK/actorzk/server.log" 2>&1 < /dev/null &
AZ_PID=$!
wait_ready "$ZK_PORT" "$ZK_PID" "Apache ZooKeeper" || { tail -20 "$WORK/zk/server.log" >&2; exit 1; }
wait_ready "$AZ_PORT" "$AZ_PID" "ActorZk" || { tail -20 "$WORK/actorzk/server.log" >&2; exit 1; }

# ---------------------------------------------------------------- runs
# run_bench SERVER WORKLOAD SESSIONS DURATION WARMUP ROUND: one ActorZk.Bench run, its JSON line tagged and kept
run_bench() {
  local server=$1 workload=$2 sessions=$3 secs=$4 warm=$5 round=$6 port pid ops line load
  # Other work on the machine skews everything: the 1-minute load average is kept with each run.
  load=$(cut -d' ' -f1 /proc/loadavg)
  if [ "$server" = zookeeper ]; then port=$ZK_PORT; pid=$ZK_PID; else port=$AZ_PORT; pid=$AZ_PID; fi
  ops=$max_ops; [ "$workload" = delete ] && ops=$delete_ops
  set +e
  line=$(timeout $((secs * 4 + 240)) dotnet "$BENCH_DLL" --servers "127.0.0.1:$port" --workload "$workload" \
      --sessions "$sessions" --outstanding "$outstanding" --ops "$ops" --warmup "$warm" --duration "$secs" \
      --payload 100 --children 100 --read-ratio 0.9 --root /actorzk-compare --server-pid "$pid" --json \
      2>> "$WORK/bench.log")
  local rc=$?
  set -e
  if [ -z "$line" ]; then
    echo "   $server $workload x$sessions: no result (exit $rc; see bench.log)" >&2
    return 0
  fi
  if [ "$round" != warmup ]; then
    echo "$line" | $PYTHON -c 'import json,sys; d=json.loads(sys.stdin.read()); d["server"]=sys.argv[1]; d["round"]=int(sys.argv[2]); d["load1"]=float(sys.argv[3]); print(json.dumps(d))' "$server" "$round" "$load" >> "$RESULTS"
  fi
  echo "$line" | $PYTHON -c 'import json,sys; d=json.loads(sys.stdin.read()); print("   %-9s %-13s x%-3d %9.0f ops/s  p99 %7.3f ms  cpu %6.1f us/op  errors %d" % (sys.argv[1], d["workload"], d["sessions"], d["ops_per_sec"], d["p99_ms"], d.get("server_cpu_us_per_op", float("nan")), d["errors"]))' "$server"
}

echo "== warm-up (both JITs; not recorded)"
for server in actorzk zookeeper; do
  for workload in $warmup_workloads; do
    run_bench "$server" "$workload" 10 "$warmup_seconds" "$warmup_ops" warmup
  done
done

for sessions in "${SESSIONS[@]}"; do
  for workload in "${WORKLOADS[@]}"; do
    echo "== $workload, $sessions sessions"
    for round in $(seq 1 "$rounds"); do
      # A B B A A B ...: the order alternates from one round to the next so drift hits both equally.
      if [ $((round % 2)) = 1 ]; then order="actorzk zookeeper"; else order="zookeeper actorzk"; fi
      for server in $order; do
        run_bench "$server" "$workload" "$sessions" "$duration" "$warmup_ops" "$round"
      done
    done
  done
done

# ---------------------------------------------------------------- report
elapsed=$(( $(date +%s) - started ))
export CMP_RESULTS="$RESULTS" CMP_MODE="$mode" CMP_DURATION="$duration" CMP_ROUNDS="$rounds"
export CMP_OUTSTANDING="$outstanding" CMP_ELAPSED="$elapsed" CMP_TICK="$TICK" CMP_MAXCNXNS="$MAXCNXNS"
export CMP_WARMUP_OPS="$warmup_ops" CMP_WARMUP_SECONDS="$warmup_seconds" CMP_WARMUP_WORKLOADS="${warmup_workloads// /, }"
export CMP_NPROC="$(nproc)"
export CMP_CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
export CMP_MEM="$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
export CMP_KERNEL="$(uname -sr)"
export CMP_DOTNET="SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}')"
export CMP_JAVA="$(java -version 2>&1 | head -1)"
export CMP_ZK="Apache ZooKeeper $(dpkg-query -W -f='${Version}' zookeeper 2>/dev/null || basename "$(readlink -f /usr/share/java/zookeeper.jar)" .jar)"
export CMP_AUTOGROUP="$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null || echo unknown)"
export CMP_FS="$(df -T "$WORK" | awk 'NR==2 {print $2}')"
export CMP_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')"
export CMP_FINDINGS="$HERE/findings.md"
export CMP_ACTORZK_ENV="$actorzk_env"
export CMP_DOC="$REPO/docs/benchmarks.md"
export CMP_WRITE_DOC="$write_doc"
env | grep '^CMP_' | sed "s/'/'\\\\''/g; s/=\(.*\)/='\1'/" > "$WORK/report.env"
$PYTHON "$HERE/report.py"
