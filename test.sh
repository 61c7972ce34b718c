#!/usr/bin/env bash
# The one command that runs every test of ActorZk: installs what the tests need (Debian packages for the
# real ZooKeeper clients and server used by the interop suite, NuGet packages through restore), builds,
# runs the unit and actor tests, then the interop suite against ActorZk and against Apache ZooKeeper 3.8.
#   ./test.sh              everything
#   ./test.sh --unit       only the .NET test projects
#   ./test.sh --interop    only the interop suite (both targets)
set -euo pipefail
cd "$(dirname "$0")"

mode=all
case "${1:-}" in
  --unit) mode=unit ;;
  --interop) mode=interop ;;
  "") ;;
  *) echo "usage: $0 [--unit|--interop]" >&2; exit 2 ;;
esac

tests/install-deps.sh

passed=0
failed=0
summary() { echo; echo "$passed passed, $failed failed"; }
trap summary EXIT

if [ "$mode" != interop ]; then
  dotnet build ActorZk.sln -c Release -nologo -v quiet
  log=$(mktemp)
  set +e
  dotnet test ActorZk.sln -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  # Each test project ends with "Total tests: N" then "Passed: N" and, when some fail, "Failed: N".
  p=$( (grep -E '^ +Passed: +[0-9]+$' "$log" || true) | awk '{s+=$2} END {print s+0}')
  f=$( (grep -E '^ +Failed: +[0-9]+$' "$log" || true) | awk '{s+=$2} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
  rm -f "$log"
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
fi

if [ "$mode" != unit ]; then
  for target in actorzk apache; do
    if tests/interop/run.sh --target "$target"; then
      passed=$((passed + 1))
    else
      echo "interop suite against $target FAILED" >&2
      failed=$((failed + 1))
    fi
  done
fi

[ "$failed" -eq 0 ]
