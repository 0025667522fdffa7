#!/usr/bin/env bash
# Odoo's own runner on a test database where pytest-odoo has just run: odoo-bin --test-enable on the
# installed suite (no -i/-u, nothing is reinstalled), then the two runs compared test by test
# (scripts/test_runners.py). Called by `make test-odoo`; by hand: scripts/test_odoo.sh DB JUNIT.xml
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
TEST_DB="$1"
JUNIT="$2"
TEST_CONF="${ODOO_TEST_CONF:-$VAR_DIR/odoo-test.conf}"
RUNNER_LOG="$VAR_DIR/test-odoo-runner.log"
cd "$REPO_DIR"
[ -f "$JUNIT" ] || die "no pytest results in $JUNIT: run pytest with --junitxml first"

say "Running the same tests with Odoo's own runner (odoo-bin --test-enable) on '$TEST_DB'"
# at_install tests run as each addon is loaded, post_install tests once all are; each
# test addon's test loggers at INFO give the ids of the tests run, odoo.tests.result the summary.
tags="" handlers=()
for addon in ${ODOO_TEST_ADDONS//,/ }; do
    tags="$tags${tags:+,}/$addon"
    handlers+=("--log-handler=odoo.addons.$addon.tests:INFO")
done
start=$SECONDS
set +e
"$VENV_DIR/bin/odoo" -c "$TEST_CONF" -d "$TEST_DB" --test-enable --test-tags "$tags" --stop-after-init \
    --http-port="${ODOO_RUNNER_PORT:-8170}" --log-level=warn --log-handler=odoo.tests.result:INFO "${handlers[@]}" \
    >"$RUNNER_LOG" 2>&1
set -e
say "Odoo's runner took $((SECONDS - start)) s"
set +e
"$PYTHON" scripts/test_runners.py compare "$JUNIT" "$RUNNER_LOG"
compared=$?
set -e
if [ $compared -ne 0 ]; then
    # what went wrong under Odoo's runner: its error lines with their tracebacks
    sed -n '/^[0-9-]* [0-9:,]* [0-9]* \(ERROR\|CRITICAL\) /,/^[0-9-]* [0-9:,]* [0-9]* \(INFO\|WARNING\) /p' \
        "$RUNNER_LOG" | head -400
fi
[ $compared -eq 0 ]
