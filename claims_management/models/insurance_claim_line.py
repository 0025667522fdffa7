from collections import defaultdict
from decimal import Decimal

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.misc import formatLang

from ..lib import benefit

# lines change only while the claim is being assessed and decided
EDITABLE_STATES = ("assessment", "decision")
# the amounts and days of these claims are taken out of a cover's limit and yearly maximum
COUNTED_STATES = ("approved", "agreed", "paid", "closed")
METHODS = [
    ("indemnity", "Indemnity"),
    ("per_diem", "Per diem"),
    ("per_head", "Per head"),
    ("depreciated", "Depreciated value"),
]
# the inputs of the calculation on the line itself
INPUT_FIELDS = (
    "method",
    "coverage_id",
    "sequence",
    "assessed_loss",
    "is_repairable",
    "repair_cost",
    "days",
    "daily_amount",
    "is_cash",
    "depreciation_basis",
    "purchase_price",
    "accumulated_depreciation",
    "original_value",
    "remaining_life",
    "standard_life",
    "head_ids.heads",
    "head_ids.amount_per_head",
)
COVERAGE_TERMS = (
    "limit_amount",
    "deductible_amount",
    "deductible_percent",
    "coinsurance_percent",
    "waiting_days",
    "max_days_per_year",
    "event_window_hours",
)
# the earlier lines of the same claim use up the limit and the yearly maximum
BENEFIT_DEPENDS = (
    INPUT_FIELDS
    + tuple(f"coverage_id.{name}" for name in COVERAGE_TERMS)
    + ("claim_id.line_ids", "claim_id.insured_id", "claim_id.loss_at")
    + tuple(f"claim_id.line_ids.{name}" for name in INPUT_FIELDS)
)
BENEFIT_FIELDS = (
    "amount",
    "formula",
    "eligible_days",
    "calculation_steps",
    "loss_amount",
    "deductible_taken",
    "waiting_taken",
    "event_ref",
)
# claims that are no event any more
DROPPED_STATES = ("rejected", "withdrawn")
MAX_LIFE_YEARS = 100


