#!/bin/sh
# The benchmark's London-wide appraisal must stay valid interchange JSON
# as the format evolves: generate it, validate it, import it and export it.
# Usage: check-gen-london.sh CONSORT_CLI GEN_LONDON_PY
set -eu

cli=$1 gen=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 "$gen" -o "$tmp/london.json"
"$cli" validate "$tmp/london.json"
"$cli" import "$tmp/london.json" "$tmp/london.consort"
"$cli" export "$tmp/london.consort" "$tmp/export.json"
"$cli" summary --json "$tmp/london.consort" > "$tmp/summary.json"
python3 - "$tmp/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
assert len(s["years"]) == 10, s["years"]
assert len(s["options"]) == 20, len(s["options"])
london = [o for o in s["options"] if o["id"] == "london"][0]
assert london["kind"] == "alliance", london["kind"]
assert len(london["boroughs"]) == 33, len(london["boroughs"])
print("ok: 20 options over 10 years; London-wide has 33 boroughs")
PY
