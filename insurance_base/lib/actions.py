"""Window actions the buttons of the suite return, as plain dicts."""


def dialog_action(model, name, context=None):
    """Open a new record of ``model`` (a wizard, a request) in a dialog over the current form."""
    return {
        "type": "ir.actions.act_window",
        "name": name,
        "res_model": model,
        "view_mode": "form",
        "views": [(False, "form")],
        "target": "new",
        "context": dict(context or {}),
    }
