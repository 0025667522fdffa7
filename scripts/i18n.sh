#!/usr/bin/env bash
# `make i18n`: re-export i18n/zh_CN.po of each addon from the code.  Strings
# already translated keep their translation (they are loaded into the
# throw-away database first); new strings come out with an empty msgstr.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bash "$REPO_DIR/scripts/setup.sh"

DB="${ODOO_DB}_i18n_$$"
trap 'dropdb --if-exists "$DB" 2>/dev/null || true; rm -rf "$VAR_DIR/filestore/filestore/$DB"' EXIT
odoo_bin -d "$DB" -i "$ODOO_ADDONS" --without-demo=all --load-language=zh_CN --stop-after-init --log-level=warn
for addon in ${ODOO_ADDONS//,/ }; do
    mkdir -p "$REPO_DIR/$addon/i18n"
    odoo_bin -d "$DB" --i18n-export="$REPO_DIR/$addon/i18n/zh_CN.po" --language=zh_CN \
        --modules="$addon" --stop-after-init --log-level=warn
    odoo_bin -d "$DB" --i18n-export="$REPO_DIR/$addon/i18n/$addon.pot" \
        --modules="$addon" --stop-after-init --log-level=warn
    empty="$("$VENV_DIR/bin/python" -c "import polib,sys; print(len(polib.pofile(sys.argv[1]).untranslated_entries()))" \
        "$REPO_DIR/$addon/i18n/zh_CN.po")"
    say "$addon: i18n/zh_CN.po exported, $empty strings without a Chinese translation"
done
