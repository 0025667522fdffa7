from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import HOLDER_ID, OTHER_ID, RecordsCase


@tagged("post_install", "-at_install")
class TestDisclosure(RecordsCase):
    def setUp(self):
        super().setUp()
        with freeze_time("2026-07-01 04:00:00"):
            self.record = self.File._file_closed(claims=self.closed_claim(with_documents=False))

    def request(self, number, name="Caller"):
        return (
            self.env["insurance.record.disclosure"]
            .with_user(self.clerk)
            .create(
                {
                    "file_id": self.record.id,
                    "requester_name": name,
                    "requester_id_number": number,
                    "channel": "phone",
                    "information": "Claim amount and payment date",
                }
            )
        )

    def test_refused_without_identity_confirmation(self):
        disclosure = self.request(HOLDER_ID)
        with self.assertRaisesRegex(UserError, "never given without it"):
            disclosure.action_disclose()
        with self.assertRaises(AccessError):
            disclosure.write({"state": "disclosed"})
        self.assertEqual(disclosure.state, "draft")
        self.assertFalse(self.record.message_ids.filtered(lambda m: "Claim information given" in (m.body or "")))

    def test_invalid_or_foreign_ids_are_refused(self):
        with self.assertRaisesRegex(UserError, "not a valid resident ID number"):
            self.request("430181198503120022").action_confirm_identity()
        stranger = self.request(OTHER_ID, "Neighbour")
        with self.assertRaisesRegex(UserError, "nothing may be disclosed to Neighbour"):
            stranger.action_confirm_identity()
        self.assertEqual(stranger.state, "draft")

    def test_policyholder_confirmed_then_logged(self):
        disclosure = self.request(HOLDER_ID, "Zhang Wei")
        disclosure.action_confirm_identity()
        self.assertEqual((disclosure.relation, disclosure.matched_partner_id), ("policyholder", self.holder))
        self.assertEqual(disclosure.confirmed_by_id, self.clerk)
        with self.assertRaisesRegex(UserError, "fixed once the identity is confirmed"):
            disclosure.write({"requester_id_number": OTHER_ID})
        disclosure.action_disclose()
        self.assertEqual(disclosure.state, "disclosed")
        log = self.record.message_ids.filtered(lambda m: "Claim information given" in (m.body or ""))
        self.assertIn("Zhang Wei", log.body)
        self.assertIn(self.clerk.name, log.body)
        self.assertIn("Claim amount and payment date", log.body)
