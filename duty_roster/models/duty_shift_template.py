from odoo import api, fields, models
from odoo.exceptions import ValidationError


class DutyShiftTemplate(models.Model):
    """When a duty starts and how long it lasts, in the post's local time.

    Overnight (20:00 + 12 h) and 24-hour (08:00 + 24 h) duties are plain
    templates: the end is the start plus the duration, whatever the day.
    """

    _name = "duty.shift.template"
    _description = "Duty Shift Template"
    _order = "start_time, duration"

    name = fields.Char(required=True, translate=True)
    start_time = fields.Float(required=True, default=8.0, help="Local start time, e.g. 20:00.")
    duration = fields.Float("Duration (hours)", required=True, default=24.0)
    is_night = fields.Boolean(
        compute="_compute_is_night",
        store=True,
        help="The duty covers part of the night (00:00-06:00) and earns night points on working days.",
    )
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
    active = fields.Boolean(default=True)

    @api.depends("start_time", "duration")
    def _compute_is_night(self):
        for template in self:
            start, end = template.start_time, template.start_time + template.duration
            # the night windows [24, 30) and [0, 6) relative to the start day
            template.is_night = (start < 6.0 and end > 0.0) or (start < 30.0 and end > 24.0)

    @api.constrains("start_time", "duration")
    def _check_times(self):
        for template in self:
            if not 0 <= template.start_time < 24:
                raise ValidationError(
                    self.env._("The start time of %(name)s must be between 00:00 and 23:59.", name=template.name)
                )
            if not 0 < template.duration <= 24:
                raise ValidationError(
                    self.env._(
                        "A duty lasts more than 0 and at most 24 hours; %(name)s lasts %(hours)s hours. "
                        "Split longer cover into several duties.",
                        name=template.name,
                        hours=template.duration,
                    )
                )
