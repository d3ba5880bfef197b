#!/usr/bin/env bash
# Create benchmarks/.venv-peers: a Python 3.11 virtualenv holding the Data to Insight validators
# (csc-validator-be-903, csc-validator-be-cin) that Clearsight is benchmarked against. Their pins
# (pandas<2, numpy<1.25) clash with Clearsight's own environment, so they live apart and are
# driven as subprocesses (run_903.py, run_cin.py). Idempotent: an existing venv whose imports
# and versions check out is left alone. Set PEERS_PYTHON to use another interpreter.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$(cd "$here/.." && pwd)/.venv-peers"
requirements="$here/requirements.txt"
python="${PEERS_PYTHON:-python3.11}"

check_venv() {
    "$venv/bin/python" - <<'PY' 2>/dev/null
import importlib.metadata as md
import sys

assert sys.version_info[:2] == (3, 11), sys.version
assert md.version("csc-validator-be-903") == "0.1.17"
assert md.version("csc-validator-be-cin") == "0.1.13"
import cin_validator.cin_validator  # noqa: F401
import lac_validator.lac_validator  # noqa: F401
from cin_validator.rules.ruleset_utils import get_year_ruleset as cin_ruleset  # noqa: F401
from lac_validator.rules.ruleset_utils import get_year_ruleset as lac_ruleset  # noqa: F401
PY
}

if [ -x "$venv/bin/python" ] && check_venv; then
    echo "peers: $venv is ready"
    exit 0
fi

if ! command -v "$python" >/dev/null 2>&1; then
    echo "peers: $python not found; install Python 3.11 or set PEERS_PYTHON" >&2
    exit 1
fi

echo "peers: creating $venv with $("$python" --version 2>&1)"
"$python" -m venv --clear "$venv"
# pip warns about missing local index folders on some machines; show the rest of what it says.
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" 2>"$log" \
    || status=$?
grep -v "is ignored: it is neither a file nor a directory" "$log" >&2 || true
if [ "$status" -ne 0 ]; then
    echo "peers: pip install failed (exit $status)" >&2
    exit "$status"
fi

if ! check_venv; then
    echo "peers: $venv was built but the validators do not import; see the pip output above" >&2
    exit 1
fi
echo "peers: $venv is ready"
