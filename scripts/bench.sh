#!/usr/bin/env bash
# `make bench`: set everything up and run the benchmark scripts, each inside ONE
# transaction that it rolls back: the duty roster (a year's generation, a
# month's regeneration, the on-duty lookup for 300 employees and 12 posts x 3
# tiers), claims (roster import, claim intake, the clock cron), claims money
# (reserves, payout bills, the roll-forward), the red-flag check of a new claim
# against 1,000,000 claims, complaints (intake and the annual report), the
# complaint clock cron and the records archive (filing 10,000 closed claims, the
# "retention ends this year" list over 1,000,000 files).
#
# Database: by default a throw-away one, created like scripts/test.sh does
# (duty_roster only, without demo data) and dropped at the end.
# BENCH_DB=<name> reuses an existing database that has duty_roster installed
# instead (quicker; it is left unchanged since everything is rolled back).
# Extra arguments go to the Python script, e.g. make bench ARGS="--lookups 5000".
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash "$REPO_DIR/scripts/setup.sh"

if [ -n "${BENCH_DB:-}" ]; then
    db_exists "$BENCH_DB" || die "database '$BENCH_DB' does not exist (unset BENCH_DB to use a throw-away one)"
    installed="$(psql -X -q -t -A -d "$BENCH_DB" -c \
        "SELECT 1 FROM ir_module_module WHERE name = 'claims_management' AND state = 'installed'" 2>/dev/null || true)"
    [ "$installed" = "1" ] || die "claims_management is not installed in '$BENCH_DB'"
    BENCH_CONF="$ODOO_CONF"
else
    BENCH_DB="${ODOO_DB}_bench_$$"
    BENCH_CONF="$VAR_DIR/odoo-bench.conf"
    sed -e "s/^log_level = .*/log_level = warn/" "$ODOO_CONF" > "$BENCH_CONF"
    cleanup() {
        dropdb --if-exists "$BENCH_DB" 2>/dev/null || true
        rm -rf "$VAR_DIR/filestore/filestore/$BENCH_DB"
    }
    trap cleanup EXIT
    db_exists "$BENCH_DB" && die "database '$BENCH_DB' already exists; drop it or set BENCH_DB"
    say "Installing the suite (no demo data) into the throw-away database '$BENCH_DB'"
    create_suite_db "$BENCH_DB" "$BENCH_CONF" --without-demo=all --log-level=warn
fi

say "Benchmarking in '$BENCH_DB' (one transaction, rolled back)"
say "Duty roster"
"$VENV_DIR/bin/python" "$REPO_DIR/scripts/bench_duty_roster.py" --db "$BENCH_DB" --config "$BENCH_CONF" "$@"
say "Claims"
"$VENV_DIR/bin/python" "$REPO_DIR/scripts/bench_claims.py" --db "$BENCH_DB" --config "$BENCH_CONF"
say "Complaints"
"$VENV_DIR/bin/python" "$REPO_DIR/scripts/bench_complaints.py" --db "$BENCH_DB" --config "$BENCH_CONF"
say "Complaint clocks"
"$VENV_DIR/bin/python" "$REPO_DIR/scripts/bench_complaint_clocks.py" --db "$BENCH_DB" --config "$BENCH_CONF"
say "Claim red flags"
"$VENV_DIR/bin/python" "$REPO_DIR/scripts/bench_claim_flags.py" --db "$BENCH_DB" --config "$BENCH_CONF"
say "Claims money"
"$VENV_DIR/bin/python" "$REPO_DIR/scripts/bench_claims_money.py" --db "$BENCH_DB" --config "$BENCH_CONF"
if [ "$(psql -X -q -t -A -d "$BENCH_DB" -c \
    "SELECT 1 FROM ir_module_module WHERE name = 'insurance_records' AND state = 'installed'" 2>/dev/null)" = "1" ]; then
    say "Records archive"
    "$VENV_DIR/bin/python" "$REPO_DIR/scripts/bench_records.py" --db "$BENCH_DB" --config "$BENCH_CONF"
else
    say "Records archive: skipped, insurance_records is not installed in '$BENCH_DB'"
fi
