"""Checks of what arrives at an HTTP boundary (public form, portal forms), before any database work.

The controllers call ``check_form`` first: a NUL character (PostgreSQL cannot store
it), a text over its limit or a malformed email address is refused with a message
that says what to change, never stripped or cut. Upload sizes come from the
stream's end position, so a refused file is never read.
"""

import os
import re

from odoo.exceptions import UserError

NUL = "\x00"
# one @, a dotted domain of letters, digits and hyphens, no spaces, quotes or angle brackets
EMAIL_RE = re.compile(
    r"^[^@\s<>,;\"'()\[\]\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$"
)
MAX_EMAIL = 254


def has_nul(params, files=()):
    """True when a NUL character is in any form value, key or uploaded file name."""
    for key, value in params.items():
        if NUL in str(key) or (isinstance(value, str) and NUL in value):
            return True
    return any(NUL in (getattr(upload, "filename", None) or "") for upload in files)


def without_nul(params):
    """The form values with NUL characters removed, to show the refused form again (never to store)."""
    return {key: value.replace(NUL, "") if isinstance(value, str) else value for key, value in params.items()}


def email_is_valid(value):
    return bool(value) and len(value) <= MAX_EMAIL and bool(EMAIL_RE.match(value))


def upload_size(upload):
    """Size in bytes of an uploaded file (werkzeug FileStorage), without reading its content."""
    stream = upload.stream
    position = stream.tell()
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(position)
    return size


def refuse_nul(env, params, files=()):
    if has_nul(params, files):
        raise UserError(
            env._("The form contains a NUL character (\\0), which cannot be stored. Remove it and send the form again.")
        )


def checked_text(env, value, limit, label):
    """``value`` stripped; a UserError stating the limit when it is longer than ``limit`` characters."""
    value = (value or "").strip()
    if len(value) > limit:
        raise UserError(
            env._(
                "%(field)s is %(length)s characters long: at most %(limit)s characters are accepted. "
                "Shorten it and send the form again.",
                field=label,
                length=len(value),
                limit=limit,
            )
        )
    return value


def checked_email(env, value):
    value = (value or "").strip()
    if value and not email_is_valid(value):
        raise UserError(env._("%(email)s is not a valid email address.", email=value[:MAX_EMAIL]))
    return value


def check_upload_size(env, upload, max_bytes):
    """Refuse a file over ``max_bytes`` before anything reads it; returns its size."""
    size = upload_size(upload)
    if size > max_bytes:
        raise UserError(
            env._(
                "%(name)s is larger than %(size)s MB.",
                name=(upload.filename or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1],
                size=f"{max_bytes / (1024 * 1024):g}",
            )
        )
    return size
