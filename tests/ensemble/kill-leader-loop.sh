#!/usr/bin/env bash
# The leader of a 3 voters + 1 observer ensemble is SIGKILLed under one writer and restarted GAP seconds later, over
# and over in the same ensemble: does the restarted member serve again every time? This is how the failover
# benchmark restarts its leaders, and where a restarted member was once seen LOOKING for minutes behind an Akka link
# that stayed open and carried nothing (bench/ensemble/findings.md, fifth session): the build before the fix got
# stuck once in its first 20 rounds, then passed 80. Since then a member that looks for a leader for 10 s resets its
# quorum connections (docs/quorum.md), and the loop counts how often that had to happen.
#
#   tests/ensemble/kill-leader-loop.sh [ROUNDS] [--gap SECONDS] [--dir DIR] [--base-port PORT]
#       (default 40 rounds, gap 0.7 s, /tmp/kill-leader-loop, loopback ports 25100-25163; about 6 s per round)
#
# Needs the Release build (ActorZk.Server and ActorZk.Bench; ACTORZK_DLL and BENCH_DLL override the paths). Prints
# one line per round and stops at the first member that does not serve within 40 s, leaving the ensemble running
# for a look (stop it with deploy/local/ensemble.sh stop --dir DIR --base-port PORT). Exit code 1 if one got stuck.
set -uo pipefail
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ES="$REPO/deploy/local/ensemble.sh"
export ACTORZK_DLL=${ACTORZK_DLL:-$REPO/src/ActorZk.Server/bin/Release/net10.0/ActorZk.Server.dll}
BENCH_DLL=${BENCH_DLL:-$REPO/src/ActorZk.Bench/bin/Release/net10.0/ActorZk.Bench.dll}
rounds=40; gap=0.7; dir=/tmp/kill-leader-loop; port=25100
while [ $# -gt 0 ]; do
  case "$1" in
    --gap) gap=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --base-port) port=$2; shift 2 ;;
    [0-9]*) rounds=$1; shift ;;
    *) echo "usage: $0 [ROUNDS] [--gap S] [--dir DIR] [--base-port PORT]" >&2; exit 2 ;;
  esac
done

rm -rf "$dir"
"$ES" start --voters 3 --observers 1 --base-port "$port" --dir "$dir" >/dev/null 2>&1 || { echo "the ensemble did not start"; exit 2; }
hosts="127.0.0.1:$port,127.0.0.1:$((port + 1)),127.0.0.1:$((port + 2)),127.0.0.1:$((port + 3))"
# One writer for the whole loop, bounded in time and count.
timeout $((rounds * 30 + 60)) dotnet "$BENCH_DLL" --servers "$hosts" --workload set --sessions 1 --ops 100000000 \
  --warmup 0 --duration $((rounds * 30)) >/dev/null 2>&1 &
writer=$!
stuck=0
for i in $(seq 1 "$rounds"); do
  sleep 3
  leader=$("$ES" status --dir "$dir" --base-port "$port" 2>/dev/null | awk '$5 == "leader" {print $1}')
  if [ -z "$leader" ]; then
    echo "round $i: no leader"; "$ES" status --dir "$dir" --base-port "$port"; stuck=1; break
  fi
  "$ES" kill "$leader" --dir "$dir" --base-port "$port" >/dev/null
  sleep "$gap"
  if "$ES" start "$leader" --wait 40 --dir "$dir" --base-port "$port" >/dev/null 2>&1; then
    echo "round $i: killed $leader, serving again"
  else
    echo "round $i: killed $leader, STUCK"; "$ES" status --dir "$dir" --base-port "$port"; stuck=1; break
  fi
done
kill "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
resets=$(cat "$dir"/*/stdout.log 2>/dev/null | grep -c "Still looking for a leader")
echo "quorum link resets logged: $resets"
if [ "$stuck" = 0 ]; then
  "$ES" stop --dir "$dir" --base-port "$port" >/dev/null 2>&1
  echo "passed $rounds rounds"
  exit 0
fi
exit 1
