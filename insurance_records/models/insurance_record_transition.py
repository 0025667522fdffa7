from odoo import api, models
from odoo.exceptions import AccessError

_TRANSITION_KEY = "insurance_records_transition"
# Only Python code holds this object: a context decoded from JSON (RPC, forms, imports) cannot carry it.
_PERMIT = object()


class InsuranceRecordTransition(models.AbstractModel):
    """Fields of a records model that only its transition methods write (state, approvals)."""

    _name = "insurance.record.transition"
    _description = "Records Transitions (state written by transition methods only)"

    _transition_fields = ()

    def _transition_write(self, vals):
        return self.with_context(**{_TRANSITION_KEY: _PERMIT}).write(vals)

    def _transition_allowed(self, vals):
        protected = set(vals) & set(self._transition_fields)
        if not protected or self.env.su or self.env.context.get(_TRANSITION_KEY) is _PERMIT:
            return True
        raise AccessError(
            self.env._(
                "%(fields)s of %(model)s change only through the buttons of its work flow.",
                fields=", ".join(sorted(self._fields[name]._description_string(self.env) for name in protected)),
                model=self._description,
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._transition_allowed(vals)
        forged = {
            key: False for key in self.env.context if key[8:] in self._transition_fields and key[:8] == "default_"
        }
        if forged and not self.env.su:  # a default_state of the context would bypass the check above
            context = {key: value for key, value in self.env.context.items() if key not in forged}
            return super(InsuranceRecordTransition, self.with_env(self.env(context=context))).create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._transition_allowed(vals)
        return super().write(vals)
