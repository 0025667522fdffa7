import base64
import logging

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# how many units a step processes at most, and how many steps one cron run makes
STEP_SIZE = 500


class InsuranceJob(models.Model):
    """A long piece of work (a bulk creation, a big report, mass notices, an import, a recomputation)
    done in the background by Odoo's cron workers, in committed steps.

    Each step runs as the user who asked for the job, in its company, inside one transaction that
    also moves the job's progress marker: a worker killed in the middle of a step loses only that
    step, and the next run continues from the last committed marker, so nothing is done twice and
    nothing is half done. A job is taken with ``FOR UPDATE SKIP LOCKED``: with several workers or
    servers, one step of one job runs in one place at a time.

    A handler is a method of the target model named in that model's ``_insurance_job_handlers``;
    it is called as ``handler(job, limit)`` and returns True when the job is finished. It keeps its
    position in ``job.cursor`` (a JSON value it owns), may set ``job.total`` and raise ``job.done``,
    and may give the result with ``job._set_result(...)``.
    """

    _name = "insurance.job"
    _description = "Background Job"
    _order = "id desc"

    name = fields.Char(required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", "Requested By", required=True, readonly=True, index=True)
    res_model = fields.Char("Model", required=True, readonly=True)
    handler = fields.Char(required=True, readonly=True)
    payload = fields.Json(readonly=True)
    cursor = fields.Json(readonly=True)
    state = fields.Selection(
        [("queued", "Queued"), ("running", "Running"), ("done", "Done"), ("failed", "Failed")],
        default="queued",
        required=True,
        readonly=True,
        index=True,
    )
    done = fields.Integer(readonly=True)
    total = fields.Integer(readonly=True)
    progress = fields.Float(compute="_compute_progress", help="Percentage of the work done")
    steps = fields.Integer(readonly=True, help="Committed steps")
    started_at = fields.Datetime(readonly=True)
    finished_at = fields.Datetime(readonly=True)
    result_message = fields.Text("Result", readonly=True)
    result_attachment_id = fields.Many2one("ir.attachment", "Result File", readonly=True)
    result_model = fields.Char(readonly=True)
    result_ids = fields.Json("Result Records", readonly=True)
    result_count = fields.Integer(compute="_compute_result_count")
    error = fields.Text(readonly=True)

    @api.depends("done", "total", "state")
    def _compute_progress(self):
        for job in self:
            if job.state == "done":
                job.progress = 100.0
            else:
                job.progress = min(100.0, 100.0 * job.done / job.total) if job.total else 0.0

    @api.depends("result_ids")
    def _compute_result_count(self):
        for job in self:
            job.result_count = len(job.result_ids or [])

    # ------------------------------------------------------------------
    # Asking for a job
    # ------------------------------------------------------------------
    @api.model
    def _enqueue(self, name, records_model, handler, payload=None):
        """Queue ``handler`` of ``records_model`` for the current user and company, wake the worker.

        Called by the addons' Python code only (users have no create right on jobs). The handler must
        be one the model declares, so a job never runs a method nobody meant to run in background.
        """
        target = self.env[records_model]
        if handler not in getattr(target, "_insurance_job_handlers", ()):
            raise AccessError(
                self.env._("%(model)s has no background job %(handler)s.", model=records_model, handler=handler)
            )
        values = {
            "name": name,
            "company_id": self.env.company.id,
            "user_id": self.env.uid,
            "res_model": records_model,
            "handler": handler,
            "payload": payload or {},
        }
        # the same work asked twice before it started (a save and a confirmation, say) is one job
        waiting = self.sudo().search(
            [
                ("state", "=", "queued"),
                ("res_model", "=", records_model),
                ("handler", "=", handler),
                ("company_id", "=", values["company_id"]),
                ("user_id", "=", values["user_id"]),
            ]
        )
        job = waiting.filtered(lambda job: job.payload == values["payload"])[:1] or self.sudo().create(values)
        self.env.ref("insurance_base.ir_cron_insurance_job_run").sudo()._trigger()
        return job.with_env(self.env)

    def _action_queued(self):
        """What an action returns when it sent its work to this job: a notification, then the job's form."""
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "title": self.name,
                "message": self.env._(
                    "This runs in the background; you will be notified when it is done. Its progress is on the job."
                ),
                "next": {
                    "type": "ir.actions.act_window",
                    "res_model": self._name,
                    "res_id": self.id,
                    "views": [(False, "form")],
                    "target": "current",
                },
            },
        }

    def action_open_result(self):
        """The records the job made (the claims of a bulk registration, say), as the user may see them."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self.result_model,
            "view_mode": "list,form",
            "domain": [("id", "in", self.result_ids or [])],
        }

    def action_download_result(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self.result_attachment_id.id}?download=true",
            "target": "self",
        }

    def action_retry(self):
        """A failed job goes back to the queue and continues from its last committed step."""
        for job in self:
            if job.user_id != self.env.user and not self.env.user.has_group("base.group_system"):
                raise AccessError(self.env._("Only the person who asked for a job, or an administrator, retries it."))
            if job.state != "failed":
                raise UserError(self.env._("Only a failed job can be retried."))
        self.sudo().write({"state": "queued", "error": False})
        self.env.ref("insurance_base.ir_cron_insurance_job_run").sudo()._trigger()
        return True

    # ------------------------------------------------------------------
    # What a handler calls
    # ------------------------------------------------------------------
    def _advance(self, done=0, total=None, cursor=None):
        """Move the progress marker; it is committed with the step's work or not at all."""
        self.ensure_one()
        values = {"done": self.done + done}
        if total is not None:
            values["total"] = total
        if cursor is not None:
            values["cursor"] = cursor
        self.sudo().write(values)

    def _set_result(self, message=None, file_name=None, content=None, mimetype=None, records=None):
        """The job's result: a message, a file (attached to the job) and/or records to open (added to those
        of the earlier steps)."""
        self.ensure_one()
        values = {"result_message": message}
        if records is not None:
            values["result_model"] = records._name
            values["result_ids"] = sorted(set(self.result_ids or []) | set(records.ids))
        if content is not None:
            attachment = (
                self.env["ir.attachment"]
                .sudo()
                .create(
                    {
                        "name": file_name,
                        "datas": base64.b64encode(content),
                        "mimetype": mimetype,
                        "res_model": self._name,
                        "res_id": self.id,
                    }
                )
            )
            values["result_attachment_id"] = attachment.id
        self.sudo().write(values)

    # ------------------------------------------------------------------
    # The worker
    # ------------------------------------------------------------------
    @api.model
    def _take_next(self, job_ids=None):
        """The oldest job waiting or half done that no other worker holds (among ``job_ids`` if given),
        locked for this transaction."""
        self.flush_model(["state"])
        self.env.cr.execute(
            SQL(
                """SELECT id FROM insurance_job WHERE state IN ('queued', 'running') %s
                   ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED""",
                SQL("AND id = ANY(%s)", list(job_ids)) if job_ids is not None else SQL(),
            )
        )
        row = self.env.cr.fetchone()
        return self.sudo().browse(row[0]) if row else self.sudo().browse()

    @api.model
    def _run_step(self, limit=STEP_SIZE, job_ids=None):
        """One step of the next job (of ``job_ids`` if given), in the caller's transaction; False when no job
        is waiting."""
        job = self._take_next(job_ids)
        if not job:
            return False
        if job.state == "queued":
            job.write({"state": "running", "started_at": fields.Datetime.now()})
        target = self.env[job.res_model].with_user(job.user_id).with_company(job.company_id)
        handler = getattr(target, job.handler)
        try:
            with self.env.cr.savepoint():
                finished = handler(job, limit)
        except Exception as exc:  # noqa: BLE001 - any failure of a step marks the job, the step is rolled back
            _logger.warning("Background job %s (%s) failed", job.id, job.name, exc_info=True)
            job.write({"state": "failed", "error": str(exc), "finished_at": fields.Datetime.now()})
            self._notify_owner(job)
            return True
        job.write({"steps": job.steps + 1})
        if finished:
            job.write({"state": "done", "finished_at": fields.Datetime.now(), "done": max(job.done, job.total)})
            self._notify_owner(job)
        return True

    @api.model
    def _notify_owner(self, job):
        if job.state == "done":
            message, kind = self.env._("%(job)s is done.", job=job.name), "success"
        else:
            message, kind = self.env._("%(job)s failed: %(error)s", job=job.name, error=job.error), "danger"
        job.user_id._bus_send("simple_notification", {"type": kind, "title": job.name, "message": message})

    @api.model
    def _cron_run(self):
        """One step of one job per callback; Odoo's cron runner commits after each callback and calls it
        again while work remains (up to ten times a run), then triggers itself."""
        if not self._run_step():
            return
        self.env.cr.execute("SELECT count(*) FROM insurance_job WHERE state IN ('queued', 'running')")
        remaining = self.env.cr.fetchone()[0]
        self.env["ir.cron"]._notify_progress(done=1, remaining=remaining)
