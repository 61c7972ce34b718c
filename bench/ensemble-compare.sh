#!/usr/bin/env bash
# A 3-voter + 1-observer ActorZk ensemble against the same Apache ZooKeeper 3.8 ensemble, on this machine (issue 5).
#
#   bench/ensemble-compare.sh [--quick] [--rounds N] [--sessions 10,100] [--workloads create,set,get,mixed]
#                             [--duration S] [--outstanding N] [--failover-rounds N] [--no-doc] [--keep]
#
# Builds ActorZk.Server and ActorZk.Bench (Release, into an artifacts path, never the source tree's bin/obj),
# starts two ensembles of 3 voters + 1 observer through deploy/local/ensemble.sh (one per implementation, each
# with its own --dir and --base-port; tickTime 2000, forceSync default = fsync on both; every member under
# setsid, which ensemble.sh does), warms both up, then for every sessions count and workload runs ActorZk.Bench
# against the whole host list of an ensemble (sessions spread round robin over the 4 members: reads are served
# by the member, writes forwarded to the leader) in alternating order (A B B A ...), and takes medians. CPU per
# op is the utime+stime of all 4 members (from /proc/PID/stat, around the measured phase) over its ops.
# Then the failover: N rounds per implementation, alternating, each a closed-loop writer (bench/ensemble/
# failover.py, one session on the host list) that SIGKILLs the current leader after 200 acknowledged writes and
# measures the longest gap in acknowledgements across the kill; the killed member is started again
# (ensemble.sh start I) and the ensemble must serve on all 4 members before the next round.
# Writes the section between <!-- ensemble:begin --> and <!-- ensemble:end --> of docs/benchmarks.md unless
# --no-doc (the rendered section is also kept in bench/ensemble/results.md). Stops what it started: both
# ensembles with ensemble.sh stop (their --dir), and the writer by PID.
#
#   --quick             ~2 minutes: 10 sessions, 1 s per run, one run per implementation and cell, 2 failovers each
#   (default: full)     ~8 minutes: 3 s per run, 3 runs per implementation and cell, sessions 10,100, 5 failovers each
#   --rounds N          runs per implementation and cell (overrides the mode's)
#   --sessions LIST     session counts (default 10,100; 1 is allowed)
#   --workloads LIST    subset of create,get,set,delete,getchildren,ephemeral-seq,mixed (default create,set,get,mixed)
#   --duration S        time cap of each measured run (overrides the mode's)
#   --outstanding N     requests in flight per session (default 1)
#   --failover-rounds N leader kills per implementation (overrides the mode's; 0 skips the failover)
#   --no-doc            do not touch docs/benchmarks.md
#   --keep              keep the work dir (ensemble dirs with every member's log, raw JSON lines)
#   --report-only DIR   re-render the section from a kept work dir
#
# Environment: ENSEMBLE_BENCH_ARTIFACTS (default /tmp/actorzk-ensemble-bench-artifacts) is the build output.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
PYTHON=/usr/bin/python3
ART=${ENSEMBLE_BENCH_ARTIFACTS:-/tmp/actorzk-ensemble-bench-artifacts}
ENSEMBLE_SH="$REPO/deploy/local/ensemble.sh"
ARGS="$*"

mode=full; rounds=""; sessions_list="10,100"; workloads_list="create,set,get,mixed"; duration=""; outstanding=1
failover_rounds=""; write_doc=1; keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) mode=quick; shift ;;
    --full) mode=full; shift ;;
    --rounds) rounds=$2; shift 2 ;;
    --sessions) sessions_list=$2; shift 2 ;;
    --workloads) workloads_list=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --outstanding) outstanding=$2; shift 2 ;;
    --failover-rounds) failover_rounds=$2; shift 2 ;;
    --no-doc) write_doc=0; shift ;;
    --keep) keep=1; shift ;;
    --report-only)
      set -a; . "$2/report.env"; set +a
      export EB_RESULTS="$2/results.jsonl" EB_WRITE_DOC=1
      exec "$PYTHON" "$HERE/ensemble/report.py" ;;
    -h|--help) sed -n '2,34p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
if [ "$mode" = quick ]; then
  duration=${duration:-1}; rounds=${rounds:-1}; failover_rounds=${failover_rounds:-2}
  [ "$sessions_list" = "10,100" ] && sessions_list=10
  warmup_ops=200; warmup_seconds=1; warmup_workloads="mixed"
