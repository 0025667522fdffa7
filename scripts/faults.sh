#!/usr/bin/env bash
# `make faults`, on a server with prefork workers:
# 1. a cron worker killed with SIGKILL in the middle of the deadline sweep; Odoo's master starts a new
#    cron worker, the job runs again, and the check is that every overdue clock was alerted exactly once
#    (no duplicate alert, activity or escalation note) and nothing of the killed run was kept half;
# 2. the same in the middle of a step of two background jobs (insurance.job): a catastrophe bulk
#    registration and the monthly complaint list to many managers; the check is that what was committed
#    at the kill is exactly what the job's progress marker says (no half batch) and that after the rerun
#    each insured has one claim and each recipient one mail;
# 3. PostgreSQL restarted under a stream of public complaint posts to a server in proxy_mode: what the
#    clients got (status codes, tracebacks shown?) and whether every post answered 2xx is in the
#    database. The restart is of a private PostgreSQL cluster started for it (in /tmp, its own port),
#    never of the machine's cluster, which other databases may be using.
#
# Knobs (bounded): FAULTS_COMPLAINTS (2000, at most 20000), FAULTS_BULK (600 claims, at most 5000),
# FAULTS_RECIPIENTS (600, at most 2000), FAULTS_POSTS (1500, at most 5000), FAULTS_PORT (8311; the
# restart server uses the next port), FAULTS_PG_PORT (5439), FAULTS_TEMPLATE (a database with the suite
# to copy instead of installing one). Only this machine's loopback is used.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash "$REPO_DIR/scripts/setup.sh" >/dev/null

FAULTS_COMPLAINTS="${FAULTS_COMPLAINTS:-2000}"
FAULTS_PORT="${FAULTS_PORT:-8311}"
FAULTS_BULK="${FAULTS_BULK:-600}"
FAULTS_RECIPIENTS="${FAULTS_RECIPIENTS:-600}"
FAULTS_POSTS="${FAULTS_POSTS:-1500}"
FAULTS_PG_PORT="${FAULTS_PG_PORT:-5439}"
[[ "$FAULTS_COMPLAINTS" =~ ^[0-9]+$ ]] && [ "$FAULTS_COMPLAINTS" -ge 1 ] && [ "$FAULTS_COMPLAINTS" -le 20000 ] \
    || die "FAULTS_COMPLAINTS must be between 1 and 20000"
[[ "$FAULTS_BULK" =~ ^[0-9]+$ ]] && [ "$FAULTS_BULK" -ge 1 ] && [ "$FAULTS_BULK" -le 5000 ] \
    || die "FAULTS_BULK must be between 1 and 5000"
[[ "$FAULTS_RECIPIENTS" =~ ^[0-9]+$ ]] && [ "$FAULTS_RECIPIENTS" -ge 101 ] && [ "$FAULTS_RECIPIENTS" -le 2000 ] \
    || die "FAULTS_RECIPIENTS must be between 101 and 2000"
[[ "$FAULTS_POSTS" =~ ^[0-9]+$ ]] && [ "$FAULTS_POSTS" -ge 10 ] && [ "$FAULTS_POSTS" -le 5000 ] \
    || die "FAULTS_POSTS must be between 10 and 5000"
FAULTS_DIR="$VAR_DIR/faults"
FAULTS_DB="${ODOO_DB}_faults_$$"
mkdir -p "$FAULTS_DIR"
rm -f "$FAULTS_DIR"/server.log

