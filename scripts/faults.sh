#!/usr/bin/env bash
# `make faults`: a cron worker killed with SIGKILL in the middle of the deadline sweep, on a server
# with prefork workers; Odoo's master starts a new cron worker, the job runs again, and the check is
# that every overdue clock was alerted exactly once (no duplicate alert, activity or escalation note)
# and nothing of the killed run was kept half.
#
# Knobs (bounded): FAULTS_COMPLAINTS (2000, at most 20000), FAULTS_PORT (8311), FAULTS_TEMPLATE (a
# database with the suite to copy instead of installing one). Only this machine's loopback is used.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash "$REPO_DIR/scripts/setup.sh" >/dev/null

FAULTS_COMPLAINTS="${FAULTS_COMPLAINTS:-2000}"
FAULTS_PORT="${FAULTS_PORT:-8311}"
[[ "$FAULTS_COMPLAINTS" =~ ^[0-9]+$ ]] && [ "$FAULTS_COMPLAINTS" -ge 1 ] && [ "$FAULTS_COMPLAINTS" -le 20000 ] \
    || die "FAULTS_COMPLAINTS must be between 1 and 20000"
FAULTS_DIR="$VAR_DIR/faults"
FAULTS_DB="${ODOO_DB}_faults_$$"
mkdir -p "$FAULTS_DIR"
rm -f "$FAULTS_DIR"/server.log

server_pid=""
cleanup() {
    [ -n "$server_pid" ] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
    dropdb --if-exists "$FAULTS_DB" 2>/dev/null || true
    rm -rf "$VAR_DIR/filestore/filestore/$FAULTS_DB"
}
trap cleanup EXIT
q() { psql -X -q -t -A -d "$FAULTS_DB" -c "$1"; }

if [ -n "${FAULTS_TEMPLATE:-}" ]; then
    createdb -T "$FAULTS_TEMPLATE" "$FAULTS_DB"
    cp -r "$VAR_DIR/filestore/filestore/$FAULTS_TEMPLATE" "$VAR_DIR/filestore/filestore/$FAULTS_DB" 2>/dev/null || true
else
    say "Installing the suite into the throw-away database '$FAULTS_DB'"
    create_suite_db "$FAULTS_DB" "$ODOO_CONF" --without-demo=all --log-level=warn
fi
# nothing else runs meanwhile: only the sweep is due
q "UPDATE ir_cron SET active = false WHERE id <> (SELECT res_id FROM ir_model_data
   WHERE module = 'insurance_base' AND name = 'ir_cron_insurance_clock_sweep')" >/dev/null
say "Creating $FAULTS_COMPLAINTS overdue complaints"
"$VENV_DIR/bin/python" "$REPO_DIR/scripts/faults_setup.py" --db "$FAULTS_DB" --config "$ODOO_CONF" \
    --complaints "$FAULTS_COMPLAINTS"
due="$(q "SELECT count(*) FROM insurance_clock WHERE is_open AND due_at <= now() at time zone 'UTC'
          AND state IN ('running', 'overdue')")"
say "$due clocks are overdue"

conf="$FAULTS_DIR/odoo.conf"
bash "$REPO_DIR/scripts/serve.sh" --print-config --port "$FAULTS_PORT" --workers 2 --db "$FAULTS_DB" > "$conf"
"$VENV_DIR/bin/odoo" -c "$conf" --logfile "$FAULTS_DIR/server.log" &
server_pid=$!

say "Waiting for the cron worker to be in the middle of the sweep"
victim=""
for _ in $(seq 1 600); do
    busy="$(q "SELECT count(*) FROM pg_stat_activity WHERE datname = '$FAULTS_DB'
        AND state <> 'idle' AND xact_start < now() - interval '2 seconds' AND query ILIKE '%insurance_clock%'")"
    # the prefork cron worker names itself "odoo: WorkerCron <pid> <database>" while it works on a database
    if [ "$busy" != "0" ]; then
        victim="$(pgrep -f "^odoo: WorkerCron .* $FAULTS_DB" | head -1 || true)"
        [ -n "$victim" ] && break
    fi
    sleep 0.2
done
[ -n "$victim" ] || die "the sweep never ran long enough to be interrupted (see $FAULTS_DIR/server.log)"
os_pid="$victim"
alerts_before="$(q "SELECT count(*) FROM insurance_clock_alert")"
kill -9 "$os_pid"
say "Killed cron worker $os_pid with SIGKILL in the middle of the sweep (alerts committed then: $alerts_before)"

say "Waiting for a new cron worker to run the sweep to its end"
for _ in $(seq 1 180); do
    left="$(q "SELECT count(*) FROM insurance_clock WHERE is_open AND due_at <= now() at time zone 'UTC'
               AND state IN ('running', 'overdue') AND alert_level IS DISTINCT FROM 'overdue'")"
    [ "$left" = "0" ] && break
    sleep 1
done
alerts="$(q "SELECT count(*) FROM insurance_clock_alert WHERE level = 'overdue'")"
duplicate_alerts="$(q "SELECT count(*) FROM (SELECT clock_id, level FROM insurance_clock_alert
    GROUP BY clock_id, level HAVING count(*) > 1) d")"
duplicate_activities="$(q "SELECT count(*) FROM (SELECT res_model, res_id, user_id, activity_type_id, summary
    FROM mail_activity GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1) d")"
duplicate_notes="$(q "SELECT count(*) FROM (SELECT model, res_id, body FROM mail_message
    WHERE model = 'insurance.complaint' AND message_type = 'comment' GROUP BY 1, 2, 3 HAVING count(*) > 1) d")"
echo
echo "overdue clocks: $due; overdue alerts after the restart: $alerts; left unalerted: $left"
echo "alerts committed by the killed worker: $alerts_before"
echo "duplicate alerts: $duplicate_alerts; duplicate activities: $duplicate_activities; duplicate notes: $duplicate_notes"
ok=1
[ "$alerts" = "$due" ] && [ "$left" = "0" ] || ok=0
[ "$duplicate_alerts" = "0" ] && [ "$duplicate_activities" = "0" ] && [ "$duplicate_notes" = "0" ] || ok=0
[ "$alerts_before" = "0" ] || ok=0
if [ "$ok" = 1 ]; then say "met: every overdue clock alerted exactly once after a killed sweep"; else die "MISSED (see above)"; fi
