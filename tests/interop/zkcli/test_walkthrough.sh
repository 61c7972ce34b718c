#!/usr/bin/env bash
# zkCli.sh walkthrough (the classic "create /test hello_world" article)
# against $ZK_HOSTS.  Each step runs one zkCli command non-interactively
# (zkCli.sh -server H cmd args...), filters the JVM/log noise and checks the
# remaining lines with exact strings or regexes (zxids and times vary).
# A second part feeds the same walkthrough through stdin to one zkCli process.
# Requires an otherwise empty tree: `ls /` must show only what we create.
set -u
ZK_HOSTS=${ZK_HOSTS:?ZK_HOSTS must be set, e.g. 127.0.0.1:2181}
ZKCLI=${ZKCLI:-/usr/share/zookeeper/bin/zkCli.sh}
STEP_TIMEOUT=${STEP_TIMEOUT:-60}

pass=0; fail=0
OUT=""; RC=0

# noise printed by zkCli around every command
filter() {
  grep -v -E '^SLF4J:|^Connecting to |^WATCHER::$|^WatchedEvent state:(SyncConnected|Closed) type:None path:null$|^Welcome to ZooKeeper!$|^JLine support is (disabled|enabled)$|^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:,]+ \[|^$'
}

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

cli() {   # cli ARGS...  -> $OUT (filtered stdout+stderr), $RC (zkCli exit code)
  timeout "$STEP_TIMEOUT" "$ZKCLI" -server "$ZK_HOSTS" "$@" > "$TMP/out" 2>&1 < /dev/null
  RC=$?
  OUT=$(filter < "$TMP/out")
}

ok()  { pass=$((pass+1)); echo "  ok   $*"; }
bad() { fail=$((fail+1)); echo "  FAIL $*"; echo "$OUT" | sed 's/^/       | /'; }

expect_exact() {  # expect_exact DESCRIPTION EXPECTED_OUTPUT
  if [ "$OUT" = "$2" ]; then ok "$1"; else bad "$1 (expected: $(printf %q "$2"))"; fi
}
expect_rc() {     # expect_rc DESCRIPTION CODE
  if [ "$RC" = "$2" ]; then ok "$1 (exit $2)"; else bad "$1: exit code $RC, expected $2"; fi
}
expect_lines() {  # expect_lines DESCRIPTION REGEX... : line i must match regex i, same count
  local desc=$1; shift
  local -a lines=()
  mapfile -t lines <<< "$OUT"
  if [ "${#lines[@]}" -ne "$#" ]; then
    bad "$desc: ${#lines[@]} lines, expected $#"; return
  fi
  local i=0 re
  for re in "$@"; do
    if ! [[ "${lines[$i]}" =~ $re ]]; then
      bad "$desc: line $((i+1)) '${lines[$i]}' !~ /$re/"; return
    fi
    i=$((i+1))
  done
  ok "$desc"
}

HEX='0x[0-9a-f]+'
DATE='[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [A-Z]+ [0-9]{4}'
stat_res() {      # stat_res CVERSION DATAVERSION DATALENGTH NUMCHILDREN
  echo "^cZxid = $HEX\$"
  echo "^ctime = $DATE\$"
  echo "^mZxid = $HEX\$"
  echo "^mtime = $DATE\$"
  echo "^pZxid = $HEX\$"
  echo "^cversion = $1\$"
  echo "^dataVersion = $2\$"
  echo "^aclVersion = 0\$"
  echo "^ephemeralOwner = 0x0\$"
  echo "^dataLength = $3\$"
  echo "^numChildren = $4\$"
}

echo "zkCli walkthrough against $ZK_HOSTS"

cli ls /
expect_exact "ls / on a fresh server" "[zookeeper]"

cli create /test hello_world
expect_exact "create /test hello_world" "Created /test"
expect_rc "create" 0

cli ls /
expect_exact "ls /" "[test, zookeeper]"

