from odoo import api, models

from ..lib import portal_fields


class InsurancePortalRestricted(models.AbstractModel):
    """Closed by default for portal users: they read only the fields the model whitelists in
    ``_portal_read_fields()``; every other field, including one another addon adds later, is for
    internal users (see ``lib/portal_fields.py``)."""

    _name = "insurance.portal.restricted"
    _description = "Portal Field Whitelist"

    @api.model
    def _portal_read_fields(self):
        return portal_fields.FRAMEWORK_FIELDS

    def _setup_fields(self):
        result = super()._setup_fields()
        portal_fields.restrict(self._fields, self._portal_read_fields())
        return result
