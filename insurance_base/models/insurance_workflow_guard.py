from dataclasses import dataclass

from odoo import api, models
from odoo.exceptions import AccessError

# the context key under which a transition method passes its permit down the write() chain
TRANSITION_KEY = "insurance_workflow_transition"


@dataclass(frozen=True)
class TransitionPermit:
    """What a transition method may write: these fields of these records of one model.

    Only Python code of the addons builds one. RPC, imports, forms and server actions pass
    contexts decoded from JSON (strings, numbers, lists, dicts), so none of them can hold an
    instance of this class: a forged context key is just refused like no key at all.
    """

    model: str
    ids: frozenset  # empty for records being created
    fields: frozenset
    creating: bool = False


class InsuranceWorkflowGuard(models.AbstractModel):
    """State and approval fields that only the model's transition methods write.

    A model lists them in ``_workflow_protected_fields``. Any ``write`` or ``create`` that
    changes one of them is refused, whatever the path (form, import, RPC, server action),
    unless it comes from a transition method through ``_workflow_write`` /
    ``_workflow_create`` or runs as the superuser (installation, crons run as root). The
    transition's own ``write`` still goes through the model's whole ``write()`` chain, so the
    extensions that react to ``vals['state']`` see it.
    """

    _name = "insurance.workflow.guard"
    _description = "Workflow Guard (state and approvals written by transitions only)"

    _workflow_protected_fields = ()

    def _workflow_refusal(self, fnames):
        """The message of a refused direct write: what is protected and who may change it."""
        labels = ", ".join(sorted(self._fields[name].get_description(self.env)["string"] for name in fnames))
        return self.env._(
            "%(fields)s of %(model)s change only through the buttons of its work flow, by the role the button names.",
            fields=labels,
            model=self._description,
        )

    # ------------------------------------------------------------------
    # Transition side: the only way to write the protected fields
    # ------------------------------------------------------------------
    def _workflow_write(self, vals):
        permit = TransitionPermit(self._name, frozenset(self.ids), frozenset(vals))
        self.with_context(**{TRANSITION_KEY: permit}).write(vals)
        return True

    @api.model
    def _workflow_create(self, vals_list):
        names = frozenset(name for vals in vals_list for name in vals)
        permit = TransitionPermit(self._name, frozenset(), names, creating=True)
        records = self.with_context(**{TRANSITION_KEY: permit}).create(vals_list)
        return records.with_env(self.env)

    # ------------------------------------------------------------------
    # Guard side
    # ------------------------------------------------------------------
    def _workflow_permitted(self, fnames, creating=False):
        permit = self.env.context.get(TRANSITION_KEY)
        if not isinstance(permit, TransitionPermit):
            return False
        if permit.model != self._name or not set(fnames) <= permit.fields or permit.creating != creating:
            return False
        return creating or set(self.ids) <= permit.ids

    def _workflow_changed(self, vals):
        """The protected fields that ``vals`` really changes on these records (re-saving a value is no change)."""
        changed = set()
        for name in set(vals) & set(self._workflow_protected_fields):
            field = self._fields[name]
            if field.type in ("one2many", "many2many"):
                changed.add(name)
                continue
            new = field.convert_to_record(field.convert_to_cache(vals[name], self), self)
            if any(record[name] != new for record in self):
                changed.add(name)
        return changed

    def _workflow_without_permit(self):
        if TRANSITION_KEY not in self.env.context:
            return self
        context = dict(self.env.context)
        del context[TRANSITION_KEY]
        return self.with_env(self.env(context=context))

    @api.model
    def _workflow_default(self, name):
        field = self._fields[name]
        value = field.default(self) if field.default else False
        return field.convert_to_record(field.convert_to_cache(value, self), self)

    @api.model_create_multi
    def create(self, vals_list):
        protected = set(self._workflow_protected_fields)
        if protected and not self.env.su:
            changed = set()
            for vals in vals_list:
                for name in set(vals) & protected:
                    field = self._fields[name]
                    value = field.convert_to_record(field.convert_to_cache(vals[name], self), self)
                    if value != self._workflow_default(name):
                        changed.add(name)
            if changed and not self._workflow_permitted(changed, creating=True):
                raise AccessError(self._workflow_refusal(changed))
            # a default_<field> of the context would set a protected field behind the guard's back
            forged = [f"default_{name}" for name in protected if f"default_{name}" in self.env.context]
            if forged and not self._workflow_permitted(protected & {key[8:] for key in forged}, creating=True):
                context = {key: value for key, value in self.env.context.items() if key not in forged}
                model = self.with_env(self.env(context=context))
                model._workflow_prepare_create(vals_list)
                return super(InsuranceWorkflowGuard, model._workflow_without_permit()).create(vals_list)
        self._workflow_prepare_create(vals_list)
        return super(InsuranceWorkflowGuard, self._workflow_without_permit()).create(vals_list)

    def _workflow_prepare_create(self, vals_list):
        """Hook: the protected values the system gives new records (after the caller's values were checked)."""

    def write(self, vals):
        if self._workflow_protected_fields and not self.env.su:
            changed = self._workflow_changed(vals)
            if changed and not self._workflow_permitted(changed):
                raise AccessError(self._workflow_refusal(changed))
        return super(InsuranceWorkflowGuard, self._workflow_without_permit()).write(vals)