server_pid=""
restart_pid=""
pg_private=""
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
cleanup() {
    [ -n "$server_pid" ] && { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
    [ -n "$restart_pid" ] && { kill "$restart_pid" 2>/dev/null || true; wait "$restart_pid" 2>/dev/null || true; }
    if [ -n "$pg_private" ]; then
        as_postgres "$PG_BIN/pg_ctl -D $pg_private/data -m immediate stop" >/dev/null 2>&1 || true
        rm -rf "$pg_private"
    fi
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
say "Creating $FAULTS_COMPLAINTS overdue complaints; queuing $FAULTS_BULK claims"
"$VENV_DIR/bin/python" "$REPO_DIR/scripts/faults_setup.py" --db "$FAULTS_DB" --config "$ODOO_CONF" \
    --complaints "$FAULTS_COMPLAINTS" --bulk "$FAULTS_BULK"
param() { q "SELECT value FROM ir_config_parameter WHERE key = '$1'"; }
bulk_job="$(param faults.bulk_job_id)"; bulk_event="$(param faults.bulk_event_id)"
[ -n "$bulk_job" ] || die "the bulk registration job was not queued"
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
    # the sweep's transaction holds row locks on insurance_clock (its FOR UPDATE SKIP LOCKED, the alerts'
    # foreign keys); its last query text is often another table's, so the lock is what is watched
    busy="$(q "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
        JOIN pg_stat_activity a ON a.pid = l.pid WHERE c.relname = 'insurance_clock' AND l.mode = 'RowShareLock'
        AND a.datname = '$FAULTS_DB' AND a.xact_start < now() - interval '0.5 seconds'")"
    # the prefork cron worker names itself "odoo: WorkerCron <pid> <database>" while it works on a database
    if [ "$busy" != "0" ]; then
        victim="$(pgrep -f "^odoo: WorkerCron .* $FAULTS_DB" | head -1 || true)"
        [ -n "$victim" ] && break
    fi
    sleep 0.2
done
[ -n "$victim" ] || die "the sweep never ran long enough to be interrupted (see $FAULTS_DIR/server.log)"
os_pid="$victim"
kill -9 "$os_pid"
sweep_killed_at=$SECONDS
# the batches committed before the kill: each alert row with its clock's level, nothing half
alerts_before="$(q "SELECT count(*) FROM insurance_clock_alert WHERE level = 'overdue'")"
levels_before="$(q "SELECT count(*) FROM insurance_clock WHERE alert_level = 'overdue'")"
say "Killed cron worker $os_pid with SIGKILL in the middle of the sweep (committed then: $alerts_before alerts, $levels_before clocks marked)"

say "Waiting for a new cron worker to run the sweep to its end"
# at most 15 minutes: on a loaded 2-core machine the sweep of ~8,000 clocks takes minutes
for _ in $(seq 1 900); do
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
echo "committed by the killed worker: $alerts_before alerts, $levels_before clocks marked alerted (equal: no half batch)"
echo "the new cron worker finished the sweep $((SECONDS - sweep_killed_at)) s after the kill"
echo "duplicate alerts: $duplicate_alerts; duplicate activities: $duplicate_activities; duplicate notes: $duplicate_notes"
ok=1
[ "$alerts" = "$due" ] && [ "$left" = "0" ] || ok=0
[ "$duplicate_alerts" = "0" ] && [ "$duplicate_activities" = "0" ] && [ "$duplicate_notes" = "0" ] || ok=0
[ "$alerts_before" = "$levels_before" ] || ok=0
if [ "$ok" = 1 ]; then say "met: every overdue clock alerted exactly once after a killed sweep"; else say "MISSED: the sweep (see above)"; fi
verdict=$ok


# ---------------------------------------------------------------------------------------------------
# 2. background jobs killed in a step
# ---------------------------------------------------------------------------------------------------
job_state() {
    q "SELECT state || ':' || coalesce(steps, 0) || ':' || coalesce(done, 0) || ':' || coalesce(total, 0)
       FROM insurance_job WHERE id = $1"
}
# a step is running when a transaction of the database, open for a while, holds the job's FOR UPDATE lock
in_step() {
    q "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE c.relname = 'insurance_job' AND l.mode = 'RowShareLock' AND a.datname = '$FAULTS_DB'
       AND a.xact_start < now() - interval '$1'"
}
# kill_in_step JOB MIN_COMMITTED_STEPS MIN_AGE ITEMS_SQL: sets killed, marker_at_kill, items_at_kill
kill_in_step() {
    local job="$1" min_steps="$2" age="$3" items_sql="$4" state steps victim=""
    killed=0; marker_at_kill=""; items_at_kill=""
    for _ in $(seq 1 3000); do
        state="$(job_state "$job")"
        case "$state" in done:*|failed:*) break;; esac
        steps="$(cut -d: -f2 <<<"$state")"
        if [ "$steps" -ge "$min_steps" ] && [ "$(in_step "$age")" != "0" ]; then
            victim="$(pgrep -f "^odoo: WorkerCron .* $FAULTS_DB" | head -1 || true)"
            [ -n "$victim" ] && break
        fi
        sleep 0.05
    done
    if [ -n "$victim" ] && kill -9 "$victim"; then
        killed=1
        marker_at_kill="$(job_state "$job" | cut -d: -f3)"
        items_at_kill="$(q "$items_sql")"
        say "Killed cron worker $victim with SIGKILL in a step of job $job (committed then: marker $marker_at_kill, items $items_at_kill)"
    fi
    for _ in $(seq 1 900); do
        case "$(job_state "$job")" in done:*|failed:*) break;; esac
        sleep 1
    done
}

