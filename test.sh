#!/usr/bin/env bash
# The one command that runs every test of ActorZk: installs what the tests need (Debian packages for the
# real ZooKeeper clients and server used by the interop suite, NuGet packages through restore), builds,
# runs the unit and actor tests, then the interop suite against ActorZk and against Apache ZooKeeper 3.8, and the
# differential tester that sends both the same requests.
#   ./test.sh              everything
#   ./test.sh --unit       only the .NET test projects
#   ./test.sh --interop    only the interop suite (both targets) and the differential tester
#   ./test.sh --ensemble   only the ensemble fault tests (both targets)
set -euo pipefail
cd "$(dirname "$0")"

mode=all
case "${1:-}" in
  --unit) mode=unit ;;
  --interop) mode=interop ;;
  --ensemble) mode=ensemble ;;
  "") ;;
  *) echo "usage: $0 [--unit|--interop|--ensemble]" >&2; exit 2 ;;
esac

tests/install-deps.sh

passed=0
failed=0
# Names of the failed tests, repeated after the totals so that the end of a long log says which ones failed.
failed_names=$(mktemp)
summary() {
  echo
  if [ -s "$failed_names" ]; then echo "failed:"; cat "$failed_names"; fi
  rm -f "$failed_names"
  echo "$passed passed, $failed failed"
}
trap summary EXIT

# Runs `dotnet test ARGS...` and adds its "Passed: N" / "Failed: N" lines to the totals.
run_dotnet_tests() {
  local log rc p f
  log=$(mktemp)
  set +e
  dotnet test "$@" -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  # Each test project ends with "Total tests: N" then "Passed: N" and, when some fail, "Failed: N".
  p=$( (grep -E '^ +Passed: +[0-9]+$' "$log" || true) | awk '{s+=$2} END {print s+0}')
  f=$( (grep -E '^ +Failed: +[0-9]+$' "$log" || true) | awk '{s+=$2} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
  (grep -E '^ +Failed [A-Za-z_]' "$log" || true) | sed "s/\$/${ACTORZK_ENSEMBLE_TARGET:+ (target $ACTORZK_ENSEMBLE_TARGET)}/" >> "$failed_names"
  rm -f "$log"
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); fi
}

dotnet build ActorZk.sln -c Release -nologo -v quiet

if [ "$mode" = all ] || [ "$mode" = unit ]; then
  # The ensemble fault tests run on their own below: each starts several server processes and measures failover,
  # which the other test projects running alongside would only disturb.
  run_dotnet_tests ActorZk.sln --filter "FullyQualifiedName!~ActorZk.Ensemble.Tests"
fi

if [ "$mode" = all ] || [ "$mode" = ensemble ]; then
  # The same scenarios against ActorZk ensembles and against Apache ZooKeeper 3.8 ensembles (the reference).
  for target in actorzk apache; do
    ACTORZK_ENSEMBLE_TARGET=$target run_dotnet_tests tests/ActorZk.Ensemble.Tests
  done
fi

if [ "$mode" = all ] || [ "$mode" = interop ]; then
  for target in actorzk apache; do
    if tests/interop/run.sh --target "$target"; then
      passed=$((passed + 1))
    else
      echo "interop suite against $target FAILED" >&2
      echo "  interop suite against $target" >> "$failed_names"
      failed=$((failed + 1))
    fi
  done
  # The differential tester: the same pseudo-random requests against both servers, answers compared.
  if ACTORZK_NO_BUILD=1 tests/interop/diff/run.sh; then
    passed=$((passed + 1))
  else
    echo "differential tester (ActorZk vs Apache ZooKeeper) FAILED" >&2
    echo "  differential tester (tests/interop/diff)" >> "$failed_names"
    failed=$((failed + 1))
  fi
fi

[ "$failed" -eq 0 ]
