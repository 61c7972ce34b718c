#!/usr/bin/env bash
# Recovery of a big tree: ActorZk against Apache ZooKeeper 3.8, on this machine, in one run (issue 4).
#
#   bench/recovery.sh [--znodes N] [--payload B] [--fanout F] [--rounds R] [--settle S] [--quiesce S]
#                     [--no-restore] [--no-doc] [--keep] [--report-only DIR] [--doc-only]
#
# For each server (Apache ZooKeeper 3.8 from the Debian package `zookeeper`, and ActorZk's Release build), each
# with its own dataDir on a free loopback port, started with `setsid` as bench/compare.sh does, snapCount left
# at its default (100000) so that both recover from a snapshot plus a log tail:
#   1. load:     start empty, create ROOT, N/F parents and N children of B bytes (bench/recovery/load.py, raw
#                frames, pipelined), wait --quiesce s (background snapshots finish), stop with SIGTERM, and
#                keep a copy of the dataDir;
#   2. restarts: R times per server, in alternating order (A Z, Z A, A Z, ...), only one server running at a
#                time: put the dataDir back to that copy (ZooKeeper writes a fresh snapshot on every start, so a
#                second restart of the same dataDir would have no log tail to replay), start, measure wall-clock seconds from the process start until `srvr` answers with a
#                "Mode:" line (both servers answer ruok before their data is loaded), check srvr's
#                "Node count" against the count before the stop, read VmRSS/VmHWM from /proc/PID/status at
#                that moment, after S s idle, and after a forced full GC (jcmd GC.run for the JVM, the
#                induced gen2 GC of dotnet-gcdump for .NET), stop with SIGTERM, measure du of the dataDir.
# Reports medians and the ratios ActorZk/ZooKeeper, and writes them (with the machine and the command) between
# the markers <!-- recovery:begin --> and <!-- recovery:end --> at the end of docs/benchmarks.md unless
# --no-doc. The rendered section is also kept in bench/recovery/results.md. Stops exactly the PIDs it started.
#
#   --znodes N        children to create (default 1000000); the tree also has ROOT and N/F parents
#   --payload B       data bytes per znode (default 32)
#   --fanout F        children per parent (default 1000: 1000 parents x 1000 children)
#   --rounds R        restarts per server (default 3; medians are reported)
#   --settle S        seconds of idle before the second RSS reading (default 5)
#   --quiesce S       seconds between the end of the load and the stop (default 15)
#   --no-restore      restart the dataDir as the previous restart left it instead of the copy taken after the load
#   --no-doc          do not touch docs/benchmarks.md
#   --keep            keep the work dir (dataDirs, server logs, results.jsonl)
#   --report-only DIR re-render the report from a kept work dir
#   --doc-only        re-insert bench/recovery/results.md into docs/benchmarks.md (after compare.sh rewrote it)
#
# Environment: RECOVERY_ARTIFACTS (default /tmp/actorzk-recovery-artifacts) is where ActorZk is built, so that
# this never touches the bin/obj folders of the source tree.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
PYTHON=/usr/bin/python3
ART=${RECOVERY_ARTIFACTS:-/tmp/actorzk-recovery-artifacts}
GCDUMP=${DOTNET_GCDUMP:-$(command -v dotnet-gcdump || echo "$HOME/.dotnet/tools/dotnet-gcdump")}
ARGS="$*"

znodes=1000000; payload=32; fanout=1000; rounds=3; settle=5; quiesce=15; restore=1; write_doc=1; keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --znodes) znodes=$2; shift 2 ;;
    --payload) payload=$2; shift 2 ;;
    --fanout) fanout=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --quiesce) quiesce=$2; shift 2 ;;
    --no-restore) restore=0; shift ;;
    --no-doc) write_doc=0; shift ;;
    --keep) keep=1; shift ;;
    --report-only)
      set -a; . "$2/report.env"; set +a
      export RC_RESULTS="$2/results.jsonl" RC_WRITE_DOC=1
      exec "$PYTHON" "$HERE/recovery/report.py" ;;
    --doc-only) exec "$PYTHON" "$HERE/recovery/report.py" --doc-only "$HERE/recovery/results.md" "$REPO/docs/benchmarks.md" ;;
    -h|--help) sed -n '2,38p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$znodes" "$payload" "$fanout" "$rounds" "$settle" "$quiesce"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "not a whole number: $n" >&2; exit 2; }
done
[ "$znodes" -ge 1 ] && [ "$fanout" -ge 1 ] && [ "$rounds" -ge 1 ] || { echo "--znodes, --fanout and --rounds must be positive" >&2; exit 2; }

