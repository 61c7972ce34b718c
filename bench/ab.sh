#!/usr/bin/env bash
# A/B(/C...) of ActorZk builds or settings against each other and Apache ZooKeeper, in one run.
#
#   bench/ab.sh --variant NAME=DIR[@K=V,K=V] [--variant ...] [--sessions 1,10,100] [--workloads create,get,set]
#               [--duration S] [--rounds N] [--out FILE]
#
# DIR holds a built ActorZk.Server.dll (e.g. a copy of $ARTIFACTS/bin/ActorZk.Server/release); the optional
# K=V list is extra environment for that server only. Starts Apache ZooKeeper and every variant (each with
# setsid, its own loopback port and dataDir), then for every cell runs ActorZk.Bench against each server, the
# order rotating and reversing from round to round so drift hits all servers alike. Prints per cell the median
# ops/s and server CPU per op of each server, and each variant's ratios to ZooKeeper and to the first variant.
# Stops exactly the PIDs it started. Needs ActorZk.Bench built: BENCH_DLL (default from BENCH_ARTIFACTS).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PYTHON=/usr/bin/python3
ART=${BENCH_ARTIFACTS:-/tmp/actorzk-bench-artifacts}
BENCH_DLL=${BENCH_DLL:-$ART/bin/ActorZk.Bench/release/ActorZk.Bench.dll}
sessions_list="1,10,100"; workloads_list="create,get,set"; duration=3; rounds=3; out=""
names=(); dirs=(); envs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --variant)
      spec=$2; name=${spec%%=*}; rest=${spec#*=}; dir=${rest%%@*}; env=""
      [ "$rest" != "$dir" ] && env=${rest#*@}
      names+=("$name"); dirs+=("$dir"); envs+=("${env//,/ }"); shift 2 ;;
    --sessions) sessions_list=$2; shift 2 ;;
    --workloads) workloads_list=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ ${#names[@]} -ge 1 ] || { echo "at least one --variant" >&2; exit 2; }
[ -f "$BENCH_DLL" ] || { echo "ActorZk.Bench not built: $BENCH_DLL" >&2; exit 1; }
IFS=',' read -r -a SESSIONS <<< "$sessions_list"
IFS=',' read -r -a WORKLOADS <<< "$workloads_list"

WORK=$(mktemp -d /tmp/actorzk-ab.XXXXXX)
RESULTS=${out:-$WORK/results.jsonl}
: > "$RESULTS"
freeport() { $PYTHON -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
fourlw() { timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1 && printf '%s' '$2' >&3 && cat <&3" 2>/dev/null || true; }

servers=(zookeeper "${names[@]}")
declare -A PORT PID
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$WORK/zookeeper/data" "$WORK"/*/data
  echo "work dir: $WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for s in "${servers[@]}"; do
  p=$(freeport); PORT[$s]=$p
  mkdir -p "$WORK/$s/data"
  printf 'tickTime=2000\ndataDir=%s\nclientPort=%s\nclientPortAddress=127.0.0.1\nmaxClientCnxns=0\n4lw.commands.whitelist=*\nadmin.enableServer=false\n' \
    "$WORK/$s/data" "$p" > "$WORK/$s/zoo.cfg"
done
(exec setsid java -cp "/usr/share/java/zookeeper.jar:/usr/share/java/*" -Dzookeeper.admin.enableServer=false \
   "-Dzookeeper.4lw.commands.whitelist=*" org.apache.zookeeper.server.quorum.QuorumPeerMain "$WORK/zookeeper/zoo.cfg") \
   > "$WORK/zookeeper/server.log" 2>&1 < /dev/null &
PID[zookeeper]=$!; PIDS+=($!)
for i in "${!names[@]}"; do
  n=${names[$i]}
  # shellcheck disable=SC2086
  (cd "$WORK/$n" && exec env ${envs[$i]} setsid dotnet "${dirs[$i]}/ActorZk.Server.dll" "$WORK/$n/zoo.cfg") \
     > "$WORK/$n/server.log" 2>&1 < /dev/null &
  PID[$n]=$!; PIDS+=($!)
done
for s in "${servers[@]}"; do
  deadline=$((SECONDS + 90))
  until case "$(fourlw "${PORT[$s]}" srvr)" in *"Mode: "*) true ;; *) false ;; esac; do
    kill -0 "${PID[$s]}" 2>/dev/null || { echo "$s exited"; tail "$WORK/$s/server.log"; exit 1; }
    [ $SECONDS -lt $deadline ] || { echo "$s did not start"; exit 1; }
    sleep 0.5
  done
  ss -ltnpH "sport = :${PORT[$s]}" | grep -q "pid=${PID[$s]}," || { echo "$s: port not served by its pid"; exit 1; }
  echo "$s ready: pid ${PID[$s]} port ${PORT[$s]} ${envs[*]:+}"
done

run() {  # run SERVER WORKLOAD SESSIONS SECS WARMUP ROUND
  local s=$1 w=$2 n=$3 secs=$4 warm=$5 round=$6 ops=2000000 line load
  [ "$w" = delete ] && ops=150000
  load=$(cut -d' ' -f1 /proc/loadavg)
  line=$(timeout $((secs * 4 + 240)) dotnet "$BENCH_DLL" --servers "127.0.0.1:${PORT[$s]}" --workload "$w" \
      --sessions "$n" --outstanding 1 --ops "$ops" --warmup "$warm" --duration "$secs" --payload 100 --children 100 \
      --read-ratio 0.9 --root /actorzk-ab --server-pid "${PID[$s]}" --json 2>> "$WORK/bench.log") || true
  [ -n "$line" ] || { echo "   $s $w x$n: no result" >&2; return 0; }
  [ "$round" = warmup ] && return 0
  echo "$line" | $PYTHON -c 'import json,sys; d=json.loads(sys.stdin.read()); d["server"]=sys.argv[1]; d["round"]=int(sys.argv[2]); d["load1"]=float(sys.argv[3]); print(json.dumps(d)); sys.stderr.write("   %-10s %-6s x%-3d %8.0f ops/s cpu %6.1f us/op load %s\n" % (sys.argv[1], d["workload"], d["sessions"], d["ops_per_sec"], d.get("server_cpu_us_per_op", 0), sys.argv[3]))' "$s" "$round" "$load" >> "$RESULTS"
}

echo "== warm-up"
for s in "${servers[@]}"; do
  for w in create get set mixed; do run "$s" "$w" 10 2 2000 warmup; done
done
for n in "${SESSIONS[@]}"; do
  for w in "${WORKLOADS[@]}"; do
    echo "== $w x$n"
    for r in $(seq 1 "$rounds"); do
      k=$(( (r - 1) % ${#servers[@]} )); order=("${servers[@]:$k}" "${servers[@]:0:$k}")
      if [ $((r % 2)) = 0 ]; then
        rev=(); for ((j=${#order[@]}-1; j>=0; j--)); do rev+=("${order[$j]}"); done; order=("${rev[@]}")
      fi
      for s in "${order[@]}"; do run "$s" "$w" "$n" "$duration" 2000 "$r"; done
    done
  done
done

$PYTHON - "$RESULTS" "${names[@]}" <<'PY'
import json, sys, statistics as st
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
names = sys.argv[2:]
cells = []
for r in rows:
    c = (r["workload"], r["sessions"])
    if c not in cells: cells.append(c)
def med(c, s, k):
    v = [r[k] for r in rows if (r["workload"], r["sessions"]) == c and r["server"] == s and k in r]
    return st.median(v) if v else float("nan")
loads = [r["load1"] for r in rows]
print("load1 median %.1f max %.1f" % (st.median(loads), max(loads)))
hdr = "| cell | ZK ops/s | ZK us/op | " + " | ".join("%s ops/s | %s us/op | %s tput/ZK | %s cpu/ZK" % (n, n, n, n) for n in names)
if len(names) > 1: hdr += " | " + " | ".join("%s/%s tput | %s/%s cpu" % (n, names[0], n, names[0]) for n in names[1:])
print(hdr + " |")
for c in cells:
    zt, zc = med(c, "zookeeper", "ops_per_sec"), med(c, "zookeeper", "server_cpu_us_per_op")
    line = "| %s x%d | %.0f | %.1f | " % (c[0], c[1], zt, zc)
    parts = []
    for n in names:
        t, u = med(c, n, "ops_per_sec"), med(c, n, "server_cpu_us_per_op")
        parts.append("%.0f | %.1f | %.2f | %.2f" % (t, u, t / zt, u / zc))
    line += " | ".join(parts)
    if len(names) > 1:
        t0, u0 = med(c, names[0], "ops_per_sec"), med(c, names[0], "server_cpu_us_per_op")
        line += " | " + " | ".join("%.2f | %.2f" % (med(c, n, "ops_per_sec") / t0, med(c, n, "server_cpu_us_per_op") / u0) for n in names[1:])
    print(line + " |")
PY