cli get -s /test
mapfile -t S < <(stat_res 0 0 11 0)
expect_lines "get -s /test" '^hello_world$' "${S[@]}"
czxid=$(sed -n 's/^cZxid = //p' <<< "$OUT")
mzxid=$(sed -n 's/^mZxid = //p' <<< "$OUT")
pzxid=$(sed -n 's/^pZxid = //p' <<< "$OUT")
if [ -n "$czxid" ] && [ "$czxid" = "$mzxid" ] && [ "$czxid" = "$pzxid" ]; then
  ok "fresh node: cZxid = mZxid = pZxid ($czxid)"
else
  bad "fresh node zxids differ: c=$czxid m=$mzxid p=$pzxid"
fi
ctime=$(sed -n 's/^ctime = //p' <<< "$OUT"); mtime=$(sed -n 's/^mtime = //p' <<< "$OUT")
if [ -n "$ctime" ] && [ "$ctime" = "$mtime" ]; then ok "fresh node: ctime = mtime"; else bad "ctime '$ctime' != mtime '$mtime'"; fi

cli get /test
expect_exact "get /test" "hello_world"

cli set /test "freebsd journal"
expect_exact "set /test \"freebsd journal\" prints nothing" ""
expect_rc "set" 0

cli get /test
expect_exact "get /test after set" "freebsd journal"

cli get -s /test
mapfile -t S < <(stat_res 0 1 15 0)
expect_lines "get -s /test after set" '^freebsd journal$' "${S[@]}"
czxid2=$(sed -n 's/^cZxid = //p' <<< "$OUT")
mzxid2=$(sed -n 's/^mZxid = //p' <<< "$OUT")
if [ "$czxid2" = "$czxid" ] && [ $((mzxid2)) -gt $((czxid2)) ]; then
  ok "after set: cZxid unchanged, mZxid ($mzxid2) > cZxid ($czxid2)"
else
  bad "after set: cZxid $czxid -> $czxid2, mZxid $mzxid2"
fi

cli stat /test
mapfile -t S < <(stat_res 0 1 15 0)
expect_lines "stat /test" "${S[@]}"

cli getAcl /test
expect_exact "getAcl /test" "'world,'anyone
: cdrwa"

cli create /test again
expect_exact "create existing node" "Node already exists: /test"
expect_rc "create existing node" 1

cli create -s /test/item- x
expect_exact "create -s (sequential)" "Created /test/item-0000000000"
cli create -s /test/item- y
expect_exact "create -s again" "Created /test/item-0000000001"
cli ls /test
expect_exact "ls /test" "[item-0000000000, item-0000000001]"
cli delete /test
expect_exact "delete non-empty node" "Node not empty: /test"
expect_rc "delete non-empty node" 1
cli delete /test/item-0000000000
expect_exact "delete child" ""
cli deleteall /test/item-0000000001
expect_exact "deleteall child" ""
cli get -s /test
mapfile -t S < <(stat_res 4 1 15 0)
expect_lines "get -s /test after 2 child creates + 2 deletes (cversion 4)" '^freebsd journal$' "${S[@]}"

cli delete /test
expect_exact "delete /test" ""
expect_rc "delete" 0

cli get /test
expect_exact "get deleted node" "Node does not exist: /test"
expect_rc "get deleted node" 1

cli ls /
expect_exact "ls / after delete" "[zookeeper]"

# ---------------------------------------------------------------------------
# the same walkthrough through stdin of a single zkCli process
# ---------------------------------------------------------------------------
printf '%s\n' \
  'create /test hello_world' \
  'ls /' \
  'get /test' \
  'set /test "freebsd journal"' \
  'get -s /test' \
  'delete /test' \
  'ls /' \
  'quit' > "$TMP/in"
timeout "$STEP_TIMEOUT" "$ZKCLI" -server "$ZK_HOSTS" < "$TMP/in" > "$TMP/out" 2>&1
RC=$?
OUT=$(filter < "$TMP/out")
mapfile -t S < <(stat_res 0 1 15 0)
expect_lines "stdin session" '^Created /test$' '^\[test, zookeeper\]$' '^hello_world$' \
  '^freebsd journal$' "${S[@]}" '^\[zookeeper\]$'
expect_rc "stdin session" 0

echo "zkcli: $pass checks passed, $fail failed"
[ "$fail" -eq 0 ]
