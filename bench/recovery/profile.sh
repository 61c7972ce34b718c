#!/usr/bin/env bash
# Where ActorZk's restart time goes, on the data of a kept bench/recovery.sh run (the evidence behind the
# "Where ActorZk's restart time goes" part of docs/benchmarks.md).
#
#   bench/recovery/profile.sh WORKDIR [RUNS]     (WORKDIR: a `bench/recovery.sh --keep` work dir; RUNS default 2)
#
# On a copy of WORKDIR/actorzk/pristine (never the original):
#   1. bench/recovery/Stages: the recovery's stages done directly on the SQLite file, without Akka;
#   2. RUNS server starts under `perf record -g` (DOTNET_PerfMapEnabled=1, DOTNET_EnableWriteXorExecute=0 so
#      that JIT-ed frames have names), each stopped by PID once srvr answers with Mode, then split into stages
#      by bench/recovery/perf_phases.py.
# Needs perf. Loopback only; every wait is bounded; stops only the PIDs it started.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PYTHON=/usr/bin/python3
ART=${RECOVERY_ARTIFACTS:-/tmp/actorzk-recovery-artifacts}
[ $# -ge 1 ] && [ -d "$1/actorzk/pristine" ] || { sed -n '2,14p' "$0"; exit 2; }
SRC=$1/actorzk/pristine; RUNS=${2:-2}
command -v perf > /dev/null || { echo "missing: perf" >&2; exit 1; }

(cd "$REPO" && dotnet build src/ActorZk.Server/ActorZk.Server.csproj -c Release --artifacts-path "$ART" -nologo -v quiet > /dev/null \
  && dotnet build bench/recovery/Stages/Stages.csproj -c Release --artifacts-path "$ART" -nologo -v quiet > /dev/null) \
  || { echo "build failed" >&2; exit 1; }
WORK=$(mktemp -d /tmp/actorzk-recovery-profile.XXXXXX)
PERF_PID=""; SERVER_PID=""
cleanup() {
  for pid in $SERVER_PID $PERF_PID; do kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT
cp -a "$SRC" "$WORK/data"
rm -f "$WORK/data/actorzk.lock"
PORT=$($PYTHON -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
printf 'tickTime=2000\ndataDir=%s\nclientPort=%s\nclientPortAddress=127.0.0.1\n4lw.commands.whitelist=*\nadmin.enableServer=false\n' "$WORK/data" "$PORT" > "$WORK/zoo.cfg"

echo "== stages done directly (bench/recovery/Stages), $RUNS runs"
for _ in $(seq 1 "$RUNS"); do
  timeout 300 dotnet "$ART/bin/Stages/release/Stages.dll" "$WORK/data/actorzk.db"
done

for run in $(seq 1 "$RUNS"); do
  echo "== server start $run under perf record -g"
  T0=$EPOCHREALTIME
  (cd "$WORK" && DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 exec setsid perf record -F 999 -g -o "$WORK/perf.data" \
      -- dotnet "$ART/bin/ActorZk.Server/release/ActorZk.Server.dll" "$WORK/zoo.cfg") > "$WORK/server.log" 2>&1 < /dev/null &
  PERF_PID=$!
  for _ in $(seq 1 100); do SERVER_PID=$(pgrep -P "$PERF_PID" || true); [ -n "$SERVER_PID" ] && break; sleep 0.05; done
  [ -n "$SERVER_PID" ] || { echo "the server did not start" >&2; exit 1; }
  $PYTHON "$HERE/probe.py" ready --port "$PORT" --pid "$SERVER_PID" --t0 "$T0" --timeout 300
  grep -o 'Recovered .*' "$WORK/server.log" || true
  kill -TERM "$SERVER_PID"
  for _ in $(seq 1 300); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  for _ in $(seq 1 300); do kill -0 "$PERF_PID" 2>/dev/null || break; sleep 0.1; done   # perf exits with its child
  kill -0 "$PERF_PID" 2>/dev/null && kill -INT "$PERF_PID" && sleep 2
  perf script -i "$WORK/perf.data" -F time,comm,tid,ip,sym,dso 2> /dev/null | $PYTHON "$HERE/perf_phases.py"
  rm -f "$WORK/perf.data" "$WORK/data/actorzk.lock" "/tmp/perf-$SERVER_PID.map" "/tmp/perfinfo-$SERVER_PID.map"
  SERVER_PID=""; PERF_PID=""
done
