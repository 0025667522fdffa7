#!/usr/bin/env bash
# `make run`: set everything up, create or reuse the database with the suite
# and demo data, and start Odoo.  Never drops or overwrites a database.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash "$REPO_DIR/scripts/setup.sh"

addons_hash() {
    (cd "$REPO_DIR" && find duty_roster claims_management complaint_management -type f \
        -not -path '*/__pycache__/*' -not -path '*/tests/*' -print0 | sort -z | xargs -0 sha1sum) | sha1sum | cut -d' ' -f1
}
stamp="$VAR_DIR/$ODOO_DB.addons-stamp"

if db_exists "$ODOO_DB"; then
    if ! psql -X -q -t -A -d "$ODOO_DB" -c "SELECT 1 FROM ir_module_module LIMIT 1" >/dev/null 2>&1; then
        die "database '$ODOO_DB' exists but is not an Odoo database; it is left alone. Choose another name: ODOO_DB=... make run"
    fi
    missing="$(psql -X -q -t -A -d "$ODOO_DB" -c "
        SELECT string_agg(name, ',') FROM unnest(string_to_array('$ODOO_ADDONS', ',')) AS name
        WHERE name NOT IN (SELECT name FROM ir_module_module WHERE state = 'installed')")"
    if [ -n "$missing" ]; then
        say "Installing $missing into the existing database '$ODOO_DB'"
        odoo_bin -d "$ODOO_DB" -i "$missing" --stop-after-init --log-level=warn
        addons_hash > "$stamp"
    elif [ "$(cat "$stamp" 2>/dev/null)" != "$(addons_hash)" ]; then
        say "The addons changed since the last run: updating them in '$ODOO_DB'"
        odoo_bin -d "$ODOO_DB" -u "$ODOO_ADDONS" --stop-after-init --log-level=warn
        addons_hash > "$stamp"
    else
        say "Reusing database '$ODOO_DB'"
    fi
else
    say "Creating database '$ODOO_DB' with the suite and demo data (a few minutes)"
    create_suite_db "$ODOO_DB" "$ODOO_CONF" --load-language=zh_CN --log-level=warn
    # zh_CN became the default language; keep English available too.
    odoo_bin -d "$ODOO_DB" --load-language=en_US --stop-after-init --log-level=warn
    say "Generating three months of demo claims, complaints and duty rosters (data/generate_demo.py)"
    "$VENV_DIR/bin/python" "$REPO_DIR/data/generate_demo.py" --db "$ODOO_DB" --config "$ODOO_CONF" \
        --seed "${DEMO_SEED:-20261204}" --size "${DEMO_SIZE:-1}"
    addons_hash > "$stamp"
fi

cat <<MSG

  Odoo is starting on  http://localhost:$ODOO_PORT
  Database:            $ODOO_DB
  Demo login:          admin / admin   (the demo opens in 中文; English: user menu > Preferences)

MSG
exec "$VENV_DIR/bin/odoo" -c "$ODOO_CONF" -d "$ODOO_DB" --db-filter="^${ODOO_DB}\$" "$@"