for tool in java jcmd dotnet ss du cp "$PYTHON"; do
  command -v "$tool" > /dev/null || { echo "missing: $tool" >&2; exit 1; }
done
[ -f /usr/share/java/zookeeper.jar ] || { echo "Apache ZooKeeper is not installed (apt-get install zookeeper)" >&2; exit 1; }
[ -x "$GCDUMP" ] || { echo "missing dotnet-gcdump (dotnet tool install --global dotnet-gcdump), needed for the forced GC" >&2; exit 1; }

started=$(date +%s)
WORK=$(mktemp -d /tmp/actorzk-recovery.XXXXXX)
RESULTS="$WORK/results.jsonl"
: > "$RESULTS"
echo "== recovery: znodes=$znodes payload=$payload fanout=$fanout rounds=$rounds settle=${settle}s quiesce=${quiesce}s restore=$restore work=$WORK"

# ---------------------------------------------------------------- build
echo "== building ActorZk.Server (Release, artifacts in $ART)"
(cd "$REPO" && dotnet build src/ActorZk.Server/ActorZk.Server.csproj -c Release --artifacts-path "$ART" -nologo -v quiet > "$WORK/build.log" 2>&1) \
  || { tail -30 "$WORK/build.log" >&2; echo "build failed" >&2; exit 1; }
SERVER_DLL="$ART/bin/ActorZk.Server/release/ActorZk.Server.dll"

# ---------------------------------------------------------------- servers
freeport() { $PYTHON -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
ZK_PORT=$(freeport)
AZ_PORT=$(freeport)
while [ "$AZ_PORT" = "$ZK_PORT" ]; do AZ_PORT=$(freeport); done
for s in zookeeper actorzk; do
  mkdir -p "$WORK/$s/data"
  port=$ZK_PORT; [ "$s" = actorzk ] && port=$AZ_PORT
  # snapCount is not set: both use their default of 100000 txns between snapshots.
  cat > "$WORK/$s/zoo.cfg" <<CFG
tickTime=2000
dataDir=$WORK/$s/data
clientPort=$port
clientPortAddress=127.0.0.1
maxClientCnxns=0
4lw.commands.whitelist=*
admin.enableServer=false
CFG
done

PID=""; T0=""; LOG=""
start_server() {   # start_server NAME TAG: sets PID, T0 (epoch seconds just before the exec) and LOG
  local name=$1 tag=$2
  LOG="$WORK/$name/server.$tag.log"
  T0=$EPOCHREALTIME
  if [ "$name" = zookeeper ]; then
    # Started from a subshell (not a process group leader), setsid execs in place: $! is the server's own PID.
    (exec setsid java -cp "/usr/share/java/zookeeper.jar:/usr/share/java/*" \
        -Dzookeeper.admin.enableServer=false "-Dzookeeper.4lw.commands.whitelist=*" \
        org.apache.zookeeper.server.quorum.QuorumPeerMain "$WORK/zookeeper/zoo.cfg") > "$LOG" 2>&1 < /dev/null &
  else
    (cd "$WORK/actorzk" && exec setsid dotnet "$SERVER_DLL" "$WORK/actorzk/zoo.cfg") > "$LOG" 2>&1 < /dev/null &
  fi
  PID=$!
}
STOP_S=""; STOP_KILLED=0
stop_pid() {   # stop_pid PID: SIGTERM, wait up to 120 s, then SIGKILL; only this PID. Sets STOP_S, STOP_KILLED.
  local pid=$1 t0=$EPOCHREALTIME
  STOP_KILLED=0
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 1200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true; STOP_KILLED=1
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  fi
  STOP_S=$($PYTHON -c "import sys; print(round(float(sys.argv[2]) - float(sys.argv[1]), 2))" "$t0" "$EPOCHREALTIME")
}
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then stop_pid "$PID"; echo "stopped pid $PID"; fi
  if [ "$keep" = 1 ]; then echo "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_of() { if [ "$1" = zookeeper ]; then echo "$ZK_PORT"; else echo "$AZ_PORT"; fi; }
kb() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }   # utime+stime (fields 14, 15)
threads() { awk '$1 == "Threads:" {print $2}' "/proc/$1/status"; }
du_kb() { du -sk "$1" | cut -f1; }
du_apparent_kb() { du -sk --apparent-size "$1" | cut -f1; }
wait_ready() {   # wait_ready NAME: prints the probe's JSON line; fails if the server does not come up
  local name=$1 line
  line=$($PYTHON "$HERE/recovery/probe.py" ready --port "$(port_of "$name")" --pid "$PID" --t0 "$T0" --timeout 600) || {
    echo "$name did not become ready: $line" >&2; tail -20 "$LOG" >&2; return 1; }
  # The port must be served by the PID we started, or the RSS would be another process's.
  ss -ltnpH "sport = :$(port_of "$name")" | grep -q "pid=$PID," || { echo "$name: port not served by pid $PID" >&2; return 1; }
  echo "$line"
}
force_gc() {   # force_gc NAME: a full, blocking GC in the server (JVM: System.gc(); .NET: the induced gen2 GC of a gcdump)
  if [ "$1" = zookeeper ]; then
    timeout 120 jcmd "$PID" GC.run > /dev/null 2>&1 || echo "   (jcmd GC.run failed)" >&2
  else
    timeout 180 "$GCDUMP" collect -p "$PID" -o "$WORK/heap.gcdump" > "$WORK/gcdump.log" 2>&1 || echo "   (dotnet-gcdump failed)" >&2
    rm -f "$WORK/heap.gcdump"
  fi
}
record() { echo "$1" >> "$RESULTS"; }
json() {   # json k=v ...: one JSON object; values that parse as JSON stay typed, others become strings
  $PYTHON -c '
import json, sys
d = {}
for kv in sys.argv[1:]:
    k, v = kv.split("=", 1)
    try: d[k] = json.loads(v)
    except ValueError: d[k] = v
print(json.dumps(d))' "$@"
}

