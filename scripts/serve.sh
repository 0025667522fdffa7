#!/usr/bin/env bash
# `make serve`: start Odoo with the production profile on the demo database (or DB): prefork workers,
# cron threads, memory and time limits, proxy_mode, from a generated config (var/odoo-serve.conf).
#   bash scripts/serve.sh [--workers N] [--port P] [--bind ADDR] [--db NAME] [--print-config]
# --print-config only prints the config (scripts/load.sh uses it for its two servers).
# Sizing: see the README ("Production profile").
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

cores="$(nproc 2>/dev/null || echo 2)"
WORKERS="${SERVE_WORKERS:-$((cores * 2 + 1))}"
PORT="$ODOO_PORT"
BIND="127.0.0.1"
DB="$ODOO_DB"
PRINT=0
while [ $# -gt 0 ]; do
    case "$1" in
        --workers) WORKERS="$2"; shift 2;;
        --port) PORT="$2"; shift 2;;
        --bind) BIND="$2"; shift 2;;
        --db) DB="$2"; shift 2;;
        --print-config) PRINT=1; shift;;
        *) die "unknown option $1";;
    esac
done
[[ "$WORKERS" =~ ^[0-9]+$ ]] && [ "$WORKERS" -ge 1 ] || die "--workers must be a positive number"
[ -f "$ODOO_CONF" ] || bash "$REPO_DIR/scripts/setup.sh" >/dev/null

config() {
    # the generated development config, without the options this profile sets
    grep -v -E '^(http_port|http_interface|gevent_port|workers|max_cron_threads|proxy_mode|limit_[a-z_]+|db_name|dbfilter|list_db|log_level) *=' \
        "$ODOO_CONF"
    cat <<CONF
http_interface = $BIND
http_port = $PORT
gevent_port = $((PORT + 1000))
workers = $WORKERS
max_cron_threads = 1
proxy_mode = True
limit_memory_soft = 2147483648
limit_memory_hard = 2684354560
limit_time_cpu = 600
limit_time_real = 1200
limit_time_real_cron = 1800
limit_request = 65536
db_name = $DB
dbfilter = ^$DB\$
list_db = False
log_level = warn
CONF
}

if [ "$PRINT" = 1 ]; then
    config
    exit 0
fi
db_exists "$DB" || die "database '$DB' does not exist: run 'make run' once (or pass --db)"
config > "$VAR_DIR/odoo-serve.conf"
say "Odoo (production profile: $WORKERS workers, 1 cron thread, proxy_mode) on http://$BIND:$PORT, database $DB"
exec "$VENV_DIR/bin/odoo" -c "$VAR_DIR/odoo-serve.conf"
