#!/usr/bin/env bash
# The hand-written alternative to the action, for `npm run bench`: start a NineData schema
# comparison precheck and poll its status with curl, sha256sum and `sleep` until it is Success or
# Failed. Signs every request as NineData's OpenAPI docs describe: a `timestamp` header
# (yyyy-MM-ddTHH:mm:ssZ, UTC) and `signature` = sha256 hex of "<path>/<secret>&<timestamp>".
# Needs bash, curl, sha256sum, date, grep and sed (no jq).
#
# Environment: NINEDATA_API_URL, NINEDATA_ACCESS_KEY_ID, NINEDATA_ACCESS_KEY_SECRET, TASK_ID,
#              POLL_SECONDS (default 5), TIMEOUT_SECONDS (default 900).
# Exit code: 0 Success, 1 Failed, 2 error or timeout.
set -euo pipefail

api="${NINEDATA_API_URL:?set NINEDATA_API_URL}"
key_id="${NINEDATA_ACCESS_KEY_ID:?set NINEDATA_ACCESS_KEY_ID}"
secret="${NINEDATA_ACCESS_KEY_SECRET:?set NINEDATA_ACCESS_KEY_SECRET}"
task_id="${TASK_ID:?set TASK_ID}"
poll="${POLL_SECONDS:-5}"
timeout="${TIMEOUT_SECONDS:-900}"

# call METHOD PATH [QUERY] [JSON_BODY]: one signed request; prints the answer's body.
call() {
  local method="$1" path="$2" query="${3:-}" body="${4:-}"
  local timestamp signature url
  timestamp="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  signature="$(printf '%s/%s&%s' "$path" "$secret" "$timestamp" | sha256sum | cut -d' ' -f1)"
  url="${api%/}${path}${query:+?$query}"
  if [ -n "$body" ]; then
    curl -sS --max-time 30 -X "$method" "$url" \
      -H "access-key-id: $key_id" -H "timestamp: $timestamp" -H "signature: $signature" \
      -H 'Content-Type: application/json' --data "$body"
  else
    curl -sS --max-time 30 -X "$method" "$url" \
      -H "access-key-id: $key_id" -H "timestamp: $timestamp" -H "signature: $signature"
  fi
}

answer="$(call POST /openapi/v1/compareschema/precheck/start '' "{\"taskId\":\"$task_id\"}")"
precheck_id="$(printf '%s' "$answer" | sed -n 's/.*"precheckTaskId" *: *"\([^"]*\)".*/\1/p')"
if [ -z "$precheck_id" ]; then
  echo "The precheck did not start: $answer" >&2
  exit 2
fi
echo "Started precheck $precheck_id"

deadline=$((SECONDS + timeout))
while :; do
  answer="$(call GET /openapi/v1/compareschema/precheck/status "taskId=$task_id&precheckTaskId=$precheck_id" || true)"
  # The overall status: drop the items (they have statuses of their own), then take "status".
  status="$(printf '%s' "$answer" | sed 's/"precheckItems" *: *\[.*\]//' |
    grep -o '"status" *: *"[A-Za-z]*"' | head -n 1 | sed 's/.*"\([A-Za-z]*\)"$/\1/' || true)"
  case "$status" in
    Success)
      echo "Precheck $precheck_id: Success"
      exit 0
      ;;
    Failed)
      echo "Precheck $precheck_id: Failed"
      printf '%s\n' "$answer" | grep -o '"errorMessage" *: *"[^"]*"' || true
      exit 1
      ;;
  esac
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "Precheck $precheck_id did not finish within ${timeout}s (last status: ${status:-none})" >&2
    exit 2
  fi
  sleep "$poll"
done
