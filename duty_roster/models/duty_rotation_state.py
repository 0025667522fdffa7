from odoo import fields, models


class DutyRotationState(models.Model):
    """Where a rotation stood before each day one generation went through.

    ``checkpoints`` maps each day (ISO date) to the rotation's state after every
    applicable day before it (``lib/rotation.RotationState.to_json``: member order,
    next member, running turn, owed turns with who and when, points), and
    ``date_to`` to the state the generation ended with.  A later generation from
    any of these days starts from the saved state and so carries on exactly as
    one generation of the whole span would.  A newer row replaces the older ones
    from its first day on.
    """

    _name = "duty.rotation.state"
    _description = "Duty Rotation State"
    _order = "rotation_id, id"

    rotation_id = fields.Many2one("duty.rotation", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="rotation_id.company_id", store=True, index=True)
    date_from = fields.Date("From", required=True, help="First day this generation went through.")
    date_to = fields.Date(
        "Until", required=True, help="The day after the last day of this generation: the state it ended with."
    )
    checkpoints = fields.Json(required=True)
