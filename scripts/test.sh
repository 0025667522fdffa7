#!/usr/bin/env bash
# `make test`: set everything up, install the suite with demo data and the test-only addon
# insurance_suite_tests (tests/) into a throw-away database, run every test (browser tours
# included) with pytest-odoo, and drop the database again.  Extra arguments go to pytest.
# `make test-odoo` (--odoo-runner, used by CI): then also run Odoo's own runner
# (odoo-bin --test-enable) on the same database and fail unless it ran the same tests, all passed.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ODOO_RUNNER=0
if [ "${1:-}" = "--odoo-runner" ]; then
    ODOO_RUNNER=1
    shift
    [ $# -eq 0 ] || die "make test-odoo runs every test under both runners: it takes no pytest arguments"
fi
bash "$REPO_DIR/scripts/setup.sh"

TEST_DB="${ODOO_TEST_DB:-${ODOO_DB}_test_$$}"
TEST_CONF="$VAR_DIR/odoo-test.conf"
sed -e "s/^http_port = .*/http_port = ${ODOO_TEST_PORT:-8169}/" -e "s/^log_level = .*/log_level = warn/" \
    "$ODOO_CONF" > "$TEST_CONF"

JUNIT="$VAR_DIR/test-pytest.xml"
cleanup() {
    dropdb --if-exists "$TEST_DB" 2>/dev/null || true
    rm -rf "$VAR_DIR/filestore/filestore/$TEST_DB"
}
trap cleanup EXIT
db_exists "$TEST_DB" && die "test database '$TEST_DB' already exists; drop it or set ODOO_TEST_DB"

say "Installing the suite with demo data into the throw-away database '$TEST_DB'"
SUITE_ADDONS="$ODOO_TEST_ADDONS" create_suite_db "$TEST_DB" "$TEST_CONF" --load-language=zh_CN --log-level=warn
# zh_CN became the default language; keep English available too.
"$VENV_DIR/bin/odoo" -c "$TEST_CONF" -d "$TEST_DB" --load-language=en_US --stop-after-init --log-level=warn
installed="$(psql -X -q -t -A -d "$TEST_DB" -c "
    SELECT count(*) FROM ir_module_module WHERE state = 'installed'
    AND name = ANY(string_to_array('$ODOO_TEST_ADDONS,$DEMO_ADDON', ','))")"
expected="$(echo "$ODOO_TEST_ADDONS,$DEMO_ADDON" | tr ',' '\n' | wc -l)"
[ "$installed" = "$expected" ] || die "the suite did not install cleanly (see the log above)"

say "Running the tests with pytest-odoo"
cd "$REPO_DIR"
set +e
start=$SECONDS
"$VENV_DIR/bin/pytest" --odoo-config "$TEST_CONF" --odoo-database "$TEST_DB" --odoo-http --junitxml="$JUNIT" "$@"
status=$?
set -e
[ -f "$JUNIT" ] && "$PYTHON" scripts/test_runners.py pytest "$JUNIT"
say "pytest took $((SECONDS - start)) s"
[ "$ODOO_RUNNER" = 1 ] || exit $status

set +e
bash scripts/test_odoo.sh "$TEST_DB" "$JUNIT"
compared=$?
set -e
[ $status -eq 0 ] && [ $compared -eq 0 ]
