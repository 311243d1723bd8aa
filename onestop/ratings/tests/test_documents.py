"""The receipt and the completion slip invite a rating: link and QR code, page and PDF."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.urls import reverse
from pypdf import PdfReader

from onestop.cases.models import CaseDocument, DocumentKind
from onestop.circulation.services import case_act
from onestop.notifications.sms import LocmemBackend
from onestop.ratings.links import qr_svg, rating_url
from onestop.ratings.testing import RatingTestCase, at


def pdf_text(content: bytes) -> str:
    """The PDF's text without spaces or line breaks (a long link wraps anywhere)."""
    reader = PdfReader(BytesIO(content))
    return "".join("".join(page.extract_text() for page in reader.pages).split())


class InvitationTests(RatingTestCase):
    def document(self, case: Any, kind: str) -> CaseDocument:
        return case.documents.get(kind=kind)

    def page(self, document: CaseDocument) -> Any:
        self.login(self.tax_clerk)
        return self.client.get(
            reverse("staff:document", args=[document.case.number, document.number])
        )

    def pdf(self, document: CaseDocument) -> bytes:
        self.login(self.tax_clerk)
        return self.client.get(
            reverse("staff:document_pdf", args=[document.case.number, document.number])
        ).content

    def test_the_receipt_page_and_pdf_carry_the_link_and_its_qr_code(self) -> None:
        case = self.accepted("2026-09-28 10:00")
        receipt = self.document(case, DocumentKind.RECEIPT)
        url = rating_url(case)
        page = self.page(receipt)
        self.assertContains(page, url)
        self.assertContains(page, qr_svg(url))
        self.assertIn(url, pdf_text(self.pdf(receipt)))

    def test_the_completion_slip_carries_it_too(self) -> None:
        case = self.on_the_spot("2026-09-28 10:00")
        slip = self.document(case, DocumentKind.ON_THE_SPOT)
        self.assertContains(self.page(slip), rating_url(case))
        self.assertIn(rating_url(case), pdf_text(self.pdf(slip)))

    def test_a_reprint_is_identical_and_other_documents_invite_nothing(self) -> None:
        case = self.accepted("2026-09-28 10:00")
        receipt = self.document(case, DocumentKind.RECEIPT)
        self.assertEqual(self.pdf(receipt), self.pdf(receipt))
        rejected = self.rejected("2026-09-28 11:00")
        rejection = self.document(rejected, DocumentKind.REJECTION)
        self.assertNotContains(self.page(rejection), "/rate/")
        self.assertNotIn("/rate/", pdf_text(self.pdf(rejection)))

    def test_the_completion_sms_carries_the_link(self) -> None:
        case = self.accepted("2026-09-28 10:00")
        LocmemBackend.outbox.clear()
        for action in ("approve", "complete"):
            with self.captureOnCommitCallbacks(execute=True):
                case = case_act(
                    actor=self.handler,
                    case=case,
                    action=action,
                    expected_version=case.lock_version,
                    now=at("2026-09-30 10:00"),
                )
        [sms] = LocmemBackend.outbox
        self.assertIn(case.number, sms["text"])
        self.assertIn(rating_url(case, via="sms"), sms["text"])
