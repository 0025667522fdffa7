import datetime
import io

from PyPDF2 import PdfWriter

from odoo.tests import BaseCase, tagged

from ..lib import pages


def pdf(n):
    writer = PdfWriter()
    for _i in range(n):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@tagged("standard", "at_install")
class TestPages(BaseCase):
    def test_pdf_pages_are_counted(self):
        self.assertEqual(pages.page_count(pdf(3), "application/pdf"), 3)
        self.assertEqual(pages.page_count(pdf(1), "application/pdf"), 1)

    def test_other_files_and_broken_pdfs_count_one(self):
        self.assertEqual(pages.page_count(b"\x89PNG....", "image/png"), 1)
        self.assertEqual(pages.page_count(b"not a pdf", "application/pdf"), 1)
        self.assertEqual(pages.page_count(b"", "application/pdf"), 1)

    def test_retention_end(self):
        self.assertEqual(pages.retention_end(datetime.date(2016, 3, 1), 10), datetime.date(2026, 3, 1))
        self.assertEqual(pages.retention_end(datetime.date(2024, 2, 29), 1), datetime.date(2025, 2, 28))
        self.assertIsNone(pages.retention_end(datetime.date(2024, 2, 29), None))
