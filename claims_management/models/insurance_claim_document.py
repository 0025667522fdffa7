import base64
import binascii

from odoo import api, fields, models
from odoo.addons.insurance_base.lib import portal_fields
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import document_check

RECEIVED_STATES = ("received", "verified")
# what a portal user (the claimant) may write on a checklist item
PORTAL_WRITABLE = {"attachment", "attachment_name"}
# the largest file a claimant sends (the portal refuses it before reading it; RPC meets this check)
PORTAL_MAX_MB = 10
MAX_FILE_NAME = 255
# what the claimant reads of a checklist item: what is asked, in which form, and where it stands
PORTAL_READ_FIELDS = portal_fields.FRAMEWORK_FIELDS | {
    "claim_id",
    "company_id",
    "sequence",
    "name",
    "required",
    "state",
    "rejection_reason",
    "allowed_formats",
    "max_size_mb",
    "attachment",
    "attachment_name",
    "file_size",
    "received_at",
}


class InsuranceClaimDocument(models.Model):
    """One item of a claim's document checklist, with the file the claimant sent."""

    _name = "insurance.claim.document"
    _inherit = ["insurance.portal.restricted"]
    _description = "Claim Document"
    _order = "claim_id, sequence, id"
    _check_company_auto = True

    claim_id = fields.Many2one("insurance.claim", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="claim_id.company_id", store=True, index=True)
    template_id = fields.Many2one(
        "insurance.claim.type.document", string="Checklist Line", index=True, ondelete="set null", check_company=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Char("Document", required=True)
    required = fields.Boolean(
        "Mandatory", default=True, help="The claim materials are complete when every mandatory document is received."
    )
    state = fields.Selection(
        [
            ("required", "Requested"),
            ("received", "Received"),
            ("verified", "Verified"),
            ("rejected", "Not Accepted"),
        ],
        required=True,
        default="required",
        index=True,
    )
    rejection_reason = fields.Char(help="Why the document was not accepted; told to the claimant in the notice.")
    allowed_formats = fields.Char(help="File extensions accepted, e.g. pdf,jpg,png. Empty accepts any format.")
    max_size_mb = fields.Float("Max. Size (MB)", help="Largest file accepted. 0 means no limit.")
    attachment = fields.Binary("File", attachment=True, copy=False)
    attachment_name = fields.Char("File Name", copy=False)
    file_size = fields.Integer("Size (bytes)", compute="_compute_file_size", store=True)
    received_at = fields.Datetime("Received On", copy=False)
    checked_by_id = fields.Many2one("res.users", copy=False)
    checked_at = fields.Datetime("Checked On", copy=False)
    note = fields.Char()

    def _notice_texts(self):
        """{document id: (name, note)} as the notices print them, in the context's language.

        A line copied from the claim type's checklist (translatable) and not renamed since is printed in
        the reader's language, whatever language it was copied in; a line written on the claim is printed
        as written.
        """
        templates = self.template_id
        reader = {line.id: (line.name, line.description or False) for line in templates}
        known = {line.id: ({line.name}, {line.description or False}) for line in templates}
        for code, _name in self.env["res.lang"].get_installed():
            for line in templates.with_context(lang=code):
                known[line.id][0].add(line.name)
                known[line.id][1].add(line.description or False)
        texts = {}
        for document in self:
            name, note = document.name, document.note or False
            line = document.template_id.id
            if line:
                names, notes = known[line]
                if name in names:
                    name = reader[line][0]
                if note in notes:
                    note = reader[line][1]
            texts[document.id] = (name, note)
        return texts

    @api.model
    def _portal_read_fields(self):
        """The fields a portal user may read (the checker and the internal note are for staff only)."""
        return PORTAL_READ_FIELDS

    @api.depends("attachment")
    def _compute_file_size(self):
        for document in self:
            document.file_size = len(document._attachment_content())

    def _attachment_content(self):
        self.ensure_one()
        value = self.with_context(bin_size=False).attachment
        if not value:
            return b""
        try:
            return base64.b64decode(value)
        except (binascii.Error, ValueError):
            return b""

    @api.constrains("attachment", "attachment_name")
    def _check_attachment(self):
        portal = self.env.user.share and not self.env.su
        for document in self:
            if len(document.attachment_name or "") > MAX_FILE_NAME:
                raise ValidationError(
                    self.env._(
                        "%(field)s is %(length)s characters long: at most %(limit)s characters are accepted.",
                        field=self._fields["attachment_name"]._description_string(self.env),
                        length=len(document.attachment_name),
                        limit=MAX_FILE_NAME,
                    )
                )
            if not document.attachment:
                continue
            max_size_mb = document.max_size_mb
            if portal:
                max_size_mb = min(max_size_mb or PORTAL_MAX_MB, PORTAL_MAX_MB)
            errors = document_check.check_file(
                document.attachment_name,
                document._attachment_content(),
                document.allowed_formats,
                max_size_mb,
            )
            if errors:
                raise ValidationError("\n".join(document._file_error_message(code, params) for code, params in errors))

    def _file_error_message(self, code, params):
        if code == "format":
            return self.env._(
                "%(document)s: files of type %(extension)s are not accepted; send one of: %(allowed)s.",
                document=self.name,
                **params,
            )
        if code == "content":
            return self.env._(
                "%(document)s: the file %(file)s is not a real %(extension)s file.",
                document=self.name,
                file=self.attachment_name,
                **params,
            )
        return self.env._(
            "%(document)s: the file is %(size)s MB, more than the %(limit)s MB allowed.",
            document=self.name,
            **params,
        )

    @api.constrains("state", "rejection_reason")
    def _check_rejection_reason(self):
        for document in self:
            if document.state == "rejected" and not (document.rejection_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Give the reason for rejecting %(document)s: the claimant is told it in the notice.",
                        document=document.name,
                    )
                )

    # ------------------------------------------------------------------
    # State stamps: who checked what and when
    # ------------------------------------------------------------------
    def _state_stamps(self, state, vals):
        """Values to write with a move to ``state`` (only what ``vals`` does not set itself)."""
        now = fields.Datetime.now()
        stamps = {}
        if state == "received":
            stamps = {"received_at": now, "checked_by_id": False, "checked_at": False, "rejection_reason": False}
        elif state in ("verified", "rejected"):
            stamps = {"checked_by_id": self.env.user.id, "checked_at": now}
            if state == "verified":
                stamps["rejection_reason"] = False
        elif state == "required":
            stamps = {"received_at": False, "checked_by_id": False, "checked_at": False}
        return {key: value for key, value in stamps.items() if key not in vals}

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("attachment") and vals.get("state", "required") == "required":
                vals["state"] = "received"
            vals.update(self._state_stamps(vals.get("state", "required"), vals))
            if vals.get("state") == "verified" and not vals.get("received_at"):
                vals["received_at"] = fields.Datetime.now()
        documents = super().create(vals_list)
        documents.claim_id._update_materials_status()
        return documents

    def write(self, vals):
        if self.env.user.share and not self.env.su and set(vals) - PORTAL_WRITABLE:
            # a claimant uploads files; checking them is the handler's job
            raise AccessError(self.env._("You may only upload a file for a document of your claim."))
        new_state = vals.get("state")
        if new_state:
            moving = self.filtered(lambda document: document.state != new_state)
        elif vals.get("attachment"):
            # A file uploaded for an awaited or rejected document receives it.
            new_state = "received"
            moving = self.filtered(lambda document: document.state in ("required", "rejected"))
        else:
            moving = self.browse()
        result = super().write(vals)
        if moving:
            stamps = self._state_stamps(new_state, vals)
            stamps["state"] = new_state
            if self.env.user.share and not self.env.su:
                # A claimant's upload (their rules let them write only the file of their own awaited documents,
                # checked by the write above) moves these documents to received: the stamps it clears (checker,
                # check date) are internal fields, written here by the system, not by the claimant.
                moving = moving.sudo()
            super(InsuranceClaimDocument, moving).write(stamps)
            # verified straight away (at the counter): it was received at the same time
            unstamped = moving.filtered(lambda document: document.state == "verified" and not document.received_at)
            if unstamped:
                super(InsuranceClaimDocument, unstamped).write({"received_at": fields.Datetime.now()})
        if moving or {"required", "received_at"} & vals.keys():
            claims = self.claim_id
            if self.env.user.share and not self.env.su:
                # A claimant's upload (the rules let them write only their own awaited documents) stamps
                # dates derived from the checklist on the claim; the claimant has no write access on claims.
                claims = claims.sudo()
            claims._update_materials_status()
        return result

    def unlink(self):
        claims = self.claim_id
        result = super().unlink()
        claims.exists()._update_materials_status()
        return result

    # ------------------------------------------------------------------
    # Buttons of the checklist
    # ------------------------------------------------------------------
    def action_receive(self):
        for document in self:
            if document.state not in ("required", "rejected"):
                raise UserError(self.env._("%(document)s has already been received.", document=document.name))
        self.write({"state": "received"})
        return True

    def action_verify(self):
        for document in self:
            if document.state != "received":
                raise UserError(
                    self.env._("Only a received document can be verified (%(document)s).", document=document.name)
                )
        self.write({"state": "verified"})
        return True

    def action_reject(self):
        for document in self:
            if document.state not in RECEIVED_STATES:
                raise UserError(
                    self.env._("Only a received document can be rejected (%(document)s).", document=document.name)
                )
            if not (document.rejection_reason or "").strip():
                raise UserError(
                    self.env._(
                        "Write in Rejection Reason why %(document)s is not accepted, then reject it.",
                        document=document.name,
                    )
                )
        self.write({"state": "rejected"})
        return True