else
  duration=${duration:-3}; rounds=${rounds:-3}; failover_rounds=${failover_rounds:-5}
  warmup_ops=2000; warmup_seconds=2; warmup_workloads=${workloads_list//,/ }
fi
for n in "$duration" "$rounds" "$failover_rounds" "$outstanding"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "not a whole number: $n" >&2; exit 2; }
done
IFS=',' read -r -a SESSIONS <<< "$sessions_list"
IFS=',' read -r -a WORKLOADS <<< "$workloads_list"
max_ops=2000000
VOTERS=3; OBSERVERS=1; MEMBERS=$((VOTERS + OBSERVERS)); TICK=2000

for tool in java dotnet ss nc setsid "$PYTHON"; do
  command -v "$tool" > /dev/null || { echo "missing: $tool" >&2; exit 1; }
done
[ -f /usr/share/java/zookeeper.jar ] || { echo "Apache ZooKeeper is not installed (apt-get install zookeeper)" >&2; exit 1; }

started=$(date +%s)
WORK=$(mktemp -d /tmp/actorzk-ensemble-compare.XXXXXX)
RESULTS="$WORK/results.jsonl"
: > "$RESULTS"
echo "== ensemble-compare: mode=$mode duration=${duration}s rounds=$rounds failover-rounds=$failover_rounds work=$WORK"

# ---------------------------------------------------------------- build
# The source's state is taken now, at build time: an edit made while the run goes on is not in what it measures.
export EB_COMMIT="$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$REPO" && git diff --quiet HEAD -- src 2>/dev/null && [ -z "$(git ls-files --others --exclude-standard src)" ] || echo ' + uncommitted changes')"
echo "== building ActorZk.Server and ActorZk.Bench (Release, artifacts in $ART)"
(cd "$REPO" && dotnet build src/ActorZk.Server/ActorZk.Server.csproj -c Release --artifacts-path "$ART" -nologo -v quiet > "$WORK/build.log" 2>&1 \
  && dotnet build src/ActorZk.Bench/ActorZk.Bench.csproj -c Release --artifacts-path "$ART" -nologo -v quiet >> "$WORK/build.log" 2>&1) \
  || { tail -30 "$WORK/build.log" >&2; echo "build failed" >&2; exit 1; }
export ACTORZK_DLL="$ART/bin/ActorZk.Server/release/ActorZk.Server.dll"   # what ensemble.sh runs
BENCH_DLL="$ART/bin/ActorZk.Bench/release/ActorZk.Bench.dll"

# ---------------------------------------------------------------- ensembles
# A base port B with B..B+89 free on loopback (ensemble.sh uses B+i-1, B+30+i-1, B+60+i-1), not equal to $1.
free_base() {
  $PYTHON - "$1" <<'PY'
import random, socket, sys
avoid = int(sys.argv[1])
for _ in range(200):
    b = random.randrange(20000, 60000, 100)
    if abs(b - avoid) < 100:
        continue
    ok = True
    for p in range(b, b + 90):
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", p))
        except OSError:
            ok = False
        finally:
            s.close()
        if not ok:
            break
    if ok:
        print(b)
        sys.exit(0)
sys.exit(1)
PY
}
AZ_BASE=$(free_base 0)
ZK_BASE=$(free_base "$AZ_BASE")
declare -A BASE=([actorzk]=$AZ_BASE [zookeeper]=$ZK_BASE)
declare -A IMPL=([actorzk]=actorzk [zookeeper]=apache)
declare -A STARTED=()
WRITER_PID=""

