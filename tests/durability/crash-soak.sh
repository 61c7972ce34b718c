#!/usr/bin/env bash
# Crash soak: the SIGKILL crash test (tests/ActorZk.Server.Tests/Durability) for many rounds, on SQLite and
# on PostgreSQL, then a summary. Each backend runs with its own random seed (printed; a failure says how to
# replay it) unless ACTORZK_CRASH_SEED is set. Every server log of every round is kept under the log directory.
#
#   tests/durability/crash-soak.sh                 50 rounds on each backend
#   tests/durability/crash-soak.sh --rounds 200    more rounds
#   tests/durability/crash-soak.sh --only sqlite   one backend (sqlite | postgresql)
#
# Environment: ACTORZK_CRASH_SEED (replay), ACTORZK_SOAK_TIMEOUT (seconds per backend, default 2700),
# ACTORZK_SOAK_DIR (artifacts and logs, default /tmp/actorzk-crash-soak).
# Exit status: 0 when every backend that ran passed (a backend skipped for lack of PostgreSQL is not a failure).
set -euo pipefail
cd "$(dirname "$0")/../.."

rounds=50
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--rounds N] [--only sqlite|postgresql]" >&2; exit 2 ;;
  esac
done

work=${ACTORZK_SOAK_DIR:-/tmp/actorzk-crash-soak}
limit=${ACTORZK_SOAK_TIMEOUT:-2700}
stamp=$(date +%Y%m%d-%H%M%S)
logs="$work/logs-$stamp"
mkdir -p "$logs"

echo "Building the tests (artifacts in $work/art) ..."
dotnet build tests/ActorZk.Server.Tests --artifacts-path "$work/art" -nologo -v quiet

declare -a summary=()
failed=0
run_backend() {
  local name="$1" filter="$2"
  local out="$logs/$name.out"
  local start end rc result
  echo
  echo "== $name: $rounds rounds (at most ${limit}s) =="
  start=$(date +%s)
  set +e
  # The test bounds each of its own waits; timeout is only the last resort for a hung run. It signals the
  # dotnet test process it started (its own child), never anything by name.
  ACTORZK_CRASH_ROUNDS="$rounds" ACTORZK_CRASH_LOG_DIR="$logs/$name-servers" \
    timeout --kill-after=60 "$limit" \
    dotnet test tests/ActorZk.Server.Tests --artifacts-path "$work/art" --no-build -nologo \
      --filter "FullyQualifiedName~Durability.$filter" --logger "console;verbosity=detailed" >"$out" 2>&1
  rc=$?
  set -e
  end=$(date +%s)

  # awk alone, so that a missing line is an empty value and not a failed pipeline under set -e.
  local seed done_rounds acked unknown problems
  seed=$(awk 'match($0, /seed [0-9]+/) { print substr($0, RSTART + 5, RLENGTH - 5); exit }' "$out")
  done_rounds=$(awk '/^ *round [0-9]+: / { n++ } END { print n + 0 }' "$out")
  acked=$(awk 'match($0, /[0-9]+ acknowledged/) { s += substr($0, RSTART, RLENGTH) + 0 } END { print s + 0 }' "$out")
  unknown=$(awk 'match($0, /[0-9]+ unanswered at the kill/) { s += substr($0, RSTART, RLENGTH) + 0 } END { print s + 0 }' "$out")
  problems=$(awk 'match($0, /[0-9]+ durability problems/) { print substr($0, RSTART, RLENGTH) + 0; exit }' "$out")
  if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    result="TIMEOUT"; failed=1
  elif grep -qE '^ *Skipped ' "$out" && ! grep -qE '^ *Passed ' "$out"; then
    result="SKIPPED"
    grep -E '^ *Skipped ' -A2 "$out" | head -3 || true
  elif [ "$rc" -eq 0 ]; then
    result="passed"
  else
    result="FAILED"; failed=1
    grep -E 'durability problems|Error Message' -A12 "$out" | head -40 || true
  fi

  summary+=("$(printf '%-11s %-8s rounds %4s/%-4s acked %8s  unanswered %6s  problems %-4s  %5ss  seed %s' \
    "$name" "$result" "$done_rounds" "$rounds" "$acked" "$unknown" "${problems:-0}" "$((end - start))" "${seed:--}")")
  echo "${summary[-1]}"
  echo "   test output: $out"
}

if [ -z "$only" ] || [ "$only" = sqlite ]; then run_backend sqlite "CrashTests"; fi
if [ -z "$only" ] || [ "$only" = postgresql ]; then run_backend postgresql "PostgresCrashTests"; fi

echo
echo "== crash soak summary ($rounds rounds per backend; logs in $logs) =="
for line in "${summary[@]}"; do echo "$line"; done
[ "$failed" -eq 0 ]
