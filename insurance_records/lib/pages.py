"""Page counts of the documents of a file (no ORM)."""

import io
import logging

from PyPDF2 import PdfReader
from PyPDF2.errors import PdfReadError

_logger = logging.getLogger(__name__)

PDF_MIMETYPES = ("application/pdf",)


def page_count(content, mimetype):
    """The number of pages of a document: a PDF's real page count, 1 for anything else.

    An unreadable or encrypted PDF counts as 1 page rather than stopping the filing of a whole batch.
    """
    if not content or mimetype not in PDF_MIMETYPES:
        return 1
    try:
        return max(len(PdfReader(io.BytesIO(content), strict=False).pages), 1)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        _logger.info("Cannot count the pages of a PDF (%s): counted as 1", error)
        return 1


def retention_end(closed, years):
    """The day the retention of a file closed on ``closed`` ends (``None`` for a permanent file)."""
    if years is None:
        return None
    try:
        return closed.replace(year=closed.year + years)
    except ValueError:  # 29 February
        return closed.replace(year=closed.year + years, day=28)
