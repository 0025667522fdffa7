#!/usr/bin/env bash
# `make demo-data ARGS="--seed 20261204 --size 1"`: three months of a branch's life generated into the
# demo database (ODOO_DB, default "insurance"), in one transaction; a second run adds nothing.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
db_exists "$ODOO_DB" || die "database '$ODOO_DB' does not exist: create it with make run, or choose one: ODOO_DB=... make demo-data"
[ -f "$ODOO_CONF" ] || bash "$REPO_DIR/scripts/setup.sh"
exec "$VENV_DIR/bin/python" "$REPO_DIR/data/generate_demo.py" --db "$ODOO_DB" --config "$ODOO_CONF" "$@"
