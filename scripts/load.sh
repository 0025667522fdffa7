#!/usr/bin/env bash
# `make load`: two Odoo servers (prefork workers, proxy_mode, a cron thread each) on one throw-away
# database on this machine, and locust (headless) sending a media storm of public complaint posts
# while portal users browse their claims and complaints and the deadline sweep runs on both servers.
# Prints requests, status counts, p50/p95/max per route, complaints created vs accepted posts,
# duplicate alerts and activities, and the portal p95 against Odoo's own /my/home.
#
# Knobs (bounded): LOAD_POSTS (1000, at most 5000), LOAD_COMPLAINANTS (20), LOAD_PORTAL_USERS (20),
# LOAD_SECONDS (120, at most 600), LOAD_WORKERS per server (2), LOAD_PORTS ("8301 8302"),
# LOAD_BIND (127.0.0.1: anything but this machine's loopback is refused), LOAD_TEMPLATE (a database
# with the suite and demo data to copy instead of installing one).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash "$REPO_DIR/scripts/setup.sh" >/dev/null

LOAD_POSTS="${LOAD_POSTS:-1000}"
LOAD_COMPLAINANTS="${LOAD_COMPLAINANTS:-20}"
LOAD_PORTAL_USERS="${LOAD_PORTAL_USERS:-20}"
LOAD_SECONDS="${LOAD_SECONDS:-120}"
LOAD_WORKERS="${LOAD_WORKERS:-2}"
LOAD_PORTS="${LOAD_PORTS:-8301 8302}"
LOAD_BIND="${LOAD_BIND:-127.0.0.1}"

case "$LOAD_BIND" in
    127.*|::1|localhost) ;;
    *) die "make load targets only this machine's loopback (LOAD_BIND=$LOAD_BIND refused)";;
esac
within() { [[ "$2" =~ ^[0-9]+$ ]] && [ "$2" -ge "$3" ] && [ "$2" -le "$4" ] || die "$1=$2 must be between $3 and $4"; }
within LOAD_POSTS "$LOAD_POSTS" 1 5000
within LOAD_COMPLAINANTS "$LOAD_COMPLAINANTS" 1 100
within LOAD_PORTAL_USERS "$LOAD_PORTAL_USERS" 1 100
within LOAD_SECONDS "$LOAD_SECONDS" 10 600
within LOAD_WORKERS "$LOAD_WORKERS" 1 8

LOAD_DIR="$VAR_DIR/load"
LOAD_VENV="$VAR_DIR/load-venv"
LOAD_DB="${ODOO_DB}_load_$$"
PASSWORD="load-$$-$RANDOM"
mkdir -p "$LOAD_DIR"
rm -f "$LOAD_DIR"/*.csv "$LOAD_DIR"/result.json "$LOAD_DIR"/server-*.log

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    dropdb --if-exists "$LOAD_DB" 2>/dev/null || true
    rm -rf "$VAR_DIR/filestore/filestore/$LOAD_DB"
}
trap cleanup EXIT

# locust lives in its own virtualenv: its gevent is newer than the one Odoo 18 pins
if [ ! -x "$LOAD_VENV/bin/locust" ] || ! cmp -s "$REPO_DIR/requirements-load.txt" "$LOAD_VENV/requirements-load.txt"; then
    say "Installing locust into $LOAD_VENV"
    "$PYTHON" -m venv "$LOAD_VENV"
    "$LOAD_VENV/bin/pip" install -q -r "$REPO_DIR/requirements-load.txt" \
        2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
    cp "$REPO_DIR/requirements-load.txt" "$LOAD_VENV/requirements-load.txt"
fi

if [ -n "${LOAD_TEMPLATE:-}" ]; then
    say "Copying '$LOAD_TEMPLATE' into the throw-away database '$LOAD_DB'"
    createdb -T "$LOAD_TEMPLATE" "$LOAD_DB"
    cp -r "$VAR_DIR/filestore/filestore/$LOAD_TEMPLATE" "$VAR_DIR/filestore/filestore/$LOAD_DB" 2>/dev/null || true
else
    say "Installing the suite with demo data into the throw-away database '$LOAD_DB'"
    create_suite_db "$LOAD_DB" "$ODOO_CONF" --log-level=warn
fi
"$VENV_DIR/bin/python" "$REPO_DIR/scripts/load_setup.py" --db "$LOAD_DB" --config "$ODOO_CONF" \
    --portal-users "$LOAD_PORTAL_USERS" --password "$PASSWORD"

hosts=()
for port in $LOAD_PORTS; do
    conf="$LOAD_DIR/odoo-$port.conf"
    bash "$REPO_DIR/scripts/serve.sh" --print-config --port "$port" --workers "$LOAD_WORKERS" \
        --bind "$LOAD_BIND" --db "$LOAD_DB" > "$conf"
    say "Starting server on $LOAD_BIND:$port ($LOAD_WORKERS workers, 1 cron thread, proxy_mode)"
    "$VENV_DIR/bin/odoo" -c "$conf" --logfile "$LOAD_DIR/server-$port.log" &
    pids+=("$!")
    hosts+=("http://$LOAD_BIND:$port")
done
for host in "${hosts[@]}"; do
    for _ in $(seq 1 120); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$host/web/login")" = "200" ] && break
        sleep 1
    done
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$host/web/login")" = "200" ] || die "$host did not start (see $LOAD_DIR)"
done

# warm-up, not measured: every worker builds the page assets once per database
for host in "${hosts[@]}"; do
    for path in /web/login /complaint/new /my/home; do
        curl -s -o /dev/null --max-time 120 "$host$path" || true
    done
done
started="$(date -u '+%Y-%m-%d %H:%M:%S')"
say "Load: $LOAD_POSTS posts from $LOAD_COMPLAINANTS complainants, $LOAD_PORTAL_USERS portal users for ${LOAD_SECONDS}s"
users=$((LOAD_COMPLAINANTS + LOAD_PORTAL_USERS))
hosts_csv="$(IFS=,; echo "${hosts[*]}")"
LOAD_HOSTS="$hosts_csv" LOAD_POSTS="$LOAD_POSTS" LOAD_COMPLAINANTS="$LOAD_COMPLAINANTS" \
LOAD_PORTAL_USERS="$LOAD_PORTAL_USERS" LOAD_PASSWORD="$PASSWORD" LOAD_RESULT="$LOAD_DIR/result.json" \
    timeout $((LOAD_SECONDS + 60)) "$LOAD_VENV/bin/locust" -f "$REPO_DIR/scripts/load_locustfile.py" --headless \
    -H "${hosts[0]}" -u "$users" -r "$users" --run-time "${LOAD_SECONDS}s" --stop-timeout 10 \
    --csv "$LOAD_DIR/load" --only-summary --loglevel WARNING >"$LOAD_DIR/locust.log" 2>&1 || true
[ -f "$LOAD_DIR/result.json" ] || die "locust wrote no result (see $LOAD_DIR/locust.log)"
# let the last sweeps finish before counting
sleep 5

"$VENV_DIR/bin/python" "$REPO_DIR/scripts/load_report.py" --db "$LOAD_DB" --since "$started" \
    --stats "$LOAD_DIR/load_stats.csv" --result "$LOAD_DIR/result.json" --logs "$LOAD_DIR"/server-*.log
