import datetime

from odoo.addons.claims_management.lib import claim_flags as cf
from odoo.tests import BaseCase, tagged

D = datetime.date


@tagged("standard", "at_install")
class TestClaimFlagKeys(BaseCase):
    def test_phone_numbers_written_differently_give_one_key(self):
        for written in ("+86 138-0013-8000", "0086 13800138000", "8613800138000", "138 0013 8000"):
            self.assertEqual(cf.phone_key(written), "13800138000", written)
        self.assertEqual(cf.phone_key("0731-8888 6666"), "073188886666")
        self.assertIsNone(cf.phone_key("110"), "too short to tell anyone apart")
        self.assertIsNone(cf.phone_key(False))

    def test_id_numbers_and_bank_accounts(self):
        self.assertEqual(cf.id_key(" 11010519491231002x "), "11010519491231002X")
        self.assertEqual(cf.bank_key("6222 0200 0000 1234"), "6222020000001234")
        self.assertIsNone(cf.bank_key("-"))

    def test_party_keys(self):
        keys = cf.party_keys(phones=["138 0013 8000", None], id_numbers=[False], bank_accounts=["6222-0200-0000-1234"])
        self.assertEqual(keys, {(cf.PHONE, "13800138000"), (cf.BANK, "6222020000001234")})


@tagged("standard", "at_install")
class TestClaimFlagDates(BaseCase):
    def test_early_loss_counts_the_start_day_as_day_one(self):
        start = D(2026, 6, 1)
        self.assertTrue(cf.is_early_loss(D(2026, 6, 1), start, 30))
        self.assertTrue(cf.is_early_loss(D(2026, 6, 30), start, 30))
        self.assertFalse(cf.is_early_loss(D(2026, 7, 1), start, 30))
        self.assertFalse(cf.is_early_loss(D(2026, 5, 31), start, 30), "before the start is not cover, not early")
        self.assertFalse(cf.is_early_loss(D(2026, 6, 1), start, 0), "0 days: off")

    def test_repeat_window_both_ends_included(self):
        self.assertEqual(cf.repeat_window(D(2026, 6, 18), 10), (D(2026, 6, 8), D(2026, 6, 28)))
