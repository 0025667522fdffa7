"""Printing letters over HTTP as a user prints them, and reading the PDF back."""

import html
import json
import subprocess
import tempfile
import unicodedata
from urllib.parse import quote


def pdf_text(content):
    """The text of a PDF as printed (poppler's pdftotext), on one line; NFKC folds the Kangxi radicals."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        text = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", handle.name, "-"], check=True, capture_output=True, timeout=60
        ).stdout.decode()
    return " ".join(unicodedata.normalize("NFKC", text).split())


def pdf_image_count(content):
    """How many images the PDF holds (poppler's pdfimages): the letterhead's logo is one."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        listing = subprocess.run(
            ["pdfimages", "-list", handle.name], check=True, capture_output=True, timeout=60
        ).stdout.decode()
    return len(listing.splitlines()) - 2  # two header lines


class LetterHttpMixin:
    """For an ``HttpCase``: GET /report/pdf/<report>/<ids> in the session of a user."""

    # wkhtmltopdf fetches the report's stylesheet from report.url; the test server, serving the report
    # under the test cursor, cannot answer it meanwhile (both would wait). A closed port refuses at once
    # and the PDF is printed without the stylesheet, which the text read back does not need.
    UNREACHABLE_REPORT_URL = "http://127.0.0.1:9"

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].set_param("report.url", self.UNREACHABLE_REPORT_URL)

    def print_letter(self, report_name, records, login):
        """The response of the report route for ``records``, printed by ``login`` (password = login).

        Odoo answers tests with HTML unless asked for the real PDF (``force_report_rendering``), which a
        client can put in the route's context parameter.
        """
        self.authenticate(login, login)
        context = quote(json.dumps({"force_report_rendering": True}))
        ids = ",".join(str(record_id) for record_id in records.ids)
        return self.url_open(f"/report/pdf/{report_name}/{ids}?context={context}", timeout=60)

    def letter_text(self, report_name, records, login):
        response = self.print_letter(report_name, records, login)
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertTrue(response.content.startswith(b"%PDF"))
        return pdf_text(response.content), response.content

    def assertLetterRefused(self, report_name, records, login, message):
        """The route refuses the letter with the UserError's message, and gives no PDF."""
        response = self.print_letter(report_name, records, login)
        self.assertEqual(response.status_code, 400)
        self.assertNotIn(b"%PDF", response.content[:10])
        self.assertIn(message, html.unescape(response.text))
