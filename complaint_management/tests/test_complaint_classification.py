from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import DT, ComplaintCase


@tagged("post_install", "-at_install")
class TestComplaintClassification(ComplaintCase):
    """Nature, repeat level, crisis flag, duplicates and their merge."""

    def test_major_from_loss_regulator_and_media(self):
        self.assertEqual(self.new_complaint(possible_loss=19999.99).nature, "general")
        self.assertEqual(self.new_complaint(possible_loss=20000).nature, "major")
        regulator = self.new_complaint(origin="regulator", channel="regulator", regulator_case_number="HN-1")
        self.assertEqual((regulator.nature, regulator.is_crisis), ("major", True))
        media = self.new_complaint(channel="media")
        self.assertEqual((media.nature, media.is_crisis), ("major", True))
        internet = self.new_complaint(channel="internet")
        self.assertEqual((internet.nature, internet.is_crisis), ("general", True))
        self.assertFalse(self.new_complaint().is_crisis)
        self.assertEqual(self.new_complaint(nature="whistleblowing", possible_loss=50000).nature, "whistleblowing")
        # the threshold is the company's
        self.company.complaint_major_loss = 50000
        self.assertEqual(self.new_complaint(possible_loss=30000).nature, "general")
        later = self.new_complaint(possible_loss=100)
        later.possible_loss = 60000
        self.assertEqual(later.nature, "major")

    def test_repeat_level_over_twelve_months(self):
        old = self.new_complaint(received_at=DT(2025, 2, 1, 2, 0))
        first = self.new_complaint(received_at=DT(2025, 4, 1, 2, 0))
        second = self.new_complaint(received_at=DT(2025, 10, 1, 2, 0))
        third = self.new_complaint(received_at=DT(2026, 3, 2, 2, 0))
        self.assertEqual(old.repeat_level, "ordinary")
        self.assertEqual((first.repeat_count, first.repeat_level), (2, "urgent"))
        self.assertEqual((second.repeat_count, second.repeat_level), (3, "major"))
        # 2025-02-01 is more than 12 months before 2026-03-02
        self.assertEqual((third.repeat_count, third.repeat_level), (3, "major"))
        other = self.env["res.partner"].create({"name": "Li Lei", "phone": "139", "company_id": self.company.id})
        self.assertEqual(self.new_complaint(partner_id=other.id).repeat_level, "ordinary")

    def test_repeat_level_counts_what_the_registering_officer_cannot_see(self):
        # the earlier complaint is another officer's: outside this officer's record rule
        earlier = self.new_complaint(received_at=DT(2026, 1, 5, 2, 0), user_id=self.other_officer_user.id)
        Complaint = self.env["insurance.complaint"].with_user(self.officer_user)
        self.assertFalse(Complaint.search([("id", "=", earlier.id)]), "the officer does not see it")
        later = Complaint.create(
            {
                "company_id": self.company.id,
                "partner_id": self.complainant.id,
                "received_at": DT(2026, 3, 2, 1, 30),
                "channel": "phone",
                "demand": "Pay the hospital bill",
                "complainant_id_number": "430181198503120021",
            }
        )
        self.assertEqual((later.repeat_count, later.repeat_level), (2, "urgent"))

    def test_repeat_level_in_one_batch_and_without_merged_duplicates(self):
        vals = {
            "company_id": self.company.id,
            "partner_id": self.complainant.id,
            "channel": "phone",
            "demand": "Pay the hospital bill",
            "complainant_id_number": "430181198503120021",
        }
        batch = self.env["insurance.complaint"].create(
            [dict(vals, received_at=DT(2026, 2, day, 2, 0)) for day in (3, 1, 2)]
        )
        self.assertEqual(batch.mapped("repeat_count"), [3, 1, 2], "each counts the ones received before it")
        self.assertEqual(batch.mapped("repeat_level"), ["major", "ordinary", "urgent"])
        # a merged duplicate is not a repeat complaint
        batch[2].merged_into_id = batch[1]
        later = self.new_complaint(received_at=DT(2026, 2, 4, 2, 0))
        self.assertEqual(later.repeat_count, 3)
        # the edge: exactly 12 months before counts, a second more does not
        edge = self.new_complaint(received_at=DT(2027, 2, 1, 2, 0))
        self.assertEqual(edge.repeat_count, 4, "2026-02-01 02:00 is exactly 12 months before")
        after = self.new_complaint(received_at=DT(2027, 2, 1, 2, 0, 1))
        self.assertEqual(after.repeat_count, 4, "the 12 months now start after 2026-02-01 02:00")

    def test_repeat_level_of_an_unsaved_edit(self):
        # what the form shows while the complainant or the moment is changed, before it is saved
        complaint = self.new_complaint(received_at=DT(2026, 2, 1, 2, 0))
        other = self.env["res.partner"].create({"name": "Li Lei", "phone": "139", "company_id": self.company.id})
        self.new_complaint(partner_id=other.id, received_at=DT(2026, 1, 10, 2, 0))
        moved = complaint.new({"partner_id": other.id}, origin=complaint)
        self.assertEqual(moved.repeat_count, 2, "Li Lei's earlier one, not less the stored row of another")
        self.new_complaint(received_at=DT(2026, 1, 20, 2, 0))
        earlier = complaint.new({"received_at": DT(2026, 1, 25, 2, 0)}, origin=complaint)
        self.assertEqual(earlier.repeat_count, 2, "the 20 January one; its own stored row is after the new moment")

    def test_duplicates_shown_while_open(self):
        category = self.env.ref("complaint_management.complaint_category_claims_01")
        first = self.new_complaint(category_id=category.id)
        second = self.new_complaint(category_id=category.id, received_at=DT(2026, 3, 3, 1, 0))
        unrelated = self.new_complaint()
        self.assertEqual(second.duplicate_ids, first)
        self.assertEqual(first.duplicate_ids, second)
        self.assertFalse(unrelated.duplicate_ids, "no common policy, claim or category")
        first.action_withdraw()
        second.invalidate_recordset(["duplicate_ids"])
        self.assertFalse(second.duplicate_ids, "closed complaints are no duplicates")

    def _pair(self):
        category = self.env.ref("complaint_management.complaint_category_claims_01")
        master = self.new_complaint(category_id=category.id, received_at=DT(2026, 3, 2, 1, 0))
        duplicate = self.new_complaint(category_id=category.id, received_at=DT(2026, 3, 5, 1, 0))
        duplicate.message_post(body="Called again, very angry", subtype_xmlid="mail.mt_note")
        attachment = self.env["ir.attachment"].create(
            {"name": "recording.mp3", "raw": b"ID3", "res_model": duplicate._name, "res_id": duplicate.id}
        )
        return master, duplicate, attachment

    @freeze_time("2026-03-06 02:00:00")
    def test_merge_without_new_facts_keeps_the_clock(self):
        master, duplicate, attachment = self._pair()
        wizard = (
            self.env["insurance.complaint.merge"]
            .with_user(self.officer_user)
            .with_context(default_duplicate_id=duplicate.id)
            .create({})
        )
        self.assertEqual(wizard.master_id, master, "the oldest open duplicate is proposed")
        wizard.action_merge()
        self.assertEqual((duplicate.state, duplicate.merged_into_id), ("closed", master))
        self.assertFalse(duplicate.is_open)
        self.assertEqual(master.clock_start_at, DT(2026, 3, 2, 1, 0), "no new facts: the clock runs on")
        self.assertEqual(attachment.res_id, master.id)
        self.assertIn("Called again, very angry", master.message_ids.mapped("body")[-10:].__str__())
        self.assertEqual(master.merged_ids, duplicate)
        # a merged duplicate does not count as a repeat complaint
        self.assertEqual(self.new_complaint().repeat_count, 2)

    @freeze_time("2026-03-06 02:00:00")
    def test_merge_with_new_facts_restarts_the_clock(self):
        master, duplicate, _attachment = self._pair()
        self.env["insurance.complaint.merge"].create(
            {"duplicate_id": duplicate.id, "master_id": master.id, "new_facts": "The vet's report was never asked for."}
        ).action_merge()
        self.assertEqual(master.clock_start_at, DT(2026, 3, 6, 2, 0))
        self.assertIn("never asked for", master.facts)
        with self.assertRaisesRegex(UserError, "Only open complaints"):
            self.env["insurance.complaint.merge"].create(
                {"duplicate_id": duplicate.id, "master_id": master.id}
            ).action_merge()
        other = self.env["res.partner"].create({"name": "Li Lei", "phone": "139", "company_id": self.company.id})
        stranger = self.new_complaint(partner_id=other.id)
        with self.assertRaisesRegex(UserError, "same complainant"):
            stranger._merge_into(master)
