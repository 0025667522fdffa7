import logging

from odoo import http
from odoo.addons.insurance_base.lib import http_input
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.tools.mimetypes import guess_mimetype

_logger = logging.getLogger(__name__)

MAX_FILES = 3
MAX_FILE_BYTES = 10 * 1024 * 1024
# extension -> the mimetype its content must have
ALLOWED_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
HONEYPOT = "website_url"
# characters accepted per field of the form; demand and facts are also bounded on the model
TEXT_LIMITS = {"name": 200, "email": http_input.MAX_EMAIL, "phone": 32, "demand": 2000, "facts": 20000}


def read_uploads(files, env):
    """[(name, bytes, mimetype)] of the uploaded files, or a UserError naming the first one refused."""
    files = [upload for upload in files if upload and getattr(upload, "filename", None)]
    if len(files) > MAX_FILES:
        raise UserError(env._("Attach at most %(count)s files.", count=MAX_FILES))
    # every size is checked before any file is read
    for upload in files:
        http_input.check_upload_size(env, upload, MAX_FILE_BYTES)
    uploads = []
    for upload in files:
        name = upload.filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
        extension = ("." + name.rsplit(".", 1)[-1].lower()) if "." in name else ""
        expected = ALLOWED_TYPES.get(extension)
        if not expected:
            raise UserError(env._("%(name)s is not a PDF, JPEG or PNG file.", name=name))
        content = upload.read(MAX_FILE_BYTES + 1)
        if guess_mimetype(content) != expected:
            raise UserError(env._("%(name)s is not a PDF, JPEG or PNG file.", name=name))
        uploads.append((name, content, expected))
    return uploads


def read_form(kw, env, need_contact=True):
    """The checked text values of a complaint form; a UserError for the first value refused."""
    labels = {
        "name": env._("Your name"),
        "email": env._("Email"),
        "phone": env._("Phone"),
        "demand": env._("What do you ask us to do?"),
        "facts": env._("Facts and reasons"),
    }
    form = {key: http_input.checked_text(env, kw.get(key), limit, labels[key]) for key, limit in TEXT_LIMITS.items()}
    form["email"] = http_input.checked_email(env, form["email"])
    if need_contact:
        if not form["name"]:
            raise UserError(env._("Give your name."))
        if not (form["email"] or form["phone"]):
            raise UserError(env._("Give an email address or a phone number so that we can answer you."))
    if not form["demand"]:
        raise UserError(env._("Say what you ask us to do."))
    if not form["facts"]:
        raise UserError(env._("Describe the facts and your reasons."))
    return form


class ComplaintWebForm(http.Controller):
    """The public complaint form: no login, CSRF token, honeypot, rate limit per address, checked uploads."""

    @http.route("/complaint/new", type="http", auth="public", methods=["GET"], website=True, sitemap=False)
    def complaint_form(self, **kw):
        return request.render("complaint_management.complaint_web_form", {"form": {}, "honeypot": HONEYPOT})

    @http.route("/complaint/new", type="http", auth="public", methods=["POST"], website=True, sitemap=False)
    def complaint_form_post(self, **kw):
        # the CSRF token is checked by the framework before we get here (csrf=True by default)
        env = request.env
        values = {"form": kw, "honeypot": HONEYPOT}
        files = request.httprequest.files.getlist("attachments")
        try:
            http_input.refuse_nul(env, kw, files)
        except UserError as exc:
            values["form"] = http_input.without_nul(kw)
            values["error"] = exc.args[0]
            return request.render("complaint_management.complaint_web_form", values, status=400)
        if kw.get(HONEYPOT):
            # a robot filled the hidden field: answer as if it worked, keep nothing
            _logger.info("Complaint form: honeypot filled from %s, post ignored", request.httprequest.remote_addr)
            return request.render("complaint_management.complaint_web_form_thanks", {"complaint_name": False})
        # the client's address; behind a reverse proxy (proxy_mode) Odoo's ProxyFix takes it from X-Forwarded-For
        ip_address = request.httprequest.remote_addr or "unknown"
        # the post counter is kept for every address (public user: no right on it, the count is the point)
        if not env["insurance.complaint.intake.attempt"].sudo()._register_post(ip_address):
            values["error"] = env._("Too many complaints were sent from your address. Please try again later.")
            return request.render("complaint_management.complaint_web_form", values, status=429)
        try:
            form = read_form(kw, env)
            uploads = read_uploads(files, env)
            with env.cr.savepoint():
                # Narrow sudo, as website_form does: the public user has no create right on complaints,
                # partners or attachments. Only the checked text fields above and the checked files are
                # written, the channel is always web_form, the complainant is always a new contact (never
                # an existing partner found by the typed email), and the complaint is never read back to
                # the visitor apart from its number.
                complaint = env["insurance.complaint"].sudo()._create_from_public_form(form, uploads)
        except (UserError, ValidationError) as exc:
            values["error"] = exc.args[0]
            return request.render("complaint_management.complaint_web_form", values, status=400)
        return request.render("complaint_management.complaint_web_form_thanks", {"complaint_name": complaint.name})