# ---------------------------------------------------------------- load
declare -A LOADED_COUNT
for name in zookeeper actorzk; do
  echo "== $name: start empty, load $znodes znodes"
  start_server "$name" load
  ready=$(wait_ready "$name")
  echo "   empty start: $ready"
  set +e
  load=$(timeout 1200 "$PYTHON" "$HERE/recovery/load.py" --port "$(port_of "$name")" --znodes "$znodes" \
         --payload "$payload" --fanout "$fanout" --sessions 8 --window 1000 --time-limit 1100 2> "$WORK/$name/load.err")
  rc=$?
  set -e
  [ "$rc" = 0 ] || { echo "load into $name failed (exit $rc): $load $(cat "$WORK/$name/load.err")" >&2; exit 1; }
  echo "   loaded: $load"
  sleep "$quiesce"   # let a snapshot that the load triggered finish before the stop
  facts=$($PYTHON "$HERE/recovery/probe.py" facts --port "$(port_of "$name")")
  LOADED_COUNT[$name]=$(echo "$facts" | $PYTHON -c 'import json,sys; print(json.load(sys.stdin)["node_count"])')
  zxid=$(echo "$facts" | $PYTHON -c 'import json,sys; print(json.load(sys.stdin)["zxid"])')
  rss=$(kb "$PID" VmRSS); hwm=$(kb "$PID" VmHWM)
  stop_pid "$PID"; PID=""
  # Where the restarts will start from: ZooKeeper's newest valid snapshot and the log after it (ActorZk says so
  # in its log at each restart).
  tail_json='{}'
  if [ "$name" = zookeeper ]; then
    tail_json=$($PYTHON "$HERE/recovery/probe.py" zktail --dir "$WORK/zookeeper/data/version-2" --last-zxid "$zxid")
  fi
  cp -a --sparse=always "$WORK/$name/data" "$WORK/$name/pristine"
  echo "   node count ${LOADED_COUNT[$name]}, zxid $zxid, RSS $((rss / 1024)) MB (peak $((hwm / 1024)) MB), stopped in ${STOP_S} s, dataDir $(( $(du_kb "$WORK/$name/data") / 1024 )) MB $tail_json"
  record "$(json phase=load server="$name" ready="$ready" load="$load" facts="$facts" rss_kb="$rss" hwm_kb="$hwm" \
            stop_s="$STOP_S" stop_killed="$STOP_KILLED" du_kb="$(du_kb "$WORK/$name/data")" \
            du_apparent_kb="$(du_apparent_kb "$WORK/$name/data")" tail="$tail_json" log="$LOG" t0="$T0")"
done

