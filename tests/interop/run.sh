#!/usr/bin/env bash
# ActorZk interop test suite: the one entry point.
#
#   tests/interop/run.sh --target apache|actorzk [--port P] [--suites a,b,...] [--keep]
#
#   --target apache   start Apache ZooKeeper 3.8 (Debian packages) via zk-apache.sh
#   --target actorzk  start ActorZk the README's way:
#                     dotnet run --project src/ActorZk.Server -c Release -- DIR/zoo.cfg
#   --port P          client port on 127.0.0.1 (default: a free port)
#   --suites LIST     comma-separated subset of: zkcli,cclient,kazoo,curator,dotnet,node
#   --keep            keep the work dir (server logs, data) even on success
#
# Every suite gets ZK_HOSTS=127.0.0.1:PORT; with the kazoo suite the server also runs its AdminServer on a
# free port, given to the suite as ZK_ADMIN_PORT (test_admin_server.py).  One summary line per suite, then
# a final line "N passed, N failed" (counting suites); exit status is non-zero
# if any suite failed or the server could not be started.
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PYTHON=/usr/bin/python3
ALL_SUITES="zkcli cclient kazoo curator dotnet node"

target=""; port=""; suites="$ALL_SUITES"; keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target=${2:-}; shift 2 ;;
    --target=*) target=${1#*=}; shift ;;
    --port) port=${2:-}; shift 2 ;;
    --port=*) port=${1#*=}; shift ;;
    --suites) suites=$(echo "${2:-}" | tr ',' ' '); shift 2 ;;
    --suites=*) suites=$(echo "${1#*=}" | tr ',' ' '); shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$target" in apache|actorzk) ;; *) echo "usage: $0 --target apache|actorzk [--port P]" >&2; exit 2 ;; esac
for s in $suites; do
  case " $ALL_SUITES " in *" $s "*) ;; *) echo "unknown suite: $s" >&2; exit 2 ;; esac
done

if [ -z "$port" ]; then
  port=$($PYTHON "$HERE/ports.py")
fi

# the AdminServer only where a suite uses it (kazoo's test_admin_server.py); other runs keep it off
admin_port=""
case " $suites " in
  *" kazoo "*)
    while :; do
      admin_port=$($PYTHON "$HERE/ports.py")
      [ "$admin_port" != "$port" ] && break
    done
    export ZK_ADMIN_PORT=$admin_port ;;
esac

WORK=$(mktemp -d /tmp/zk-interop.XXXXXX)
SERVER_DIR="$WORK/server"
mkdir -p "$SERVER_DIR"
export ZK_HOSTS="127.0.0.1:$port"
# the session timeout bounds that zk-apache.sh and zk-actorzk.sh write into zoo.cfg
export ZK_MIN_SESSION_TIMEOUT=2000
export ZK_MAX_SESSION_TIMEOUT=60000
export PYTHONDONTWRITEBYTECODE=1

server_started=0
start_apache() {
  "$HERE/zk-apache.sh" start "$SERVER_DIR" "$port" $admin_port
}
stop_apache() {
  "$HERE/zk-apache.sh" stop "$SERVER_DIR"
}

start_actorzk() {
  "$HERE/zk-actorzk.sh" start "$SERVER_DIR" "$port" $admin_port
}
stop_actorzk() {
  "$HERE/zk-actorzk.sh" stop "$SERVER_DIR"
}

stop_server() {
  if [ "$server_started" = 1 ]; then
    server_started=0
    if [ "$target" = apache ]; then stop_apache; else stop_actorzk; fi
  fi
}
trap 'stop_server' EXIT
trap 'exit 130' INT TERM

echo "== interop: target=$target ZK_HOSTS=$ZK_HOSTS${admin_port:+ ZK_ADMIN_PORT=$admin_port} work=$WORK"
if [ "$target" = apache ]; then start_apache; else start_actorzk; fi
rc=$?
server_started=1
if [ $rc -ne 0 ]; then
  stop_server
  echo "server failed to start; logs kept in $SERVER_DIR"
  echo "0 passed, 1 failed"
  exit 1
fi

# --- suites -------------------------------------------------------------------
suite_zkcli() {
  timeout 300 bash "$HERE/zkcli/test_walkthrough.sh"
}
suite_cclient() {
  (cd "$HERE/cclient" && timeout 180 $PYTHON -m pytest -q -p no:cacheprovider .)
}
suite_kazoo() {
  (cd "$HERE/kazoo" && timeout 900 $PYTHON -m pytest -q -p no:cacheprovider ${PYTEST_ARGS:-} .)
}
suite_curator() {
  local cp classes="$WORK/curator-classes"
  cp=/usr/share/java/curator-recipes.jar:/usr/share/java/curator-framework.jar:/usr/share/java/curator-client.jar
  cp=$cp:/usr/share/java/zookeeper.jar:/usr/share/java/zookeeper-jute.jar:/usr/share/java/guava.jar
  cp=$cp:/usr/share/java/slf4j-api.jar:/usr/share/java/slf4j-nop.jar
  mkdir -p "$classes"
  timeout 300 javac -nowarn -d "$classes" -cp "$cp" "$HERE/curator/CuratorInterop.java" || return 1
  timeout 300 java -cp "$classes:$cp" CuratorInterop
}

suite_dotnet() {
  # ActorZk.Client's end-to-end tests, pointed at the server under test (they skip what needs a local JVM).
  (cd "$HERE/../.." && ZK_TEST_HOSTS="$ZK_HOSTS" timeout 900 dotnet test tests/ActorZk.Client.Tests -c Release \
    --filter "FullyQualifiedName~EndToEnd" -nologo -v quiet)
}

suite_node() {
  # node-zookeeper-client from npm; tests/install-deps.sh runs `npm ci` in tests/interop/node
  if [ ! -f "$HERE/node/node_modules/node-zookeeper-client/package.json" ]; then
    echo "tests/interop/node/node_modules is missing: run tests/install-deps.sh"
    return 1
  fi
  (cd "$HERE/node" && timeout 120 node test_node_client.js)
}

passed=0; failed=0; summary=()
for s in $suites; do
  echo
  echo "== suite $s"
  t0=$SECONDS
  "suite_$s" 2>&1 | tee "$WORK/$s.log"
  src=${PIPESTATUS[0]}
  dt=$((SECONDS - t0))
  if [ "$src" -eq 0 ]; then
    passed=$((passed + 1)); summary+=("SUITE $s: PASS (${dt}s)")
  else
    failed=$((failed + 1)); summary+=("SUITE $s: FAIL (exit $src, ${dt}s, log $WORK/$s.log)")
  fi
done

stop_server
echo
echo "== summary (target=$target)"
for line in "${summary[@]}"; do echo "$line"; done
if [ "$failed" -eq 0 ] && [ "$keep" = 0 ]; then
  rm -rf "$WORK"
else
  echo "work dir kept: $WORK"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
