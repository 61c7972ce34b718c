#!/usr/bin/env bash
# The differential tester's bounded run, for CI: starts Apache ZooKeeper 3.8
# (../zk-apache.sh) and ActorZk (../zk-actorzk.sh, the way ../run.sh starts
# it) on free loopback ports, runs a fixed list of seeds against both, stops
# exactly the two servers it started (by PID), and exits non-zero on any
# difference or error.
#
#   tests/interop/diff/run.sh [--seeds LIST] [--steps N] [--keep] [--no-ensemble] [-- zkdiff.py options...]
#
# Defaults: the seeds in SEEDS below, 60 steps each, no shrinking; a difference
# must come back when its seed runs again (--confirm), so that a rare race with
# a server's own clock (container sweeps, expiries) cannot fail CI. A request
# that fails on Apache ZooKeeper alone (a stall past the tester's timeout) is
# forgiven the same way if the seed then runs clean; one that fails on ActorZk
# is always an error, and the message names the side. The work dir
# (server logs and data) is kept when something fails, or with --keep.
# ACTORZK_NO_BUILD=1 starts ActorZk with `dotnet run --no-build` (test.sh sets
# it, having just built the solution).
# Then the same comparison through a follower: a 3-voter ensemble of each kind
# (zkdiff.py --start --ensemble, via deploy/local/ensemble.sh; about 30 s with
# the ensembles' start and stop), unless --no-ensemble.
set -u

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
INTEROP=$(cd "$HERE/.." && pwd)
PYTHON=/usr/bin/python3
# fixed seeds: same requests on every run; together they take well under a minute
SEEDS="1-60"
STEPS=60
ENSEMBLE_SEEDS="1-25"
ENSEMBLE_STEPS=50

keep=0; ensemble=1; extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seeds) SEEDS=${2:-}; shift 2 ;;
    --steps) STEPS=${2:-}; shift 2 ;;
    --keep) keep=1; shift ;;
    --no-ensemble) ensemble=0; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

free_port() {
  $PYTHON "$INTEROP/ports.py"
}

WORK=$(mktemp -d /tmp/zk-diff.XXXXXX)
apache_started=0; actorzk_started=0
stop_servers() {
  if [ "$actorzk_started" = 1 ]; then actorzk_started=0; "$INTEROP/zk-actorzk.sh" stop "$WORK/actorzk"; fi
  if [ "$apache_started" = 1 ]; then apache_started=0; "$INTEROP/zk-apache.sh" stop "$WORK/apache"; fi
}
trap stop_servers EXIT
trap 'exit 130' INT TERM

echo "== zkdiff: seeds $SEEDS, $STEPS steps each, work dir $WORK"
apache_port=$(free_port)
"$INTEROP/zk-apache.sh" start "$WORK/apache" "$apache_port" && apache_started=1
actorzk_port=$(free_port)
[ "$apache_started" = 1 ] && "$INTEROP/zk-actorzk.sh" start "$WORK/actorzk" "$actorzk_port" && actorzk_started=1
if [ "$apache_started" != 1 ] || [ "$actorzk_started" != 1 ]; then
  stop_servers
  echo "zkdiff: a server failed to start; logs kept in $WORK" >&2
  exit 1
fi

t0=$SECONDS
PYTHONDONTWRITEBYTECODE=1 timeout 600 $PYTHON "$HERE/zkdiff.py" \
    --actorzk "127.0.0.1:$actorzk_port" --apache "127.0.0.1:$apache_port" \
    --seeds "$SEEDS" --steps "$STEPS" --time-limit 300 --confirm "${extra[@]}"
rc=$?
echo "zkdiff took $((SECONDS - t0)) s (servers excluded)"

stop_servers
if [ "$rc" -eq 0 ] && [ "$keep" = 0 ]; then
  rm -rf "$WORK"
else
  echo "work dir kept: $WORK"
fi

if [ "$ensemble" = 1 ]; then
  echo "== zkdiff through a follower of 3-voter ensembles: seeds $ENSEMBLE_SEEDS, $ENSEMBLE_STEPS steps each"
  t0=$SECONDS
  # zkdiff.py starts both ensembles and stops exactly those; it keeps their dirs when something differs
  PYTHONDONTWRITEBYTECODE=1 timeout 600 $PYTHON "$HERE/zkdiff.py" --start --ensemble \
      --seeds "$ENSEMBLE_SEEDS" --steps "$ENSEMBLE_STEPS" --time-limit 180 --confirm "${extra[@]}"
  erc=$?
  echo "zkdiff (ensembles) took $((SECONDS - t0)) s (ensembles included)"
  [ "$rc" -eq 0 ] && rc=$erc
fi
exit "$rc"
