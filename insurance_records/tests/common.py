import base64
import datetime
import io

from freezegun import freeze_time
from PyPDF2 import PdfWriter

from odoo.addons.claims_management.tests.common import ClaimsCase
from odoo.tests import new_test_user

D = datetime.date
DT = datetime.datetime
# valid resident ID numbers (GB 11643 check digit)
HOLDER_ID = "430181198503120021"
OTHER_ID = "11010519491231002X"


def pdf_bytes(pages):
    writer = PdfWriter()
    for _i in range(pages):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class RecordsCase(ClaimsCase):
    """Claims staff plus archive clerks, two records managers and a witness."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        common = {"company_id": cls.company.id, "company_ids": [cls.company.id], "lang": "en_US"}
        cls.clerk = new_test_user(cls.env, "rec_clerk", groups="insurance_records.group_records_user", **common)
        cls.witness = new_test_user(cls.env, "rec_witness", groups="insurance_records.group_records_user", **common)
        cls.manager = new_test_user(cls.env, "rec_manager", groups="insurance_records.group_records_manager", **common)
        cls.manager2 = new_test_user(
            cls.env, "rec_manager_2", groups="insurance_records.group_records_manager", **common
        )
        cls.holder.insurance_id_number = HOLDER_ID
        cls.Rule = cls.env["insurance.record.retention.rule"]
        cls.Rule.create({"name": "Claims", "company_id": cls.company.id, "kind": "claim", "retention_class": "long"})
        cls.File = cls.env["insurance.record.file"]
        cls.Loan = cls.env["insurance.record.loan"]

    def closed_claim(self, with_documents=True, **values):
        """A claim driven through its real life cycle to closed, with a 3-page PDF and a photo."""
        claim = self.new_claim(surveyor_id=self.surveyors[0].id, handler_id=self.handler.id, **values)
        if with_documents:
            self.env["insurance.claim.document"].create(
                {
                    "claim_id": claim.id,
                    "name": "Loss report",
                    "attachment": base64.b64encode(pdf_bytes(3)),
                    "attachment_name": "loss_report.pdf",
                }
            )
            self.env["ir.attachment"].create(
                {
                    "name": "photo.png",
                    "raw": b"\x89PNG\r\n\x1a\n photo",
                    "mimetype": "image/png",
                    "res_model": "insurance.claim",
                    "res_id": claim.id,
                }
            )
        self.assertEqual(claim.state, "dispatched", "a surveyor named at intake dispatches the claim")
        claim.action_next_stage()
        claim.action_next_stage()
        claim.action_next_stage()
        claim.decision = "approve"
        claim.action_next_stage()
        claim.action_next_stage()
        claim.with_user(self.director_user).action_director_approve()
        claim.action_claimant_agrees()
        claim.action_close()
        self.assertEqual(claim.state, "closed")
        return claim

    def claim_filed_on(self, day, **values):
        """A claim of the 2025 policy year, closed and filed on ``day`` (Shanghai noon)."""
        policy = self.env["insurance.policy"].create(
            {
                "name": f"PPR-REC-{day}",
                "company_id": self.company.id,
                "policyholder_id": self.holder.id,
                "date_start": D(2025, 1, 1),
                "date_end": D(2025, 12, 31),
                "sum_insured": 1000000,
                "state": "active",
                "coverage_ids": [(0, 0, {"name": "Property", "limit_amount": 500000})],
            }
        )
        with freeze_time(DT.combine(day, datetime.time(4, 0))):
            claim = self.closed_claim(
                policy_id=policy.id,
                coverage_id=policy.coverage_ids.id,
                insured_id=False,
                reported_at=DT.combine(day - datetime.timedelta(days=20), datetime.time(2, 0)),
                loss_at=DT.combine(day - datetime.timedelta(days=20), datetime.time(1, 0)),
                **values,
            )
            return self.File._file_closed(claims=claim)
