"""The QR code drawn into PDFs covers exactly the dark modules segno computes."""

from __future__ import annotations

import segno
from django.test import SimpleTestCase

from onestop.ratings.links import QR_BORDER, qr_drawing, qr_svg
from onestop.ratings.tokens import rating_token, token_read

URL = "http://127.0.0.1:8000/o/tax/rate/1.1xB0eu.1ct1EMRJPduC82_L6GMjWIPasUhlSCEbW07ICT-pVr8/"


class QrTests(SimpleTestCase):
    def test_the_pdf_drawing_is_the_matrix_module_for_module(self) -> None:
        matrix = segno.make(URL, error="m", micro=False).matrix
        count = len(matrix) + 2 * QR_BORDER
        drawing = qr_drawing(URL, size=count * 2.0)  # two points a module
        dark = set()
        for rect in drawing.contents:
            row = count - 1 - round(rect.y / 2) - QR_BORDER
            first = round(rect.x / 2) - QR_BORDER
            dark.update((row, first + i) for i in range(round(rect.width / 2)))
        expected = {
            (r, c) for r, line in enumerate(matrix) for c, v in enumerate(line) if v
        }
        self.assertEqual(dark, expected)

    def test_the_svg_is_inline_markup_with_a_quiet_zone(self) -> None:
        svg = qr_svg(URL)
        size = len(segno.make(URL, error="m", micro=False).matrix) + 2 * QR_BORDER
        self.assertTrue(svg.startswith("<svg"))
        self.assertIn(f'viewBox="0 0 {size * 4} {size * 4}"', svg)


class TokenTests(SimpleTestCase):
    def test_a_token_reads_back_and_is_the_same_each_time(self) -> None:
        from datetime import UTC, datetime

        moment = datetime(2026, 9, 28, 2, 0, 7, 123456, tzinfo=UTC)
        token = rating_token(case_id=42, received_at=moment)
        self.assertEqual(token, rating_token(case_id=42, received_at=moment))
        self.assertEqual(token_read(token), (42, int(moment.timestamp())))
        self.assertIsNone(token_read(token.replace("42.", "43.", 1)))
