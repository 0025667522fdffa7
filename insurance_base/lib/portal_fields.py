"""Closed by default: a portal user reads only the fields a model whitelists.

A model a portal user can read names its whitelist in ``_portal_read_fields()`` and
calls ``restrict`` from its ``_setup_fields``: every other field gets
``groups="base.group_user"``, so a portal user's RPC ``read``/``search_read``,
``fields_get`` and domains are refused on it, and a field added later (by any addon)
stays internal until somebody whitelists it. Fields that already name their groups
keep them.
"""

# who reads every field a portal user may not: the insurer's staff
INTERNAL_GROUPS = "base.group_user"
# what Odoo's portal and messaging need of a record the portal user can open
FRAMEWORK_FIELDS = frozenset(
    {
        "id",
        "display_name",
        "access_url",
        "access_token",
        "access_warning",
        "has_message",
        "message_ids",
        "website_message_ids",
        "message_is_follower",
        "message_needaction",
        "message_needaction_counter",
        "message_has_error",
        "message_has_error_counter",
        "message_has_sms_error",
        "activity_type_icon",
    }
)


def restrict(fields, allowed):
    """Give the internal groups to every field of ``fields`` (name -> Field) not in ``allowed``."""
    for name, field in fields.items():
        if name not in allowed and not field.groups:
            field.groups = INTERNAL_GROUPS
