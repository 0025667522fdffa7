"""Red flags of a claim, free of the ORM: the normalized keys parties are matched on, and the date rules.

Keys are normalized so that the same phone number, ID number or bank account written in different ways
gives the same string, which a btree index finds in one lookup:

* phone: the digits only, without the China country code (``+86 138-0013-8000`` -> ``13800138000``);
* ID number: letters and digits, upper case (``11010519491231002x`` -> ``11010519491231002X``);
* bank account: letters and digits, upper case, as ``res.partner.bank.sanitized_acc_number``.

Keys shorter than :data:`MIN_KEY_LENGTH` (extensions, placeholders such as ``0``) are ignored.
"""

import datetime
import re

PHONE, ID_NUMBER, BANK = "phone", "id_number", "bank"
MIN_KEY_LENGTH = 6
_NOT_DIGIT = re.compile(r"\D")
_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")


def _kept(key):
    return key if len(key) >= MIN_KEY_LENGTH else None


def phone_key(value):
    """Digits of a phone number without the China country code, or ``None``."""
    if not value:
        return None
    text = value.strip()
    digits = _NOT_DIGIT.sub("", text)
    if text.startswith("+86") or text.startswith("0086"):
        digits = digits[2:] if text.startswith("+") else digits[4:]
    elif digits.startswith("86") and len(digits) == 13:  # 86 and an 11-digit mobile number
        digits = digits[2:]
    return _kept(digits)


def id_key(value):
    """An ID number, letters and digits in upper case, or ``None``."""
    return _kept(_NOT_ALNUM.sub("", value or "").upper())


def bank_key(value):
    """A bank account number, letters and digits in upper case, or ``None``."""
    return _kept(_NOT_ALNUM.sub("", value or "").upper())


def party_keys(phones=(), id_numbers=(), bank_accounts=()):
    """The set of ``(kind, key)`` of one party."""
    keys = {(PHONE, phone_key(value)) for value in phones}
    keys |= {(ID_NUMBER, id_key(value)) for value in id_numbers}
    keys |= {(BANK, bank_key(value)) for value in bank_accounts}
    return {(kind, key) for kind, key in keys if key}


def is_early_loss(loss_day, policy_start, days):
    """Whether the loss falls within ``days`` days of the policy start: the start day is day 1.

    With 30 days, a policy starting on 1 June flags losses from 1 to 30 June, not 1 July.
    """
    if not (loss_day and policy_start and days and days > 0):
        return False
    return policy_start <= loss_day < policy_start + datetime.timedelta(days=days)


def repeat_window(loss_day, days):
    """``(first, last)`` local days of the window of ``days`` days before and after a loss, both included."""
    span = datetime.timedelta(days=days)
    return loss_day - span, loss_day + span


__all__ = [
    "BANK",
    "ID_NUMBER",
    "MIN_KEY_LENGTH",
    "PHONE",
    "bank_key",
    "id_key",
    "is_early_loss",
    "party_keys",
    "phone_key",
    "repeat_window",
]
