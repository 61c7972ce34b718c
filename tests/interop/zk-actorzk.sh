#!/usr/bin/env bash
# Start / stop ActorZk the way tests/interop/run.sh does (same zoo.cfg), on
# 127.0.0.1:PORT only, with its data and log under DIR.
#
#   zk-actorzk.sh start DIR PORT   # returns once `ruok` answers `imok`
#   zk-actorzk.sh stop  DIR        # stops exactly the process group in DIR/pid
#
# The server runs as `dotnet run --project src/ActorZk.Server -c Release --
# DIR/zoo.cfg` from the repo root under setsid; ACTORZK_NO_BUILD=1 adds
# --no-build (for callers that have just built the solution).
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

usage() { echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd=$1; dir=$2

fourlw() {
  local port=$1 word=$2
  timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && printf '%s' '$word' >&3 && cat <&3" 2>/dev/null
}

case "$cmd" in
start)
  [ $# -eq 3 ] || usage
  port=$3
  mkdir -p "$dir/data"
  dir=$(cd "$dir" && pwd)
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    echo "already running with pid $(cat "$dir/pid")" >&2; exit 1
  fi
  cat > "$dir/zoo.cfg" <<CFG
tickTime=1000
dataDir=$dir/data
clientPort=$port
clientPortAddress=127.0.0.1
minSessionTimeout=2000
maxSessionTimeout=60000
4lw.commands.whitelist=*
extendedTypesEnabled=true
znode.container.checkIntervalMs=1000
CFG
  build_flag=""
  [ "${ACTORZK_NO_BUILD:-0}" = 1 ] && build_flag="--no-build"
  # setsid: the PID is also the process group id, so stop takes dotnet run's child along
  (cd "$REPO" && exec setsid dotnet run --project src/ActorZk.Server -c Release $build_flag -- "$dir/zoo.cfg") \
      > "$dir/server.log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$dir/pid"
  # the first build is slow: wait up to 120 s for ruok -> imok
  deadline=$((SECONDS + 120))
  while [ $SECONDS -lt $deadline ]; do
    if [ "$(fourlw "$port" ruok)" = "imok" ]; then
      for _ in $(seq 1 60); do
        case "$(fourlw "$port" srvr)" in
          *"not currently serving"*|"") sleep 0.5 ;;
          *) break ;;
        esac
      done
      echo "ActorZk started: pid $pid, 127.0.0.1:$port, dir $dir"
      exit 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "ActorZk exited during startup; last lines of $dir/server.log:" >&2
      tail -30 "$dir/server.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "ActorZk did not answer ruok within 120 s" >&2
  tail -30 "$dir/server.log" >&2
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
  exit 1
  ;;
stop)
  [ -f "$dir/pid" ] || { echo "no pid file in $dir" >&2; exit 0; }
  pid=$(cat "$dir/pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    fi
  fi
  rm -f "$dir/pid"
  echo "ActorZk stopped (pid $pid)"
  ;;
*) usage ;;
esac
