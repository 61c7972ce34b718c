#!/usr/bin/env bash
# Long soak of the linearizability check under faults: runs LinearizabilityTests with many rounds (each round: 6
# clients for 18 s on a 3 voters + 1 observer ensemble while the leader is killed and restarted and a follower is
# frozen; the history is checked for linearizability and session consistency), then records the result between the
# `<!-- soak:begin -->` and `<!-- soak:end -->` markers of docs/linearizability.md.
#
#   tests/ensemble/lincheck-soak.sh [--rounds N] [--target actorzk|apache] [--no-doc]
#
# A failing round saves its history under /tmp (lincheck-ensemble-*.json) and stops the soak.
set -euo pipefail
cd "$(dirname "$0")/../.."

rounds=20; target=actorzk; write_doc=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    --no-doc) write_doc=0; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
case "$rounds" in ''|*[!0-9]*) echo "--rounds needs a number" >&2; exit 2 ;; esac

log=$(mktemp)
trap 'rm -f "$log"' EXIT
dotnet build tests/ActorZk.Ensemble.Tests -c Release -nologo -v quiet
set +e
ACTORZK_ENSEMBLE_TARGET=$target ACTORZK_LINCHECK_ROUNDS=$rounds timeout $((600 + rounds * 150)) \
  dotnet test tests/ActorZk.Ensemble.Tests -c Release --no-build \
  --filter "FullyQualifiedName~LinearizabilityTests" --logger "console;verbosity=detailed" > "$log" 2>&1
rc=$?
set -e
grep -E "lincheck (round|total)" "$log" | sed 's/^\[xUnit[^]]*\] *//' | sort -u -t: -k1,1 | sed 's/^ *//' || true
verdict=$([ "$rc" -eq 0 ] && echo "passed" || echo "FAILED (exit $rc)")
echo "soak $verdict"

if [ "$write_doc" -eq 1 ]; then
  total=$(grep -m1 -oE "lincheck total: .*" "$log" || echo "no total line (the run did not finish)")
  failed_round=$(grep -m1 -oE "lincheck round [0-9]+/[0-9]+ seed [0-9-]+: .*(NotLinearizable|Unknown|[1-9][0-9]* session violations).*" "$log" || true)
  section=$(cat <<DOC
<!-- soak:begin -->
Last soak: $(date -u '+%Y-%m-%d %H:%M UTC'), target $target, ActorZk at $(git rev-parse --short HEAD), $rounds rounds requested,
$verdict; load average $(cut -d' ' -f1-3 /proc/loadavg).
\`$total\`${failed_round:+
First failing round: \`$failed_round\`}
<!-- soak:end -->
DOC
)
  python3 - "$section" <<'PY'
import sys, re
path = "docs/linearizability.md"
text = open(path).read()
section = sys.argv[1]
if "<!-- soak:begin -->" in text:
    text = re.sub(r"<!-- soak:begin -->.*?<!-- soak:end -->", lambda m: section, text, flags=re.S)
else:
    text = text.rstrip() + "\n\n## Soak under faults\n\n`tests/ensemble/lincheck-soak.sh --rounds N` runs the ensemble check many times.\n\n" + section + "\n"
open(path, "w").write(text)
PY
  echo "recorded in docs/linearizability.md"
fi
[ "$rc" -eq 0 ]