# ---------------------------------------------------------------- restarts
for round in $(seq 1 "$rounds"); do
  if [ $((round % 2)) = 1 ]; then order="actorzk zookeeper"; else order="zookeeper actorzk"; fi
  for name in $order; do
    if [ "$restore" = 1 ]; then
      rm -rf "$WORK/$name/data"
      cp -a --sparse=always "$WORK/$name/pristine" "$WORK/$name/data"
    fi
    load1=$(cut -d' ' -f1 /proc/loadavg)   # other work on the machine skews everything: kept with each restart
    start_server "$name" "r$round"
    ready=$(wait_ready "$name")
    rss_ready=$(kb "$PID" VmRSS); hwm_ready=$(kb "$PID" VmHWM); cpu_ready=$(cpu_s "$PID"); thr=$(threads "$PID")
    sleep "$settle"
    rss_settled=$(kb "$PID" VmRSS)
    force_gc "$name"
    sleep 1
    rss_gc=$(kb "$PID" VmRSS)
    facts=$($PYTHON "$HERE/recovery/probe.py" facts --port "$(port_of "$name")")
    count=$(echo "$ready" | $PYTHON -c 'import json,sys; print(json.load(sys.stdin)["node_count"])')
    stop_pid "$PID"; PID=""
    ok=true; [ "$count" = "${LOADED_COUNT[$name]}" ] || ok=false
    secs=$(echo "$ready" | $PYTHON -c 'import json,sys; print(json.load(sys.stdin)["ready_s"])')
    printf '   round %d %-9s ready in %6.2f s  nodes %s (%s)  RSS ready/settled/gc %d/%d/%d MB  peak %d MB  cpu %.1f s  stop %s s  dataDir %d MB\n' \
      "$round" "$name" "$secs" "$count" "$([ "$ok" = true ] && echo ok || echo "MISMATCH, expected ${LOADED_COUNT[$name]}")" \
      $((rss_ready / 1024)) $((rss_settled / 1024)) $((rss_gc / 1024)) $((hwm_ready / 1024)) "$cpu_ready" "$STOP_S" \
      $(( $(du_kb "$WORK/$name/data") / 1024 ))
    record "$(json phase=restart round="$round" server="$name" ready="$ready" facts="$facts" count_ok="$ok" load1="$load1" \
              expected_count="${LOADED_COUNT[$name]}" rss_ready_kb="$rss_ready" hwm_ready_kb="$hwm_ready" \
              rss_settled_kb="$rss_settled" rss_gc_kb="$rss_gc" cpu_ready_s="$cpu_ready" threads="$thr" \
              stop_s="$STOP_S" stop_killed="$STOP_KILLED" du_kb="$(du_kb "$WORK/$name/data")" \
              du_apparent_kb="$(du_apparent_kb "$WORK/$name/data")" log="$LOG" t0="$T0")"
    [ "$ok" = true ] || { echo "$name recovered ${count} znodes, expected ${LOADED_COUNT[$name]}" >&2; exit 1; }
  done
done
ls -l "$WORK/zookeeper/data/version-2" > "$WORK/zookeeper/files.txt" 2>&1 || true
ls -l "$WORK/actorzk/data" > "$WORK/actorzk/files.txt" 2>&1 || true

# ---------------------------------------------------------------- report
export RC_RESULTS="$RESULTS" RC_ZNODES="$znodes" RC_PAYLOAD="$payload" RC_FANOUT="$fanout" RC_ROUNDS="$rounds"
export RC_SETTLE="$settle" RC_QUIESCE="$quiesce" RC_RESTORE="$restore" RC_ELAPSED="$(( $(date +%s) - started ))" RC_ARGS="$ARGS" RC_WORK="$WORK"
export RC_NPROC="$(nproc)"
export RC_CPU="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
export RC_MEM="$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
export RC_KERNEL="$(uname -sr)"
export RC_DOTNET="SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/NETCore.App/ {v=$2} END {print v}')"
export RC_JAVA="$(java -version 2>&1 | head -1)"
export RC_ZK="$(dpkg-query -W -f='${Version}' zookeeper 2>/dev/null || echo unknown)"
export RC_FS="$(df -T "$WORK" | awk 'NR==2 {print $2}')"
export RC_LOAD1="$(cut -d' ' -f1-3 /proc/loadavg)"
export RC_COMMIT="$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo unknown)$(cd "$REPO" && git diff --quiet HEAD -- src 2>/dev/null && [ -z "$(git ls-files --others --exclude-standard src)" ] || echo ' + uncommitted changes')"
export RC_DATE="$(date -u '+%Y-%m-%d %H:%M UTC')"
export RC_DOC="$REPO/docs/benchmarks.md" RC_SECTION="$HERE/recovery/results.md" RC_FINDINGS="$HERE/recovery/findings.md"
export RC_WRITE_DOC="$write_doc"
env | grep '^RC_' | sed "s/'/'\\\\''/g; s/=\(.*\)/='\1'/" > "$WORK/report.env"
$PYTHON "$HERE/recovery/report.py"
