# Shared settings and helpers for the setup, run and test scripts.
# Sourced, never executed.  Every knob can be set from the environment.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV_DIR="${VENV_DIR:-$REPO_DIR/.venv}"
VAR_DIR="${VAR_DIR:-$REPO_DIR/var}"
ODOO_CACHE_DIR="${ODOO_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/odoo-src/18.0}"
ODOO_DOWNLOAD_URL="${ODOO_DOWNLOAD_URL:-https://github.com/odoo/odoo/archive/refs/heads/18.0.tar.gz}"
ODOO_DB="${ODOO_DB:-insurance}"
ODOO_PORT="${ODOO_PORT:-8069}"
ODOO_ADDONS="cn_working_calendar,insurance_base,duty_roster,claims_management,complaint_management,insurance_records,insurance_spreadsheet_dashboard"
# the demo company (a Chinese insurer branch); installed before the suite, never shipped as a wheel
DEMO_ADDON="insurance_demo_cn"
# the test-only addon of tests/, installed by `make test` alone (never by `make run`, never a wheel)
ODOO_TEST_ADDONS="$ODOO_ADDONS,insurance_suite_tests"
ODOO_CONF="$VAR_DIR/odoo.conf"
PYTHON="${PYTHON:-python3}"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

# Run a command as root: directly, through passwordless sudo, or not at all.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
    else return 1
    fi
}

as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n -u postgres sh -c "$*"
    else return 1
    fi
}

odoo_bin() { "$VENV_DIR/bin/odoo" -c "$ODOO_CONF" "$@"; }

# psql against the maintenance database as the current OS user.
pg_query() { psql -X -q -t -A -d postgres -c "$1"; }

db_exists() { [ "$(pg_query "SELECT 1 FROM pg_database WHERE datname = '$1'")" = "1" ]; }

# Create a suite database: create_suite_db DB CONFIG [odoo options: --without-demo=all, --load-language=...];
# SUITE_ADDONS=a,b installs those addons instead of the whole suite.
# The demo company is a Chinese insurer branch.  Odoo picks the localisation when `account` is
# marked for install, from the companies' countries, so: base first, the company's country set to
# China (scripts/demo_company_country.py), then insurance_demo_cn (l10n_cn, l10n_cn_city, the company,
# the chart for large enterprises), then the suite, whose demo data books on that chart.
create_suite_db() {
    local db="$1" conf="$2"
    shift 2
    "$VENV_DIR/bin/odoo" -c "$conf" -d "$db" -i base --stop-after-init "$@"
    "$VENV_DIR/bin/odoo" shell -c "$conf" -d "$db" --no-http --log-level=warn \
        < "$REPO_DIR/scripts/demo_company_country.py" >/dev/null
    "$VENV_DIR/bin/odoo" -c "$conf" -d "$db" -i "$DEMO_ADDON" --stop-after-init "$@"
    "$VENV_DIR/bin/odoo" -c "$conf" -d "$db" -i "${SUITE_ADDONS:-$ODOO_ADDONS}" --stop-after-init "$@"
}
