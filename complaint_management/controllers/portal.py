from odoo import http
from odoo.addons.insurance_base.lib import http_input
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from ..models.insurance_complaint_intake import TEXT_LIMITS
from .web_form import read_form, read_uploads

COMPLAINTS_PER_PAGE = 20


class ComplaintsPortal(CustomerPortal):
    """The complainant's portal: follow one's complaints, file a new one, ask for a review."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "complaint_count" in counters:
            Complaint = request.env["insurance.complaint"]
            values["complaint_count"] = Complaint.search_count([]) if Complaint.has_access("read") else 0
        return values

    def _complaint_check_access(self, complaint_id, access_token=None):
        """The complaint as the portal user may see it; AccessError / MissingError otherwise."""
        complaint_sudo = self._document_check_access("insurance.complaint", complaint_id, access_token)
        complaint = request.env["insurance.complaint"].browse(complaint_id)
        return complaint if complaint.has_access("read") else complaint_sudo

    def _complaint_page_values(self, complaint, access_token, **kwargs):
        # the dates read the company's time zone and the letters' delivery, and the decision its internal fields,
        # which a portal user cannot read; the complaint itself was access-checked by the caller
        dates = complaint.sudo()
        values = {
            "page_name": "complaint",
            "complaint": complaint,
            "decision_due": dates._portal_decision_due(),
            "review_deadline": dates._portal_review_deadline(),
            "can_request_review": dates._portal_can_request_review(),
            "decision": dates._portal_decision(),
            "message": kwargs.get("message"),
            "error": kwargs.get("error"),
        }
        return self._get_page_view_values(complaint, access_token, values, "my_complaints_history", False, **kwargs)

    @http.route(["/my/complaints", "/my/complaints/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_complaints(self, page=1, **kw):
        Complaint = request.env["insurance.complaint"]
        if not Complaint.has_access("read"):
            return request.redirect("/my")
        total = Complaint.search_count([])
        pager = portal_pager(url="/my/complaints", total=total, page=page, step=COMPLAINTS_PER_PAGE)
        complaints = Complaint.search([], limit=COMPLAINTS_PER_PAGE, offset=pager["offset"])
        request.session["my_complaints_history"] = complaints.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update({"complaints": complaints, "page_name": "complaint", "pager": pager})
        return request.render("complaint_management.portal_my_complaints", values)

    def _complaint_refuse_nul(self, kw):
        """A 400 answer when a value of the request holds a NUL character, else None."""
        try:
            http_input.refuse_nul(request.env, kw, request.httprequest.files.getlist("attachments"))
        except UserError as exc:
            return request.make_response(
                exc.args[0], headers=[("Content-Type", "text/plain; charset=utf-8")], status=400
            )
        return None

    @http.route(["/my/complaints/<int:complaint_id>"], type="http", auth="public", website=True)
    def portal_my_complaint(self, complaint_id, access_token=None, **kw):
        refused = self._complaint_refuse_nul({**kw, "access_token": access_token or ""})
        if refused:
            return refused
        try:
            complaint = self._complaint_check_access(complaint_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._complaint_page_values(complaint, access_token, **kw)
        return request.render("complaint_management.portal_my_complaint", values)

    @http.route(["/my/complaints/<int:complaint_id>/review"], type="http", auth="user", methods=["POST"], website=True)
    def portal_complaint_review(self, complaint_id, access_token=None, reason=None, **kw):
        refused = self._complaint_refuse_nul({**kw, "access_token": access_token or "", "reason": reason or ""})
        if refused:
            return refused
        try:
            complaint = self._complaint_check_access(complaint_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        error = message = None
        try:
            reason = http_input.checked_text(
                request.env, reason, TEXT_LIMITS["review_reason"], request.env._("Reasons for review")
            )
            with request.env.cr.savepoint():
                # A complainant has no write right on complaints (they could change the result through RPC).
                # After the access check above, this one complaint makes this one transition, which
                # _portal_request_review allows only from a sent decision and within 30 days of it.
                complaint.sudo()._portal_request_review(reason)
            message = request.env._("Your request for a review was received: the upper level will decide on it.")
        except (UserError, ValidationError) as exc:
            error = exc.args[0]
        complaint = self._complaint_check_access(complaint_id, access_token)
        values = self._complaint_page_values(complaint, access_token, message=message, error=error)
        return request.render("complaint_management.portal_my_complaint", values, status=400 if error else 200)

    @http.route(["/my/complaints/new"], type="http", auth="user", methods=["GET", "POST"], website=True)
    def portal_complaint_new(self, **kw):
        values = {**self._prepare_portal_layout_values(), "page_name": "complaint_new", "form": kw}
        if request.httprequest.method != "POST":
            return request.render("complaint_management.portal_complaint_new", values)
        env = request.env
        partner = env.user.partner_id
        files = request.httprequest.files.getlist("attachments")
        try:
            http_input.refuse_nul(env, kw, files)
        except UserError as exc:
            values.update(form=http_input.without_nul(kw), error=exc.args[0])
            return request.render("complaint_management.portal_complaint_new", values, status=400)
        # the same limit as the public form, per portal user (their address may be shared: an office, a proxy)
        if not env["insurance.complaint.intake.attempt"].sudo()._register_post(f"portal:{env.uid}"):
            values["error"] = env._("You sent too many complaints in a short time. Please try again later.")
            return request.render("complaint_management.portal_complaint_new", values, status=429)
        try:
            form = read_form(kw, env, need_contact=False)
            uploads = read_uploads(files, env)
            with env.cr.savepoint():
                # Narrow sudo: a portal user has no create right on complaints (through RPC they could name
                # any complainant, owner or result). The complainant is always the user, the channel is the
                # portal and only the checked text fields and files are written.
                complaint = (
                    env["insurance.complaint"]
                    .sudo()
                    .with_company(partner.company_id or env.company)
                    ._create_from_public_form(form, uploads, channel="portal", partner=partner)
                )
        except (UserError, ValidationError) as exc:
            values["error"] = exc.args[0]
            return request.render("complaint_management.portal_complaint_new", values, status=400)
        return request.redirect(f"/my/complaints/{complaint.id}")
