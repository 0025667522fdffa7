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


def notice_composer_action(records, template, context=None):
    """Open the mail composer on ``records`` with ``template``: a notice the user reviews and sends.

    The notice goes by e-mail whatever the recipients' notification preference, in the light layout;
    ``context`` adds the caller's marks (what the sent message records on the case).
    """
    return {
        "type": "ir.actions.act_window",
        "res_model": "mail.compose.message",
        "view_mode": "form",
        "views": [(False, "form")],
        "target": "new",
        "context": {
            "default_model": records._name,
            "default_res_ids": records.ids,
            "default_template_id": template.id,
            "default_composition_mode": "comment",
            "default_email_layout_xmlid": "mail.mail_notification_light",
            "force_email": True,
            **(context or {}),
        },
    }