say "Starting the background jobs (the claims director's bulk registration first)"
q "UPDATE ir_cron SET active = true, nextcall = now() at time zone 'UTC' WHERE id = (SELECT res_id FROM ir_model_data
   WHERE module = 'insurance_base' AND name = 'ir_cron_insurance_job_run')" >/dev/null
psql -X -q -d postgres -c "NOTIFY cron_trigger, '$FAULTS_DB'" >/dev/null

claims_sql="SELECT count(*) FROM insurance_claim WHERE event_id = $bulk_event"
kill_in_step "$bulk_job" 1 "0.1 second" "$claims_sql"
bulk_killed=$killed; bulk_marker=$marker_at_kill; bulk_items=$items_at_kill
bulk_state="$(job_state "$bulk_job")"
bulk_claims="$(q "$claims_sql")"
bulk_duplicates="$(q "SELECT count(*) FROM (SELECT insured_id FROM insurance_claim WHERE event_id = $bulk_event
    GROUP BY insured_id HAVING count(*) > 1) d")"

# the mailing's managers are created only now (each complaint manager is told of every overdue clock);
# the job is queued while the job cron is off, so that the kill below watches it from its first step
job_cron="(SELECT res_id FROM ir_model_data WHERE module = 'insurance_base' AND name = 'ir_cron_insurance_job_run')"
q "UPDATE ir_cron SET active = false WHERE id = $job_cron" >/dev/null
mailing_period="$(q "SELECT to_char(value::timestamp, 'YYYY-MM') FROM ir_config_parameter WHERE key = 'faults.received_at'")"
mailing_before="$(q "SELECT count(*) FROM insurance_complaint_mailing WHERE kind = 'monthly_list'
    AND period = '$mailing_period'")"
"$VENV_DIR/bin/python" "$REPO_DIR/scripts/faults_setup.py" --db "$FAULTS_DB" --config "$ODOO_CONF" \
    --complaints 0 --recipients "$FAULTS_RECIPIENTS"
mailing_job="$(param faults.mailing_job_id)"
[ "$(param faults.mailing_period)" = "$mailing_period" ] || die "the mailing is of another month than expected"
[ -n "$mailing_job" ] && [ "$mailing_job" != "0" ] || die "the monthly mailing job was not queued"
q "UPDATE ir_cron SET active = true, nextcall = now() at time zone 'UTC' WHERE id = $job_cron" >/dev/null
psql -X -q -d postgres -c "NOTIFY cron_trigger, '$FAULTS_DB'" >/dev/null
logs_sql="SELECT count(*) - $mailing_before FROM insurance_complaint_mailing WHERE kind = 'monthly_list' AND period = '$mailing_period'"
kill_in_step "$mailing_job" 0 "0.1 second" "$logs_sql"
mailing_killed=$killed; mailing_marker=$marker_at_kill; mailing_items=$items_at_kill
mailing_state="$(job_state "$mailing_job")"
mailing_logs="$(q "$logs_sql")"
mailing_twice="$(q "SELECT count(*) FROM (SELECT r.res_partner_id FROM mail_mail_res_partner_rel r
    JOIN mail_mail m ON m.id = r.mail_mail_id JOIN mail_message mm ON mm.id = m.mail_message_id
    WHERE mm.subject LIKE 'Monthly complaint list $mailing_period%' GROUP BY 1 HAVING count(*) > 1) d")"
mailing_mails="$(q "SELECT count(*) FROM mail_mail m JOIN mail_message mm ON mm.id = m.mail_message_id
    WHERE mm.subject LIKE 'Monthly complaint list $mailing_period%'")"

