"""Checks of a claim document's file against its checklist line, free of the ORM.

Errors are ``(code, params)`` pairs; the models turn them into translated
messages.
"""

# Content signatures of the formats whose type can be told from the first bytes:
# a file named ``.pdf`` must really be a PDF, and so on.
SIGNATURES = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
}


def parse_formats(formats):
    """``"PDF, .jpg;png"`` -> ``("pdf", "jpg", "png")``; empty means any format."""
    if not formats:
        return ()
    parts = formats.replace(";", ",").replace(" ", ",").split(",")
    seen = []
    for part in parts:
        ext = part.strip().lstrip(".").lower()
        if ext and ext not in seen:
            seen.append(ext)
    return tuple(seen)


def extension(filename):
    """Lower-case extension of ``filename`` without the dot, or ``""``."""
    if not filename or "." not in filename:
        return ""
    return filename.rsplit(".", 1)[1].strip().lower()


def check_file(filename, content, allowed_formats, max_size_mb):
    """Return the errors of a file for a checklist line.

    :param filename: the file name as uploaded
    :param content: the raw bytes
    :param allowed_formats: string of extensions (``"pdf,jpg,png"``); empty allows any
    :param max_size_mb: limit in megabytes (MiB); 0 or empty means no limit
    """
    errors = []
    allowed = parse_formats(allowed_formats)
    ext = extension(filename)
    if allowed and ext not in allowed:
        errors.append(("format", {"extension": ext or "-", "allowed": ", ".join(allowed)}))
    elif ext in SIGNATURES and content and not content.startswith(SIGNATURES[ext]):
        errors.append(("content", {"extension": ext}))
    size = len(content or b"")
    if max_size_mb and size > max_size_mb * 1024 * 1024:
        errors.append(("size", {"size": round(size / 1024 / 1024, 1), "limit": max_size_mb}))
    return errors