class InsuranceClaimLine(models.Model):
    """An assessment line (定损明细) of a claim: the inputs of one benefit and its calculation.

    ``amount`` and ``formula`` come from ``lib/benefit.py``. The formula is
    language-neutral (numbers and operators) and stored; ``explanation`` renders
    the stored steps as sentences in the reader's language.

    The remaining limit of the cover is its limit minus the amounts of the lines
    on the same cover of other claims that are approved, agreed, paid or closed,
    and minus the earlier lines of this claim on that cover. Likewise, the
    per-diem yearly maximum counts the days paid on the cover to the same insured
    in the same policy year. The amounts are calculated while the claim is in
    assessment or decision and kept once it leaves them.
    """

    _name = "insurance.claim.line"
    _description = "Claim Assessment Line"
    _order = "claim_id, sequence, id"
    _check_company_auto = True

    claim_id = fields.Many2one("insurance.claim", required=True, index=True, ondelete="cascade", check_company=True)
    company_id = fields.Many2one(related="claim_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="claim_id.currency_id")
    policy_id = fields.Many2one(related="claim_id.policy_id")
    claim_state = fields.Selection(related="claim_id.state", string="Claim Status")
    sequence = fields.Integer(default=10)
    name = fields.Char("Description", help="What is assessed, e.g. guard rail K12+300, 40 m.")
    coverage_id = fields.Many2one(
        "insurance.policy.coverage",
        string="Cover",
        required=True,
        index=True,
        compute="_compute_coverage_id",
        store=True,
        readonly=False,
        precompute=True,
        domain="[('policy_id', '=', policy_id)]",
        check_company=True,
    )
    method = fields.Selection(
        METHODS,
        string="Calculation Method",
        required=True,
        compute="_compute_method",
        store=True,
        readonly=False,
        precompute=True,
    )
    # indemnity (and the actual loss of cash)
    assessed_loss = fields.Monetary(
        currency_field="currency_id", help="Indemnity: the loss as assessed. Cash: the actual loss."
    )
    is_repairable = fields.Boolean("Repairable", help="The damage is repaired: the repair cost is the loss.")
    repair_cost = fields.Monetary(currency_field="currency_id")
    limit_amount = fields.Monetary(related="coverage_id.limit_amount")
    deductible_amount = fields.Monetary(related="coverage_id.deductible_amount")
    deductible_percent = fields.Float(related="coverage_id.deductible_percent")
    coinsurance_percent = fields.Float(related="coverage_id.coinsurance_percent")
    # per diem
    days = fields.Integer(help="Days in hospital or of nursing claimed on this line.")
    daily_amount = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_daily_amount",
        store=True,
        readonly=False,
        precompute=True,
        help="From the cover's daily amount.",
    )
    waiting_days = fields.Integer(related="coverage_id.waiting_days")
    max_days_per_year = fields.Integer(related="coverage_id.max_days_per_year")
    # per head
    head_ids = fields.One2many("insurance.claim.line.head", "line_id", string="Heads by Class", copy=True)
    # depreciated value
    is_cash = fields.Boolean("Cash", help="Cash was lost: the actual loss (Assessed Loss) is paid.")
    depreciation_basis = fields.Selection(
        [("book", "Purchase price less depreciation"), ("life", "Remaining useful life")],
        default="book",
        required=True,
    )
    purchase_price = fields.Monetary(currency_field="currency_id")
    accumulated_depreciation = fields.Monetary(currency_field="currency_id")
    original_value = fields.Monetary(currency_field="currency_id")
    remaining_life = fields.Float("Remaining Life (years)", digits=(16, 2))
    standard_life = fields.Float("Standard Life (years)", digits=(16, 2))
    # the result
    amount = fields.Monetary(
        currency_field="currency_id", compute="_compute_benefit", store=True, readonly=True, precompute=True
    )
    formula = fields.Char(
        compute="_compute_benefit",
        store=True,
        readonly=True,
        precompute=True,
        help="How the amount was calculated, in numbers.",
    )
    eligible_days = fields.Integer("Days Paid", compute="_compute_benefit", store=True, readonly=True, precompute=True)
    calculation_steps = fields.Json(compute="_compute_benefit", store=True, readonly=True, precompute=True)
    # the event (72-hour clause): what this line took of the deductible and waiting days of its event
    loss_amount = fields.Monetary(
        "Loss for the Deductible",
        currency_field="currency_id",
        compute="_compute_benefit",
        store=True,
        readonly=True,
        precompute=True,
    )
    deductible_taken = fields.Monetary(
        currency_field="currency_id",
        compute="_compute_benefit",
        store=True,
        readonly=True,
        precompute=True,
        help="The part of the event's deductible taken on this line.",
    )
    waiting_taken = fields.Integer(
        "Waiting Days Served",
        compute="_compute_benefit",
        store=True,
        readonly=True,
        precompute=True,
        help="The waiting days of the event served on this line.",
    )
    event_ref = fields.Char(
        "Event",
        compute="_compute_benefit",
        store=True,
        readonly=True,
        precompute=True,
        help="The first claim of the event this loss belongs to: the losses on the policy within the event "
        "window of the cover (72-hour clause) share one deductible and one set of waiting days.",
    )
    explanation = fields.Text(compute="_compute_explanation", string="Calculation")

    @api.depends("claim_id.coverage_id")
    def _compute_coverage_id(self):
        for line in self:
            if not line.coverage_id:
                line.coverage_id = line.claim_id.coverage_id

    @api.depends("claim_id.claim_type_id.calculation_method")
    def _compute_method(self):
        for line in self:
            if not line.method:
                line.method = line.claim_id.claim_type_id.calculation_method or "indemnity"

    @api.depends("coverage_id")
    def _compute_daily_amount(self):
        """The cover's daily amount when the cover is chosen; a later change of the cover leaves it."""
        for line in self:
            line.daily_amount = line.coverage_id.per_diem_amount

    # ------------------------------------------------------------------
    # Calculation
    # ------------------------------------------------------------------
    @api.depends(*BENEFIT_DEPENDS)
    def _compute_benefit(self):
        used_amounts, used_days = self._used_by_other_claims()
        events = self._events_of_claims()
        for claim, lines in self.grouped("claim_id").items():
            if claim.state not in EDITABLE_STATES:
                # the claim went past its decision: keep the amounts it was decided on
                for line in lines:
                    line._keep_benefit()
                continue
            window = claim._policy_year() if claim.insured_id else None
            running_amount = {}
            running_days = {}
            running_event = {}
            # lines being created (precomputed) are not among the claim's lines yet
            ordered = list(claim.line_ids) + list(lines - claim.line_ids)
            ordered.sort(key=lambda line: line.sequence)  # stable: saved lines first at equal sequence
            for line in ordered:
                coverage = line.coverage_id._origin
                if coverage not in running_amount:
                    running_amount[coverage] = benefit.to_decimal(used_amounts.get(coverage, 0), "used_amount")
                    running_days[coverage] = sum(
                        days
                        for insured, loss_day, days in used_days.get(coverage, ())
                        if window and insured == claim.insured_id._origin and window[0] <= loss_day < window[1]
                    )
                    running_event[coverage] = dict(events.get((claim._origin, coverage)) or _no_event(claim))
                event = running_event[coverage]
                try:
                    result = line._benefit_result(running_amount[coverage], running_days[coverage], event)
                except benefit.CalculationError as error:
                    result = error
                if line in self:
                    line._set_benefit(result, event["ref"])
                if isinstance(result, benefit.Result):
                    running_amount[coverage] += result.amount
                    running_days[coverage] += result.eligible_days
                    label = f"{claim.name}: {line.name or line.sequence}"
                    if line.method == "indemnity":
                        event["loss"] += line._indemnity_loss()
                    if result.deductible_taken:
                        event["deductible"] += result.deductible_taken
                        event["deductible_on"].append(label)
                    if result.waiting_taken:
                        event["waiting"] += result.waiting_taken
                        event["waiting_on"].append(label)

    def _events_of_claims(self, claims=None):
        """The event of each claim being calculated on each cover of its lines, and what it already used.

        ``{(claim, coverage): {"ref": first claim of the event, "loss", "deductible", "deductible_on",
        "waiting", "waiting_on"}}``: the losses, deductible and waiting days (of the same insured) taken by
        the approved-or-later claims of the same event on that cover, and the lines that took them. The
        events are formed over the policy's claims that are not rejected or withdrawn (``lib/benefit.py``,
        :func:`group_events`), in two searches for the whole batch.
        """
        if claims is None:
            claims = self.claim_id._origin.filtered(lambda claim: claim.state in EDITABLE_STATES)
        coverages = (self | claims.line_ids).coverage_id._origin.filtered("event_window_hours")
        if not (claims and coverages):
            return {}
        policy_claims = (
            self.env["insurance.claim"].search(
                [("policy_id", "in", claims.policy_id.ids), ("state", "not in", DROPPED_STATES)]
            )
            | claims
        )
        by_policy = policy_claims.grouped("policy_id")
        members = {}  # (claim, coverage) -> (first claim, counted claims of the event)
        for coverage in coverages:
            on_policy = by_policy.get(coverage.policy_id, self.env["insurance.claim"])
            grouping = benefit.group_events(
                [(other.id, other.loss_at) for other in on_policy if other.loss_at],
                coverage.event_window_hours,
            )
            for claim in claims.filtered(lambda claim, coverage=coverage: claim.policy_id == coverage.policy_id):
                first = grouping.get(claim.id)
                counted = on_policy.filtered(
                    lambda other, first=first, claim=claim, grouping=grouping: other != claim
                    and other.state in COUNTED_STATES
                    and grouping.get(other.id) == first
                )
                members[claim, coverage] = (self.env["insurance.claim"].browse(first), counted)
        counted_claims = self.env["insurance.claim"].union(*(counted for _first, counted in members.values()))
        counted_lines = self.browse()
        if counted_claims:
            counted_lines = self.search(
                [("claim_id", "in", counted_claims.ids), ("coverage_id", "in", coverages.ids)],
                order="claim_id, sequence, id",
            )
        lines_by_key = counted_lines.grouped(lambda line: (line.claim_id, line.coverage_id))
        events = {}
        for (claim, coverage), (first, counted) in members.items():
            event = _no_event(claim)
            event["ref"] = first.name or claim.name
            for other in counted.sorted(lambda other: (other.loss_at, other.id)):
                for line in lines_by_key.get((other, coverage), ()):
                    label = f"{other.name}: {line.name or line.sequence}"
                    event["loss"] += benefit.to_decimal(line.loss_amount, "loss_amount")
                    if line.deductible_taken:
                        event["deductible"] += benefit.to_decimal(line.deductible_taken, "deductible_taken")
                        event["deductible_on"].append(label)
                    if line.waiting_taken and other.insured_id == claim.insured_id:
                        event["waiting"] += line.waiting_taken
                        event["waiting_on"].append(label)
            events[claim, coverage] = event
        return events

    def _used_by_other_claims(self):
        """The amounts and per-diem days on the covers of ``self`` in approved-or-later claims.

        ``({coverage: amount}, {coverage: [(insured, loss date, days)]})``, in two grouped queries.
        The claims in assessment or decision, the only ones calculated, are never among them.
        """
        coverages = (self | self.claim_id.line_ids).coverage_id._origin
        if not coverages:
            return {}, {}
        Line = self.env["insurance.claim.line"]
        domain = [("coverage_id", "in", coverages.ids), ("claim_id.state", "in", COUNTED_STATES)]
        used_amounts = dict(Line._read_group(domain, ["coverage_id"], ["amount:sum"]))
        insured = self.claim_id.insured_id._origin
        used_days = defaultdict(list)
        if insured:
            day_groups = Line._read_group(
                domain + [("method", "=", "per_diem"), ("claim_id.insured_id", "in", insured.ids)],
                ["coverage_id", "claim_id"],
                ["eligible_days:sum"],
            )
            for coverage, claim, days in day_groups:
                used_days[coverage].append((claim.insured_id, claim.loss_date, days))
        return used_amounts, used_days

    def _check_event_deductible_at_approval(self, claims):
        """Refuse to approve ``claims`` whose lines took a deductible that an approved claim of the same event
        took since (their amounts were kept when they left the decision): they go back to the assessment.
        """
        events = self._events_of_claims(claims)
        for (claim, coverage), event in events.items():
            if not event["deductible"]:
                continue
            lines = claim.line_ids.filtered(lambda line, coverage=coverage: line.coverage_id == coverage)
            taken = sum(lines.mapped("deductible_taken"))
            if not taken:
                continue
            loss = event["loss"] + sum((line._indemnity_loss() for line in lines), Decimal(0))
            deductible = max(
                benefit.to_decimal(coverage.deductible_amount, "deductible_amount"),
                loss * benefit.to_decimal(coverage.deductible_percent, "deductible_percent") / benefit.HUNDRED,
            )
            if coverage.currency_id.compare_amounts(float(event["deductible"]) + taken, float(deductible)) > 0:
                raise ValidationError(
                    self.env._(
                        "Claim %(claim)s: the deductible of cover %(cover)s for this event was already taken on "
                        "%(taken_on)s after this claim was assessed. Return the claim to the assessment to calculate "
                        "it again.",
                        claim=claim.name,
                        cover=coverage.display_name,
                        taken_on=", ".join(event["deductible_on"]),
                    )
                )

    def _indemnity_loss(self):
        return benefit.to_decimal(self.repair_cost if self.is_repairable else self.assessed_loss, "assessed_loss")

    def _benefit_result(self, used_amount=0, used_days=0, event=None):
        """The ``benefit.Result`` of this line; raises ``benefit.CalculationError`` on bad input.

        ``event``: what the earlier lines of the event took (see ``_events_of_claims``); none: the
        line is alone in its event.
        """
        self.ensure_one()
        event = event or {}
        coverage = self.coverage_id
        rounding = Decimal(1).scaleb(-self.currency_id.decimal_places) if self.currency_id else benefit.CENT
        cap = {"limit_amount": coverage.limit_amount, "used_amount": used_amount, "rounding": rounding}
        if self.method == "indemnity":
            return benefit.indemnity(
                self.assessed_loss,
                is_repairable=self.is_repairable,
                repair_cost=self.repair_cost,
                deductible_amount=coverage.deductible_amount,
                deductible_percent=coverage.deductible_percent,
                coinsurance_percent=coverage.coinsurance_percent,
                event_loss=event.get("loss", 0),
                deductible_taken=event.get("deductible", 0),
                taken_on=", ".join(event.get("deductible_on", ())),
                **cap,
            )
        if self.method == "per_diem":
            return benefit.per_diem(
                self.days,
                self.daily_amount,
                waiting_days=coverage.waiting_days,
                max_days_per_year=coverage.max_days_per_year,
                used_days=used_days,
                waiting_taken=event.get("waiting", 0),
                taken_on=", ".join(event.get("waiting_on", ())),
                **cap,
            )
        if self.method == "per_head":
            classes = [(head.weight_class, head.heads, head.amount_per_head) for head in self.head_ids]
            return benefit.per_head(classes, **cap)
        return benefit.depreciated(
            basis="cash" if self.is_cash else self.depreciation_basis,
            purchase_price=self.purchase_price,
            accumulated_depreciation=self.accumulated_depreciation,
            original_value=self.original_value,
            remaining_life=self.remaining_life,
            standard_life=self.standard_life,
            assessed_loss=self.assessed_loss,
            **cap,
        )

    def _set_benefit(self, result, event_ref=False):
        """Store a ``benefit.Result``, a ``benefit.CalculationError`` or nothing (``None``)."""
        if isinstance(result, benefit.Result):
            self.update(
                {
                    "amount": float(result.amount),
                    "formula": result.formula,
                    "eligible_days": result.eligible_days,
                    "calculation_steps": [
                        {"code": step.code, "params": _jsonable(step.params)} for step in result.steps
                    ],
                    "loss_amount": float(self._indemnity_loss()) if self.method == "indemnity" else 0.0,
                    "deductible_taken": float(result.deductible_taken),
                    "waiting_taken": result.waiting_taken,
                    "event_ref": event_ref or False,
                }
            )
            return
        steps = False
        if isinstance(result, benefit.CalculationError):
            steps = [{"code": "error", "params": {"error": result.code, **_jsonable(result.params)}}]
        self.update(
            {
                "amount": 0.0,
                "formula": False,
                "eligible_days": 0,
                "calculation_steps": steps,
                "loss_amount": 0.0,
                "deductible_taken": 0.0,
                "waiting_taken": 0,
                "event_ref": event_ref or False,
            }
        )

    def _keep_benefit(self):
        """Keep the stored result (of the line itself, or of the saved line behind a form's copy)."""
        origin = self._origin
        if origin:
            self.update({name: origin[name] for name in BENEFIT_FIELDS})
        else:
            self._set_benefit(None)

    @api.depends("calculation_steps")
    def _compute_explanation(self):
        for line in self:
            steps = line.calculation_steps or []
            line.explanation = "\n".join(line._explain_step(step["code"], step["params"]) for step in steps) or False

    def _explain_step(self, code, params):
        """One step of the calculation as a sentence in the user's language."""
        if code == "error":
            return self._calculation_error_message(params["error"], params)
        values = {
            key: value if isinstance(value, (bool, int)) else self._format_value(key, value)
            for key, value in params.items()
        }
        variant = _step_variant(code, params)
        sentences = {
            "loss": lambda: self.env._("Assessed loss: %(loss)s", **values),
            "repair_cost": lambda: self.env._("Repairable damage: the repair cost of %(loss)s is the loss", **values),
            "deductible_both": lambda: self.env._(
                "Deductible: the higher of %(fixed)s and %(percent)s%% of the loss (%(from_percent)s) = %(deductible)s",
                **values,
            ),
            "deductible_percent": lambda: self.env._(
                "Deductible: %(percent)s%% of the loss = %(deductible)s", **values
            ),
            "deductible_fixed": lambda: self.env._("Deductible: %(deductible)s", **values),
            "deductible_event": lambda: self.env._(
                "One deductible per event (72-hour clause): %(taken)s of the deductible of %(deductible)s was "
                "already taken on %(taken_on)s, so %(due)s is deducted here",
                **values,
            ),
            "waiting_event": lambda: self.env._(
                "One set of waiting days per event (72-hour clause): %(taken)s of the %(waiting)s waiting days "
                "were already served on %(taken_on)s, so %(due)s remain",
                **values,
            ),
            "after_deductible": lambda: self.env._(
                "Loss after deductible: %(loss)s - %(deductible)s = %(net)s", **values
            ),
            "nothing_left": lambda: self.env._(
                "The deductible of %(deductible)s exceeds the loss of %(loss)s: nothing is left", **values
            ),
            "coinsurance": lambda: self.env._("Insurer's share: %(net)s × %(percent)s%% = %(share)s", **values),
            "cap_hit": lambda: self.env._(
                "Capped at the remaining limit: limit %(limit)s less %(used)s used by approved claims and "
                "the earlier lines of this claim = %(remaining)s, so %(result)s",
                **values,
            ),
            "cap_within": lambda: self.env._(
                "Within the remaining limit of %(remaining)s (limit %(limit)s less %(used)s used by approved "
                "claims and the earlier lines of this claim)",
                **values,
            ),
            "waiting": lambda: self.env._(
                "Eligible days: %(days)s days less %(waiting)s waiting days = %(eligible)s", **values
            ),
            "no_waiting": lambda: self.env._("Eligible days: %(days)s", **values),
            "yearly_max_hit": lambda: self.env._(
                "Yearly maximum of %(max_days)s days, %(used_days)s already used this policy year: "
                "%(remaining_days)s days left, so %(result)s days are paid",
                **values,
            ),
            "yearly_max_within": lambda: self.env._(
                "Within the yearly maximum of %(max_days)s days (%(used_days)s already used this policy year)",
                **values,
            ),
            "daily": lambda: self.env._("%(days)s days × %(daily)s a day = %(amount)s", **values),
            "head_class": lambda: self.env._("%(label)s: %(heads)s heads × %(per_head)s = %(subtotal)s", **values),
            "heads_total": lambda: self.env._("All classes: %(total)s", **values),
            "book_value": lambda: self.env._(
                "Purchase price %(price)s less accumulated depreciation %(depreciation)s = %(value)s "
                "(never below zero)",
                **values,
            ),
            "life_value": lambda: self.env._(
                "Original value %(original)s × remaining life %(remaining_years)s years ÷ standard life "
                "%(standard_years)s years = %(value)s",
                **values,
            ),
            "cash": lambda: self.env._("Cash: the actual loss of %(loss)s is paid", **values),
        }
        return sentences[variant]() if variant in sentences else code

    def _format_value(self, key, value):
        if key in ("percent", "remaining_years", "standard_years"):
            return benefit.fmt_number(Decimal(value))
        if key in ("label", "field", "error", "basis", "taken_on"):
            return value
        return formatLang(self.env, float(value), currency_obj=self.currency_id or self.env.company.currency_id)

    def _calculation_error_message(self, code, params):
        """The translated message of a ``benefit.CalculationError``."""
        field = self._field_label(params.get("field", ""))
        value = params.get("value", "")
        messages = {
            "negative": lambda: self.env._("%(field)s cannot be negative.", field=field),
            "not_a_number": lambda: self.env._("%(field)s is not a number.", field=field),
            "percent_range": lambda: self.env._("%(field)s must be between 0 and 100.", field=field),
            "days_range": lambda: self.env._(
                "%(field)s: %(value)s is more than %(max)s days.", field=field, value=value, max=params.get("max")
            ),
            "whole_days": lambda: self.env._("%(field)s must be whole days.", field=field),
            "whole_heads": lambda: self.env._("The number of heads must be a whole number."),
            "standard_life_zero": lambda: self.env._("The standard life must be more than zero years."),
            "remaining_life_above_standard": lambda: self.env._(
                "The remaining life (%(remaining)s years) cannot exceed the standard life (%(standard)s years).",
                remaining=benefit.fmt_number(params.get("remaining", 0)),
                standard=benefit.fmt_number(params.get("standard", 0)),
            ),
            "unknown_basis": lambda: self.env._("Choose how the depreciated value is worked out."),
            "event_window": lambda: self.env._("The event window must be more than 0 hours."),
        }
        return messages[code]() if code in messages else code

    def _field_label(self, name):
        for model in ("insurance.claim.line", "insurance.claim.line.head", "insurance.policy.coverage"):
            field = self.env[model]._fields.get(name)
            if field:
                return field._description_string(self.env)
        labels = {
            "used_amount": self.env._("Amount already used on the cover"),
            "used_days": self.env._("Days already used this policy year"),
        }
        return labels.get(name, name)

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.constrains("claim_id", "coverage_id")
    def _check_coverage(self):
        for line in self:
            if line.coverage_id.policy_id != line.claim_id.policy_id:
                raise ValidationError(
                    self.env._(
                        "Claim %(claim)s: the cover %(cover)s is not part of policy %(policy)s.",
                        claim=line.claim_id.name,
                        cover=line.coverage_id.name,
                        policy=line.claim_id.policy_id.name,
                    )
                )

    @api.constrains(*(name for name in INPUT_FIELDS if "." not in name and name not in ("sequence", "coverage_id")))
    def _check_inputs(self):
        for line in self:
            try:
                line._benefit_result()
            except benefit.CalculationError as error:
                raise ValidationError(line._error_prefix(error.code, error.params)) from None
            if line.remaining_life > MAX_LIFE_YEARS or line.standard_life > MAX_LIFE_YEARS:
                raise ValidationError(
                    line._error_prefix_text(
                        self.env._("A useful life of more than %(years)s years is not plausible.", years=MAX_LIFE_YEARS)
                    )
                )
            sum_insured = line.claim_id.policy_id.sum_insured
            loss = max(line.assessed_loss, line.repair_cost, line.purchase_price, line.original_value)
            if sum_insured and loss > sum_insured * 10:
                raise ValidationError(
                    line._error_prefix_text(
                        self.env._("The amount is more than ten times the sum insured of the policy; check the figure.")
                    )
                )

    def _error_prefix(self, code, params):
        return self._error_prefix_text(self._calculation_error_message(code, params))

    def _error_prefix_text(self, text):
        return self.env._(
            "Claim %(claim)s, assessment line %(line)s: %(error)s",
            claim=self.claim_id.name,
            line=self.name or self.sequence,
            error=text,
        )

    def _check_claim_editable(self, claims=None):
        for claim in self.claim_id if claims is None else claims:
            if claim.state not in EDITABLE_STATES:
                labels = dict(claim._fields["state"]._description_selection(self.env))
                raise ValidationError(
                    self.env._(
                        "Claim %(claim)s is %(state)s: its assessment lines change only during assessment and "
                        "decision.",
                        claim=claim.name,
                        state=labels[claim.state],
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        claim_ids = {vals["claim_id"] for vals in vals_list if vals.get("claim_id")}
        self.browse()._check_claim_editable(self.env["insurance.claim"].browse(claim_ids))
        lines = super().create(vals_list)
        lines._check_claim_editable()
        return lines

    def write(self, vals):
        self._check_claim_editable()
        result = super().write(vals)
        if "claim_id" in vals:
            self._check_claim_editable()
        return result

    def unlink(self):
        self._check_claim_editable()
        return super().unlink()

    def _refresh_benefit(self):
        """Calculate these lines again (the claims on their covers changed)."""
        for name in BENEFIT_FIELDS:
            self.env.add_to_compute(self._fields[name], self)
        self.env.add_to_compute(self.env["insurance.claim"]._fields["assessed_amount"], self.claim_id)


def _no_event(claim):
    """The event of a claim alone on its cover: nothing taken yet."""
    return {
        "ref": claim.name,
        "loss": Decimal(0),
        "deductible": Decimal(0),
        "deductible_on": [],
        "waiting": 0,
        "waiting_on": [],
    }


def _jsonable(params):
    return {key: str(value) if isinstance(value, Decimal) else value for key, value in params.items()}


def _step_variant(code, params):
    """The sentence that tells a step: some steps read differently by their numbers."""
    if code == "deductible":
        if Decimal(params["percent"]):
            return "deductible_both" if Decimal(params["fixed"]) else "deductible_percent"
        return "deductible_fixed"
    if code == "after_deductible" and Decimal(params["loss"]) < Decimal(params["deductible"]):
        return "nothing_left"
    if code == "cap":
        return "cap_hit" if params["capped"] else "cap_within"
    if code == "waiting" and not params["waiting"]:
        return "no_waiting"
    if code == "yearly_max":
        return "yearly_max_hit" if params["capped"] else "yearly_max_within"
    return code