echo
echo "bulk registration (job $bulk_job, state:steps:done:total $bulk_state): killed in a step: $bulk_killed;"
echo "  committed at the kill: marker $bulk_marker, claims $bulk_items; claims after the rerun: $bulk_claims of $FAULTS_BULK; insured with two claims: $bulk_duplicates"
echo "monthly mailing (job $mailing_job, state:steps:done:total $mailing_state): killed in a step: $mailing_killed;"
echo "  committed at the kill: marker $mailing_marker, sent-log rows $mailing_items; rows after the rerun: $mailing_logs in $mailing_mails mails; recipients mailed twice: $mailing_twice"
ok=1
[ "$bulk_killed" = 1 ] && [ "$bulk_marker" = "$bulk_items" ] && [ "$bulk_claims" = "$FAULTS_BULK" ] && [ "$bulk_duplicates" = "0" ] || ok=0
[[ "$bulk_state" == done:* ]] || ok=0
[ "$mailing_killed" = 1 ] && [ "$mailing_marker" = "$mailing_items" ] && [ "$mailing_twice" = "0" ] || ok=0
[[ "$mailing_state" == done:* ]] && [ "$mailing_logs" = "$(cut -d: -f4 <<<"$mailing_state")" ] || ok=0
if [ "$ok" = 1 ]; then say "met: killed job steps lost whole, redone once: no half batch, no second claim or mail"
else say "MISSED: the background jobs (see above)"; verdict=0; fi

kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true
server_pid=""

# ---------------------------------------------------------------------------------------------------
# 3. PostgreSQL restarted under a stream of public complaint posts (a private cluster, never the machine's)
# ---------------------------------------------------------------------------------------------------
[ -n "$PG_BIN" ] || die "no PostgreSQL server binaries in /usr/lib/postgresql/*/bin"
pg_private="$(mktemp -d /tmp/faults-pg.XXXXXX)"
chown postgres "$pg_private" 2>/dev/null || true
pg_opts="-p $FAULTS_PG_PORT -k $pg_private -c listen_addresses=''"
say "Starting a private PostgreSQL cluster on port $FAULTS_PG_PORT and copying the database into it"
as_postgres "$PG_BIN/initdb -D $pg_private/data -A trust -U postgres" >/dev/null
as_postgres "$PG_BIN/pg_ctl -D $pg_private/data -o \"$pg_opts\" -l $pg_private/log -w start" >/dev/null
pq() { psql -X -q -t -A -h "$pg_private" -p "$FAULTS_PG_PORT" -U postgres "$@"; }
pq -d postgres -c "CREATE ROLE \"$(id -un)\" SUPERUSER LOGIN" >/dev/null
# owned by the server's role: Odoo serves only the databases its role owns (with a dbfilter)
pq -d postgres -c "CREATE DATABASE \"$FAULTS_DB\" OWNER \"$(id -un)\"" >/dev/null
pg_dump -Fc "$FAULTS_DB" | pg_restore -h "$pg_private" -p "$FAULTS_PG_PORT" -U "$(id -un)" -d "$FAULTS_DB" --no-owner \
    || say "pg_restore reported errors (above); going on"
pq -d "$FAULTS_DB" -c "UPDATE ir_cron SET active = false" >/dev/null
restart_port=$((FAULTS_PORT + 1))
restart_conf="$FAULTS_DIR/odoo-restart.conf"
bash "$REPO_DIR/scripts/serve.sh" --print-config --port "$restart_port" --workers 2 --db "$FAULTS_DB" \
    | grep -v -E '^(db_host|db_port|db_user|db_password) *=' > "$restart_conf"
printf 'db_host = %s\ndb_port = %s\ndb_user = %s\n' "$pg_private" "$FAULTS_PG_PORT" "$(id -un)" >> "$restart_conf"
rm -f "$FAULTS_DIR"/restart-server.log
"$VENV_DIR/bin/odoo" -c "$restart_conf" --logfile "$FAULTS_DIR/restart-server.log" &
restart_pid=$!
# ready when the public form is served with its CSRF token (the first request loads the registry)
for _ in $(seq 1 180); do
    curl -s --max-time 30 -H "X-Forwarded-For: 10.255.255.254" "http://127.0.0.1:$restart_port/complaint/new" \
        | grep -q csrf_token && break
    sleep 1
