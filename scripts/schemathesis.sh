#!/usr/bin/env bash
# Fuzzes the HTTP API from its own OpenAPI document (/docs/json) with schemathesis, with a
# valid token, for a bounded number of examples per operation. Fails on any 5xx and on any
# answer that does not match the documented status codes and schemas.
#
#   bash scripts/schemathesis.sh                  # PGlite in a temporary folder
#   DATABASE_URL=postgres://… bash scripts/schemathesis.sh   # a fresh database on that server
#
# Settings: SCHEMATHESIS_EXAMPLES (per operation, default 20), SCHEMATHESIS_SEED,
# SCHEMATHESIS_VENV (default .data/schemathesis-venv), SCHEMATHESIS_REPORT_DIR.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"

EXAMPLES="${SCHEMATHESIS_EXAMPLES:-20}"
VENV="$(realpath -m "${SCHEMATHESIS_VENV:-.data/schemathesis-venv}")"
REPORT_DIR="$(realpath -m "${SCHEMATHESIS_REPORT_DIR:-.data/schemathesis-report}")"
WORK="$(mktemp -d)"
pids=()
fuzz_db=""
server_url=""

log() { printf '[schemathesis] %s\n' "$*"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  # Dropped from the server's own database: a connection to the fuzz database cannot drop it.
  if [ -n "$fuzz_db" ]; then DATABASE_URL="$server_url" node "$ROOT/scripts/fuzz-database.mjs" drop "$fuzz_db" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# 1. schemathesis itself, from PyPI, in a project-local virtualenv.
if [ ! -x "$VENV/bin/schemathesis" ]; then
  log "installing schemathesis into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check 'schemathesis>=4.3,<5'
fi

# 2. The stack: a Temporal dev server, the database, the worker and the API in one process.
temporal_bin="$(node -e "try{const p=require('./.tools/paths.json');if(p.temporalCli){console.log(p.temporalCli);process.exit(0)}}catch{}console.log('temporal')")"
temporal_port="$(free_port)"
api_port="$(free_port)"
log "Temporal dev server on 127.0.0.1:${temporal_port}"
"$temporal_bin" server start-dev --ip 127.0.0.1 --port "$temporal_port" --headless \
  --db-filename "$WORK/temporal.sqlite" --log-level error >"$WORK/temporal.log" 2>&1 &
pids+=($!)

if [ -n "${DATABASE_URL:-}" ]; then
  server_url="$DATABASE_URL"
  fuzz_db="obpm_fuzz_$$"
  DATABASE_URL="$(node scripts/fuzz-database.mjs create "$fuzz_db")"
  export DATABASE_URL
  log "database ${fuzz_db} on the DATABASE_URL server"
fi

# Generous limits: the fuzzer sends hundreds of requests with one token.
export NODE_ENV=test TEMPORAL_ADDRESS="127.0.0.1:${temporal_port}" PORT="$api_port" HOST=127.0.0.1 \
  DATA_DIR="$WORK/data" LOG_LEVEL=warn RATE_LIMIT_PER_TOKEN=100000 RATE_LIMIT_PER_IP=100000
node_modules/.bin/tsx src/main.ts all >"$WORK/api.log" 2>&1 &
pids+=($!)

base="http://127.0.0.1:${api_port}"
for i in $(seq 1 120); do
  if curl -fsS "$base/healthz" >/dev/null 2>&1; then break; fi
  if [ "$i" -eq 120 ]; then
    log "the API did not come up; its log:"
    cat "$WORK/api.log"
    exit 1
  fi
  sleep 1
done
log "API on $base"

# A salesperson who also heads production and works in logistics: most routes accept them.
token="$(node_modules/.bin/tsx src/cli/token.ts --sub fuzz.tester --name 'Fuzz Tester' --departments sales,production,logistics --roles staff,head --days 1)"
node scripts/fuzz-seed.mjs "$base" "$token" >"$WORK/schemathesis.toml"

# 3. The run: every operation, valid and invalid inputs; any 5xx or undocumented answer fails.
mkdir -p "$REPORT_DIR"
set +e
# From the temporary folder, so that its example cache stays out of the tree.
cd "$WORK"
"$VENV/bin/schemathesis" --config-file "$WORK/schemathesis.toml" run "$base/docs/json" \
  --url "$base" \
  --header "Authorization: Bearer ${token}" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --phases examples,coverage,fuzzing \
  --max-examples "$EXAMPLES" \
  ${SCHEMATHESIS_SEED:+--seed "$SCHEMATHESIS_SEED"} \
  --workers 2 \
  --request-timeout 30 \
  --suppress-health-check all \
  --report junit --report-dir "$REPORT_DIR" \
  --no-color
status=$?
set -e
cd - >/dev/null
if [ "$status" -ne 0 ]; then
  log "failures above; the API's own log follows"
  tail -n 200 "$WORK/api.log"
fi
exit "$status"
