import base64
import datetime

from odoo import fields, http
from odoo.addons.insurance_base.lib import http_input
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request
from odoo.tools import plaintext2html

from ..models.insurance_claim_portal import TEXT_LIMITS

CLAIMS_PER_PAGE = 20
# a file sent for a checklist item is never larger than this, whatever the item allows
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class ClaimsPortal(CustomerPortal):
    """The claimant portal: follow one's claims, send documents, accept the settlement, report a loss."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "claim_count" in counters:
            Claim = request.env["insurance.claim"]
            values["claim_count"] = Claim.search_count([]) if Claim.has_access("read") else 0
        return values

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _claims_portal_policies(self):
        """Policies of the portal user in force today; the record rules keep them to their own."""
        Policy = request.env["insurance.policy"]
        if not Policy.has_access("read"):
            return Policy
        today = fields.Date.context_today(Policy)
        return Policy.search([("state", "=", "active")]).filtered(lambda policy: policy.is_in_force(today))

    def _claim_get_page_view_values(self, claim, access_token, **kwargs):
        values = {
            "page_name": "claim",
            "claim": claim,
            "missing_documents": claim._missing_documents(),
            "message": kwargs.get("message"),
            "error": kwargs.get("error"),
        }
        return self._get_page_view_values(claim, access_token, values, "my_claims_history", False, **kwargs)

    def _claim_check_access(self, claim_id, access_token):
        """The claim as the portal user sees it (their rules), or as the token holder sees it."""
        claim_sudo = self._document_check_access("insurance.claim", claim_id, access_token)
        claim = request.env["insurance.claim"].browse(claim_id)
        return claim if claim.has_access("read") else claim_sudo

    def _claim_refuse_nul(self, kw, files=()):
        """A 400 answer when a value of the request holds a NUL character, else None."""
        try:
            http_input.refuse_nul(request.env, kw, files)
        except UserError as exc:
            return request.make_response(
                exc.args[0], headers=[("Content-Type", "text/plain; charset=utf-8")], status=400
            )
        return None

    # ------------------------------------------------------------------
    # List and detail
    # ------------------------------------------------------------------
    @http.route(["/my/claims", "/my/claims/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_claims(self, page=1, **kw):
        Claim = request.env["insurance.claim"]
        if not Claim.has_access("read"):
            return request.redirect("/my")
        claim_count = Claim.search_count([])
        pager = portal_pager(url="/my/claims", total=claim_count, page=page, step=CLAIMS_PER_PAGE)
        claims = Claim.search([], limit=CLAIMS_PER_PAGE, offset=pager["offset"])
        request.session["my_claims_history"] = claims.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update({"claims": claims, "page_name": "claim", "pager": pager, "default_url": "/my/claims"})
        return request.render("claims_management.portal_my_claims", values)

    @http.route(["/my/claims/<int:claim_id>"], type="http", auth="public", website=True)
    def portal_my_claim(self, claim_id, access_token=None, **kw):
        refused = self._claim_refuse_nul({**kw, "access_token": access_token or ""})
        if refused:
            return refused
        try:
            claim = self._claim_check_access(claim_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._claim_get_page_view_values(claim, access_token, **kw)
        return request.render("claims_management.portal_my_claim", values)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @http.route(
        ["/my/claims/<int:claim_id>/documents/<int:document_id>/upload"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_claim_upload(self, claim_id, document_id, access_token=None, attachment=None, **kw):
        refused = self._claim_refuse_nul(
            {**kw, "access_token": access_token or ""}, [attachment] if attachment is not None else []
        )
        if refused:
            return refused
        try:
            claim = self._claim_check_access(claim_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        # the user's own rights: the rules let a claimant write only the awaited documents of their open claims
        document = request.env["insurance.claim.document"].browse(document_id)
        error = message = None
        if document.claim_id.id != claim.id or not document.exists():
            error = request.env._("This document is not part of the claim.")
        elif not attachment or not getattr(attachment, "filename", None):
            error = request.env._("Choose a file to send.")
        else:
            try:
                # the size is known from the stream: a file over the limit is refused before anything reads it
                max_bytes = MAX_UPLOAD_BYTES
                if document.max_size_mb:
                    max_bytes = min(max_bytes, int(document.max_size_mb * 1024 * 1024))
                http_input.check_upload_size(request.env, attachment, max_bytes)
                file_name = http_input.checked_text(
                    request.env, attachment.filename, TEXT_LIMITS["attachment_name"], request.env._("File name")
                )
                with request.env.cr.savepoint():
                    document.write(
                        {
                            "attachment": base64.b64encode(attachment.read(max_bytes + 1)),
                            "attachment_name": file_name,
                        }
                    )
                message = request.env._("Thank you: %(document)s was received.", document=document.name)
            except (UserError, ValidationError) as exc:
                error = exc.args[0]
            except AccessError:
                error = request.env._("This document cannot be changed any more.")
        values = self._claim_get_page_view_values(claim, access_token, message=message, error=error)
        return request.render("claims_management.portal_my_claim", values, status=400 if error else 200)

    @http.route(["/my/claims/<int:claim_id>/accept"], type="http", auth="user", methods=["POST"], website=True)
    def portal_claim_accept(self, claim_id, access_token=None, **kw):
        refused = self._claim_refuse_nul({**kw, "access_token": access_token or ""})
        if refused:
            return refused
        try:
            claim_sudo = self._document_check_access("insurance.claim", claim_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        error = message = None
        try:
            with request.env.cr.savepoint():
                # A claimant has no write access on claims (it would let them change the amounts and states
                # through RPC). Accepting is their only change: after the access check above, this single claim
                # makes this single transition, which action_claimant_agrees allows from 'approved' only.
                claim_sudo.action_claimant_agrees()
            message = request.env._("You accepted the settlement: the payment is due within the statutory period.")
        except UserError as exc:
            error = exc.args[0]
        claim = self._claim_check_access(claim_id, access_token)
        values = self._claim_get_page_view_values(claim, access_token, message=message, error=error)
        return request.render("claims_management.portal_my_claim", values, status=400 if error else 200)

    # ------------------------------------------------------------------
    # Report a new claim
    # ------------------------------------------------------------------
    def _claim_new_values(self, **kw):
        policies = self._claims_portal_policies()
        claim_types = request.env["insurance.claim.type"].search([("company_id", "in", policies.company_id.ids)])
        return {
            **self._prepare_portal_layout_values(),
            "page_name": "claim_new",
            "policies": policies,
            "claim_types": claim_types,
            "form": kw,
        }

    @http.route(["/my/claims/new"], type="http", auth="user", methods=["GET", "POST"], website=True)
    def portal_claim_new(self, **kw):
        if request.httprequest.method != "POST":
            return request.render("claims_management.portal_claim_new", self._claim_new_values())
        try:
            http_input.refuse_nul(request.env, kw)
            claim = self._claim_portal_create(kw)
        except (UserError, ValidationError) as exc:
            values = self._claim_new_values(**http_input.without_nul(kw))
            values["error"] = exc.args[0]
            return request.render("claims_management.portal_claim_new", values, status=400)
        return request.redirect(claim.get_portal_url())

    def _claim_portal_create(self, kw):
        env = request.env
        try:
            policy_id = int(kw.get("policy_id") or 0)
            claim_type_id = int(kw.get("claim_type_id") or 0)
        except ValueError:
            policy_id = claim_type_id = 0
        # searched with the portal user's rules: only their own policies in force
        policy = self._claims_portal_policies().filtered(lambda p: p.id == policy_id)
        if not policy:
            raise UserError(env._("Choose one of your policies in force."))
        claim_type = env["insurance.claim.type"].search(
            [("id", "=", claim_type_id), ("company_id", "=", policy.company_id.id)]
        )
        if not claim_type:
            raise UserError(env._("Choose the kind of loss."))
        try:
            loss_date = fields.Date.to_date(kw.get("loss_date"))
        except ValueError:
            loss_date = None
        if not loss_date:
            raise UserError(env._("Give the date of the loss."))
        description = http_input.checked_text(
            env, kw.get("description"), TEXT_LIMITS["description"], env._("What happened")
        )
        loss_place = http_input.checked_text(env, kw.get("loss_place"), TEXT_LIMITS["loss_place"], env._("Place"))
        if not description:
            raise UserError(env._("Describe what happened."))
        now = fields.Datetime.now()
        loss_at = min(datetime.datetime.combine(loss_date, datetime.time(0, 0)), now)
        vals = {
            "company_id": policy.company_id.id,
            "policy_id": policy.id,
            "claim_type_id": claim_type.id,
            "claimant_id": env.user.partner_id.id,
            "channel": "portal",
            "reported_at": now,
            "loss_at": loss_at,
            "loss_place": loss_place,
            "description": plaintext2html(description),
        }
        # A claimant may not create claims through RPC (they could name any claimant, policy or amount):
        # the values above come from records the portal user reads under their own rules, and the
        # claimant is always themselves. The intake (numbering, checklist, ledger) runs as the insurer.
        with env.cr.savepoint():
            claim = env["insurance.claim"].sudo().with_company(policy.company_id).create(vals)
        return claim.with_env(env)
