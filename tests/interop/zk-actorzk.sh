#!/usr/bin/env bash
# Start / stop ActorZk the way tests/interop/run.sh does (same zoo.cfg), on
# 127.0.0.1:PORT only, with its data and log under DIR.
#
#   zk-actorzk.sh start DIR PORT [ADMIN_PORT]   # returns once `ruok` answers `imok`; AdminServer on
#                                               # 127.0.0.1:ADMIN_PORT, none without it
#   zk-actorzk.sh stop  DIR        # stops exactly the process group in DIR/pid
#
# The server runs as `dotnet run --project src/ActorZk.Server -c Release --
# DIR/zoo.cfg` from the repo root under setsid; ACTORZK_NO_BUILD=1 adds
# --no-build (for callers that have just built the solution).
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)

. "$HERE/zk-lib.sh"
[ "$cmd" = stop ] && stop_server "ActorZk"

prepare_start
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
if [ -n "$admin_port" ]; then
  printf 'admin.serverAddress=127.0.0.1\nadmin.serverPort=%s\n' "$admin_port" >> "$dir/zoo.cfg"
else
  echo "admin.enableServer=false" >> "$dir/zoo.cfg"
fi
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
