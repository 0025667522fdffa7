#!/usr/bin/env bash
# `make bench-compare`: the suite side by side with what a user would pick instead, in one run on one
# throw-away database, printing ratios against their targets (scripts/bench_compare.py):
# complaint intake vs OCA helpdesk_mgmt_sla ticket creation, the deadline sweep vs the SLA module's
# expired-ticket search, payout bills and reserve movements vs plain Odoo bills and journal entries,
# claim creation vs a raw SQL insert of the same rows.
#
# The OCA addons are installed from PyPI (pinned below, --no-deps) into var/bench-compare/site, outside
# the repository's tracked files, and added to the addons path of a generated configuration only.
# The database (complaint_management with what it pulls in, and helpdesk_mgmt_sla, without demo data)
# is dropped at the end; everything measured runs in one transaction that is rolled back.
# Extra arguments go to the Python script, e.g. make bench-compare ARGS="--single 100 --sweep-records 20000".
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash "$REPO_DIR/scripts/setup.sh" >/dev/null

HELPDESK_MGMT="odoo-addon-helpdesk_mgmt==18.0.1.19.5"
HELPDESK_MGMT_SLA="odoo-addon-helpdesk_mgmt_sla==18.0.2.1.1"
COMPARE_DIR="$VAR_DIR/bench-compare"
SITE="$COMPARE_DIR/site"
COMPARE_CONF="$COMPARE_DIR/odoo.conf"
COMPARE_DB="${ODOO_DB}_compare_$$"

pins="$HELPDESK_MGMT $HELPDESK_MGMT_SLA"
if [ ! -f "$SITE/odoo/addons/helpdesk_mgmt_sla/__manifest__.py" ] || [ "$(cat "$SITE/.pins" 2>/dev/null)" != "$pins" ]; then
    say "Installing $pins from PyPI into $SITE (outside the repository)"
    rm -rf "$SITE"
    mkdir -p "$SITE"
    # shellcheck disable=SC2086
    "$VENV_DIR/bin/pip" install -q --no-deps --target "$SITE" $pins \
        2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
    echo "$pins" > "$SITE/.pins"
fi
[ -f "$SITE/odoo/addons/helpdesk_mgmt_sla/__manifest__.py" ] || die "helpdesk_mgmt_sla is missing from $SITE"

sed -e "s/^log_level = .*/log_level = warn/" \
    -e "s#^addons_path = \(.*\)#addons_path = \1,$SITE/odoo/addons#" "$ODOO_CONF" > "$COMPARE_CONF"

cleanup() {
    dropdb --if-exists "$COMPARE_DB" 2>/dev/null || true
    rm -rf "$VAR_DIR/filestore/filestore/$COMPARE_DB"
}
trap cleanup EXIT
db_exists "$COMPARE_DB" && die "database '$COMPARE_DB' already exists"
# the Python script refuses sizes over its limits before the (minutes long) installation
"$VENV_DIR/bin/python" "$REPO_DIR/scripts/bench_compare.py" --check-only --db "$COMPARE_DB" --config "$COMPARE_CONF" "$@"

say "Installing complaint_management and helpdesk_mgmt_sla into the throw-away database '$COMPARE_DB'"
started=$SECONDS
SUITE_ADDONS=complaint_management,helpdesk_mgmt_sla create_suite_db "$COMPARE_DB" "$COMPARE_CONF" \
    --without-demo=all --log-level=warn
"$VENV_DIR/bin/python" "$REPO_DIR/scripts/bench_compare.py" --prepare --db "$COMPARE_DB" --config "$COMPARE_CONF"
say "Installed in $((SECONDS - started)) s; comparing (one transaction, rolled back)"
"$VENV_DIR/bin/python" "$REPO_DIR/scripts/bench_compare.py" --db "$COMPARE_DB" --config "$COMPARE_CONF" "$@"
