"""The documents a window hands out: printable pages and PDFs of the frozen facts.

Calendar facts as in ``circulation/tests/test_whole_case.py``: accepted on
Monday 28 September 2026, ten working days run to Friday 16 October 17:30
(National Day holiday 1–7 October; Saturday 10 October is a make-up day).
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from typing import Any
from zoneinfo import ZoneInfo

from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from onestop.cases.models import Case, CaseDocument, DocumentKind, Outcome
from onestop.cases.testing import APPLICANT, CaseTestCase, all_received
from onestop.catalog.services import item_record_version
from onestop.circulation.services import case_act
from onestop.common.testing import make_item
from onestop.intake.checks import MaterialCheck
from onestop.intake.pdf import moment, owed_problem
from onestop.intake.services import Decision, case_intake, case_supplement

SH = ZoneInfo("Asia/Shanghai")
FULL_ID, MASKED_ID = "91350100M000100Y43", "913501********0Y43"
FULL_PHONE, MASKED_PHONE = "13812345678", "138****5678"

COMPLETE = [
    MaterialCheck(position=1, received=True, form="original", count=1),
    MaterialCheck(position=2, received=True, form="original", count=1),
    MaterialCheck(position=3, received=True, form="copy", count=2),
]
NOTICE_CHECKS = [
    MaterialCheck(position=1, received=False),
    MaterialCheck(
        position=2,
        received=True,
        form="original",
        count=1,
        defective=True,
        defect_reason="证件已过期",
    ),
    MaterialCheck(position=3, received=True, form="copy", count=1),
]
OWED = ["注销税务登记申请表", "经办人身份证件", "清税证明"]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def shown(iso: str) -> str:
    """A frozen moment as the Chinese page and PDF write it."""
    with translation.override("zh-hans"):
        return moment(iso)


def pdf_text(response: Any) -> str:
    """All the PDF's text, with line breaks and spaces taken out (CJK wraps anywhere)."""
    reader = PdfReader(BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    return "".join(text.split())


class DocumentTestCase(CaseTestCase):
    def intake(self, outcome: str, checks: Any = None, **extra: Any) -> Case:
        return case_intake(
            actor=self.tax_clerk,
            organisation=self.tax,
            item_code=extra.pop("item_code", "DJ-ZX"),
            channel="counter",
            applicant=APPLICANT,
            checks=COMPLETE if checks is None else checks,
            outcome=outcome,
            now=extra.pop("now", at("2026-09-28 10:00")),
            **extra,
        )

    def page(self, document: CaseDocument, user: Any = None) -> Any:
        self.login(user or self.tax_clerk)
        return self.client.get(
            reverse("staff:document", args=[document.case.number, document.number])
        )

    def pdf(self, document: CaseDocument, user: Any = None) -> Any:
        self.login(user or self.tax_clerk)
        return self.client.get(
            reverse("staff:document_pdf", args=[document.case.number, document.number])
        )

    def assert_shows(self, document: CaseDocument, facts: list[str]) -> str:
        """The page and the PDF both state ``facts``; neither gives the full ID or phone."""
        page = self.page(document)
        self.assertEqual(page.status_code, 200)
        text = pdf_text(self.pdf(document))
        for fact in [document.case.number, document.number, MASKED_PHONE, *facts]:
            with self.subTest(fact=fact):
                self.assertContains(page, fact)
                self.assertIn("".join(fact.split()), text)
        for secret in (FULL_ID, FULL_PHONE):
            self.assertNotContains(page, secret)
            self.assertNotIn(secret, text)
        self.assertContains(page, MASKED_ID)
        self.assertIn(MASKED_ID, text)
        return text


class DocumentPageTests(DocumentTestCase):
    def test_receipt_states_materials_due_time_and_pickup(self) -> None:
        case = self.intake(Outcome.ACCEPTED)
        receipt = case.documents.get(kind=DocumentKind.RECEIPT)
        self.assertEqual(receipt.content["due_at"][:16], "2026-10-16T17:30")
        due = shown(receipt.content["due_at"])
        text = self.assert_shows(
            receipt,
            [
                "受理通知书",
                "注销税务登记",
                *OWED,
                due,
                receipt.content["pickup"]["note"],
            ],
        )
        self.assertTrue(text.startswith("城东税务局办税服务厅受理通知书"))

    def test_receipt_due_time_is_written_out_in_english(self) -> None:
        case = self.intake(Outcome.ACCEPTED)
        receipt = case.documents.get(kind=DocumentKind.RECEIPT)
        self.login(self.tax_clerk)
        url = reverse("staff:document", args=[case.number, receipt.number])
        response = self.client.get(url, HTTP_ACCEPT_LANGUAGE="en")
        self.assertContains(response, "2026-10-16 17:30")
        self.assertContains(response, "Download PDF")

    def test_one_time_notice_lists_every_owed_material_with_its_problem(self) -> None:
        case = self.intake(Outcome.NOTICE, NOTICE_CHECKS, now=at("2026-09-25 15:00"))
        notice = case.documents.get(kind=DocumentKind.NOTICE)
        with translation.override("zh-hans"):
            problems = [owed_problem(owed) for owed in notice.content["owed"]]
        self.assertEqual(len(set(problems)), 3)  # missing, defective, copies short
        self.assertIn("证件已过期", problems[1])
        self.assertIn("1", notice.content["owed"][2]["reason"])  # 1 of 2 copies
        self.assert_shows(notice, ["一次性告知书", *OWED, *problems])
        page = self.page(notice)
        self.assertEqual(page.content.decode().count("<tr><td>"), 3)
        self.assertContains(page, "已办理清税的")  # the condition of the clearance
        self.assertNotContains(page, 'data-fact="justification"')

    def test_further_notice_states_its_recorded_justification(self) -> None:
        case = self.intake(Outcome.NOTICE, NOTICE_CHECKS, now=at("2026-09-25 15:00"))
        case = case_supplement(
            actor=self.tax_clerk,
            case=case,
            expected_version=case.lock_version,
            checks=[MaterialCheck(position=1, received=True, form="original", count=1)],
            outcome=Outcome.NOTICE,
            justification="申请人当场撤回部分材料",
            now=at("2026-09-28 10:00"),
        )
        second = case.documents.filter(kind=DocumentKind.NOTICE).last()
        assert second is not None
        text = self.assert_shows(second, ["申请人当场撤回部分材料", *OWED[1:]])
        self.assertNotIn(OWED[0], text)
        self.assertContains(self.page(second), 'data-fact="justification"')

    def test_rejection_states_reason_legal_basis_and_remedies(self) -> None:
        decision = Decision(
            reason="申请事项已超过法定申请期限",
            legal_basis="《中华人民共和国行政许可法》第三十二条",
        )
        case = self.intake(Outcome.REJECTED, decision=decision)
        rejection = case.documents.get(kind=DocumentKind.REJECTION)
        remedies = rejection.content["remedies"]
        self.assertTrue(remedies)
        self.assert_shows(
            rejection,
            ["不予受理通知书", decision.reason, decision.legal_basis, remedies],
        )

    def test_referral_names_the_competent_body_and_how_to_reach_it(self) -> None:
        decision = Decision(
            competent_body="市社会保险事业管理局",
            contact="人民大街 100 号，电话 12333",
        )
        case = self.intake(Outcome.REFERRED, decision=decision)
        referral = case.documents.get(kind=DocumentKind.REFERRAL)
        self.assert_shows(
            referral, ["告知书", decision.competent_body, decision.contact]
        )

    def test_completion_slip_states_the_completion_time(self) -> None:
        make_item(self.tax, self.tax_structure, code="FP-LY", promised=None)
        case = self.intake(Outcome.ON_THE_SPOT, all_received(2), item_code="FP-LY")
        slip = case.documents.get(kind=DocumentKind.ON_THE_SPOT)
        completed = shown(slip.content["completed_at"])
        self.assert_shows(slip, ["办结单", "发票领用", "发票领用簿", completed])

    def test_extension_notice_states_days_reason_and_new_due_time(self) -> None:
        case = self.intake(Outcome.ACCEPTED)
        for actor, action, extra in (
            (self.handler, "extend_request", {"days": 5, "reason": "需补充调查"}),
            (self.tax_supervisor, "extend_approve", {}),
        ):
            case = case_act(
                actor=actor,
                case=case,
                action=action,
                expected_version=case.lock_version,
                now=at("2026-10-13 10:00"),
                **extra,
            )
        notice = case.documents.get(kind=DocumentKind.EXTENSION)
        due = shown(notice.content["extension"]["due_at"])
        self.assertEqual(notice.content["extension"]["due_at"][:16], "2026-10-23T17:30")
        self.assert_shows(notice, ["延期办理通知书", "需补充调查", due])


class DocumentAccessTests(DocumentTestCase):
    def test_pdf_is_an_attachment_named_after_the_document(self) -> None:
        receipt = self.intake(Outcome.ACCEPTED).documents.get()
        response = self.pdf(receipt)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertEqual(
            response["Content-Disposition"],
            f'attachment; filename="{receipt.number}.pdf"',
        )
        self.assertTrue(response.content.startswith(b"%PDF"))

    def test_reprints_are_identical(self) -> None:
        receipt = self.intake(Outcome.ACCEPTED).documents.get()
        self.assertEqual(self.pdf(receipt).content, self.pdf(receipt).content)

    def test_another_organisations_staff_find_neither_page_nor_pdf(self) -> None:
        receipt = self.intake(Outcome.ACCEPTED).documents.get()
        for user in (self.uni_clerk, self.uni_admin):
            with self.subTest(user=user.username):
                self.assertEqual(self.page(receipt, user).status_code, 404)
                self.assertEqual(self.pdf(receipt, user).status_code, 404)

    def test_a_document_of_another_case_is_not_found(self) -> None:
        first = self.intake(Outcome.ACCEPTED)
        other = self.intake(Outcome.ACCEPTED).documents.get()
        self.login(self.tax_clerk)
        for name in ("staff:document", "staff:document_pdf"):
            with self.subTest(route=name):
                url = reverse(name, args=[first.number, other.number])
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_signed_out_visitors_are_sent_to_sign_in(self) -> None:
        receipt = self.intake(Outcome.ACCEPTED).documents.get()
        url = reverse("staff:document_pdf", args=[receipt.case.number, receipt.number])
        response = self.client.get(url)
        self.assertEqual(response.status_code, 302)
        self.assertIn(reverse("login"), response["Location"])

    def test_old_document_keeps_the_item_name_it_was_issued_with(self) -> None:
        receipt = self.intake(Outcome.ACCEPTED).documents.get()
        self.item.name = "注销税务登记（简易注销）"
        self.item.save(update_fields=["name"])
        self.assertIsNotNone(item_record_version(item=self.item, actor=None))
        page = self.page(receipt)
        self.assertContains(page, "注销税务登记")
        self.assertNotContains(page, "简易注销")
        self.assertNotIn("简易注销", pdf_text(self.pdf(receipt)))


class DocumentDateTests(DocumentTestCase):
    def test_moments_are_written_in_local_time(self) -> None:
        with translation.override("en"):
            self.assertEqual(moment("2026-10-16T09:30:00+00:00"), "2026-10-16 17:30")
            self.assertEqual(moment(None), "")
