#!/usr/bin/env bash
# Proves the layer rule bites: lints files that import across layers (an app reaching into another app
# by a relative path, a library importing an app) and fails unless ESLint rejects each of them.
set -euo pipefail
cd "$(dirname "$0")/.."
APP_PROBE=apps/process-api/src/layer-probe.ts
LIB_PROBE=libs/events/src/layer-probe.ts
trap 'rm -f "$APP_PROBE" "$LIB_PROBE"' EXIT
printf "import { SystemConfig } from '../../system-api/src/system.config';\nexport const probe = SystemConfig;\n" >"$APP_PROBE"
printf "import { ProcessConfig } from '../../../apps/process-api/src/process.config';\nexport const probe = ProcessConfig;\n" >"$LIB_PROBE"
for f in "$APP_PROBE" "$LIB_PROBE"; do
  if out=$(npx eslint --max-warnings 0 "$f" 2>&1); then echo "layer rule did not reject $f"; exit 1; fi
  echo "$out" | grep -q 'no-restricted-imports' || { echo "$out"; echo "$f failed for another reason"; exit 1; }
  echo "rejected as it should be: $f"
done
