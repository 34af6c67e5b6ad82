#!/usr/bin/env bash
# Installs (if needed), seeds with config/demo-catalog.json and starts a real Tryton 6.0 for the
# tryton test suites (npm run test:tryton). Uses the ERP kit at ../shared/erp/tryton (or /work/shared/erp/tryton).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
KIT="$ROOT/../shared/erp/tryton"
[ -x "$KIT/setup.sh" ] || KIT=/work/shared/erp/tryton
[ -x "$KIT/setup.sh" ] || { echo "Tryton kit not found (../shared/erp/tryton or /work/shared/erp/tryton)"; exit 1; }
START=$(date +%s%N)
"$KIT/stop.sh" >/dev/null 2>&1 || true
TRYTON_CATALOG="$ROOT/config/demo-catalog.json" "$KIT/setup.sh"
"$KIT/start.sh"
echo "Tryton up in $(( ($(date +%s%N) - START) / 1000000 )) ms (password: ${TRYTON_HOME:-${TMPDIR:-/tmp}/weft-tryton}/adminpass.txt)"
