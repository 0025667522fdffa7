#!/usr/bin/env bash
# Idempotent machine setup: system packages, PostgreSQL, the Odoo 18.0 source,
# the virtualenv and the Odoo configuration file.  Safe to run again: every
# step checks what is already there and does only what is missing.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DEB_PACKAGES=(
    postgresql postgresql-client libpq-dev
    build-essential python3-dev python3-venv
    libldap2-dev libsasl2-dev libxml2-dev libxslt1-dev libjpeg-dev zlib1g-dev libffi-dev
    chromium wkhtmltopdf fonts-noto-cjk poppler-utils
)

install_system_packages() {
    local missing=() pkg
    for pkg in "${DEB_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if ! command -v apt-get >/dev/null 2>&1; then
        say "Not a Debian/Ubuntu machine: make sure these (or their equivalents) are installed: ${missing[*]}"
        return 0
    fi
    say "Installing system packages: ${missing[*]}"
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        || ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
        die "cannot install system packages (not root and no passwordless sudo). Run:
    sudo apt-get install ${missing[*]}"
    fi
}

start_postgresql() {
    if ! pg_isready -q 2>/dev/null; then
        say "Starting PostgreSQL"
        if command -v pg_lsclusters >/dev/null 2>&1; then
            local version cluster
            read -r version cluster < <(pg_lsclusters -h | awk '{print $1, $2; exit}')
            [ -n "${version:-}" ] || as_root pg_createcluster --start "$(ls /usr/lib/postgresql | sort -V | tail -1)" main \
                || die "no PostgreSQL cluster and none can be created; run: sudo pg_createcluster --start 15 main"
            if [ -n "${version:-}" ]; then
                as_root pg_ctlcluster "$version" "$cluster" start \
                    || die "PostgreSQL is stopped and cannot be started; run: sudo pg_ctlcluster $version $cluster start"
            fi
        else
            die "PostgreSQL is not running; start it, then run this command again"
        fi
        for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
        pg_isready -q || die "PostgreSQL did not start; see its log in /var/log/postgresql/"
    fi
    local me; me="$(id -un)"
    if ! psql -X -q -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
        say "Creating PostgreSQL role '$me'"
        as_postgres "createuser --superuser '$me'" \
            || die "cannot create a PostgreSQL role for '$me'; run: sudo -u postgres createuser --superuser $me"
    fi
}

is_odoo18_tree() {
    [ -f "$1/odoo/release.py" ] && [ -f "$1/setup.py" ] && [ -d "$1/addons/web" ] \
        && grep -q "^version_info = (18, 0," "$1/odoo/release.py"
}

find_odoo_source() {
    if [ -n "${ODOO_SRC:-}" ]; then
        is_odoo18_tree "$ODOO_SRC" || die "ODOO_SRC=$ODOO_SRC is not an Odoo 18.0 Community source tree.
Point ODOO_SRC at a folder that holds odoo/release.py (version 18.0), setup.py and addons/,
for example an unpacked $ODOO_DOWNLOAD_URL, or unset it to use $ODOO_CACHE_DIR."
        ODOO_SRC="$(cd "$ODOO_SRC" && pwd)"
        return 0
    fi
    if ! is_odoo18_tree "$ODOO_CACHE_DIR"; then
        say "No Odoo 18.0 source in $ODOO_CACHE_DIR: downloading $ODOO_DOWNLOAD_URL"
        local tmp; tmp="$(mktemp -d)"
        if curl -fsSL --retry 2 --connect-timeout 20 "$ODOO_DOWNLOAD_URL" -o "$tmp/odoo.tar.gz" 2>/dev/null \
            && mkdir -p "$tmp/src" && tar -xzf "$tmp/odoo.tar.gz" -C "$tmp/src" --strip-components=1 \
            && is_odoo18_tree "$tmp/src"; then
            mkdir -p "$(dirname "$ODOO_CACHE_DIR")"
            rm -rf "$ODOO_CACHE_DIR"
            mv "$tmp/src" "$ODOO_CACHE_DIR"
            rm -rf "$tmp"
        else
            rm -rf "$tmp"
            die "no Odoo 18.0 source found and the download failed.
Put an Odoo 18.0 Community source tree (the folder with odoo/, addons/ and setup.py)
in $ODOO_CACHE_DIR, or set ODOO_SRC to its path, then run this command again."
        fi
    fi
    ODOO_SRC="$ODOO_CACHE_DIR"
}

# pip, quiet, without the noise of local index folders that do not exist.
pip_install() {
    "$VENV_DIR/bin/pip" install -q "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
}

setup_venv() {
    local stamp="$VENV_DIR/.setup-stamp" want
    want="$( (cat "$ODOO_SRC/requirements.txt" "$REPO_DIR/requirements.txt" "$REPO_DIR/requirements-dev.txt"; echo "$ODOO_SRC") | sha1sum | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV_DIR/bin/odoo" ]; then
        return 0
    fi
    local pyver
    pyver="$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    case "$pyver" in 3.10|3.11|3.12) ;; *) die "Odoo 18.0 needs Python 3.10 to 3.12; $PYTHON is $pyver (set PYTHON=...)";; esac
    [ -x "$VENV_DIR/bin/python" ] || { say "Creating $VENV_DIR"; "$PYTHON" -m venv "$VENV_DIR"; }
    say "Installing Odoo 18.0 and the Python packages (first run takes a few minutes)"
    # Odoo pins cbor2 5.4.2 below Python 3.12: it has no wheel and no longer builds.
    sed -E "s/^cbor2==5\.4\.2.*$/cbor2==5.6.2 ; python_version < '3.12'/" \
        "$ODOO_SRC/requirements.txt" > "$VENV_DIR/odoo-requirements.txt"
    pip_install --upgrade "pip<26" wheel "setuptools>=64,<67"
    pip_install -r "$VENV_DIR/odoo-requirements.txt" -r "$REPO_DIR/requirements.txt" -r "$REPO_DIR/requirements-dev.txt"
    # compat mode: the default editable finder is shadowed by odoo-addon-* wheels.
    pip_install --no-deps --no-build-isolation -e "$ODOO_SRC" --config-settings editable_mode=compat
    echo "$want" > "$stamp"
}

write_config() {
    mkdir -p "$VAR_DIR/filestore"
    cat > "$ODOO_CONF" <<CONF
[options]
addons_path = $ODOO_SRC/odoo/addons,$ODOO_SRC/addons,$REPO_DIR,$REPO_DIR/tests
data_dir = $VAR_DIR/filestore
db_host = False
db_port = False
db_user = $(id -un)
db_password = False
http_port = $ODOO_PORT
http_interface = 127.0.0.1
list_db = True
proxy_mode = False
without_demo = False
log_level = info
CONF
}

install_system_packages
start_postgresql
find_odoo_source
setup_venv
write_config
say "Setup done: Odoo source $ODOO_SRC, config $ODOO_CONF"
