#!/usr/bin/env bash
# A real Tryton 6.0 for the Tryton suites (npm run test:tryton) and for trying Weft against an ERP:
# installs Debian's packages if missing, creates the SQLite database with trytond-admin, starts trytond,
# and seeds it over JSON-RPC (scripts/tryton-seed.mjs) with config/demo-catalog.json.
# Every run starts from an empty database. Stop it with scripts/tryton-down.sh.
#   TRYTON_HOME      working folder (default $TMPDIR/weft-tryton): config, db/, adminpass.txt, seed-output.json, logs
#   TRYTON_PORT      JSON-RPC port (default 8000)
#   TRYTON_DATABASE  database name (default erp)
#   TRYTON_CATALOG   catalogue to seed (default config/demo-catalog.json)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOME_DIR=${TRYTON_HOME:-${TMPDIR:-/tmp}/weft-tryton}
PORT=${TRYTON_PORT:-8000}
DB=${TRYTON_DATABASE:-erp}
CATALOG=${TRYTON_CATALOG:-$ROOT/config/demo-catalog.json}
T0=$(date +%s%N)

# sale pulls in stock, account_invoice, account, product, party, company, currency, country.
PACKAGES="tryton-server tryton-modules-sale"
if ! dpkg-query -W -f='${Status}' tryton-modules-sale 2>/dev/null | grep -q 'ok installed'; then
  # Another process may hold the dpkg lock: apt-get waits for it instead of failing.
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends $PACKAGES >/dev/null
fi

"$ROOT/scripts/tryton-down.sh" >/dev/null
mkdir -p "$HOME_DIR/db"
cat >"$HOME_DIR/trytond.conf" <<CONF
[database]
uri = sqlite://
path = $HOME_DIR/db

[web]
listen = 127.0.0.1:$PORT

[session]
# The suites hold one session for their whole run.
timeout = 7200
CONF
if [ ! -s "$HOME_DIR/adminpass.txt" ]; then
  (umask 077 && node -e "process.stdout.write(require('crypto').randomBytes(18).toString('base64url'))" >"$HOME_DIR/adminpass.txt")
fi
# trytond's SQLite backend opens an existing file only.
rm -f "$HOME_DIR/db/$DB.sqlite" && : >"$HOME_DIR/db/$DB.sqlite"
TRYTONPASSFILE="$HOME_DIR/adminpass.txt" trytond-admin -c "$HOME_DIR/trytond.conf" -d "$DB" -u sale --activate-dependencies \
  --email admin@example.com >"$HOME_DIR/trytond-admin.log" 2>&1 || { tail -20 "$HOME_DIR/trytond-admin.log"; exit 1; }

nohup trytond -c "$HOME_DIR/trytond.conf" >"$HOME_DIR/trytond.log" 2>&1 &
echo $! >"$HOME_DIR/trytond.pid"
for _ in $(seq 1 150); do
  curl -sf -o /dev/null -H 'content-type: application/json' -d '{"id":0,"method":"common.server.version","params":[]}' \
    "http://127.0.0.1:$PORT/" && break
  kill -0 "$(cat "$HOME_DIR/trytond.pid")" 2>/dev/null || { tail -20 "$HOME_DIR/trytond.log"; exit 1; }
  sleep 0.2
done

node "$ROOT/scripts/tryton-seed.mjs" --url "http://127.0.0.1:$PORT" --database "$DB" --password-file "$HOME_DIR/adminpass.txt" \
  --catalog "$CATALOG" --output "$HOME_DIR/seed-output.json"
echo "Tryton up on 127.0.0.1:$PORT in $(( ($(date +%s%N) - T0) / 1000000 )) ms (database $DB, admin password in $HOME_DIR/adminpass.txt)"
