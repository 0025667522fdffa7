#!/usr/bin/env bash
# `make wheels`: build every addon as an odoo-addon-<name> wheel (whool), install the wheels into a
# fresh virtualenv that sees an existing Odoo 18 but not this repository, and install the addons from
# there into a throw-away database. This is the `pip install` way of the README, checked end to end.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash "$REPO_DIR/scripts/setup.sh" >/dev/null

DIST_DIR="$VAR_DIR/dist"
WHEEL_VENV="$VAR_DIR/wheel-venv"
WHEEL_DB="${ODOO_DB}_wheels_$$"
# the Odoo source the setup installed: the addons path of the generated config without this repository
ODOO_SRC="$(sed -n 's/^addons_path = \([^,]*\)\/odoo\/addons,.*/\1/p' "$ODOO_CONF")"
[ -f "$ODOO_SRC/odoo/release.py" ] || die "cannot find the Odoo source in $ODOO_CONF"

cleanup() {
    dropdb --if-exists "$WHEEL_DB" 2>/dev/null || true
    rm -rf "$VAR_DIR/filestore/filestore/$WHEEL_DB"
}
trap cleanup EXIT

say "Building the wheels into $DIST_DIR"
rm -rf "$DIST_DIR" && mkdir -p "$DIST_DIR"
for addon in ${ODOO_ADDONS//,/ }; do
    "$VENV_DIR/bin/pip" wheel -q --no-deps --no-build-isolation "$REPO_DIR/$addon" -w "$DIST_DIR" \
        2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
done
ls "$DIST_DIR"

say "Installing them into a fresh virtualenv ($WHEEL_VENV)"
rm -rf "$WHEEL_VENV"
"$PYTHON" -m venv "$WHEEL_VENV"
# Odoo 18 and its requirements are the ones already installed (the suite's virtualenv plays the
# user's existing Odoo); the addons and their declared dependencies come only from the wheels.
wheel_site="$("$WHEEL_VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
odoo_site="$("$VENV_DIR/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
echo "import site; site.addsitedir('$odoo_site')" > "$wheel_site/existing-odoo.pth"
packages=()
for addon in ${ODOO_ADDONS//,/ }; do packages+=("odoo-addon-$addon"); done
"$WHEEL_VENV/bin/python" -m pip install -q --no-index --find-links "$DIST_DIR" "${packages[@]}" \
    2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)

for addon in ${ODOO_ADDONS//,/ }; do
    location="$("$WHEEL_VENV/bin/python" -c "import odoo.addons, importlib.util as u; \
print(u.find_spec('odoo.addons.$addon').submodule_search_locations[0])")"
    case "$location" in
        "$wheel_site"/*) ;;
        *) die "$addon is imported from $location, not from the wheel";;
    esac
done

say "Installing the addons from the wheels into the throw-away database '$WHEEL_DB'"
"$WHEEL_VENV/bin/python" -m odoo -c "$ODOO_CONF" --addons-path="$ODOO_SRC/odoo/addons,$ODOO_SRC/addons" \
    -d "$WHEEL_DB" -i "$ODOO_ADDONS" --without-demo=all --stop-after-init --log-level=warn
installed="$(psql -X -q -t -A -d "$WHEEL_DB" -c "
    SELECT count(*) FROM ir_module_module WHERE state = 'installed'
    AND name = ANY(string_to_array('$ODOO_ADDONS', ','))")"
expected="$(echo "$ODOO_ADDONS" | tr ',' '\n' | wc -l)"
[ "$installed" = "$expected" ] || die "only $installed of $expected addons installed from the wheels"
say "$installed addons installed from their wheels"
