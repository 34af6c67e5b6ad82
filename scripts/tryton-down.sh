#!/usr/bin/env bash
# Stops the trytond that scripts/tryton-up.sh started, by the PID it recorded.
HOME_DIR=${TRYTON_HOME:-${TMPDIR:-/tmp}/weft-tryton}
PID=$(cat "$HOME_DIR/trytond.pid" 2>/dev/null) || exit 0
rm -f "$HOME_DIR/trytond.pid"
kill "$PID" 2>/dev/null || exit 0
for _ in $(seq 1 50); do kill -0 "$PID" 2>/dev/null || exit 0; sleep 0.1; done
kill -9 "$PID" 2>/dev/null || true