done
progress="$FAULTS_DIR/posts.progress"; result="$FAULTS_DIR/posts.json"
rm -f "$progress" "$result"
say "Posting $FAULTS_POSTS public complaints (4 at a time, at most 300 s); PostgreSQL restarts after a third of them"
"$VENV_DIR/bin/python" "$REPO_DIR/scripts/faults_posts.py" --url "http://127.0.0.1:$restart_port" \
    --posts "$FAULTS_POSTS" --threads 4 --seconds 300 --progress "$progress" --result "$result" --tag "faults-$$" &
posts_pid=$!
for _ in $(seq 1 600); do
    [ "$(cat "$progress" 2>/dev/null || echo 0)" -ge $((FAULTS_POSTS / 3)) ] && break
    kill -0 "$posts_pid" 2>/dev/null || break
    sleep 0.5
done
restart_started=$(date +%s.%N); answers_before="$(cat "$progress" 2>/dev/null || echo 0)"
as_postgres "$PG_BIN/pg_ctl -D $pg_private/data -o \"$pg_opts\" -l $pg_private/log -m fast -w restart" >/dev/null
restart_seconds="$(echo "$(date +%s.%N) - $restart_started" | bc)"
say "PostgreSQL restarted (fast shutdown) in ${restart_seconds} s: begun after $answers_before answers, $(cat "$progress") when it was up"
wait "$posts_pid" || true
posts_ok=0
"$VENV_DIR/bin/python" - "$result" "$pg_private" "$FAULTS_PG_PORT" "$FAULTS_DB" "faults-$$" "$restart_started" <<'PY' || posts_ok=1
import collections, json, subprocess, sys
result = json.load(open(sys.argv[1]))
restart = float(sys.argv[6])
after = [(at - restart, status) for at, status in result["timeline"] if at >= restart]
failed = [(at, status) for at, status in after if not status.startswith("2")]
recovered = [at for at, status in after if status.startswith("2") and at > (failed[-1][0] if failed else 0)]
numbers = result["accepted_numbers"]
def q(sql):
    return subprocess.run(["psql", "-X", "-q", "-t", "-A", "-h", sys.argv[2], "-p", sys.argv[3], "-d", sys.argv[4], "-c", sql],
                          check=True, capture_output=True, text=True).stdout.strip()
found = int(q("SELECT count(*) FROM insurance_complaint WHERE name = ANY(ARRAY[%s]::varchar[])"
              % ",".join("'%s'" % n.replace("'", "") for n in numbers))) if numbers else 0
created = int(q("SELECT count(*) FROM insurance_complaint WHERE facts::text LIKE '%%during the database restart (%s)%%'" % sys.argv[5]))
print()
print(f"posts sent: {result['sent']} in {result['seconds']} s; answers: {json.dumps(result['statuses'], sort_keys=True)}")
print(f"2xx with a complaint number: {len(numbers)}; of them in the database: {found}; lost: {len(numbers) - found}")
print(f"complaints created by the stream: {created} (created without a 2xx to the client: {created - found})")
print(f"error answers showing a traceback to the client: {result['tracebacks_shown']}")
print(f"answers after the restart began: {len(after)}, of them not 2xx: "
      f"{json.dumps(collections.Counter(status for _at, status in failed), sort_keys=True)}"
      + (f", the last {failed[-1][0]:.1f} s after it" if failed else ""))
print(f"first 2xx after the last error: {recovered[0]:.1f} s after the restart began" if recovered
      else "no 2xx after the last error: the server did not answer again")
ok = found == len(numbers) and result["tracebacks_shown"] == 0 and len(numbers) > 0 and bool(recovered)
print("met" if ok else "MISSED", ": no post answered 2xx is lost, errors show no traceback, the server answers again")
sys.exit(0 if ok else 1)
PY
echo "server log lines with OperationalError/InterfaceError: $(grep -c "OperationalError\|InterfaceError" "$FAULTS_DIR/restart-server.log" || true)"
[ "$posts_ok" = 0 ] || verdict=0
[ "$verdict" = 1 ] || die "MISSED (see above)"
say "met: all three fault scenarios"
