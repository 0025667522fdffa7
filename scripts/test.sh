#!/usr/bin/env bash
# `make test`: set everything up, install the suite with demo data into a
# throw-away database, run every test (browser tours included) with
# pytest-odoo, and drop the database again.  Extra arguments go to pytest.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash "$REPO_DIR/scripts/setup.sh"

TEST_DB="${ODOO_TEST_DB:-${ODOO_DB}_test_$$}"
TEST_CONF="$VAR_DIR/odoo-test.conf"
sed -e "s/^http_port = .*/http_port = ${ODOO_TEST_PORT:-8169}/" -e "s/^log_level = .*/log_level = warn/" \
    "$ODOO_CONF" > "$TEST_CONF"

cleanup() {
    dropdb --if-exists "$TEST_DB" 2>/dev/null || true
    rm -rf "$VAR_DIR/filestore/filestore/$TEST_DB"
}
trap cleanup EXIT
db_exists "$TEST_DB" && die "test database '$TEST_DB' already exists; drop it or set ODOO_TEST_DB"

say "Installing the suite with demo data into the throw-away database '$TEST_DB'"
create_suite_db "$TEST_DB" "$TEST_CONF" --load-language=zh_CN --log-level=warn
# zh_CN became the default language; keep English available too.
"$VENV_DIR/bin/odoo" -c "$TEST_CONF" -d "$TEST_DB" --load-language=en_US --stop-after-init --log-level=warn
installed="$(psql -X -q -t -A -d "$TEST_DB" -c "
    SELECT count(*) FROM ir_module_module WHERE state = 'installed'
    AND name = ANY(string_to_array('$ODOO_ADDONS,$DEMO_ADDON', ','))")"
expected="$(echo "$ODOO_ADDONS,$DEMO_ADDON" | tr ',' '\n' | wc -l)"
[ "$installed" = "$expected" ] || die "the suite did not install cleanly (see the log above)"

say "Running the tests"
cd "$REPO_DIR"
set +e
"$VENV_DIR/bin/pytest" --odoo-config "$TEST_CONF" --odoo-database "$TEST_DB" --odoo-http "$@"
status=$?
set -e
exit $status
