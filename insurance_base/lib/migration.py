"""Helpers of the suite's migration scripts (pre-migrate of a version that renames fields)."""

from openupgradelib import openupgrade


def rename_fields(env, module, specs):
    """Rename stored fields as openupgradelib does, and in the stored views of their model too.

    ``specs``: ``(model, table, old, new)``. A view of the module that inherits a view loaded earlier
    still names the old field until its own file is loaded, and Odoo validates the combined view when
    the earlier file is loaded, so the stored architectures are renamed first: the views of the model,
    and the module's own views (a list of the model's records inside another model's form). Specs whose column does
    not exist (a database created after the rename) are skipped.
    """
    specs = [spec for spec in specs if openupgrade.column_exists(env.cr, spec[1], spec[2])]
    openupgrade.rename_fields(env, specs)
    for model, _table, old, new in specs:
        env.cr.execute(
            r"""
            UPDATE ir_ui_view
               SET arch_db = regexp_replace(arch_db::text, %(old)s, %(new)s, 'g')::jsonb
             WHERE arch_db::text ~ %(old)s
               AND (model = %(model)s
                    OR id IN (SELECT res_id FROM ir_model_data WHERE model = 'ir.ui.view' AND module = %(module)s))
            """,
            {"model": model, "module": module, "old": rf"\m{old}\M", "new": new},
        )
