# Sourced by zk-apache.sh and zk-actorzk.sh: what starting and stopping a private server on 127.0.0.1 shares.
# Sets cmd and dir from the arguments (start DIR PORT [ADMIN_PORT] | stop DIR), and port and admin_port (empty: no
# AdminServer) for start.

usage() { echo "usage: $0 start DIR PORT [ADMIN_PORT] | stop DIR" >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd=$1; dir=$2
case "$cmd" in
start) [ $# -eq 3 ] || [ $# -eq 4 ] || usage; port=$3; admin_port=${4:-} ;;
stop) ;;
*) usage ;;
esac

# Send a four-letter word with bash's /dev/tcp; prints the answer (bounded to 5 s).
fourlw() {
  local port=$1 word=$2
  timeout 5 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && printf '%s' '$word' >&3 && cat <&3" 2>/dev/null
}

# start: DIR/data exists, dir is absolute, and no server of this DIR is running.
prepare_start() {
  mkdir -p "$dir/data"
  dir=$(cd "$dir" && pwd)
  if [ -f "$dir/pid" ] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    echo "already running with pid $(cat "$dir/pid")" >&2; exit 1
  fi
}

# stop NAME: SIGTERM to the process group of DIR/pid (the server was started under setsid, so its PID is the
# group's id and the group holds only what it started), SIGKILL after 10 s; exits.
stop_server() {
  local name=$1 pid
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
  echo "$name stopped (pid $pid)"
  exit 0
}
