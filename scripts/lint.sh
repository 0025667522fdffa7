#!/usr/bin/env bash
# `make lint`: ruff and pylint-odoo (OCA's checks) on the addons and tests.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
[ -x "$VENV_DIR/bin/ruff" ] || bash "$REPO_DIR/scripts/setup.sh"
cd "$REPO_DIR"
say "ruff"
"$VENV_DIR/bin/ruff" check cn_working_calendar insurance_base duty_roster claims_management complaint_management insurance_records insurance_spreadsheet_dashboard insurance_demo_cn tests scripts data security conftest.py
"$VENV_DIR/bin/ruff" format --check cn_working_calendar insurance_base duty_roster claims_management complaint_management insurance_records insurance_spreadsheet_dashboard insurance_demo_cn tests scripts data security conftest.py
say "pylint-odoo"
"$VENV_DIR/bin/pylint" --rcfile=.pylintrc cn_working_calendar insurance_base duty_roster claims_management complaint_management insurance_records insurance_spreadsheet_dashboard insurance_demo_cn \
    tests/insurance_suite_tests
say "lint clean"
