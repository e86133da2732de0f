#!/usr/bin/env bash
# The whole suite, in the order that fails fastest. Prints how long each step took.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
step() {
  local name=$1; shift
  local start=$SECONDS
  echo "::: $name"
  "$@"
  echo "::: $name took $((SECONDS - start))s"
}
rm -f test-results/unit.json test-results/int.json test-results/e2e.json
step typecheck npm run --silent typecheck
step lint npm run --silent lint
step unit npm run --silent test:unit
step integration npm run --silent test:int
step e2e npm run --silent test:e2e
echo "::: all steps passed in ${SECONDS}s"
node scripts/summarize-tests.mjs
