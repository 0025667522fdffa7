import datetime
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError


class InsuranceClaim(models.Model):
    """Dispatch at intake: every new claim goes at once to the on-duty surveyor and handler.

    Whatever the channel (back-office form, portal, import, catastrophe bulk registration),
    ``create`` assigns the on-duty surveyor of the claim's region (else of its claim type's
    post) and the on-duty handler, moves the claim to Dispatched and schedules their to-dos,
    in the same transaction; the acknowledgement timeout runs from then. The duty lookups are
    made once per post for the whole batch. A claim with nobody on the whole escalation chain
    stays Reported, unassigned: the directors are told and the *Unassigned* list shows it;
    the escalation cron dispatches it as soon as someone is on duty.
    """

    _inherit = "insurance.claim"  # pylint: disable=consider-merging-classes-inherited

    is_unassigned = fields.Boolean(
        "Unassigned",
        compute="_compute_is_unassigned",
        store=True,
        index=True,
        help="Open and reported, with nobody on duty to dispatch it to: a director must assign it.",
    )

    @api.depends("state", "surveyor_id")
    def _compute_is_unassigned(self):
        for claim in self:
            claim.is_unassigned = claim.state == "reported" and not claim.surveyor_id

    @api.model_create_multi
    def create(self, vals_list):
        claims = super().create(vals_list)
        claims._dispatch_claims(strict=False)
        return claims

    def action_dispatch(self):
        """Dispatch again by hand the claims nobody could take at intake."""
        self._check_claims_staff()
        self._dispatch_claims(strict=True)
        return True

    def _dispatch_claims(self, strict, notify_unassigned=True):
        """Assign the reported claims of ``self`` to the on-duty staff and move them to Dispatched.

        ``strict`` (the button) refuses, before anything is written, a claim nobody can take;
        otherwise (intake, cron) such claims stay Reported and unassigned.
        """
        claims = self.filtered(lambda claim: claim.state == "reported")
        if strict and claims != self:
            raise UserError(self.env._("Only reported claims are dispatched."))
        if not claims:
            return self.browse()
        plans, unassigned = claims._dispatch_plan(strict, fields.Datetime.now())
        groups = defaultdict(lambda: self.browse())
        for claim, vals, _surveyor, _handler in plans:
            groups[tuple(sorted(vals.items()))] |= claim
        for vals, group in groups.items():
            if vals:
                group.write(dict(vals))
        dispatched = claims - unassigned
        if dispatched:
            dispatched._workflow_write({"state": "dispatched"})
            dispatched._log_stage("reported", self.env._("Dispatched to the staff on duty"))
        activities = []
        for claim, vals, surveyor, handler in plans:
            # staff picked by hand on the form are told by whoever picked them
            activities += claim._dispatch_activity_vals(
                surveyor if "surveyor_id" in vals else surveyor.browse(), handler
            )
        if activities:
            self.env["mail.activity"].create(activities)
        if unassigned and notify_unassigned:
            unassigned._notify_directors_unassigned()
        return dispatched

    def _dispatch_plan(self, strict, now):
        """``([(claim, values to write, surveyor, handler or False)], unassigned claims)``, one duty lookup a post."""
        Shift = self.env["duty.shift"]
        regions = {claim.region for claim in self if claim.region}
        region_posts = {}
        if regions:
            posts = self.env["duty.post"].search(
                [("claim_region", "in", list(regions)), ("company_id", "in", self.company_id.ids)], order="id desc"
            )
            region_posts = {(post.company_id.id, post.claim_region): post for post in posts}
        chains = {}

        def chain_of(post):
            if post.id not in chains:
                chains[post.id] = Shift.get_escalation_chain(post, at=now) if post else []
            return chains[post.id]

        plans = []  # (claim, vals, surveyor, handler or False)
        unassigned = self.browse()
        for claim in self:
            vals = {}
            handler = False
            handler_post = claim.claim_type_id.handler_post_id
            if not claim.handler_id and handler_post and chain_of(handler_post):
                handler = chain_of(handler_post)[0][1][:1]
                vals["handler_id"] = handler.id
            surveyor = claim.surveyor_id
            if not surveyor:
                post = region_posts.get((claim.company_id.id, claim.region)) or claim.claim_type_id.surveyor_post_id
                chain = chain_of(post)
                if chain:
                    tier, employees = chain[0]
                    surveyor = employees[:1]
                    vals.update(claim._surveyor_vals(post, tier, surveyor, now))
                elif strict:
                    raise UserError(claim._dispatch_refusal(post))
                else:
                    unassigned |= claim
            plans.append((claim, vals, surveyor, handler))

        return plans, unassigned

    def _dispatch_refusal(self, post):
        if not post:
            return self.env._(
                "Claim type %(type)s has no surveyor post and no post serves region %(region)s: "
                "choose the surveyor by hand.",
                type=self.claim_type_id.name,
                region=self.region or "-",
            )
        return self.env._("Nobody is on duty on %(post)s now: choose the surveyor by hand.", post=post.name)

    def _surveyor_vals(self, post, tier, employee, now):
        return {
            "surveyor_id": employee.id,
            "dispatch_post_id": post.id,
            "dispatch_tier": tier,
            "ack_deadline": now + datetime.timedelta(minutes=post.ack_timeout_minutes or 15),
        }

    def _dispatch_activity_vals(self, surveyor, handler):
        self.ensure_one()
        common = {
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "automated": True,
            "date_deadline": fields.Date.context_today(self),
        }
        vals_list = []
        if surveyor.user_id:
            vals_list.append(
                dict(
                    common,
                    user_id=surveyor.user_id.id,
                    summary=self.env._("Acknowledge claim %(name)s", name=self.name),
                    note=self.env._("You are on duty: acknowledge the claim and contact the claimant."),
                )
            )
        if handler and handler.user_id:
            vals_list.append(
                dict(
                    common,
                    user_id=handler.user_id.id,
                    summary=self.env._("Handle claim %(name)s", name=self.name),
                    note=self.env._("You are the handler on duty: the claim was assigned to you at intake."),
                )
            )
        return vals_list

    def _assign_surveyor(self, post, tier, employee, now):
        self.write(self._surveyor_vals(post, tier, employee, now))
        for claim in self:
            self.env["mail.activity"].create(claim._dispatch_activity_vals(employee, False))

    def _notify_directors_unassigned(self):
        directors = self.env.ref("claims_management.group_claims_director").users.filtered(lambda user: not user.share)
        # the system's notice, not the registering user's: it must not need their e-mail address
        system = self.env.ref("base.partner_root")
        for claim in self:
            claim.message_post(
                author_id=system.id,
                body=self.env._(
                    "Nobody is on duty to take claim %(name)s: it waits, unassigned, for a director to assign it.",
                    name=claim.name,
                ),
                partner_ids=directors.filtered(
                    lambda user, claim=claim: claim.company_id in user.company_ids
                ).partner_id.ids,
            )

    @api.model
    def _cron_escalate_dispatch(self):
        result = super()._cron_escalate_dispatch()
        # the claims nobody could take at intake go to whoever is on duty now
        self.search([("is_unassigned", "=", True)])._dispatch_claims(strict=False, notify_unassigned=False)
        return result