ens() {   # ens NAME COMMAND [ARGS...]: ensemble.sh on NAME's ensemble
  local name=$1; shift
  "$ENSEMBLE_SH" "$@" --dir "$WORK/$name" --base-port "${BASE[$name]}"
}
hosts_of() { local i list=""; for i in $(seq 1 $MEMBERS); do list+="${list:+,}127.0.0.1:$((${BASE[$1]} + i - 1))"; done; echo "$list"; }
pids_of() { local i list=""; for i in $(seq 1 $MEMBERS); do list+="${list:+,}$(cat "$WORK/$1/$i/pid")"; done; echo "$list"; }
mode_of() {   # mode_of NAME I: srvr's Mode of member I
  printf 'srvr' | timeout 5 nc -w 3 127.0.0.1 "$((${BASE[$1]} + $2 - 1))" 2>/dev/null | sed -n 's/^Mode: *//p' | head -1
}
leader_of() {   # leader_of NAME: the member that says it leads, waiting up to 60 s
  local i deadline=$((SECONDS + 60))
  while [ $SECONDS -lt $deadline ]; do
    for i in $(seq 1 $VOTERS); do
      [ "$(mode_of "$1" "$i")" = leader ] && { echo "$i"; return 0; }
    done
    sleep 0.2
  done
  return 1
}
cleanup() {
  set +e
  if [ -n "$WRITER_PID" ] && kill -0 "$WRITER_PID" 2>/dev/null; then kill -TERM "$WRITER_PID"; wait "$WRITER_PID" 2>/dev/null; fi
  for name in "${!STARTED[@]}"; do
    if ! ens "$name" stop --wait 30 > "$WORK/$name.stop.log" 2>&1; then
      for i in $(seq 1 $MEMBERS); do ens "$name" kill "$i" >> "$WORK/$name.stop.log" 2>&1; done
    fi
    echo "$name ensemble stopped ($(grep -c 'stopped\|killed' "$WORK/$name.stop.log") members)"
  done
  if [ "$keep" = 1 ]; then echo "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for name in actorzk zookeeper; do
  echo "== starting the $name ensemble: $VOTERS voters + $OBSERVERS observer, base port ${BASE[$name]}"
  STARTED[$name]=1
  ens "$name" start --impl "${IMPL[$name]}" --voters $VOTERS --observers $OBSERVERS --tick-time $TICK \
      --extra maxClientCnxns=0 --wait 180 > "$WORK/$name.start.log" 2>&1 \
    || { cat "$WORK/$name.start.log" >&2; echo "the $name ensemble did not start" >&2; exit 1; }
  ens "$name" status | sed 's/^/   /'
done

# ---------------------------------------------------------------- throughput
# run_bench NAME WORKLOAD SESSIONS DURATION WARMUP ROUND: one ActorZk.Bench run on the whole host list
run_bench() {
  local name=$1 workload=$2 sessions=$3 secs=$4 warm=$5 round=$6 line load rc
  load=$(cut -d' ' -f1 /proc/loadavg)
  set +e
  line=$(timeout $((secs * 4 + 240)) dotnet "$BENCH_DLL" --servers "$(hosts_of "$name")" --workload "$workload" \
      --sessions "$sessions" --outstanding "$outstanding" --ops "$max_ops" --warmup "$warm" --duration "$secs" \
      --payload 100 --read-ratio 0.9 --root /actorzk-ensemble-compare --server-pid "$(pids_of "$name")" --json \
      2>> "$WORK/bench.log")
  rc=$?
  set -e
  if [ -z "$line" ]; then
    echo "   $name $workload x$sessions: no result (exit $rc; see bench.log)" >&2
    return 0
  fi
  if [ "$round" != warmup ]; then
    echo "$line" | $PYTHON -c 'import json,sys; d=json.loads(sys.stdin.read()); d["kind"]="bench"; d["server"]=sys.argv[1]; d["round"]=int(sys.argv[2]); d["load1"]=float(sys.argv[3]); print(json.dumps(d))' "$name" "$round" "$load" >> "$RESULTS"
  fi
  echo "$line" | $PYTHON -c 'import json,sys; d=json.loads(sys.stdin.read()); print("   %-9s %-7s x%-3d %9.0f ops/s  p99 %7.3f ms  cpu %6.1f us/op (4 members)  errors %d" % (sys.argv[1], d["workload"], d["sessions"], d["ops_per_sec"], d["p99_ms"], d.get("server_cpu_us_per_op", float("nan")), d["errors"]))' "$name"
}

echo "== warm-up (JITs, not recorded)"
for name in actorzk zookeeper; do
  for workload in $warmup_workloads; do run_bench "$name" "$workload" 10 "$warmup_seconds" "$warmup_ops" warmup; done
done
for sessions in "${SESSIONS[@]}"; do
  for workload in "${WORKLOADS[@]}"; do
    echo "== $workload, $sessions sessions"
    for round in $(seq 1 "$rounds"); do
      if [ $((round % 2)) = 1 ]; then order="actorzk zookeeper"; else order="zookeeper actorzk"; fi
      for name in $order; do run_bench "$name" "$workload" "$sessions" "$duration" "$warmup_ops" "$round"; done
    done
  done
done

# ---------------------------------------------------------------- failover
# failover NAME ROUND: SIGKILL the leader under a writer, record the gap, start the member again
failover() {
  local name=$1 round=$2 leader pid line rc load i
  leader=$(leader_of "$name") || { echo "   $name: no leader" >&2; return 1; }
  pid=$(cat "$WORK/$name/$leader/pid")
  load=$(cut -d' ' -f1 /proc/loadavg)
  set +e
  "$PYTHON" "$HERE/ensemble/failover.py" --hosts "$(hosts_of "$name")" --leader-pid "$pid" --time-limit 90 \
      > "$WORK/failover.out" 2>> "$WORK/failover.err" &
  WRITER_PID=$!
  wait "$WRITER_PID"; rc=$?
  WRITER_PID=""
  set -e
  line=$(cat "$WORK/failover.out")
  echo "   round $round $name: leader $leader (pid $pid) killed: $line"
  [ -n "$line" ] && echo "$line" | $PYTHON -c 'import json,sys; d=json.loads(sys.stdin.read()); d.update(kind="failover", server=sys.argv[1], round=int(sys.argv[2]), leader=int(sys.argv[3]), load1=float(sys.argv[4]), exit=int(sys.argv[5])); print(json.dumps(d))' \
      "$name" "$round" "$leader" "$load" "$rc" >> "$RESULTS"
  # the killed member comes back with its data; the next round starts only when all 4 members serve again
  ens "$name" start "$leader" --wait 180 >> "$WORK/$name.start.log" 2>&1 || { echo "   $name: member $leader did not come back" >&2; return 1; }
  for i in $(seq 1 60); do ens "$name" status > /dev/null 2>&1 && break; sleep 1; done
  ens "$name" status > /dev/null 2>&1 || { echo "   $name: not every member serves after the restart" >&2; return 1; }
  leader_of "$name" > /dev/null
  sleep 2
}
if [ "$failover_rounds" -gt 0 ]; then
  echo "== failover: SIGKILL of the leader under one writer, $failover_rounds rounds each"
  for round in $(seq 1 "$failover_rounds"); do
    if [ $((round % 2)) = 1 ]; then order="actorzk zookeeper"; else order="zookeeper actorzk"; fi
    for name in $order; do failover "$name" "$round" || true; done
  done
fi

# ---------------------------------------------------------------- report
export EB_RESULTS="$RESULTS" EB_MODE="$mode" EB_DURATION="$duration" EB_ROUNDS="$rounds" EB_ARGS="$ARGS"
export EB_OUTSTANDING="$outstanding" EB_ELAPSED="$(( $(date +%s) - started ))" EB_TICK="$TICK"
export EB_FAILOVER_ROUNDS="$failover_rounds" EB_VOTERS="$VOTERS" EB_OBSERVERS="$OBSERVERS"
export EB_WARMUP_OPS="$warmup_ops" EB_WARMUP_SECONDS="$warmup_seconds" EB_WARMUP_WORKLOADS="${warmup_workloads// /, }"
export EB_NPROC="$(nproc)"
export EB_CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
export EB_MEM="$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
export EB_KERNEL="$(uname -sr)"
export EB_DOTNET="SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}')"
export EB_JAVA="$(java -version 2>&1 | head -1)"
export EB_ZK="$(dpkg-query -W -f='${Version}' zookeeper 2>/dev/null || echo unknown)"
export EB_FS="$(df -T "$WORK" | awk 'NR==2 {print $2}')"
export EB_LOADAVG="$(cut -d' ' -f1-3 /proc/loadavg)"
export EB_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')"
export EB_DOC="$REPO/docs/benchmarks.md" EB_SECTION="$HERE/ensemble/results.md" EB_WRITE_DOC="$write_doc"
env | grep '^EB_' | sed "s/'/'\\\\''/g; s/=\(.*\)/='\1'/" > "$WORK/report.env"
$PYTHON "$HERE/ensemble/report.py"
